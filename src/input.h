/* input: the platform-neutral touch event and the backends that produce it.
 *
 * Every backend turns what it reads (SDL mouse/finger events on a desktop; libinput
 * touch, absolute and relative pointer on the device) into the same four-event touch
 * stream.  A mouse or tablet acts as one finger with slot INPUT_SLOT_POINTER.
 * Coordinates are physical output pixels (before rotation: map them with
 * rotation_map_point() before feeding gesture_handle_event()).  Times are
 * input_clock_ms() milliseconds, which is SDL_GetTicks64(): the clock the main loop
 * already uses for every deadline (gesture, idle, watchdog). */
#ifndef FOYER_INPUT_H
#define FOYER_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "logger.h"

enum input_event_type {
	INPUT_EVENT_DOWN,   /* a finger touched (or the primary button went down) */
	INPUT_EVENT_MOTION, /* a touching finger moved */
	INPUT_EVENT_UP,     /* the finger lifted */
	INPUT_EVENT_CANCEL, /* the touch is void (palm, focus lost): no tap may follow */
};

#define INPUT_SLOT_POINTER (-1) /* the mouse or tablet pretending to be a finger */
#define INPUT_SLOT_ALL (-2)     /* CANCEL only: every touch of the seat */

struct input_event {
	enum input_event_type type;
	int64_t slot;     /* finger id, unique while the finger touches; or INPUT_SLOT_* */
	double x, y;      /* physical output pixels; UP/CANCEL may carry NAN (no position) */
	uint64_t time_ms; /* input_clock_ms() domain */
};

/* Receives each event; ev is valid only during the call. */
typedef void (*input_event_fn)(void *user, const struct input_event *ev);

struct input_options {
	int output_width, output_height; /* physical pixels; absolute devices scale to it */
	input_event_fn on_event;         /* required */
	void *user;                      /* passed to on_event */
	struct logger log;               /* copied; fn may be NULL */
	/* libinput only.  How device nodes are opened: the caller decides (plain open(),
	 * logind TakeDevice, ...).  input_open_restricted_plain() and
	 * input_close_restricted_plain() are ready-made plain versions. */
	int (*open_restricted)(const char *path, int flags, void *user_data);
	void (*close_restricted)(int fd, void *user_data);
	void *restricted_user;
	const char *seat; /* NULL: "seat0" */
};

/* A backend: a table of functions plus its state (cage/SDL style).  The caller owns
 * the struct (it may live on the stack); input_source_init_*() fill the table. */
struct input_source {
	const char *name; /* "sdl", "libinput"; static */
	/* Returns 0, or -1 after logging why through opts->log.  opts is copied. */
	int (*open)(struct input_source *self, const struct input_options *opts);
	/* A descriptor to poll for readability, or -1 when events come from elsewhere
	 * (the SDL backend: the main loop's SDL_WaitEventTimeout). */
	int (*get_fd)(struct input_source *self);
	/* Delivers pending events to on_event.  native is the SDL_Event the main loop
	 * pulled (SDL backend) or NULL (libinput: reads its fd, never blocks).  Returns 1
	 * if native was an input event and consumed, 0 if not, -1 on a read error. */
	int (*dispatch)(struct input_source *self, const void *native);
	/* The output changed size (window resized); clamps the relative pointer. */
	void (*set_output_size)(struct input_source *self, int width, int height);
	/* Releases everything open() took; safe after a failed open and twice. */
	void (*close)(struct input_source *self);
	void *impl; /* backend state between open and close; owned by the backend */
};

void input_source_init_sdl(struct input_source *src);
void input_source_init_libinput(struct input_source *src);

/* libinput if want_libinput (the device: KMSDRM) and it opens, else SDL; logs the
 * fallback.  Returns what the chosen open() returns.  With libinput open, ignore
 * SDL's own mouse/finger events: on KMSDRM SDL reads the same evdev devices. */
int input_source_open_auto(struct input_source *src, bool want_libinput,
			   const struct input_options *opts);

/* The clock of input_event.time_ms: SDL_GetTicks64() (monotonic, ms since SDL's
 * start); libinput's CLOCK_MONOTONIC stamps are converted to it. */
uint64_t input_clock_ms(void);

/* Plain open(2)/close(2) for input_options.open_restricted (returns -errno). */
int input_open_restricted_plain(const char *path, int flags, void *user_data);
void input_close_restricted_plain(int fd, void *user_data);

#endif
