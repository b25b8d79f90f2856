/* Navigation state machine: history, language, idle reset, attract and blank
 * screens with the swallowed wake-up touch, inertia and the deadlines that keep
 * the loop asleep while nothing happens.  Virtual time, no SDL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "nav.h"

#define IDLE 90000u
#define ATTRACT 300000u

static void start(struct nav *n)
{
	nav_init(n, "start", 0, IDLE, ATTRACT, 1000);
}

static void test_open_back_home(void **state)
{
	struct nav n;

	(void)state;
	start(&n);
	assert_int_equal(n.screen, NAV_START);
	assert_string_equal(n.page, "start");
	nav_open(&n, "kultur", 2000);
	assert_int_equal(n.screen, NAV_PAGE);
	assert_string_equal(n.page, "kultur");
	nav_set_scroll_max(&n, 1000);
	nav_scroll_by(&n, 300);
	nav_open(&n, "kulturfoerderung", 3000);
	assert_string_equal(n.page, "kulturfoerderung");
	assert_true(n.scroll == 0);
	nav_back(&n, 4000);
	assert_string_equal(n.page, "kultur");
	nav_set_scroll_max(&n, 1000);
	assert_true(n.scroll == 300); /* back restores the reading position */
	nav_back(&n, 5000);
	assert_int_equal(n.screen, NAV_START);
	nav_open(&n, "kontakt", 6000);
	nav_home(&n, 7000);
	assert_int_equal(n.screen, NAV_START);
	assert_string_equal(n.page, "start");
	assert_int_equal(n.history_len, 0);
	/* opening the start id is going home */
	nav_open(&n, "kontakt", 8000);
	nav_open(&n, "start", 9000);
	assert_int_equal(n.screen, NAV_START);
}

/* Every verb says what it changed, so the app relayouts exactly when it must. */
static void test_verbs_report_changes(void **state)
{
	struct nav n;

	(void)state;
	start(&n);
	assert_int_equal(nav_home(&n, 1500), 0); /* already there */
	assert_int_equal(nav_open(&n, "kultur", 2000), NAV_CHANGED_SCREEN);
	assert_int_equal(nav_open(&n, "kultur", 2100), 0);
	assert_int_equal(nav_set_scroll_max(&n, 500), 0);
	assert_int_equal(nav_scroll_by(&n, 200), NAV_CHANGED_SCROLL);
	assert_int_equal(nav_scroll_by(&n, 0), 0);
	assert_int_equal(nav_set_scroll_max(&n, 100), NAV_CHANGED_SCROLL); /* clamped */
	assert_int_equal(nav_set_lang(&n, 1, 2200), NAV_CHANGED_SCREEN);
	assert_int_equal(nav_set_lang(&n, 1, 2300), 0);
	assert_int_equal(nav_open(&n, "projekte", 2400), NAV_CHANGED_SCREEN);
	assert_int_equal(nav_back(&n, 2500), NAV_CHANGED_SCREEN);
	assert_string_equal(n.page, "kultur");
	assert_int_equal(nav_back(&n, 2600), NAV_CHANGED_SCREEN); /* to the start */
	assert_int_equal(n.screen, NAV_START);
	assert_int_equal(nav_back(&n, 2700), 0);
}

static void test_history_is_bounded(void **state)
{
	struct nav n;
	char id[8];

	(void)state;
	start(&n);
	for (int i = 0; i < 3 * NAV_HISTORY_MAX; i++) {
		snprintf(id, sizeof(id), "p%d", i);
		nav_open(&n, id, 2000 + (uint64_t)i);
	}
	assert_int_equal(n.history_len, NAV_HISTORY_MAX);
	nav_back(&n, 5000);
	snprintf(id, sizeof(id), "p%d", 3 * NAV_HISTORY_MAX - 2);
	assert_string_equal(n.page, id);
}

static void test_lang_keeps_page(void **state)
{
	struct nav n;

	(void)state;
	start(&n);
	nav_open(&n, "kultur", 2000);
	nav_set_scroll_max(&n, 2000);
	nav_scroll_by(&n, 700);
	nav_set_lang(&n, 1, 3000);
	assert_int_equal(n.lang, 1);
	assert_int_equal(n.screen, NAV_PAGE);
	assert_string_equal(n.page, "kultur");
	assert_true(n.scroll == 700); /* the app maps it with layout_map_scroll() */
}

static void test_idle_returns_to_start_in_default_language(void **state)
{
	struct nav n;
	unsigned changed;

	(void)state;
	start(&n);
	nav_open(&n, "kultur", 2000);
	nav_set_lang(&n, 1, 2000);
	/* first the prompt, NAV_PROMPT_MS before the reset */
	assert_int_equal(nav_next_deadline(&n), 2000 + IDLE - NAV_PROMPT_MS);
	assert_int_equal(nav_tick(&n, 2000 + IDLE - 1), NAV_CHANGED_PROMPT);
	assert_int_equal(n.screen, NAV_PAGE);
	/* activity postpones it and takes the prompt away */
	nav_touch_activity(&n, 50000);
	assert_int_equal(nav_tick(&n, 50000), NAV_CHANGED_PROMPT);
	assert_int_equal(nav_prompt_seconds(&n, 50000), 0);
	assert_int_equal(nav_next_deadline(&n), 50000 + IDLE - NAV_PROMPT_MS);
	changed = nav_tick(&n, 50000 + IDLE);
	assert_true(changed & NAV_CHANGED_SCREEN);
	assert_true(changed & NAV_CHANGED_IDLE);
	assert_int_equal(n.screen, NAV_START);
	assert_int_equal(n.lang, 0);
	/* at home the next thing is the attract screen */
	assert_int_equal(nav_next_deadline(&n), 50000 + ATTRACT);
}

static void test_attract_wake_is_swallowed(void **state)
{
	struct nav n;

	(void)state;
	start(&n);
	assert_true(nav_tick(&n, 1000 + ATTRACT) & NAV_CHANGED_SCREEN);
	assert_int_equal(n.screen, NAV_ATTRACT);
	assert_int_equal(nav_next_deadline(&n), 1000 + ATTRACT + NAV_SLIDE_MS);
	assert_true(nav_tick(&n, 1000 + ATTRACT + 2 * NAV_SLIDE_MS) & NAV_CHANGED_SLIDE);
	assert_int_equal(n.slide, 2);
	/* the waking touch does nothing but wake */
	assert_int_equal(nav_touch_down(&n, 400000), NAV_CHANGED_SCREEN);
	assert_int_equal(n.screen, NAV_START);
	assert_true(nav_swallowing(&n));
	assert_int_equal(nav_touch_down(&n, 400010), 0); /* a second finger of the same touch */
	assert_true(nav_swallowing(&n));
	nav_touch_up(&n, 400100);
	assert_false(nav_swallowing(&n));
	assert_int_equal(nav_touch_down(&n, 401000), 0); /* the next touch counts */
	assert_false(nav_swallowing(&n));
	nav_touch_up(&n, 401050);
}

/* "Still there?": 20 s before the reset, counting down a second at a time; a
 * touch keeps the page and is swallowed. */
static void test_idle_prompt_counts_down(void **state)
{
	struct nav n;
	uint64_t prompt = 2000 + IDLE - NAV_PROMPT_MS, t;
	unsigned ticks = 0;

	(void)state;
	start(&n);
	nav_open(&n, "kultur", 2000);
	assert_int_equal(nav_tick(&n, prompt - 1), 0);
	assert_int_equal(nav_prompt_seconds(&n, prompt - 1), 0);
	assert_int_equal(nav_tick(&n, prompt), NAV_CHANGED_PROMPT);
	assert_int_equal(nav_prompt_seconds(&n, prompt), NAV_PROMPT_MS / 1000);
	for (t = nav_next_deadline(&n); t < 2000 + IDLE; t = nav_next_deadline(&n)) {
		assert_int_equal(nav_tick(&n, t), NAV_CHANGED_PROMPT);
		ticks++;
	}
	assert_int_equal(ticks, NAV_PROMPT_MS / NAV_COUNTDOWN_MS - 1);
	assert_int_equal(nav_prompt_seconds(&n, 2000 + IDLE - 1), 1);
	/* a touch at the last second: the page stays, the touch does nothing else */
	assert_int_equal(nav_touch_down(&n, 2000 + IDLE - 500), NAV_CHANGED_PROMPT);
	assert_true(nav_swallowing(&n));
	assert_int_equal(n.screen, NAV_PAGE);
	nav_touch_up(&n, 2000 + IDLE - 400);
	assert_int_equal(nav_tick(&n, 2000 + IDLE), 0);
	assert_int_equal(n.screen, NAV_PAGE);
	/* at home nothing would be lost: no prompt before the attract screen */
	nav_home(&n, 200000);
	assert_int_equal(nav_next_deadline(&n), 200000 + ATTRACT);
	/* doubled idle time (an accessibility mode): the prompt moves with it */
	nav_open(&n, "kultur", 300000);
	nav_set_idle(&n, 2 * IDLE);
	assert_int_equal(nav_next_deadline(&n), 300000 + 2 * IDLE - NAV_PROMPT_MS);
}

static void test_blank_when_closed(void **state)
{
	struct nav n;

	(void)state;
	start(&n);
	assert_int_equal(nav_set_closed(&n, true, 2000), 0); /* blanks only when idle */
	assert_int_equal(nav_next_deadline(&n), 1000 + IDLE - NAV_PROMPT_MS);
	nav_tick(&n, 1000 + IDLE);
	assert_int_equal(n.screen, NAV_BLANK);
	assert_int_equal(nav_next_deadline(&n), NAV_NEVER); /* asleep until touched */
	assert_int_equal(nav_touch_down(&n, 200000), NAV_CHANGED_SCREEN);
	assert_int_equal(n.screen, NAV_START);
	nav_touch_up(&n, 200050);
	nav_tick(&n, 200050 + IDLE);
	assert_int_equal(n.screen, NAV_BLANK);
	/* opening time: back on, and the caller is told (it must draw the start screen) */
	assert_int_equal(nav_set_closed(&n, false, 400000), NAV_CHANGED_SCREEN);
	assert_int_equal(n.screen, NAV_START);
	assert_int_equal(nav_set_closed(&n, false, 400001), 0);
}

static void test_fling_coasts_and_stops(void **state)
{
	struct nav n;
	uint64_t t = 2000, frames = 0;
	double last = 0;

	(void)state;
	start(&n);
	nav_open(&n, "kultur", t);
	nav_set_scroll_max(&n, 5000);
	nav_fling(&n, 2.0, t);
	assert_int_equal(nav_next_deadline(&n), t + NAV_FRAME_MS);
	while (n.velocity != 0 && frames < 1000) {
		t = nav_next_deadline(&n);
		assert_true(nav_tick(&n, t) & NAV_CHANGED_SCROLL);
		assert_true(n.scroll > last);
		last = n.scroll;
		frames++;
	}
	/* about tau * v0 = 650 px, in well under two seconds of frames */
	assert_true(n.scroll > 500 && n.scroll < 700);
	assert_true(frames > 10 && frames < 120);
	assert_true(n.velocity == 0); /* after the animation only the idle prompt is left */
	assert_int_equal(nav_next_deadline(&n), n.last_input + IDLE - NAV_PROMPT_MS);
}

static void test_fling_stops_at_the_end(void **state)
{
	struct nav n;
	uint64_t t = 2000;

	(void)state;
	start(&n);
	nav_open(&n, "kultur", t);
	nav_set_scroll_max(&n, 100);
	nav_fling(&n, 5.0, t);
	while (n.velocity != 0 && t < 10000)
		nav_tick(&n, t += NAV_FRAME_MS);
	assert_true(n.scroll == 100);
	nav_fling(&n, -50.0, t); /* clamped, and stops at the top */
	while (n.velocity != 0 && t < 20000)
		nav_tick(&n, t += NAV_FRAME_MS);
	assert_true(n.scroll == 0);
	/* a page that does not scroll does not coast */
	nav_set_scroll_max(&n, 0);
	nav_fling(&n, 3.0, t);
	assert_true(n.velocity == 0);
}

static void test_touch_stops_inertia(void **state)
{
	struct nav n;

	(void)state;
	start(&n);
	nav_open(&n, "kultur", 2000);
	nav_set_scroll_max(&n, 5000);
	nav_fling(&n, 3.0, 2000);
	nav_tick(&n, 2100);
	assert_true(n.velocity != 0);
	assert_int_equal(nav_touch_down(&n, 2110), 0);
	assert_true(n.velocity == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_back_home),
		cmocka_unit_test(test_verbs_report_changes),
		cmocka_unit_test(test_history_is_bounded),
		cmocka_unit_test(test_lang_keeps_page),
		cmocka_unit_test(test_idle_returns_to_start_in_default_language),
		cmocka_unit_test(test_attract_wake_is_swallowed),
		cmocka_unit_test(test_idle_prompt_counts_down),
		cmocka_unit_test(test_blank_when_closed),
		cmocka_unit_test(test_fling_coasts_and_stops),
		cmocka_unit_test(test_fling_stops_at_the_end),
		cmocka_unit_test(test_touch_stops_inertia),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
