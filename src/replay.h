/* replay: drives the kiosk headless from a script with a virtual clock, through
 * the device's own loop (loop.h): the same deadlines, opening hours, output
 * resets and watchdog pings, with the script in place of the visitor, the panel
 * and the wall clock.  The language is documented in docs/kiosk.md ("Replay
 * scripts").  One command a line; '#' starts a comment. */
#ifndef FOYER_REPLAY_H
#define FOYER_REPLAY_H

#include <stdio.h>

#include "app.h"
#include "rotation.h"
#include "schedule.h"

struct replay_options {
	const char *script;            /* path, named in messages */
	const char *out_dir;           /* where `shot FILE` writes relative names; NULL: cwd */
	FILE *log;                     /* failures and `echo` go here (stderr) */
	FILE *frame_times;             /* NULL, or one line per tap: ms from release to frame */
	const struct app_options *app; /* the kiosk's settings (foyer.conf, --bundle) */
	const struct schedule *hours;  /* foyer.conf's opening hours */
	/* the panel: its size in physical pixels and how it is mounted; script
	 * coordinates are panel pixels, mapped like real touches */
	int out_w, out_h;
	enum rotation rotation;
	const char *audio_out; /* a WAV of everything played, or NULL */
};

/* Runs the script.  Returns 0 when every expectation held, 1 when one failed (the
 * message names SCRIPT:LINE), 2 on a script error (unknown command, bad number,
 * unreadable file) or when the headless output cannot be set up. */
int replay_run(const struct replay_options *opt);

#endif
