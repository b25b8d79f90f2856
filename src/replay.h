/* replay: drives the app headless from a script with a virtual clock, for
 * navigation, gesture, idle and soak tests.  The language is documented in
 * docs/kiosk.md ("Replay scripts").  One command a line; '#' starts a comment. */
#ifndef FOYER_REPLAY_H
#define FOYER_REPLAY_H

#include <stdio.h>

#include <SDL.h>

#include "app.h"

struct replay_options {
	const char *script;   /* path, named in messages */
	const char *out_dir;  /* where `shot FILE` writes relative names; NULL: cwd */
	SDL_Surface *surface; /* the app's render target, saved by `shot` */
	FILE *log;            /* failures and `echo` go here (stderr) */
	FILE *frame_times;    /* NULL, or one line per tap: ms from release to frame */
	/* A rotated output: script coordinates are panel pixels of an out_w x out_h
	 * output, mapped like real touches; present draws a frame onto the panel. */
	int rotation; /* enum rotation */
	int out_w, out_h;
	void (*present)(void *ctx); /* NULL: app_draw() */
	void *present_ctx;
};

/* Runs the script against an app created at virtual time `start`.  Returns 0 when
 * every expectation held, 1 when one failed (the message names SCRIPT:LINE), 2 on
 * a script error (unknown command, bad number, unreadable file). */
int replay_run(struct app *a, const struct replay_options *opt, uint64_t start);

#endif
