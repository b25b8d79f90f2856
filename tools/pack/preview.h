/* preview: the pieces of `foyer-pack preview DIR -o SHEET.png [--size WxH,...]`.
 * main.c builds DIR as `build` does (same checks, same cache) into a bundle in a
 * temporary folder; this file says which page each warning concerns and has the
 * kiosk draw the sheet (`foyer --sheet`, src/sheet.h), so the preview is drawn by
 * the very code that draws the kiosk's screen. */
#ifndef FOYER_PACK_PREVIEW_H
#define FOYER_PACK_PREVIEW_H

#include <stddef.h>
#include <stdio.h>

#include "pack/report.h"

/* The kiosk's two mountings, always on the sheet; --size adds more. */
#define PREVIEW_SIZES "1920x1080,1080x1920"

/* Writes the warnings of r (messages "path[:line]: warning: text" about files
 * of the content folder dir) as the sheet's notes, "PAGE<TAB>LANG<TAB>text":
 * pages/ID/LANG.md belongs to page ID in LANG; a picture to every page whose
 * Markdown names it, in that page's language; anything else ("*", "*") to the
 * whole content.  The text keeps the place, relative to dir.  0, or -1 on a
 * write error. */
int preview_notes(const char *dir, const struct report *r, FILE *out);

/* The kiosk's sizes plus the extra ones ("WxH,WxH", may be NULL), each once,
 * into buf.  False when they do not fit. */
int preview_sizes(const char *extra, char *buf, size_t size);

/* Runs foyer (the one beside this program, else the first on PATH) to draw
 * bundle with the notes at sizes into out.  Returns 0, or -1 after a message
 * on err (the kiosk's own messages go to err as they come). */
int preview_draw(const char *bundle, const char *notes, const char *sizes, const char *out,
		 FILE *err);

#endif
