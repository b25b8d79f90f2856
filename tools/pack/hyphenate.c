#include "pack/hyphenate.h"

#include <errno.h>
#include <hyphen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/wire.h"
#include "pack/report.h"

#define HYPH_MAX_WORD 100 /* letters; longer "words" are not words */
#define HYPH_MIN_WORD 6
/* Keep at least 2 letters before and 3 after a break (DIN 5008 style readability). */
#define HYPH_LEFT_MIN 2
#define HYPH_RIGHT_MIN 3

#define HYPH_MAX_EXCEPTION_FILE (1u << 20)

/* One word of an exceptions file: its letters in lower case and where it breaks. */
struct hyph_exception {
	uint32_t word[HYPH_MAX_WORD];
	bool breaks[HYPH_MAX_WORD];
	size_t n;
	unsigned line; /* in the exceptions file, for "already on line N" */
};

struct hyphenator {
	HyphenDict *dict;
	struct arena a;                    /* the exceptions */
	struct hyph_exception *exceptions; /* sorted by word once loaded */
	size_t nexceptions, cap;
};

static const struct {
	const char *lang;
	const char *file;
} dictionaries[] = {
	{ "de", "hyph_de_DE.dic" },
	{ "en", "hyph_en_US.dic" },
};

struct hyphenator *hyphenator_load(const char *lang, const char *dir)
{
	if (!dir)
		dir = getenv("FOYER_HYPHEN_DIR");
	if (!dir)
		dir = "/usr/share/hyphen";
	for (size_t i = 0; i < sizeof(dictionaries) / sizeof(dictionaries[0]); i++) {
		if (strcmp(dictionaries[i].lang, lang) != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, dictionaries[i].file);
		HyphenDict *d = hnj_hyphen_load(path);
		if (!d)
			return NULL;
		struct hyphenator *h = calloc(1, sizeof(*h));
		if (!h) {
			hnj_hyphen_free(d);
			return NULL;
		}
		h->dict = d;
		return h;
	}
	return NULL;
}

void hyphenator_free(struct hyphenator *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	arena_release(&h->a);
	free(h);
}

/* Decodes one UTF-8 code point (input already validated); returns its length. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0) {
		*cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		return 3;
	}
	*cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	      (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return 4;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Letters as far as the dictionaries are concerned: Latin letters incl. Latin-1. */
static bool is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xc0 && cp <= 0x24f && cp != 0xd7 && cp != 0xf7);
}

static uint32_t lower(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7))
		return cp + 0x20;
	return cp;
}

static int exception_cmp(const void *a, const void *b)
{
	const struct hyph_exception *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	for (size_t i = 0; i < n; i++)
		if (x->word[i] != y->word[i])
			return x->word[i] < y->word[i] ? -1 : 1;
	return (x->n > y->n) - (x->n < y->n);
}

/* Parses one line (no newline) into e; false with a message in why. */
static bool parse_exception(const char *line, size_t len, struct hyph_exception *e, char *why,
			    size_t why_size)
{
	const unsigned char *s = (const unsigned char *)line;
	bool after_letter = false;
	memset(e, 0, sizeof(*e));
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, &cp);
		if (cp == '-') {
			if (!after_letter) {
				snprintf(why, why_size, "a '-' must stand between two letters");
				return false;
			}
			e->breaks[e->n - 1] = true;
			after_letter = false;
		} else if (is_letter(cp)) {
			if (e->n == HYPH_MAX_WORD) {
				snprintf(why, why_size, "word longer than %d letters",
					 HYPH_MAX_WORD);
				return false;
			}
			e->word[e->n++] = lower(cp);
			after_letter = true;
		} else {
			snprintf(why, why_size, "one word a line, letters and '-' only (found %s)",
				 cp == ' ' || cp == '\t' ? "a space" : "another character");
			return false;
		}
	}
	if (e->n > 0 && !after_letter) {
		snprintf(why, why_size, "a '-' must stand between two letters");
		return false;
	}
	return true;
}

int hyphenator_load_exceptions(struct hyphenator *h, const char *path, struct report *r)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		report_error(r, path, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	char *text = malloc(HYPH_MAX_EXCEPTION_FILE + 1);
	size_t size = text ? fread(text, 1, HYPH_MAX_EXCEPTION_FILE + 1, f) : 0;
	bool bad = !text || ferror(f);
	fclose(f);
	if (bad || size > HYPH_MAX_EXCEPTION_FILE) {
		report_error(r, path, 0, bad ? "cannot read" : "larger than %u KiB",
			     HYPH_MAX_EXCEPTION_FILE >> 10);
		free(text);
		return -1;
	}
	int rc = hyphenator_read_exceptions(h, path, text, size, r);
	free(text);
	return rc;
}

int hyphenator_read_exceptions(struct hyphenator *h, const char *path, const char *text,
			       size_t size, struct report *r)
{
	size_t errors_before = r->errors;
	/* one exceptions file per language: it replaces what was read before */
	arena_release(&h->a);
	h->exceptions = NULL;
	h->nexceptions = h->cap = 0;
	if (!wire_utf8_valid(text, size) || memchr(text, 0, size)) {
		report_error(r, path, 0, "not a UTF-8 text file (save it as UTF-8)");
		return -1;
	}
	unsigned line = 0;
	for (size_t i = 0; i < size;) {
		const char *start = text + i;
		const char *nl = memchr(start, '\n', size - i);
		size_t len = nl ? (size_t)(nl - start) : size - i;
		i += len + (nl != NULL);
		line++;
		while (len &&
		       (start[len - 1] == '\r' || start[len - 1] == ' ' || start[len - 1] == '\t'))
			len--;
		while (len && (*start == ' ' || *start == '\t')) {
			start++;
			len--;
		}
		if (len == 0 || *start == '#')
			continue;
		struct hyph_exception e;
		char why[128];
		if (!parse_exception(start, len, &e, why, sizeof(why))) {
			report_error(r, path, line, "%s", why);
			continue;
		}
		e.line = line;
		h->exceptions = arena_grow(&h->a, h->exceptions, h->nexceptions, &h->cap,
					   sizeof(*h->exceptions));
		h->exceptions[h->nexceptions++] = e;
	}
	if (h->nexceptions > 1) /* qsort wants a real array, even for 0 items */
		qsort(h->exceptions, h->nexceptions, sizeof(*h->exceptions), exception_cmp);
	for (size_t k = 1; k < h->nexceptions; k++)
		if (exception_cmp(&h->exceptions[k - 1], &h->exceptions[k]) == 0) {
			const struct hyph_exception *x = &h->exceptions[k - 1],
						    *y = &h->exceptions[k];
			report_error(r, path, x->line > y->line ? x->line : y->line,
				     "word already listed on line %u",
				     x->line < y->line ? x->line : y->line);
		}
	return r->errors > errors_before ? -1 : 0;
}

/* The exception for word[0..n) (any case), or NULL. */
static const struct hyph_exception *find_exception(const struct hyphenator *h, const uint32_t *word,
						   size_t n)
{
	struct hyph_exception key;
	if (h->nexceptions == 0 || n > HYPH_MAX_WORD)
		return NULL;
	key.n = n;
	for (size_t i = 0; i < n; i++)
		key.word[i] = lower(word[i]);
	return bsearch(&key, h->exceptions, h->nexceptions, sizeof(*h->exceptions), exception_cmp);
}

/* Fills breaks[i] = true where a soft hyphen may follow letter i of word[0..n). */
static void hyphenate_word(struct hyphenator *h, const uint32_t *word, size_t n, bool *breaks)
{
	memset(breaks, 0, n);
	char buf[HYPH_MAX_WORD * 4 + 1];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = lower(word[i]);
		if (h->dict->utf8) {
			len += utf8_encode(c, buf + len);
		} else {
			if (c > 0xff)
				return; /* not representable in the dictionary's Latin-1 */
			buf[len++] = (char)c;
		}
	}
	buf[len] = 0;
	char hyphens[HYPH_MAX_WORD * 4 + 5];
	memset(hyphens, 0, sizeof(hyphens));
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	if (hnj_hyphen_hyphenate3(h->dict, buf, (int)len, hyphens, NULL, &rep, &pos, &cut,
				  HYPH_LEFT_MIN, HYPH_RIGHT_MIN, HYPH_LEFT_MIN,
				  HYPH_RIGHT_MIN) == 0) {
		/* hyphens[] is indexed by character in both dictionary encodings. */
		for (size_t i = 0; i + 1 < n; i++)
			breaks[i] = (hyphens[i] & 1) && !(rep && rep[i]);
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

char *hyphenator_apply(struct hyphenator *h, struct arena *a, const char *text)
{
	size_t tlen = strlen(text);
	if (!h)
		return arena_strndup(a, text, tlen);
	/* Worst case: a soft hyphen (2 bytes) after every character. */
	char *out = arena_alloc(a, tlen * 3 + 1);
	size_t o = 0;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < tlen) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, &cp);
		if (!is_letter(cp)) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
			continue;
		}
		/* Collect one word: letters only; a digit or soft hyphen inside means skip. */
		uint32_t word[HYPH_MAX_WORD];
		size_t offs[HYPH_MAX_WORD + 1];
		size_t n = 0, j = i;
		bool plain = true;
		while (j < tlen) {
			uint32_t c;
			size_t kk = utf8_decode(s + j, &c);
			if (!is_letter(c)) {
				if ((c >= '0' && c <= '9') || c == 0xad)
					plain = false;
				break;
			}
			if (n < HYPH_MAX_WORD) {
				word[n] = c;
				offs[n] = j;
			}
			n++;
			j += kk;
		}
		bool breaks[HYPH_MAX_WORD];
		const struct hyph_exception *e = plain ? find_exception(h, word, n) : NULL;
		if (!e && (!plain || n < HYPH_MIN_WORD || n > HYPH_MAX_WORD)) {
			memcpy(out + o, s + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		offs[n] = j;
		if (e)
			memcpy(breaks, e->breaks, n);
		else
			hyphenate_word(h, word, n, breaks);
		for (size_t w = 0; w < n; w++) {
			memcpy(out + o, s + offs[w], offs[w + 1] - offs[w]);
			o += offs[w + 1] - offs[w];
			if (breaks[w]) {
				out[o++] = (char)0xc2;
				out[o++] = (char)0xad;
			}
		}
		i = j;
	}
	out[o] = 0;
	return out;
}
