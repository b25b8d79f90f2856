/* sheet: the editors' preview (foyer --sheet, run by foyer-pack preview).  Every
 * page of a bundle in each of its languages at each kiosk size, drawn by the app
 * through the same output path as the device (headless.h), scaled down to
 * thumbnails of one height on one picture: a row per page (start page first),
 * its id and title, then the languages side by side, each at every size.
 *
 * Warnings come from a notes file, one per line, "PAGE<TAB>LANG<TAB>text": PAGE
 * a page id, or "*" for the whole content; LANG a language code, or "*" for all
 * of the page's.  Each is numbered; a thumbnail it concerns gets a frame in
 * SHEET_MARK_RGB and a badge with the number, and the row lists the numbers
 * with their texts: the number, not the colour alone, says which is which. */
#ifndef FOYER_SHEET_H
#define FOYER_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "app.h"
#include "args.h"
#include "logger.h"

/* Thumbnail height: a 1920x1080 page becomes 427x240, its headings still
 * readable, and a row of DE and EN at two sizes fits a laptop screen's width. */
#define SHEET_THUMB_H 240
/* The frame around a thumbnail with a warning (and its badges): a signal
 * orange no kiosk theme uses for a whole frame. */
#define SHEET_MARK_RGB 0xe0, 0x4e, 0x0b

struct sheet_options {
	const char *bundle_path;
	const int (*sizes)[2]; /* kiosk sizes, w x h, size_count of them */
	size_t size_count;
	const char *notes_path; /* NULL: no warnings */
	/* the kiosk's options (panel, text size, contrast); its bundle_path is
	 * replaced by the one above */
	const struct app_options *app;
};

struct sheet;

/* Draws the sheet.  NULL on failure with why filled (a broken bundle, an
 * unreadable notes file, no memory).  Free with sheet_free(). */
struct sheet *sheet_render(const struct sheet_options *o, char *why, size_t why_size);
void sheet_free(struct sheet *s);

/* The picture, RGBA32; lives until sheet_free(). */
SDL_Surface *sheet_surface(const struct sheet *s);
/* Where the thumbnail of page in lang at sizes[size] sits on the picture, and
 * how many warnings mark it.  False when the sheet has no such thumbnail. */
bool sheet_thumb(const struct sheet *s, const char *page, const char *lang, size_t size,
		 SDL_Rect *r, int *marks);

/* --sheet: args->sheet written as a PNG (atomically: a file of another name,
 * renamed when complete).  Returns the exit status: 0, or 2 after a message. */
int sheet_run(const struct args *args, const struct app_options *opt, const struct logger *log);

#endif
