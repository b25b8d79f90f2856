/* advice: warnings, not errors, for what an editor should look at before a
 * bundle goes out: language versions that drifted apart, pages too long for a
 * standing reader, tile titles too long for a tile, pictures shown larger than
 * they are.  The estimates use the kiosk's layout rules for its largest common
 * screen (docs/kiosk.md: 1920x1080, 32 px body type, a 34 em column, pictures at
 * most 60 % of the view high). */
#ifndef FOYER_PACK_ADVICE_H
#define FOYER_PACK_ADVICE_H

#include <stddef.h>

#include "pack/markdown.h"
#include "pack/report.h"

/* Screens of about 1000 px a visitor scrolls through before giving up. */
#define ADVICE_MAX_SCREENS 8
/* A tile title longer than this does not fit a portrait tile on one line. */
#define ADVICE_MAX_TILE_TITLE 24

/* The same page in every site language (n sources, NULL paths skipped): warns
 * when one is much longer than another or their block structure differs (the
 * language switch keeps the reading place block by block). */
void advice_languages(const struct page_source *sources, size_t n, struct report *r);

/* One page: its estimated length and its tile title. */
void advice_page(const struct page_source *src, struct report *r);

/* A picture of width x height pixels shown at path:line: warns when the kiosk
 * enlarges it so much that it looks blurred. */
void advice_picture(const char *path, unsigned line, const char *file, unsigned width,
		    unsigned height, struct report *r);

/* Not here yet: "more than two hyphenated lines in a row at any kiosk size"
 * needs the kiosk's own line breaker at pack time (being rewritten as
 * Knuth-Plass in src/layout.c); it belongs beside these once that breaker can
 * run without SDL. */

#endif
