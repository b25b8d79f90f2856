/* headless: the kiosk without a display, for --screenshot, --replay and tests.
 * SDL's software renderer draws into a plain surface (no video driver), through
 * the same output path as the device, so a PNG of it is what the panel shows. */
#ifndef FOYER_HEADLESS_H
#define FOYER_HEADLESS_H

#include <SDL.h>

#include "app.h"
#include "args.h"
#include "logger.h"
#include "output.h"

struct headless {
	SDL_Surface *surface; /* the panel's pixels (snapshot.h) */
	SDL_Renderer *renderer;
	struct output out;
};

/* An out_w x out_h panel mounted with rotation.  Returns 0, or -1 with
 * SDL_GetError() set. */
int headless_open(struct headless *h, int out_w, int out_h, enum rotation rotation);
void headless_close(struct headless *h);

/* Draws the app as the panel shows it and writes that as a PNG.  Returns 0, or -1
 * with SDL_GetError() set and no file left. */
int headless_shot(struct headless *h, struct app *app, const char *path);

/* Share of the panel's pixels that are not black, 0..1: a black screen is a
 * defect everywhere but the closed hours. */
double headless_lit_fraction(const struct headless *h);

/* Pixels that differ by more than delta in any channel between two panels of
 * the same size; -1 when the sizes differ. */
long headless_diff(const struct headless *a, const struct headless *b, int delta);

/* --screenshot: page args->page (default: the start page) in args->lang (default:
 * the first) at args->width x height, written to args->screenshot.  Returns the
 * exit status: 0; 1 when the bundle is broken (the picture is the out-of-order
 * screen, the log says why); 2 on any other failure. */
int headless_screenshot(const struct args *args, const struct app_options *opt,
			const struct logger *log);

#endif
