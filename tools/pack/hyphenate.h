/* hyphenate: marks allowed line-break points in running text, so the kiosk can
 * break "Kooperationsbeziehungen" without knowing any language:
 *   U+00AD SOFT HYPHEN          a break inside a word part (libhyphen and Debian's
 *                               hyphen-* patterns),
 *   U+00AD U+034F (joiner)      a break where a compound's parts join (Debian's
 *                               word list splits the word): the preferred one,
 *   U+00A0 NO-BREAK SPACE       between the words of a listed name,
 *   U+200B ZERO WIDTH SPACE     after '/' and '.' in a web address (no hyphen).
 * Names from the exceptions file and, on English pages, capitalised words that
 * are not English are never broken. */
#ifndef FOYER_PACK_HYPHENATE_H
#define FOYER_PACK_HYPHENATE_H

#include <stdbool.h>

#include "pack/arena.h"

struct hyphenator;
struct report;

/* Loads the dictionary for a two-letter language ("de", "en") from dir (NULL: the
 * FOYER_HYPHEN_DIR environment variable, else /usr/share/hyphen).  Returns NULL
 * when none is installed; free with hyphenator_free(). */
struct hyphenator *hyphenator_load(const char *lang, const char *dir);
/* Whether the language's word list (FOYER_WORDS_DIR, else /usr/share/dict) was
 * found: without it there are no compound joints and no foreign-name check. */
bool hyphenator_has_words(const struct hyphenator *h);
/* Only words of at least min_word letters are broken, keeping at least left
 * letters before and right letters after every break (and inside every part of
 * a compound).  Defaults: 6, 3, 3. */
void hyphenator_set_limits(struct hyphenator *h, unsigned min_word, unsigned left, unsigned right);
/* The same through foyer-pack's cache (c may be NULL): the dictionary's tables
 * come from it when it has them (pack/hyphdict.h). */
struct cache;
struct hyphenator *hyphenator_load_cached(const char *lang, const char *dir, struct cache *c);
void hyphenator_free(struct hyphenator *h);

/* Reads an editor's exceptions file (hyphenation/LANG.txt in a content folder): one
 * word a line with '-' where it may break and '=' where compound parts join
 * ("Pro-jekt=ar-beit"; neither means never break it), or a name of several words
 * or with '/' ("Signal Iduna Park", "HMKV/Hartware") that is kept whole on one
 * line; blank lines and '#' comments.  Listed words, in any case, break only
 * there, whatever their length.  Every bad line is reported as path:line; returns
 * -1 if there was one.  Replaces the exceptions read before. */
int hyphenator_load_exceptions(struct hyphenator *h, const char *path, struct report *r);
/* The same for the file's text already in memory (size bytes; path names it in
 * messages). */
int hyphenator_read_exceptions(struct hyphenator *h, const char *path, const char *text,
			       size_t size, struct report *r);

/* Returns text with the marks above inserted (allocated in arena).  Words shorter
 * than the minimum (unless listed as exceptions), words with digits, and existing
 * soft hyphens are left alone; h may be NULL (text copied unchanged). */
char *hyphenator_apply(struct hyphenator *h, struct arena *a, const char *text);

#endif
