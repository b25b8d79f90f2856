/* gesture: turns the touch stream into taps, long presses, drags and flings.
 * Pure C (no SDL), so tests feed it event streams and the replay feeds it a
 * virtual clock.
 *
 * Promise to the caller, whatever the input (out-of-order, 100 fingers, NaN):
 *   PRESS is followed by exactly one of TAP, LONG_PRESS, DRAG_BEGIN, CANCEL;
 *   DRAG_BEGIN by DRAG_MOVE* and then exactly one of DRAG_END or CANCEL;
 *   FLING only ever comes right after DRAG_END.
 * Only one finger (the first down) makes gestures; any other finger before the
 * first one has moved cancels it (two fingers or a palm is not a tap).  A new
 * gesture starts only when every finger has lifted. */
#ifndef FOYER_GESTURE_H
#define FOYER_GESTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "input.h"

enum gesture_type {
	GESTURE_PRESS,      /* x,y: a finger is down (highlight feedback only) */
	GESTURE_TAP,        /* x,y: where the finger went down */
	GESTURE_LONG_PRESS, /* x,y: where the finger went down */
	GESTURE_DRAG_BEGIN, /* x,y: where the finger went down */
	GESTURE_DRAG_MOVE,  /* x,y now; dx,dy since the previous DRAG_BEGIN/MOVE position */
	GESTURE_DRAG_END,   /* x,y: last position */
	GESTURE_FLING,      /* vx,vy: release velocity, px/s, |v| <= max_fling */
	GESTURE_CANCEL,     /* the pressed or dragged gesture is void; no TAP/FLING follows */
};

struct gesture_event {
	enum gesture_type type;
	double x, y;
	double dx, dy;
	double vx, vy;
	uint64_t time_ms;
};

typedef void (*gesture_fn)(void *user, const struct gesture_event *g);

/* Tuning for public touchscreens (numbers and reasons in gesture_config_defaults()). */
struct gesture_config {
	double slop_px;           /* movement that turns a press into a drag */
	uint32_t tap_max_ms;      /* longest press that still counts as a tap */
	uint32_t long_press_ms;   /* held this long without moving: LONG_PRESS */
	uint32_t fling_window_ms; /* velocity is measured over this last stretch */
	double fling_min_px_s;    /* slower releases end the drag without a fling */
	double fling_max_px_s;    /* faster ones are clamped */
	uint32_t stale_ms;        /* a contact silent this long is forgotten at the next DOWN */
};

/* Fills *cfg for a screen of dpi pixels per inch (<= 0 or not finite: 96). */
void gesture_config_defaults(struct gesture_config *cfg, double dpi);

#define GESTURE_MAX_CONTACTS 10 /* more fingers than this are counted, not tracked */
#define GESTURE_VELOCITY_SAMPLES 16

struct gesture_contact {
	bool used;
	int64_t slot;
	double x, y;
	uint64_t last_ms; /* for forgetting contacts whose UP got lost */
};

struct gesture_sample {
	double x, y;
	uint64_t time_ms;
};

/* All state is in here (no allocation); treat the fields as private. */
struct gesture {
	struct gesture_config cfg;
	gesture_fn fn;
	void *user;
	enum { GESTURE_IDLE, GESTURE_PRESSED, GESTURE_DRAGGING, GESTURE_HELD, GESTURE_SPENT } state;
	struct gesture_contact contacts[GESTURE_MAX_CONTACTS];
	int64_t primary;         /* slot of the finger making the gesture */
	double start_x, start_y; /* where it went down */
	uint64_t start_ms;
	double last_x, last_y; /* last DRAG position reported */
	uint64_t now_ms;       /* latest time seen: the clock never runs backwards here */
	struct gesture_sample samples[GESTURE_VELOCITY_SAMPLES]; /* ring, for FLING */
	unsigned sample_head, sample_count;
};

/* cfg is copied; fn receives every gesture synchronously. */
void gesture_init(struct gesture *g, const struct gesture_config *cfg, gesture_fn fn, void *user);
/* New tuning (another panel or size), keeping what is in progress; safe from fn. */
void gesture_set_config(struct gesture *g, const struct gesture_config *cfg);
/* Feeds one event.  Anything (unknown slots, NaN, time going back) is tolerated. */
void gesture_handle_event(struct gesture *g, const struct input_event *ev);
/* Fires timed gestures (LONG_PRESS) due at now_ms. */
void gesture_handle_timeout(struct gesture *g, uint64_t now_ms);
/* The next time gesture_handle_timeout() has something to do; false if none. */
bool gesture_next_deadline(const struct gesture *g, uint64_t *deadline_ms);
/* Cancels whatever is in progress (idle reset, screen blanked) and forgets fingers. */
void gesture_reset(struct gesture *g);
/* Fingers currently tracked; for tests and the debug overlay. */
int gesture_contact_count(const struct gesture *g);

#endif
