/* Gesture recogniser tests: event streams in, gestures out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gesture.h"

#define MAX_RECORDED 64

/* Records gestures and checks the ordering promise of gesture.h on every one. */
struct recorder {
	struct gesture_event ev[MAX_RECORDED];
	int count;  /* recorded (capped at MAX_RECORDED) */
	long total; /* seen */
	enum { EXPECT_PRESS, EXPECT_OUTCOME, EXPECT_DRAG } phase;
	bool after_drag_end;
	long violations;
	long non_finite;
};

static void record(void *user, const struct gesture_event *g)
{
	struct recorder *r = user;
	bool ok = false;

	if (r->count < MAX_RECORDED)
		r->ev[r->count++] = *g;
	r->total++;
	if (!isfinite(g->x) || !isfinite(g->y) || !isfinite(g->dx) || !isfinite(g->dy) ||
	    !isfinite(g->vx) || !isfinite(g->vy))
		r->non_finite++;
	switch (r->phase) {
	case EXPECT_PRESS:
		if (g->type == GESTURE_PRESS) {
			r->phase = EXPECT_OUTCOME;
			ok = true;
		} else if (g->type == GESTURE_FLING) {
			ok = r->after_drag_end;
		}
		break;
	case EXPECT_OUTCOME:
		if (g->type == GESTURE_TAP || g->type == GESTURE_LONG_PRESS ||
		    g->type == GESTURE_CANCEL) {
			r->phase = EXPECT_PRESS;
			ok = true;
		} else if (g->type == GESTURE_DRAG_BEGIN) {
			r->phase = EXPECT_DRAG;
			ok = true;
		}
		break;
	case EXPECT_DRAG:
		if (g->type == GESTURE_DRAG_MOVE) {
			ok = true;
		} else if (g->type == GESTURE_DRAG_END || g->type == GESTURE_CANCEL) {
			r->phase = EXPECT_PRESS;
			ok = true;
		}
		break;
	}
	r->after_drag_end = g->type == GESTURE_DRAG_END;
	if (!ok)
		r->violations++;
}

struct fixture {
	struct gesture g;
	struct recorder rec;
	struct gesture_config cfg;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	gesture_config_defaults(&f->cfg, 96);
	gesture_init(&f->g, &f->cfg, record, &f->rec);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static void feed(struct fixture *f, enum input_event_type type, int64_t slot, double x, double y,
		 uint64_t t)
{
	struct input_event ev = { .type = type, .slot = slot, .x = x, .y = y, .time_ms = t };

	gesture_handle_event(&f->g, &ev);
}

static int count_type(const struct recorder *r, enum gesture_type type)
{
	int n = 0;

	for (int i = 0; i < r->count; i++)
		n += r->ev[i].type == type;
	return n;
}

static void test_defaults_scale_with_dpi(void **state)
{
	struct gesture_config a, b, c;

	(void)state;
	gesture_config_defaults(&a, 96);
	gesture_config_defaults(&b, 192);
	gesture_config_defaults(&c, NAN);
	/* 3 mm at 96 dpi is 11.3 px */
	assert_true(a.slop_px > 11.0 && a.slop_px < 11.7);
	assert_true(fabs(b.slop_px - 2 * a.slop_px) < 1e-9);
	assert_true(c.slop_px == a.slop_px);
	assert_int_equal(a.tap_max_ms, 500);
	assert_int_equal(a.long_press_ms, 700);
}

static void test_tap(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 3, 100, 200, 1000);
	feed(f, INPUT_EVENT_MOTION, 3, 104, 203, 1050); /* 5 px: inside the slop */
	feed(f, INPUT_EVENT_UP, 3, NAN, NAN, 1200);
	assert_int_equal(f->rec.count, 2);
	assert_int_equal(f->rec.ev[0].type, GESTURE_PRESS);
	assert_int_equal(f->rec.ev[1].type, GESTURE_TAP);
	assert_true(f->rec.ev[1].x == 100 && f->rec.ev[1].y == 200);
	assert_int_equal(gesture_contact_count(&f->g), 0);
	assert_int_equal(f->rec.violations, 0);
}

static void test_slow_press_is_neither_tap_nor_long_press(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 0, 10, 10, 0);
	feed(f, INPUT_EVENT_UP, 0, 10, 10, 600);
	assert_int_equal(f->rec.count, 2);
	assert_int_equal(f->rec.ev[1].type, GESTURE_CANCEL);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 0);
}

static void test_long_press(void **state)
{
	struct fixture *f = *state;
	uint64_t deadline = 0;

	assert_false(gesture_next_deadline(&f->g, &deadline));
	feed(f, INPUT_EVENT_DOWN, 0, 50, 60, 5000);
	assert_true(gesture_next_deadline(&f->g, &deadline));
	assert_int_equal(deadline, 5700);
	gesture_handle_timeout(&f->g, 5699);
	assert_int_equal(count_type(&f->rec, GESTURE_LONG_PRESS), 0);
	gesture_handle_timeout(&f->g, 5700);
	assert_int_equal(count_type(&f->rec, GESTURE_LONG_PRESS), 1);
	assert_false(gesture_next_deadline(&f->g, &deadline));
	feed(f, INPUT_EVENT_MOTION, 0, 150, 60, 5800);
	feed(f, INPUT_EVENT_UP, 0, 150, 60, 6000);
	/* nothing after the long press: no drag, no tap */
	assert_int_equal(f->rec.count, 2);
	assert_int_equal(f->rec.violations, 0);
}

static void test_drag_follows_finger_without_fling(void **state)
{
	struct fixture *f = *state;
	double sum_dy = 0;

	feed(f, INPUT_EVENT_DOWN, 1, 500, 500, 0);
	for (int i = 1; i <= 20; i++)
		feed(f, INPUT_EVENT_MOTION, 1, 500, 500 - 10.0 * i, (uint64_t)i * 16);
	/* the finger rests, then lifts: no inertia */
	feed(f, INPUT_EVENT_UP, 1, 500, 300, 20 * 16 + 300);
	assert_int_equal(f->rec.ev[1].type, GESTURE_DRAG_BEGIN);
	assert_true(f->rec.ev[1].x == 500 && f->rec.ev[1].y == 500);
	for (int i = 0; i < f->rec.count; i++)
		if (f->rec.ev[i].type == GESTURE_DRAG_MOVE)
			sum_dy += f->rec.ev[i].dy;
	assert_true(fabs(sum_dy - -200.0) < 1e-9);
	assert_int_equal(count_type(&f->rec, GESTURE_DRAG_END), 1);
	assert_int_equal(count_type(&f->rec, GESTURE_FLING), 0);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 0);
	assert_int_equal(f->rec.violations, 0);
}

static void test_fling_velocity(void **state)
{
	struct fixture *f = *state;
	const struct gesture_event *last;

	feed(f, INPUT_EVENT_DOWN, 1, 100, 800, 0);
	/* 20 px every 10 ms upwards: -2000 px/s */
	for (int i = 1; i <= 15; i++)
		feed(f, INPUT_EVENT_MOTION, 1, 100, 800 - 20.0 * i, (uint64_t)i * 10);
	feed(f, INPUT_EVENT_UP, 1, 100, 800 - 20.0 * 16, 160);
	last = &f->rec.ev[f->rec.count - 1];
	assert_int_equal(last->type, GESTURE_FLING);
	assert_int_equal(f->rec.ev[f->rec.count - 2].type, GESTURE_DRAG_END);
	assert_true(fabs(last->vy - -2000.0) < 1.0);
	assert_true(fabs(last->vx) < 1e-9);
	assert_int_equal(f->rec.violations, 0);
}

static void test_fling_is_capped(void **state)
{
	struct fixture *f = *state;
	const struct gesture_event *last;

	feed(f, INPUT_EVENT_DOWN, 1, 0, 0, 0);
	feed(f, INPUT_EVENT_MOTION, 1, 5000, 0, 1);
	feed(f, INPUT_EVENT_UP, 1, 100000, 0, 2);
	last = &f->rec.ev[f->rec.count - 1];
	assert_int_equal(last->type, GESTURE_FLING);
	assert_true(last->vx <= f->cfg.fling_max_px_s + 1e-6);
	assert_true(last->vx > f->cfg.fling_max_px_s - 1e-6);
}

static void test_second_finger_cancels_tap(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 0, 100, 100, 0);
	feed(f, INPUT_EVENT_DOWN, 1, 300, 100, 30);
	feed(f, INPUT_EVENT_UP, 0, 100, 100, 100);
	feed(f, INPUT_EVENT_UP, 1, 300, 100, 120);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 0);
	assert_int_equal(count_type(&f->rec, GESTURE_CANCEL), 1);
	/* after all fingers lifted a tap works again */
	feed(f, INPUT_EVENT_DOWN, 0, 10, 10, 1000);
	feed(f, INPUT_EVENT_UP, 0, 10, 10, 1100);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 1);
	assert_int_equal(f->rec.violations, 0);
}

static void test_palm_of_many_contacts_cancels(void **state)
{
	struct fixture *f = *state;

	/* a palm lands as a cluster of contacts */
	for (int i = 0; i < 6; i++)
		feed(f, INPUT_EVENT_DOWN, i, 400 + 8 * i, 600 + 5 * i, (uint64_t)i);
	for (int i = 0; i < 6; i++)
		feed(f, INPUT_EVENT_UP, i, NAN, NAN, 80);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 0);
	assert_int_equal(count_type(&f->rec, GESTURE_CANCEL), 1);
	assert_int_equal(gesture_contact_count(&f->g), 0);
}

static void test_resting_thumb_does_not_stop_scroll(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 0, 100, 500, 0);
	feed(f, INPUT_EVENT_MOTION, 0, 100, 400, 20);
	feed(f, INPUT_EVENT_DOWN, 1, 10, 10, 30);
	feed(f, INPUT_EVENT_MOTION, 0, 100, 300, 40);
	feed(f, INPUT_EVENT_UP, 0, 100, 300, 400);
	assert_int_equal(count_type(&f->rec, GESTURE_DRAG_MOVE), 2);
	assert_int_equal(count_type(&f->rec, GESTURE_DRAG_END), 1);
	assert_int_equal(count_type(&f->rec, GESTURE_CANCEL), 0);
}

static void test_cancel_event(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 7, 100, 100, 0);
	feed(f, INPUT_EVENT_CANCEL, INPUT_SLOT_ALL, NAN, NAN, 20);
	feed(f, INPUT_EVENT_UP, 7, 100, 100, 40);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 0);
	assert_int_equal(count_type(&f->rec, GESTURE_CANCEL), 1);
	assert_int_equal(gesture_contact_count(&f->g), 0);
	assert_int_equal(f->rec.violations, 0);
}

static void test_out_of_order_stream(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_UP, 4, 1, 1, 0);            /* UP without DOWN */
	feed(f, INPUT_EVENT_MOTION, 4, 1, 1, 1);        /* MOTION without DOWN */
	feed(f, INPUT_EVENT_CANCEL, 99, 1, 1, 2);       /* CANCEL of nothing */
	feed(f, (enum input_event_type)42, 4, 1, 1, 3); /* a type we do not know */
	assert_int_equal(f->rec.count, 0);
	feed(f, INPUT_EVENT_DOWN, 4, 1, 1, 10);
	feed(f, INPUT_EVENT_DOWN, 4, 2, 2, 20); /* DOWN twice: taken as a move */
	assert_int_equal(gesture_contact_count(&f->g), 1);
	feed(f, INPUT_EVENT_UP, 4, 2, 2, 5); /* time runs backwards */
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 1);
	assert_int_equal(f->rec.violations, 0);
}

static void test_hundred_fingers_bounded(void **state)
{
	struct fixture *f = *state;

	for (int i = 0; i < 100; i++)
		feed(f, INPUT_EVENT_DOWN, 1000 + i, i, i, 0);
	assert_true(gesture_contact_count(&f->g) <= GESTURE_MAX_CONTACTS);
	for (int i = 0; i < 100; i++)
		feed(f, INPUT_EVENT_UP, 1000 + i, i, i, 50);
	assert_int_equal(gesture_contact_count(&f->g), 0);
	feed(f, INPUT_EVENT_DOWN, 1, 5, 5, 100);
	feed(f, INPUT_EVENT_UP, 1, 5, 5, 150);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 1);
}

static void test_nan_and_huge_coordinates(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 0, NAN, 5, 0);
	assert_int_equal(gesture_contact_count(&f->g), 0);
	feed(f, INPUT_EVENT_DOWN, 0, 1e300, -INFINITY, 0);
	assert_int_equal(gesture_contact_count(&f->g), 0);
	feed(f, INPUT_EVENT_DOWN, 0, 1e300, -1e300, 0);
	feed(f, INPUT_EVENT_MOTION, 0, -1e300, 1e300, 1);
	feed(f, INPUT_EVENT_MOTION, 0, NAN, NAN, 2);
	feed(f, INPUT_EVENT_UP, 0, INFINITY, NAN, 3);
	assert_int_equal(f->rec.non_finite, 0);
	assert_int_equal(count_type(&f->rec, GESTURE_DRAG_END), 1);
	assert_int_equal(f->rec.violations, 0);
}

static void test_stuck_contact_is_forgotten(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 0, 100, 100, 0); /* its UP never comes */
	feed(f, INPUT_EVENT_DOWN, 1, 300, 300, 20000);
	feed(f, INPUT_EVENT_UP, 1, 300, 300, 20100);
	assert_int_equal(count_type(&f->rec, GESTURE_TAP), 1);
	assert_true(f->rec.ev[f->rec.count - 1].x == 300);
	assert_int_equal(f->rec.violations, 0);
}

static void test_reset_cancels_drag(void **state)
{
	struct fixture *f = *state;

	feed(f, INPUT_EVENT_DOWN, 0, 0, 0, 0);
	feed(f, INPUT_EVENT_MOTION, 0, 0, 100, 10);
	gesture_reset(&f->g);
	assert_int_equal(f->rec.ev[f->rec.count - 1].type, GESTURE_CANCEL);
	assert_int_equal(gesture_contact_count(&f->g), 0);
	feed(f, INPUT_EVENT_UP, 0, 0, 100, 20);
	assert_int_equal(count_type(&f->rec, GESTURE_DRAG_END), 0);
	assert_int_equal(f->rec.violations, 0);
}

/* A random touch storm: a million events of every kind, including nonsense. */
static void test_touch_storm(void **state)
{
	struct fixture *f = *state;
	uint64_t t = 0;
	uint64_t deadline;
	unsigned seed = 12345;
	static const double odd[] = { NAN, INFINITY, -INFINITY, 1e308, -1e308, -0.0, 0, 4e9 };

	for (long i = 0; i < 1000000; i++) {
		struct input_event ev;
		unsigned r;

		seed = seed * 1103515245u + 12345u;
		r = seed >> 8;
		ev.type = (enum input_event_type)(r % 5);
		ev.slot = (int64_t)((r >> 3) % 24) - 2;
		ev.x = (r >> 8) % 97 == 0 ? odd[(r >> 4) % 8] : (double)((r >> 9) % 2000);
		ev.y = (r >> 7) % 89 == 0 ? odd[(r >> 5) % 8] : (double)((r >> 10) % 1200);
		t += (r >> 12) % 7 == 0 ? (r % 900) : (r % 20);
		if ((r >> 14) % 10000 == 0)
			t -= t / 2; /* a clock jump backwards */
		ev.time_ms = t;
		gesture_handle_event(&f->g, &ev);
		if ((r >> 16) % 13 == 0)
			gesture_handle_timeout(&f->g, t);
		if ((r >> 16) % 50000 == 1)
			gesture_reset(&f->g);
		assert_true(gesture_contact_count(&f->g) <= GESTURE_MAX_CONTACTS);
		if (gesture_next_deadline(&f->g, &deadline))
			assert_true(deadline >= f->g.start_ms);
	}
	assert_true(f->rec.total > 1000);
	assert_int_equal(f->rec.violations, 0);
	assert_int_equal(f->rec.non_finite, 0);
	assert_true(count_type(&f->rec, GESTURE_PRESS) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_scale_with_dpi),
		cmocka_unit_test_setup_teardown(test_tap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slow_press_is_neither_tap_nor_long_press,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_press, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drag_follows_finger_without_fling, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_fling_velocity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fling_is_capped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_finger_cancels_tap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_palm_of_many_contacts_cancels, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_resting_thumb_does_not_stop_scroll, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cancel_event, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_order_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hundred_fingers_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nan_and_huge_coordinates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stuck_contact_is_forgotten, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reset_cancels_drag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_touch_storm, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
