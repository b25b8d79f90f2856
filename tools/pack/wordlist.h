/* wordlist: a language's word list from Debian (wngerman's /usr/share/dict/ngerman,
 * wbritish's british-english), for two questions the hyphenation patterns cannot
 * answer: where a German compound joins its parts ("Projekt|arbeit", which the
 * patterns break as "Projektar-beit"), and whether a capitalised word on an
 * English page is English at all ("Konzerthaus" is a name there, not a word to
 * break). */
#ifndef FOYER_PACK_WORDLIST_H
#define FOYER_PACK_WORDLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Parts of a compound are at least this many letters: "Ort" in "Standort",
 * "Amt", "Tag"; two-letter "parts" are almost always a wrong split. */
#define WORDLIST_PART_MIN 3

struct wordlist;

/* Reads a word list (one UTF-8 word a line).  NULL when the file cannot be read. */
struct wordlist *wordlist_load(const char *path);
void wordlist_free(struct wordlist *w);

/* Whether word[0..n) (code points, any case) is in the list. */
bool wordlist_has(const struct wordlist *w, const uint32_t *word, size_t n);

/* Splits word[0..n) into the fewest parts that are each a listed word (the
 * parts before the last may carry a linking "s", "es", "n" or "en":
 * "Kooperation|s|beziehungen"), and sets joints[i] where a joint follows
 * letter i.  Returns the number of parts, 1 when there is no split (joints all
 * false). */
size_t wordlist_split(const struct wordlist *w, const uint32_t *word, size_t n, bool *joints);

#endif
