/* loop: the kiosk's one loop.  The device (a window or the panel on KMSDRM,
 * platform.c) and --replay (replay.c, a virtual clock) drive the app through it
 * alike, as mpv's key bindings and scripts drive one core:
 *
 *   for (;;) {
 *           deadline = loop_next_deadline(&loop, now);
 *           wait for events or the deadline    <- the only part each driver does its own way
 *           loop_event(&loop, &ev, now) for each event;
 *           loop_turn(&loop, now);             <- hours, timers, watchdog, a frame if due
 *   }
 *
 * So the opening hours (through the real schedule and a wall clock the driver
 * gives), output resets, a lost display and the watchdog pings run the same code
 * in a replay as on the device: a replay that passes says the device does it too. */
#ifndef FOYER_LOOP_H
#define FOYER_LOOP_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "app.h"
#include "input.h"
#include "output.h"
#include "schedule.h"
#include "watch.h"
#include "watchdog.h"

enum loop_event_type {
	LOOP_EVENT_TOUCH,         /* touch: a finger in panel pixels */
	LOOP_EVENT_RESIZE,        /* the output changed size (window resized, new mode) */
	LOOP_EVENT_EXPOSE,        /* the output lost its picture (a window uncovered) */
	LOOP_EVENT_OUTPUT_RESET,  /* the renderer lost its textures */
	LOOP_EVENT_OUTPUT_LOST,   /* the display went away: draw nothing until it returns */
	LOOP_EVENT_OUTPUT_BACK,   /* a display is there again (maybe another size) */
	LOOP_EVENT_QUIT,          /* leave the loop (desktop Esc, SIGTERM) */
	LOOP_EVENT_HEADPHONES,    /* an audio output appeared (a headset plugged in) */
	LOOP_EVENT_UPDATE,        /* a content update ended: update.code, update.version */
	LOOP_EVENT_FILES_CHANGED, /* foyer --watch: watch_fd() is readable */
};

struct loop_event {
	enum loop_event_type type;
	struct input_event touch;
	struct {
		enum store_code code;
		const char *version; /* may be NULL */
	} update;
};

/* The wall clock, seconds since the epoch: time() on the device, a virtual one in
 * replay.  Only the opening hours read it. */
typedef time_t (*loop_wall_fn)(void *ctx);
/* Can the wall clock be trusted (clock.h)?  Asked whenever the hours are looked
 * at; may log.  Without one (replay: a virtual clock) it is trusted. */
typedef bool (*loop_trust_fn)(void *ctx);

struct loop {
	struct app *app;              /* not owned */
	struct output *out;           /* not owned */
	struct watchdog *wd;          /* not owned; may be off */
	const struct schedule *hours; /* NULL: open around the clock */
	loop_wall_fn wall;
	void *wall_ctx;
	loop_trust_fn trust; /* NULL: the clock is trusted */
	void *trust_ctx;
	bool clock_trusted;   /* the last answer: the hours apply only then */
	bool trust_rechecked; /* an untrusted clock was looked at once more */
	time_t hours_next;    /* wall time the hours change next; -1: never */
	bool output_lost;     /* no display: frames wait until it is back */
	bool exposed;         /* the output needs a frame though the app has none due */
	bool ready;           /* the first frame is up (READY=1 sent) */
	bool quit;
	uint64_t presented;  /* frames presented */
	struct watch *watch; /* foyer --watch (loop_set_watch); NULL on a kiosk */
};

/* hours may be NULL.  Looks at the hours at once, so the first frame is right. */
void loop_init(struct loop *l, struct app *app, struct output *out, struct watchdog *wd,
	       const struct schedule *hours, loop_wall_fn wall, void *wall_ctx, uint64_t now);

/* Hands one event to the app or the output. */
void loop_event(struct loop *l, const struct loop_event *ev, uint64_t now);
/* After the events of one wake-up: the hours if they are due, the app's timers,
 * a frame if one is due, the watchdog. */
void loop_turn(struct loop *l, uint64_t now);
/* When loop_turn() must run next (app, watchdog, hours), or NAV_NEVER. */
uint64_t loop_next_deadline(const struct loop *l, uint64_t now);
/* The wall clock was set (an RTC read, NTP, replay's `clock`): look at the
 * opening hours again now. */
void loop_clock_changed(struct loop *l, uint64_t now);
/* Asks trust from now on whether the clock can be trusted, and looks at the hours
 * again.  With an untrusted clock the hours are not applied (the screen stays on)
 * and notices stay hidden; it is asked once more CLOCK_SETTLE_S later (an RTC
 * whose bus driver is a module may register after the kiosk started). */
void loop_set_trust(struct loop *l, loop_trust_fn trust, void *ctx, uint64_t now);
/* foyer --watch: rebuilds on LOOP_EVENT_FILES_CHANGED, once the changes settled
 * (watch.h), in loop_turn() like any other deadline; w is not owned. */
void loop_set_watch(struct loop *l, struct watch *w);

#endif
