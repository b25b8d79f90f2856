/* Input backends: the event translation (pure, no devices needed) and the
 * backends' behaviour where this machine allows it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "gesture.h"
#include "input-private.h"
#include "rotation.h"

#define W 1280
#define H 800

static struct input_raw raw_of(enum input_raw_type type)
{
	struct input_raw r;

	memset(&r, 0, sizeof(r));
	r.type = type;
	return r;
}

static void test_touch_passes_through(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	struct input_raw r = raw_of(INPUT_RAW_TOUCH_DOWN);

	(void)state;
	input_pointer_init(&p, W, H);
	r.slot = 4, r.x = 10.5, r.y = 20.25, r.time_ms = 77;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_DOWN);
	assert_true(ev.slot == 4 && ev.x == 10.5 && ev.y == 20.25 && ev.time_ms == 77);
	r.type = INPUT_RAW_TOUCH_MOTION;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_MOTION);
	r.type = INPUT_RAW_TOUCH_UP;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_UP);
	assert_true(isnan(ev.x)); /* libinput has no position on UP */
	r.type = INPUT_RAW_TOUCH_CANCEL;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_CANCEL);
	assert_true(ev.slot == 4);
}

static void test_relative_mouse_is_one_finger(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	struct input_raw r = raw_of(INPUT_RAW_POINTER_RELATIVE);

	(void)state;
	input_pointer_init(&p, W, H);
	assert_true(p.x == W / 2 && p.y == H / 2);
	/* hovering says nothing, but moves the cursor, clamped to the output */
	r.dx = -5000, r.dy = 30;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	assert_true(p.x == 0 && p.y == H / 2 + 30);
	r.dx = 1e9, r.dy = -1e9;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	assert_true(p.x == W - 1 && p.y == 0);
	r.dx = NAN;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	assert_true(p.x == W - 1);
	/* the left button is the finger */
	r = raw_of(INPUT_RAW_POINTER_BUTTON);
	r.button = INPUT_BTN_LEFT, r.pressed = true, r.seat_button_count = 1, r.time_ms = 9;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_DOWN);
	assert_true(ev.slot == INPUT_SLOT_POINTER && ev.x == W - 1 && ev.y == 0 && ev.time_ms == 9);
	r = raw_of(INPUT_RAW_POINTER_RELATIVE);
	r.dx = -100, r.dy = 50;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_MOTION);
	assert_true(ev.x == W - 101 && ev.y == 50);
	r = raw_of(INPUT_RAW_POINTER_BUTTON);
	r.button = INPUT_BTN_LEFT, r.pressed = false, r.seat_button_count = 0;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_UP);
	assert_true(ev.x == W - 101 && ev.y == 50);
}

static void test_other_buttons_keys_and_second_mouse(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	struct input_raw r = raw_of(INPUT_RAW_POINTER_BUTTON);

	(void)state;
	input_pointer_init(&p, W, H);
	r.button = 0x111, r.pressed = true, r.seat_button_count = 1; /* BTN_RIGHT */
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	assert_false(p.pressed);
	r = raw_of(INPUT_RAW_KEY);
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	r = raw_of(INPUT_RAW_OTHER);
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	/* two mice: the finger lifts only when the last left button is released */
	r = raw_of(INPUT_RAW_POINTER_BUTTON);
	r.button = INPUT_BTN_LEFT, r.pressed = true, r.seat_button_count = 1;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	r.seat_button_count = 2;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	r.pressed = false, r.seat_button_count = 1;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	r.seat_button_count = 0;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_UP);
}

/* QEMU's usb-tablet: absolute motion, then BTN_LEFT. */
static void test_absolute_tablet(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	struct input_raw r = raw_of(INPUT_RAW_POINTER_ABSOLUTE);

	(void)state;
	input_pointer_init(&p, W, H);
	r.x = 640, r.y = 100;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 0);
	r = raw_of(INPUT_RAW_POINTER_BUTTON);
	r.button = INPUT_BTN_LEFT, r.pressed = true, r.seat_button_count = 1;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_true(ev.type == INPUT_EVENT_DOWN && ev.x == 640 && ev.y == 100);
	r = raw_of(INPUT_RAW_POINTER_ABSOLUTE);
	r.x = 5000, r.y = -3;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	assert_true(ev.type == INPUT_EVENT_MOTION && ev.x == W - 1 && ev.y == 0);
	/* a resize clamps the cursor */
	input_pointer_resize(&p, 100, 100);
	assert_true(p.x == 99 && p.y == 0);
}

/* A pen's tip arrives as a move and BTN_TOUCH (raw_from_libinput's pair). */
static void test_pen_tip(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	struct input_raw move = raw_of(INPUT_RAW_POINTER_ABSOLUTE),
			 tip = raw_of(INPUT_RAW_POINTER_BUTTON);

	(void)state;
	input_pointer_init(&p, W, H);
	move.x = 100, move.y = 200;
	tip.button = INPUT_BTN_TOUCH, tip.pressed = true, tip.seat_button_count = 1;
	assert_int_equal(input_translate_raw(&p, &move, &ev), 0);
	assert_int_equal(input_translate_raw(&p, &tip, &ev), 1);
	assert_true(ev.type == INPUT_EVENT_DOWN && ev.x == 100 && ev.y == 200);
	move.x = 150;
	tip.pressed = false, tip.seat_button_count = 0;
	assert_int_equal(input_translate_raw(&p, &move, &ev), 1);
	assert_int_equal(ev.type, INPUT_EVENT_MOTION);
	assert_int_equal(input_translate_raw(&p, &tip, &ev), 1);
	assert_true(ev.type == INPUT_EVENT_UP && ev.x == 150);
}

static void test_sdl_mouse(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	SDL_Event e;
	bool consumed;

	(void)state;
	input_pointer_init(&p, W, H);
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEMOTION, e.motion.x = 10, e.motion.y = 20;
	assert_int_equal(input_sdl_translate(&p, &e, 1, &ev, &consumed), 0);
	assert_true(consumed);
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEBUTTONDOWN, e.button.button = SDL_BUTTON_LEFT, e.button.x = 30,
	e.button.y = 40;
	assert_int_equal(input_sdl_translate(&p, &e, 2, &ev, &consumed), 1);
	assert_true(ev.type == INPUT_EVENT_DOWN && ev.x == 30 && ev.y == 40 && ev.time_ms == 2);
	assert_true(ev.slot == INPUT_SLOT_POINTER);
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEMOTION, e.motion.x = 50, e.motion.y = 60,
	e.motion.state = SDL_BUTTON_LMASK;
	assert_int_equal(input_sdl_translate(&p, &e, 3, &ev, &consumed), 1);
	assert_true(ev.type == INPUT_EVENT_MOTION && ev.x == 50 && ev.y == 60);
	/* the button came up outside the window: the next motion without it lifts */
	e.motion.state = 0;
	assert_int_equal(input_sdl_translate(&p, &e, 4, &ev, &consumed), 1);
	assert_int_equal(ev.type, INPUT_EVENT_UP);
	/* right button: input, but nothing to say */
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEBUTTONDOWN, e.button.button = SDL_BUTTON_RIGHT;
	assert_int_equal(input_sdl_translate(&p, &e, 5, &ev, &consumed), 0);
	assert_true(consumed);
	/* SDL's mouse copy of a touch is dropped: the finger event carries it */
	e.button.button = SDL_BUTTON_LEFT, e.button.which = SDL_TOUCH_MOUSEID;
	assert_int_equal(input_sdl_translate(&p, &e, 6, &ev, &consumed), 0);
	assert_false(p.pressed);
}

static void test_sdl_fingers_and_focus(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	SDL_Event e;
	bool consumed;

	(void)state;
	input_pointer_init(&p, W, H);
	memset(&e, 0, sizeof(e));
	e.type = SDL_FINGERDOWN, e.tfinger.touchId = 1, e.tfinger.fingerId = 12345678901LL;
	e.tfinger.x = 0.5f, e.tfinger.y = 0.25f;
	assert_int_equal(input_sdl_translate(&p, &e, 7, &ev, &consumed), 1);
	assert_true(ev.type == INPUT_EVENT_DOWN && ev.slot == 12345678901LL);
	assert_true(ev.x == W * 0.5 && ev.y == H * 0.25);
	e.type = SDL_FINGERUP;
	assert_int_equal(input_sdl_translate(&p, &e, 8, &ev, &consumed), 1);
	assert_int_equal(ev.type, INPUT_EVENT_UP);
	e.tfinger.touchId = SDL_MOUSE_TOUCHID;
	assert_int_equal(input_sdl_translate(&p, &e, 9, &ev, &consumed), 0);
	/* focus lost: everything held is void; the main loop still sees the event */
	memset(&e, 0, sizeof(e));
	e.type = SDL_WINDOWEVENT, e.window.event = SDL_WINDOWEVENT_FOCUS_LOST;
	p.pressed = true;
	assert_int_equal(input_sdl_translate(&p, &e, 10, &ev, &consumed), 1);
	assert_true(ev.type == INPUT_EVENT_CANCEL && ev.slot == INPUT_SLOT_ALL);
	assert_false(consumed);
	assert_false(p.pressed);
	memset(&e, 0, sizeof(e));
	e.type = SDL_KEYDOWN;
	assert_int_equal(input_sdl_translate(&p, &e, 11, &ev, &consumed), 0);
	assert_false(consumed);
}

struct collected {
	struct input_event ev[8];
	int count;
};

static void collect(void *user, const struct input_event *ev)
{
	struct collected *c = user;

	if (c->count < 8)
		c->ev[c->count] = *ev;
	c->count++;
}

static void test_sdl_backend_table(void **state)
{
	struct input_source src;
	struct collected got = { .count = 0 };
	struct input_options opts = {
		.output_width = W, .output_height = H, .on_event = collect, .user = &got
	};
	SDL_Event e;
	uint64_t before = input_clock_ms();

	(void)state;
	input_source_init_sdl(&src);
	assert_string_equal(src.name, "sdl");
	assert_int_equal(src.open(&src, &opts), 0);
	assert_int_equal(src.get_fd(&src), -1);
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEBUTTONDOWN, e.button.button = SDL_BUTTON_LEFT, e.button.x = 3,
	e.button.y = 4;
	e.common.timestamp = SDL_GetTicks();
	assert_int_equal(src.dispatch(&src, &e), 1);
	assert_int_equal(got.count, 1);
	assert_true(got.ev[0].time_ms >= before && got.ev[0].time_ms <= input_clock_ms());
	e.type = SDL_QUIT;
	assert_int_equal(src.dispatch(&src, &e), 0);
	src.set_output_size(&src, 10, 10);
	src.close(&src);
	src.close(&src); /* twice is harmless */
	assert_null(src.impl);
}

struct log_seen {
	int errors;
	char last[LOGGER_MAX_MESSAGE];
};

static void log_note(void *user, enum log_level level, const char *message)
{
	struct log_seen *s = user;

	if (level == LOG_LEVEL_ERROR)
		s->errors++;
	snprintf(s->last, sizeof(s->last), "%s", message);
}

/* Without a seat (containers, CI) open must fail with a message, not crash; on a
 * machine with one it must work and give a descriptor to poll. */
static void test_libinput_open(void **state)
{
	struct input_source src;
	struct collected got = { .count = 0 };
	struct log_seen seen = { 0, "" };
	struct input_options opts = {
		.output_width = W,
		.output_height = H,
		.on_event = collect,
		.user = &got,
		.log = { log_note, &seen },
	};

	(void)state;
	input_source_init_libinput(&src);
	/* the caller must say how devices are opened */
	assert_int_equal(src.open(&src, &opts), -1);
	assert_int_equal(seen.errors, 1);
	assert_non_null(strstr(seen.last, "open_restricted"));
	src.close(&src);

	opts.open_restricted = input_open_restricted_plain;
	opts.close_restricted = input_close_restricted_plain;
	opts.seat = "seat-that-does-not-exist";
	seen.errors = 0;
	if (src.open(&src, &opts) == 0) {
		assert_true(src.get_fd(&src) >= 0);
		assert_int_equal(src.dispatch(&src, NULL), 0);
		assert_int_equal(got.count, 0);
	} else {
		assert_true(seen.errors >= 1);
		assert_non_null(strstr(seen.last, "input: "));
		assert_int_equal(src.get_fd(&src), -1);
		assert_int_equal(src.dispatch(&src, NULL), -1);
	}
	src.close(&src);
	src.close(&src);
	assert_null(src.impl);
}

struct taps {
	int taps;
	double x, y;
};

static void on_gesture(void *user, const struct gesture_event *g)
{
	struct taps *t = user;

	if (g->type == GESTURE_TAP) {
		t->taps++;
		t->x = g->x;
		t->y = g->y;
	}
}

/* The whole chain the main loop runs: raw -> touch -> rotation -> gesture. */
static void test_chain_with_rotation(void **state)
{
	struct input_pointer p;
	struct gesture g;
	struct gesture_config cfg;
	struct taps taps = { 0, 0, 0 };
	struct input_raw r = raw_of(INPUT_RAW_TOUCH_DOWN);
	struct input_event ev;

	(void)state;
	input_pointer_init(&p, W, H);
	gesture_config_defaults(&cfg, 96);
	gesture_init(&g, &cfg, on_gesture, &taps);
	/* on a panel mounted turned 270 degrees clockwise (90 counter-clockwise), the
	 * panel's top-right corner is the viewer's top-left */
	r.slot = 0, r.x = W - 10, r.y = 20, r.time_ms = 100;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	rotation_map_point(ROTATION_270, W, H, ev.x, ev.y, &ev.x, &ev.y);
	gesture_handle_event(&g, &ev);
	r.type = INPUT_RAW_TOUCH_UP, r.time_ms = 180;
	assert_int_equal(input_translate_raw(&p, &r, &ev), 1);
	gesture_handle_event(&g, &ev);
	assert_int_equal(taps.taps, 1);
	assert_true(taps.x == 20 && taps.y == 10);
}

/* libinput stamps CLOCK_MONOTONIC; the main loop's clock is SDL's tick. */
static void test_clock_conversion(void **state)
{
	struct timespec ts;
	uint64_t mono_us, t, now;

	(void)state;
	SDL_Delay(600); /* so that "500 ms ago" is after SDL's start */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	mono_us = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
	now = input_clock_ms();
	t = input_clock_from_monotonic_us(mono_us);
	assert_true(t + 5 >= now && t <= input_clock_ms());
	t = input_clock_from_monotonic_us(mono_us - 500000);
	assert_true(t + 505 >= now && t + 495 <= input_clock_ms());
	/* from the future: now, not later */
	t = input_clock_from_monotonic_us(mono_us + 10000000);
	assert_true(t <= input_clock_ms() && t + 5 >= now);
	/* from before SDL started: 0 */
	assert_int_equal(input_clock_from_monotonic_us(0), 0);
}

static void test_sdl_hidpi_scale(void **state)
{
	struct input_pointer p;
	struct input_event ev;
	SDL_Event e;
	bool consumed;

	(void)state;
	input_pointer_init(&p, 2560, 1440);
	p.scale_x = p.scale_y = 2.0; /* a 1280x720-point window on a 2x display */
	memset(&e, 0, sizeof(e));
	e.type = SDL_MOUSEBUTTONDOWN, e.button.button = SDL_BUTTON_LEFT, e.button.x = 640,
	e.button.y = 360;
	assert_int_equal(input_sdl_translate(&p, &e, 1, &ev, &consumed), 1);
	assert_true(ev.x == 1280 && ev.y == 720);
}

static void test_open_auto_falls_back(void **state)
{
	struct input_source src;
	struct collected got = { .count = 0 };
	struct input_options opts = {
		.output_width = W,
		.output_height = H,
		.on_event = collect,
		.user = &got,
		.open_restricted = input_open_restricted_plain,
		.close_restricted = input_close_restricted_plain,
		.seat = "seat-that-does-not-exist",
	};

	(void)state;
	assert_int_equal(input_source_open_auto(&src, false, &opts), 0);
	assert_string_equal(src.name, "sdl");
	src.close(&src);
	/* here libinput may or may not open; either way there is a source */
	assert_int_equal(input_source_open_auto(&src, true, &opts), 0);
	assert_true(strcmp(src.name, "sdl") == 0 || strcmp(src.name, "libinput") == 0);
	src.close(&src);
	assert_null(src.impl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_touch_passes_through),
		cmocka_unit_test(test_relative_mouse_is_one_finger),
		cmocka_unit_test(test_other_buttons_keys_and_second_mouse),
		cmocka_unit_test(test_absolute_tablet),
		cmocka_unit_test(test_pen_tip),
		cmocka_unit_test(test_sdl_mouse),
		cmocka_unit_test(test_sdl_fingers_and_focus),
		cmocka_unit_test(test_sdl_backend_table),
		cmocka_unit_test(test_libinput_open),
		cmocka_unit_test(test_chain_with_rotation),
		cmocka_unit_test(test_clock_conversion),
		cmocka_unit_test(test_sdl_hidpi_scale),
		cmocka_unit_test(test_open_auto_falls_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
