/* input-private: the backends' event translation as pure functions, so tests can
 * drive it without devices (libinput events cannot be built by hand; SDL events can,
 * but the pointer-as-finger state is shared). */
#ifndef FOYER_INPUT_PRIVATE_H
#define FOYER_INPUT_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "input.h"

/* The mouse or tablet acting as one finger. */
struct input_pointer {
	double x, y;             /* cursor, physical px, inside [0, width-1] x [0, height-1] */
	int width, height;       /* the output */
	bool pressed;            /* primary button held: the finger is down */
	double scale_x, scale_y; /* SDL mouse: window points to output pixels (HiDPI) */
};

/* Cursor starts in the middle, button up. */
void input_pointer_init(struct input_pointer *p, int width, int height);
/* New output size; the cursor is clamped into it. */
void input_pointer_resize(struct input_pointer *p, int width, int height);

/* What the libinput backend reads, reduced to plain data. */
enum input_raw_type {
	INPUT_RAW_TOUCH_DOWN,       /* slot, x, y (px) */
	INPUT_RAW_TOUCH_MOTION,     /* slot, x, y */
	INPUT_RAW_TOUCH_UP,         /* slot */
	INPUT_RAW_TOUCH_CANCEL,     /* slot */
	INPUT_RAW_POINTER_RELATIVE, /* dx, dy: a mouse */
	INPUT_RAW_POINTER_ABSOLUTE, /* x, y (px): a tablet, QEMU's usb-tablet */
	INPUT_RAW_POINTER_BUTTON,   /* button (evdev code), pressed, seat_button_count */
	INPUT_RAW_KEY,              /* swallowed: the keyboard does nothing on a kiosk */
	INPUT_RAW_OTHER,            /* frames, axes, gestures, devices: nothing */
};

#define INPUT_BTN_LEFT 0x110  /* BTN_LEFT from <linux/input-event-codes.h> */
#define INPUT_BTN_TOUCH 0x14a /* BTN_TOUCH: some tablets and pens */

struct input_raw {
	enum input_raw_type type;
	int64_t slot;
	double x, y;
	double dx, dy;
	uint32_t button;
	bool pressed;
	uint32_t seat_button_count; /* presses of this button on the whole seat, after this one */
	uint64_t time_ms;
};

/* libinput's CLOCK_MONOTONIC microseconds to input_clock_ms(). */
uint64_t input_clock_from_monotonic_us(uint64_t monotonic_us);

/* Turns one raw event into at most one input_event; returns how many (0 or 1). */
int input_translate_raw(struct input_pointer *p, const struct input_raw *raw,
			struct input_event *out);

/* Turns one SDL event into at most one input_event stamped time_ms; returns how
 * many (0 or 1).  *consumed is true if ev was mouse or touch input, which the caller
 * need not look at again; window focus loss yields a CANCEL but is not consumed. */
int input_sdl_translate(struct input_pointer *p, const SDL_Event *ev, uint64_t time_ms,
			struct input_event *out, bool *consumed);

#endif
