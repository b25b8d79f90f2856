/* hyphenate: marks allowed line-break points in running text with U+00AD SOFT
 * HYPHEN, using libhyphen and Debian's hyphen-* pattern dictionaries, so the kiosk
 * can break "Kooperationsbeziehungen" without knowing any language. */
#ifndef FOYER_PACK_HYPHENATE_H
#define FOYER_PACK_HYPHENATE_H

#include "pack/arena.h"

struct hyphenator;
struct report;

/* Loads the dictionary for a two-letter language ("de", "en") from dir (NULL: the
 * FOYER_HYPHEN_DIR environment variable, else /usr/share/hyphen).  Returns NULL
 * when none is installed; free with hyphenator_free(). */
struct hyphenator *hyphenator_load(const char *lang, const char *dir);
void hyphenator_free(struct hyphenator *h);

/* Reads an editor's exceptions file (hyphenation/LANG.txt in a content folder): one
 * word a line with '-' where it may break ("Pro-jekt-ar-beit"; no '-' means never
 * break it), blank lines and '#' comments.  Listed words, in any case, break only
 * there, whatever their length.  Every bad line is reported as path:line; returns
 * -1 if there was one.  Replaces the exceptions read before. */
int hyphenator_load_exceptions(struct hyphenator *h, const char *path, struct report *r);
/* The same for the file's text already in memory (size bytes; path names it in
 * messages). */
int hyphenator_read_exceptions(struct hyphenator *h, const char *path, const char *text,
			       size_t size, struct report *r);

/* Returns text with soft hyphens inserted (allocated in arena).  Words shorter than
 * 6 letters (unless listed as exceptions), words with digits, and existing soft
 * hyphens are left alone; h may be NULL (text copied unchanged). */
char *hyphenator_apply(struct hyphenator *h, struct arena *a, const char *text);

#endif
