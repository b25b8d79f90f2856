/* watch: foyer --watch DIR, the editors' live preview on a desktop.  Builds the
 * content folder with foyer-pack into a temporary folder, and on every save in
 * it (inotify, the whole tree) builds again, WATCH_DEBOUNCE_MS after the last
 * change.  A good build is shown in place (app_reload_in_place: the page,
 * language and scroll position stay); a failed one leaves the last good bundle
 * on screen with the build's messages over it (app_set_overlay) and on the
 * terminal, until a build succeeds.  foyer-pack's own cache (pictures and
 * hyphenation by content hash, ~/.cache/foyer-pack) makes a rebuild after a
 * one-page edit take well under a second.
 *
 * It runs inside the kiosk's one loop (loop.h): the loop asks for its deadline
 * and calls watch_tick(); the driver tells the loop when watch_fd() is
 * readable (LOOP_EVENT_FILES_CHANGED).  A build blocks the loop while it runs:
 * this is an editor's desktop, never a kiosk. */
#ifndef FOYER_WATCH_H
#define FOYER_WATCH_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <SDL.h>

#include "app.h"
#include "logger.h"

/* Editors' programs save in bursts (a temporary file, a rename, the times):
 * one build after the last of them, soon enough to feel immediate. */
#define WATCH_DEBOUNCE_MS 150
/* Folders watched: a content folder has a handful (pages/ID, images, ...). */
#define WATCH_MAX_DIRS 512

struct watch_dir {
	int wd; /* inotify's watch descriptor */
	char *path;
};

struct watch {
	char dir[PATH_MAX / 2];
	char tmp[PATH_MAX / 2]; /* the temporary folder holding the bundle */
	char bundle[PATH_MAX];
	char pack[PATH_MAX]; /* the foyer-pack program */
	FILE *out;           /* where foyer-pack's messages are copied (the terminal) */
	const struct logger *log;
	int fd;       /* inotify, non-blocking; -1 when watching failed */
	uint64_t due; /* when to build next; NAV_NEVER: nothing changed */
	unsigned builds;
	bool failed;   /* the last build failed: its messages show over the page */
	char *overlay; /* what shows over the page then (malloc'd), else NULL */
	struct watch_dir dirs[WATCH_MAX_DIRS];
	size_t dir_count;
	/* the driver's thread that turns a readable watch_fd() into an SDL event */
	SDL_Thread *thread;
	SDL_sem *drained;
	int quit_pipe[2];
	Uint32 event_type;
};

/* Watches dir; builds with pack (NULL: the foyer-pack beside this program, else
 * the one on PATH) and copies its messages to out.  Does not build yet.
 * Returns 0, or -1 after a log message. */
int watch_open(struct watch *w, const char *dir, const char *pack, FILE *out,
	       const struct logger *log);
/* Stops the thread, removes the bundle and its folder. */
void watch_close(struct watch *w);

/* The bundle the app is to open (it may not exist: the first build failed). */
const char *watch_bundle(const struct watch *w);
/* Readable when something in the folder changed. */
int watch_fd(const struct watch *w);

/* Builds now.  With app, shows the result: the new bundle in place, or the
 * messages over the last good one.  Returns true when the build succeeded. */
bool watch_build(struct watch *w, struct app *app, uint64_t now);
/* The last failed build's messages as the overlay shows them, or NULL. */
const char *watch_overlay(const struct watch *w);
/* Reads what changed (watch_fd() was readable): a build is due soon. */
void watch_changed(struct watch *w, uint64_t now);
/* When watch_tick() has work: NAV_NEVER when nothing changed. */
uint64_t watch_next_deadline(const struct watch *w);
/* Builds when one is due. */
void watch_tick(struct watch *w, struct app *app, uint64_t now);

/* For SDL's event loop, which cannot wait on a file: a thread that pushes an
 * event of event_type when watch_fd() is readable, then waits for
 * watch_notify_done() (after watch_changed() read it) before looking again.
 * Returns 0, or -1 with SDL_GetError() set. */
int watch_notify_start(struct watch *w, Uint32 event_type);
void watch_notify_done(struct watch *w);

#endif
