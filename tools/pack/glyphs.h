/* glyphs: which characters the kiosk's bundled fonts can draw.  Every character of
 * every page is checked at pack time (FreeType reads the fonts' character maps),
 * so a visitor never sees an empty box where an editor typed an emoji or a word in
 * a script the fonts lack; the editor gets path:line and the character instead. */
#ifndef FOYER_PACK_GLYPHS_H
#define FOYER_PACK_GLYPHS_H

#include <stddef.h>
#include <stdint.h>

#include "pack/report.h"

struct glyphs;

/* Opens a checker over TrueType bytes (borrowed: they must outlive it).  NULL
 * when FreeType cannot read them. */
struct glyphs *glyphs_open(const uint8_t *font, size_t size);
void glyphs_close(struct glyphs *g);

/* Reports, as path:line errors, the characters of UTF-8 text[0..size) that the
 * font lacks (line numbers counted from first_line at text[0]).  Control
 * characters other than tab and newline are left to the callers' own checks.
 * At most a few lines are reported per call, then how many more there are.
 * Returns the number of characters missing. */
size_t glyphs_check(struct glyphs *g, const char *path, unsigned first_line, const char *text,
		    size_t size, struct report *r);

#endif
