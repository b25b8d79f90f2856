#include "pack/hyphenate.h"

#include <hyphen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/wire.h"
#include "pack/hyphdict.h"
#include "pack/letters.h"
#include "pack/readfile.h"
#include "pack/report.h"
#include "pack/wordlist.h"

#define HYPH_MAX_WORD 100 /* letters; longer "words" are not words */
/* The defaults for every language (site.ini [hyphenation] changes them): only
 * words of 6 letters and more, and at least 3 letters on each side of a break,
 * so no line ends in "Ge-" or starts with "-te" (the issue 12 ladders). */
#define HYPH_MIN_WORD 6
#define HYPH_LEFT_MIN 3
#define HYPH_RIGHT_MIN 3

#define HYPH_MAX_EXCEPTION_FILE (1u << 20)
#define HYPH_MAX_NAME 200 /* bytes in one name of an exceptions file */

/* Break levels in an exception and in a hyphenated word. */
enum hyph_break {
	HYPH_NONE = 0,
	HYPH_PLAIN = 1, /* inside a word part: "Kul-tur" */
	HYPH_JOINT = 2, /* where a compound's parts join: "Kultur=austausch" */
};

/* One word of an exceptions file: its letters in lower case and where it breaks. */
struct hyph_exception {
	uint32_t word[HYPH_MAX_WORD];
	unsigned char breaks[HYPH_MAX_WORD]; /* enum hyph_break after each letter */
	size_t n;
	unsigned line; /* in the exceptions file, for "already on line N" */
};

/* A name of more than one word ("Signal Iduna Park") or with a slash
 * ("HMKV/Hartware"): kept whole and on one line. */
struct hyph_name {
	const char *text; /* as written, matched exactly */
	size_t len;
	unsigned line;
};

enum hyph_words_use {
	WORDS_COMPOUNDS, /* split compounds: joints are the preferred breaks */
	WORDS_KNOWN,     /* a capitalised word not in the list is a name: never broken */
};

struct hyphenator {
	HyphenDict *dict;
	struct wordlist *words; /* NULL when the word list is not installed */
	enum hyph_words_use words_use;
	unsigned min_word, left, right;
	struct arena a;                    /* the exceptions */
	struct hyph_exception *exceptions; /* sorted by word once loaded */
	size_t nexceptions, cap;
	struct hyph_name *names;
	size_t nnames, names_cap;
};

/* Debian's reformed-spelling German patterns (hyphen-de) and its German word list
 * (wngerman); US English patterns (hyphen-en-us) and the British list (wbritish),
 * as the English pages are written in British spelling. */
static const struct {
	const char *lang;
	const char *patterns;
	const char *words;
	enum hyph_words_use use;
} dictionaries[] = {
	{ "de", "hyph_de_DE.dic", "ngerman", WORDS_COMPOUNDS },
	{ "en", "hyph_en_US.dic", "british-english", WORDS_KNOWN },
};

struct hyphenator *hyphenator_load(const char *lang, const char *dir)
{
	return hyphenator_load_cached(lang, dir, NULL);
}

struct hyphenator *hyphenator_load_cached(const char *lang, const char *dir, struct cache *c)
{
	const char *words_dir = getenv("FOYER_WORDS_DIR");

	if (!dir)
		dir = getenv("FOYER_HYPHEN_DIR");
	if (!dir)
		dir = "/usr/share/hyphen";
	if (!words_dir)
		words_dir = "/usr/share/dict";
	for (size_t i = 0; i < sizeof(dictionaries) / sizeof(dictionaries[0]); i++) {
		if (strcmp(dictionaries[i].lang, lang) != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, dictionaries[i].patterns);
		HyphenDict *d = hyphdict_load(path, c);
		if (!d)
			return NULL;
		struct hyphenator *h = calloc(1, sizeof(*h));
		if (!h) {
			hnj_hyphen_free(d);
			return NULL;
		}
		h->dict = d;
		snprintf(path, sizeof(path), "%s/%s", words_dir, dictionaries[i].words);
		h->words = wordlist_load(path);
		h->words_use = dictionaries[i].use;
		h->min_word = HYPH_MIN_WORD;
		h->left = HYPH_LEFT_MIN;
		h->right = HYPH_RIGHT_MIN;
		return h;
	}
	return NULL;
}

bool hyphenator_has_words(const struct hyphenator *h)
{
	return h && h->words;
}

void hyphenator_set_limits(struct hyphenator *h, unsigned min_word, unsigned left, unsigned right)
{
	h->min_word = min_word;
	h->left = left ? left : 1;
	h->right = right ? right : 1;
}

void hyphenator_free(struct hyphenator *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	wordlist_free(h->words);
	arena_release(&h->a);
	free(h);
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

/* Parses one word line (no newline) into e; false with a message in why. */
static bool parse_exception(const char *line, size_t len, struct hyph_exception *e, char *why,
			    size_t why_size)
{
	const unsigned char *s = (const unsigned char *)line;
	bool after_letter = false;
	memset(e, 0, sizeof(*e));
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += letters_decode(s + i, &cp);
		if (cp == '-' || cp == '=') {
			if (!after_letter) {
				snprintf(why, why_size, "a '%c' must stand between two letters",
					 (char)cp);
				return false;
			}
			e->breaks[e->n - 1] = cp == '=' ? HYPH_JOINT : HYPH_PLAIN;
			after_letter = false;
		} else if (letters_is_letter(cp)) {
			if (e->n == HYPH_MAX_WORD) {
				snprintf(why, why_size, "word longer than %d letters",
					 HYPH_MAX_WORD);
				return false;
			}
			e->word[e->n++] = letters_lower(cp);
			after_letter = true;
		} else {
			snprintf(why, why_size,
				 "a word line holds letters, '-' and '=' only (found "
				 "another character; a name with spaces or '/' is kept whole)");
			return false;
		}
	}
	if (e->n > 0 && !after_letter) {
		snprintf(why, why_size, "a '-' must stand between two letters");
		return false;
	}
	return true;
}

/* A name line: words with single spaces or '/', no control characters. */
static bool parse_name(const char *line, size_t len, char *why, size_t why_size)
{
	if (len > HYPH_MAX_NAME) {
		snprintf(why, why_size, "name longer than %d bytes", HYPH_MAX_NAME);
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c < 0x20 || c == 0x7f || (c == ' ' && i > 0 && line[i - 1] == ' ')) {
			snprintf(why, why_size, "a name is words with single spaces between them");
			return false;
		}
	}
	return true;
}

int hyphenator_load_exceptions(struct hyphenator *h, const char *path, struct report *r)
{
	char *text, why[256];
	size_t size;
	if (readfile_text(path, HYPH_MAX_EXCEPTION_FILE, &text, &size, why, sizeof(why)) != 0) {
		report_error(r, path, 0, "%s", why);
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
	h->names = NULL;
	h->nnames = h->names_cap = 0;
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
		char why[160];
		if (memchr(start, ' ', len) || memchr(start, '/', len) ||
		    memchr(start, '\t', len)) {
			if (!parse_name(start, len, why, sizeof(why))) {
				report_error(r, path, line, "%s", why);
				continue;
			}
			for (size_t k = 0; k < h->nnames; k++)
				if (h->names[k].len == len && !memcmp(h->names[k].text, start, len))
					report_error(r, path, line,
						     "name already listed on line %u",
						     h->names[k].line);
			h->names = arena_grow(&h->a, h->names, h->nnames, &h->names_cap,
					      sizeof(*h->names));
			h->names[h->nnames++] =
			    (struct hyph_name){ arena_strndup(&h->a, start, len), len, line };
			continue;
		}
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
		key.word[i] = letters_lower(word[i]);
	return bsearch(&key, h->exceptions, h->nexceptions, sizeof(*h->exceptions), exception_cmp);
}

/* Fills breaks[i] with the patterns' breaks after letter i of word[0..n). */
static void pattern_breaks(struct hyphenator *h, const uint32_t *word, size_t n,
			   unsigned char *breaks)
{
	memset(breaks, 0, n);
	char buf[HYPH_MAX_WORD * 4 + 1];
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t c = letters_lower(word[i]);
		if (h->dict->utf8) {
			len += letters_encode(c, buf + len);
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
				  (int)h->left, (int)h->right, (int)h->left, (int)h->right) == 0) {
		/* hyphens[] is indexed by character in both dictionary encodings. */
		for (size_t i = 0; i + 1 < n; i++)
			breaks[i] = (hyphens[i] & 1) && !(rep && rep[i]) ? HYPH_PLAIN : HYPH_NONE;
	}
	if (rep) {
		for (size_t i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

/* The breaks of word[0..n).  A German noun (a capital first: adjectives and
 * verbs split into false parts such as "gem|einsam") that the word list splits
 * into parts breaks at the joints, preferred, and inside each part where the
 * patterns break that part on its own: the patterns see "Baugenehmigung" as
 * "Bau-gen-eh-mi-gung" and "Projektarbeit" as "Pro-jek-tar-beit", but
 * "Genehmigung" and "Arbeit" right. */
static void hyphenate_word(struct hyphenator *h, const uint32_t *word, size_t n,
			   unsigned char *breaks)
{
	bool joints[HYPH_MAX_WORD];
	size_t start = 0;

	if (!h->words || h->words_use != WORDS_COMPOUNDS || !letters_is_upper(word[0]) ||
	    wordlist_split(h->words, word, n, joints) < 2) {
		pattern_breaks(h, word, n, breaks);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (!joints[i] && i + 1 < n)
			continue;
		/* the part [start, i] */
		pattern_breaks(h, word + start, i + 1 - start, breaks + start);
		breaks[i] =
		    joints[i] && i + 1 >= h->left && n - i - 1 >= h->right ? HYPH_JOINT : HYPH_NONE;
		start = i + 1;
	}
}

/* Whether word[0..n) must stay whole: a capitalised word on an English page that
 * the English word list does not know is a name or a German term there
 * ("Konzerthaus", "Märtin", "Dortmund's"). */
static bool is_foreign_name(const struct hyphenator *h, const uint32_t *word, size_t n)
{
	return h->words && h->words_use == WORDS_KNOWN && letters_is_upper(word[0]) &&
	       !wordlist_has(h->words, word, n);
}

static bool is_word_char(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* The name of the exceptions list that starts at text + i, or NULL. */
static const struct hyph_name *name_at(const struct hyphenator *h, const char *text, size_t i,
				       size_t tlen)
{
	if (i > 0 && is_word_char((unsigned char)text[i - 1]))
		return NULL;
	for (size_t k = 0; k < h->nnames; k++) {
		const struct hyph_name *nm = &h->names[k];

		if (nm->len <= tlen - i && memcmp(text + i, nm->text, nm->len) == 0 &&
		    (i + nm->len == tlen || !is_word_char((unsigned char)text[i + nm->len])))
			return nm;
	}
	return NULL;
}

/* Length of the web or e-mail address starting at text + i ("www.", "://" or
 * "@" inside a run without spaces), or 0. */
static size_t address_at(const char *text, size_t i, size_t tlen)
{
	size_t end = i;
	bool www, scheme = false, at = false;

	if (i > 0 && text[i - 1] != ' ' && text[i - 1] != '(' && text[i - 1] != '\n')
		return 0;
	while (end < tlen && text[end] != ' ' && text[end] != '\n' && text[end] != ')')
		end++;
	www = end - i > 4 && strncmp(text + i, "www.", 4) == 0;
	for (size_t k = i; k + 2 < end; k++)
		scheme |= text[k] == ':' && text[k + 1] == '/' && text[k + 2] == '/';
	for (size_t k = i + 1; k + 1 < end; k++)
		at |= text[k] == '@';
	return www || scheme || at ? end - i : 0;
}

#define SHY "\xc2\xad"      /* U+00AD SOFT HYPHEN: may break here, drawing "-" */
#define CGJ "\xcd\x8f"      /* U+034F after a soft hyphen: a compound joint */
#define NBSP "\xc2\xa0"     /* U+00A0: a space that never breaks */
#define ZWSP "\xe2\x80\x8b" /* U+200B: may break here, drawing nothing */

char *hyphenator_apply(struct hyphenator *h, struct arena *a, const char *text)
{
	size_t tlen = strlen(text);
	if (!h)
		return arena_strndup(a, text, tlen);
	/* Worst case: a soft hyphen and joiner (4 bytes) after every character, or a
	 * 3-byte break after every 1-byte character of an address. */
	char *out = arena_alloc(a, tlen * 5 + 1);
	size_t o = 0;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < tlen) {
		const struct hyph_name *nm = name_at(h, text, i, tlen);
		if (nm) {
			for (size_t k = 0; k < nm->len; k++) {
				if (nm->text[k] == ' ') {
					memcpy(out + o, NBSP, 2);
					o += 2;
				} else {
					out[o++] = nm->text[k];
				}
			}
			i += nm->len;
			continue;
		}
		size_t addr = address_at(text, i, tlen);
		if (addr) {
			/* an address breaks after '/' and '.', never with a hyphen */
			for (size_t k = i; k < i + addr; k++) {
				out[o++] = text[k];
				if ((text[k] == '/' || text[k] == '.') && k + 1 < i + addr &&
				    is_word_char((unsigned char)text[k + 1])) {
					memcpy(out + o, ZWSP, 3);
					o += 3;
				}
			}
			i += addr;
			continue;
		}
		uint32_t cp;
		size_t k = letters_decode(s + i, &cp);
		if (!letters_is_letter(cp)) {
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
			size_t kk = letters_decode(s + j, &c);
			if (!letters_is_letter(c)) {
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
		unsigned char breaks[HYPH_MAX_WORD];
		const struct hyph_exception *e = plain ? find_exception(h, word, n) : NULL;
		if (!e && (!plain || n < h->min_word || n > HYPH_MAX_WORD ||
			   is_foreign_name(h, word, n))) {
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
			if (breaks[w] != HYPH_NONE) {
				memcpy(out + o, SHY, 2);
				o += 2;
			}
			if (breaks[w] == HYPH_JOINT) {
				memcpy(out + o, CGJ, 2);
				o += 2;
			}
		}
		i = j;
	}
	out[o] = 0;
	return out;
}
