#include "pack/wordlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/wire.h"
#include "pack/letters.h"

/* Debian's ngerman is 4.7 MB; a list many times that is not a word list. */
#define WORDLIST_MAX_FILE (64u << 20)
#define WORDLIST_MAX_WORD 100 /* letters, as the hyphenator's words */

/* Words that the list holds but that end a German word as a suffix far more
 * often than as a part of a compound ("interkultur|ellen", "Studi|erende"). */
static const char *const not_a_part[] = {
	"artig", "elle", "ellen", "ende", "enden", "ente", "enten", "innen", "ion",
	"ionen", "ist",  "itt",   "ler",  "lern",  "rin",  "ung",   "ungen",
};

struct wordlist {
	char *text;      /* the file, each word lower-cased and NUL-terminated */
	uint32_t *slots; /* open addressing: offset + 1 into text, 0 = empty */
	size_t mask;
};

static uint32_t hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Lower-cases word[0..n) into out as UTF-8; returns the length, 0 if too long. */
static size_t lower_utf8(const uint32_t *word, size_t n, char *out, size_t size)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		if (len + 4 >= size)
			return 0;
		len += letters_encode(letters_lower(word[i]), out + len);
	}
	out[len] = 0;
	return len;
}

static bool has_utf8(const struct wordlist *w, const char *key, size_t n)
{
	for (size_t i = hash(key, n) & w->mask; w->slots[i]; i = (i + 1) & w->mask) {
		const char *s = w->text + w->slots[i] - 1;

		if (strncmp(s, key, n) == 0 && s[n] == 0)
			return true;
	}
	return false;
}

static void insert(struct wordlist *w, size_t offset, size_t n)
{
	const char *s = w->text + offset;
	size_t i = hash(s, n) & w->mask;

	for (; w->slots[i]; i = (i + 1) & w->mask)
		if (strcmp(w->text + w->slots[i] - 1, s) == 0)
			return; /* "Arbeit" and "arbeit" are one word here */
	w->slots[i] = (uint32_t)offset + 1;
}

/* Whether a line of the list is an abbreviation: two or more letters, all capitals. */
static bool is_abbreviation(const char *line, size_t len)
{
	size_t upper = 0;

	for (size_t k = 0; k < len;) {
		uint32_t cp;

		k += letters_decode((const unsigned char *)line + k, &cp);
		if (letters_is_letter(cp) && !letters_is_upper(cp))
			return false;
		upper += letters_is_upper(cp);
	}
	return upper > 1;
}

struct wordlist *wordlist_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct wordlist *w = calloc(1, sizeof(*w));
	size_t size = 0, words = 0, slots = 1024;

	if (!f || !w)
		goto out_free;
	w->text = malloc(WORDLIST_MAX_FILE + 1);
	if (!w->text)
		goto out_free;
	size = fread(w->text, 1, WORDLIST_MAX_FILE + 1, f);
	if (ferror(f) || size > WORDLIST_MAX_FILE || !wire_utf8_valid(w->text, size))
		goto out_free;
	w->text[size] = 0;
	for (size_t i = 0; i < size; i++)
		words += w->text[i] == '\n';
	while (slots < 2 * (words + 1))
		slots *= 2;
	w->slots = calloc(slots, sizeof(*w->slots));
	if (!w->slots)
		goto out_free;
	w->mask = slots - 1;
	for (size_t i = 0; i < size;) {
		char *line = w->text + i, *nl = memchr(line, '\n', size - i);
		size_t len = nl ? (size_t)(nl - line) : size - i, o = 0;
		bool abbreviation;

		i += len + (nl != NULL);
		line[len] = 0;
		abbreviation = is_abbreviation(line, len);
		/* lower-case in place: a lower-case letter is never longer in UTF-8 */
		for (size_t k = 0; k < len;) {
			uint32_t cp;

			k += letters_decode((const unsigned char *)line + k, &cp);
			o += letters_encode(letters_lower(cp), line + o);
		}
		while (o > 0 && (line[o - 1] == '\r' || line[o - 1] == ' '))
			o--;
		line[o] = 0;
		/* abbreviations ("EUR", "NRW") are not parts: "Eur|opa" */
		if (o > 0 && !abbreviation)
			insert(w, (size_t)(line - w->text), o);
	}
	fclose(f);
	return w;
out_free:
	if (f)
		fclose(f);
	wordlist_free(w);
	return NULL;
}

void wordlist_free(struct wordlist *w)
{
	if (!w)
		return;
	free(w->text);
	free(w->slots);
	free(w);
}

bool wordlist_has(const struct wordlist *w, const uint32_t *word, size_t n)
{
	char key[WORDLIST_MAX_WORD * 4 + 1];
	size_t len = lower_utf8(word, n, key, sizeof(key));

	return len > 0 && has_utf8(w, key, len);
}

/* Whether a part may carry this linking element: "n" follows an "e"
 * ("Straße|n|bahn"), "s", "es" and "en" follow a consonant ("Arbeit|s|amt",
 * "Frau|en|film"); so "Maß|nahmen" is not "Maßn|ahmen". */
static bool links(const char *stem, size_t len, const char *linking)
{
	char last = len ? stem[len - 1] : 0;

	if (strcmp(linking, "n") == 0)
		return last == 'e';
	return last != 'e' && last != 's' && !(len >= 2 && !memcmp(stem + len - 2, "\xc3\x9f", 2));
}

static bool is_part(const struct wordlist *w, const uint32_t *word, size_t n, bool last)
{
	static const char *const linking[] = { "s", "es", "n", "en" };
	char key[WORDLIST_MAX_WORD * 4 + 1];
	size_t len = lower_utf8(word, n, key, sizeof(key));

	if (len == 0 || n < WORDLIST_PART_MIN)
		return false;
	for (size_t i = 0; i < sizeof(not_a_part) / sizeof(not_a_part[0]); i++)
		if (strcmp(key, not_a_part[i]) == 0)
			return false;
	if (has_utf8(w, key, len))
		return true;
	if (last)
		return false;
	for (size_t i = 0; i < sizeof(linking) / sizeof(linking[0]); i++) {
		size_t k = strlen(linking[i]);

		if (len > k && n - k >= WORDLIST_PART_MIN &&
		    strcmp(key + len - k, linking[i]) == 0 && links(key, len - k, linking[i]) &&
		    has_utf8(w, key, len - k))
			return true;
	}
	return false;
}

size_t wordlist_split(const struct wordlist *w, const uint32_t *word, size_t n, bool *joints)
{
	/* parts[i]: fewest parts for word[0..i), 0 = none; from[i]: where its last
	 * part starts */
	unsigned char parts[WORDLIST_MAX_WORD + 1];
	unsigned char from[WORDLIST_MAX_WORD + 1];

	memset(joints, 0, n);
	if (!w || n > WORDLIST_MAX_WORD || n < 2 * WORDLIST_PART_MIN)
		return 1;
	memset(parts, 0, sizeof(parts));
	for (size_t i = WORDLIST_PART_MIN; i <= n; i++) {
		/* fewest parts; among those the longest earlier parts: "Arbeits|amt",
		 * not "Arbeit|samt" (the linking "s" belongs to the part before) */
		for (size_t j = 0; j + WORDLIST_PART_MIN <= i; j++) {
			if (j > 0 && (j < WORDLIST_PART_MIN || parts[j] == 0))
				continue;
			if (parts[i] && parts[i] < (j ? parts[j] : 0) + 1)
				continue;
			if (i == n && j == 0)
				continue; /* the whole word is not a split */
			if (!is_part(w, word + j, i - j, i == n))
				continue;
			parts[i] = (unsigned char)((j ? parts[j] : 0) + 1);
			from[i] = (unsigned char)j;
		}
	}
	if (parts[n] < 2)
		return 1;
	for (size_t i = n; i > 0 && from[i] > 0; i = from[i])
		joints[from[i] - 1] = true;
	return parts[n];
}
