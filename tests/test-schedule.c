/* Opening hours: parsing, is-open and the next change across midnight and DST. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "schedule.h"

static int setup_berlin(void **state)
{
	(void)state;
	/* Where the kiosk stands; tzdata may be missing, the POSIX rule is the same. */
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	{
		struct tm probe = {
			.tm_year = 126, .tm_mon = 6, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1
		};
		time_t t = mktime(&probe);
		struct tm back;

		gmtime_r(&t, &back);
		if (back.tm_hour != 10) {
			setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
			tzset();
		}
	}
	return 0;
}

/* Local time in Berlin as time_t. */
static time_t local(int year, int mon, int mday, int hour, int min)
{
	struct tm t = { .tm_year = year - 1900,
			.tm_mon = mon - 1,
			.tm_mday = mday,
			.tm_hour = hour,
			.tm_min = min,
			.tm_isdst = -1 };

	return mktime(&t);
}

static void weekdays_7_to_19(struct schedule *s)
{
	const char *why = NULL;

	for (int d = 0; d < 7; d++) {
		int rc = schedule_parse_day(d == 0 || d == 6 ? "closed" : "07:00-19:00", &s->day[d],
					    &why);

		assert_int_equal(rc, 0);
	}
}

static void test_parse_good(void **state)
{
	struct schedule_day d;
	const char *why = NULL;

	(void)state;
	assert_int_equal(schedule_parse_day("07:00-19:00", &d, &why), 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.interval[0].open_min, 7 * 60);
	assert_int_equal(d.interval[0].close_min, 19 * 60);
	assert_int_equal(schedule_parse_day("  7:30 - 12:00 ,13:00-24:00", &d, &why), 0);
	assert_int_equal(d.count, 2);
	assert_int_equal(d.interval[0].open_min, 7 * 60 + 30);
	assert_int_equal(d.interval[1].close_min, 24 * 60);
	assert_int_equal(schedule_parse_day("Closed", &d, &why), 0);
	assert_int_equal(d.count, 0);
	assert_int_equal(schedule_parse_day("open", &d, &why), 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.interval[0].close_min, 24 * 60);
}

static void test_parse_bad(void **state)
{
	static const char *const bad[] = {
		"",
		"19:00-07:00",
		"07:00-07:00",
		"07:00-25:00",
		"07:60-08:00",
		"07:00",
		"7-19",
		"07:00-12:00, 11:00-13:00",
		"24:00-24:00",
		"07:00-19:00,",
		"07:00-19:00 x",
		"00:00-01:00,02:00-03:00,04:00-05:00,06:00-07:00,08:00-09:00",
		"007:00-08:00",
		"07:000-08:00",
		"-07:00-08:00",
		"24:30-24:40",
	};
	struct schedule_day d = { .count = 3 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = NULL;

		if (schedule_parse_day(bad[i], &d, &why) != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_non_null(why);
		assert_int_equal(d.count, 3); /* untouched on failure */
	}
}

static void test_day_names(void **state)
{
	(void)state;
	assert_int_equal(schedule_day_from_name("Monday"), 1);
	assert_int_equal(schedule_day_from_name("SUNDAY"), 0);
	assert_int_equal(schedule_day_from_name("montag"), -1);
	assert_string_equal(schedule_day_name(6), "saturday");
}

static void test_is_open_midnight(void **state)
{
	struct schedule s;
	const char *why;
	struct tm t = { 0 };

	(void)state;
	schedule_init_always_open(&s);
	assert_int_equal(schedule_parse_day("00:00-24:00", &s.day[1], &why), 0);
	assert_int_equal(schedule_parse_day("closed", &s.day[2], &why), 0);
	t.tm_wday = 1, t.tm_hour = 23, t.tm_min = 59;
	assert_true(schedule_is_open(&s, &t));
	t.tm_wday = 2, t.tm_hour = 0, t.tm_min = 0;
	assert_false(schedule_is_open(&s, &t));
	/* nonsense fields never blank the screen */
	t.tm_wday = 9;
	assert_true(schedule_is_open(&s, &t));
}

static void test_next_change_weekdays(void **state)
{
	struct schedule s;

	(void)state;
	weekdays_7_to_19(&s);
	/* 2026-11-27 is a Friday */
	assert_true(schedule_is_open_at(&s, local(2026, 11, 27, 18, 0)));
	assert_true(schedule_next_change(&s, local(2026, 11, 27, 18, 0)) ==
		    local(2026, 11, 27, 19, 0));
	assert_false(schedule_is_open_at(&s, local(2026, 11, 27, 19, 0)));
	/* closed over the weekend: the next change is Monday morning */
	assert_true(schedule_next_change(&s, local(2026, 11, 27, 19, 0)) ==
		    local(2026, 11, 30, 7, 0));
	assert_true(schedule_next_change(&s, local(2026, 11, 29, 23, 59)) ==
		    local(2026, 11, 30, 7, 0));
	/* exactly at opening: already open, the next change is closing */
	assert_true(schedule_next_change(&s, local(2026, 11, 30, 7, 0)) ==
		    local(2026, 11, 30, 19, 0));
}

static void test_next_change_across_midnight(void **state)
{
	struct schedule s;
	const char *why;

	(void)state;
	schedule_init_always_open(&s);
	for (int d = 0; d < 7; d++)
		assert_int_equal(schedule_parse_day("closed", &s.day[d], &why), 0);
	assert_int_equal(schedule_parse_day("00:00-24:00", &s.day[1], &why), 0);
	assert_int_equal(schedule_parse_day("00:00-12:00", &s.day[2], &why), 0);
	/* Monday 10:00: open straight through midnight until Tuesday noon */
	assert_true(schedule_next_change(&s, local(2026, 11, 30, 10, 0)) ==
		    local(2026, 12, 1, 12, 0));
	/* Sunday evening: opens at Monday midnight */
	assert_true(schedule_next_change(&s, local(2026, 11, 29, 20, 0)) ==
		    local(2026, 11, 30, 0, 0));
}

static void test_never_changes(void **state)
{
	struct schedule s;
	const char *why;

	(void)state;
	schedule_init_always_open(&s);
	assert_true(schedule_next_change(&s, local(2026, 11, 27, 12, 0)) == (time_t)-1);
	for (int d = 0; d < 7; d++)
		assert_int_equal(schedule_parse_day("closed", &s.day[d], &why), 0);
	assert_true(schedule_next_change(&s, local(2026, 11, 27, 12, 0)) == (time_t)-1);
	assert_false(schedule_is_open_at(&s, local(2026, 11, 27, 12, 0)));
}

static void test_dst_days(void **state)
{
	struct schedule s;
	const char *why;
	time_t now, next;

	(void)state;
	schedule_init_always_open(&s);
	for (int d = 0; d < 7; d++)
		assert_int_equal(schedule_parse_day("08:00-18:00", &s.day[d], &why), 0);
	/* 2026-03-29: clocks go forward at 02:00; Saturday 20:00 to Sunday 08:00 is 11 h */
	now = local(2026, 3, 28, 20, 0);
	next = schedule_next_change(&s, now);
	assert_true(next == local(2026, 3, 29, 8, 0));
	assert_int_equal((long)(next - now), 11 * 3600);
	/* 2026-10-25: clocks go back at 03:00; the same night is 13 h long */
	now = local(2026, 10, 24, 20, 0);
	next = schedule_next_change(&s, now);
	assert_int_equal((long)(next - now), 13 * 3600);
	/* A boundary inside the skipped hour still yields a real change that day */
	assert_int_equal(schedule_parse_day("02:30-05:00", &s.day[0], &why), 0);
	now = local(2026, 3, 28, 20, 0);
	next = schedule_next_change(&s, now);
	assert_true(next > now);
	assert_true(next < local(2026, 3, 29, 5, 0));
	assert_true(schedule_is_open_at(&s, next));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_day_names),
		cmocka_unit_test(test_is_open_midnight),
		cmocka_unit_test(test_next_change_weekdays),
		cmocka_unit_test(test_next_change_across_midnight),
		cmocka_unit_test(test_never_changes),
		cmocka_unit_test(test_dst_days),
	};

	return cmocka_run_group_tests(tests, setup_berlin, NULL);
}
