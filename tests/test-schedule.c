/* Opening hours: parsing, is-open and the next change across midnight and DST;
 * holidays (Easter over many years), closed dates, and an untrusted clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "berlin-time.h"

#include "schedule.h"

static void weekdays_7_to_19(struct schedule *s)
{
	const char *why = NULL;

	schedule_init_always_open(s);
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
	assert_true(schedule_is_open_at(&s, berlin_time(2026, 11, 27, 18, 0)));
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 27, 18, 0)) ==
		    berlin_time(2026, 11, 27, 19, 0));
	assert_false(schedule_is_open_at(&s, berlin_time(2026, 11, 27, 19, 0)));
	/* closed over the weekend: the next change is Monday morning */
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 27, 19, 0)) ==
		    berlin_time(2026, 11, 30, 7, 0));
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 29, 23, 59)) ==
		    berlin_time(2026, 11, 30, 7, 0));
	/* exactly at opening: already open, the next change is closing */
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 30, 7, 0)) ==
		    berlin_time(2026, 11, 30, 19, 0));
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
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 30, 10, 0)) ==
		    berlin_time(2026, 12, 1, 12, 0));
	/* Sunday evening: opens at Monday midnight */
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 29, 20, 0)) ==
		    berlin_time(2026, 11, 30, 0, 0));
}

static void test_never_changes(void **state)
{
	struct schedule s;
	const char *why;

	(void)state;
	schedule_init_always_open(&s);
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 27, 12, 0)) == (time_t)-1);
	for (int d = 0; d < 7; d++)
		assert_int_equal(schedule_parse_day("closed", &s.day[d], &why), 0);
	assert_true(schedule_next_change(&s, berlin_time(2026, 11, 27, 12, 0)) == (time_t)-1);
	assert_false(schedule_is_open_at(&s, berlin_time(2026, 11, 27, 12, 0)));
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
	now = berlin_time(2026, 3, 28, 20, 0);
	next = schedule_next_change(&s, now);
	assert_true(next == berlin_time(2026, 3, 29, 8, 0));
	assert_int_equal((long)(next - now), 11 * 3600);
	/* 2026-10-25: clocks go back at 03:00; the same night is 13 h long */
	now = berlin_time(2026, 10, 24, 20, 0);
	next = schedule_next_change(&s, now);
	assert_int_equal((long)(next - now), 13 * 3600);
	/* A boundary inside the skipped hour still yields a real change that day */
	assert_int_equal(schedule_parse_day("02:30-05:00", &s.day[0], &why), 0);
	now = berlin_time(2026, 3, 28, 20, 0);
	next = schedule_next_change(&s, now);
	assert_true(next > now);
	assert_true(next < berlin_time(2026, 3, 29, 5, 0));
	assert_true(schedule_is_open_at(&s, next));
}

/* Easter Sunday as published, 2000-2040, and the extremes of the Gregorian range
 * (the same dates python-dateutil's easter() gives). */
static void test_easter(void **state)
{
	static const int known[][3] = {
		{ 2000, 4, 23 }, { 2001, 4, 15 }, { 2002, 3, 31 }, { 2003, 4, 20 }, { 2004, 4, 11 },
		{ 2005, 3, 27 }, { 2006, 4, 16 }, { 2007, 4, 8 },  { 2008, 3, 23 }, { 2009, 4, 12 },
		{ 2010, 4, 4 },  { 2011, 4, 24 }, { 2012, 4, 8 },  { 2013, 3, 31 }, { 2014, 4, 20 },
		{ 2015, 4, 5 },  { 2016, 3, 27 }, { 2017, 4, 16 }, { 2018, 4, 1 },  { 2019, 4, 21 },
		{ 2020, 4, 12 }, { 2021, 4, 4 },  { 2022, 4, 17 }, { 2023, 4, 9 },  { 2024, 3, 31 },
		{ 2025, 4, 20 }, { 2026, 4, 5 },  { 2027, 3, 28 }, { 2028, 4, 16 }, { 2029, 4, 1 },
		{ 2030, 4, 21 }, { 2031, 4, 13 }, { 2032, 3, 28 }, { 2033, 4, 17 }, { 2034, 4, 9 },
		{ 2035, 3, 25 }, { 2036, 4, 13 }, { 2037, 4, 5 },  { 2038, 4, 25 }, { 2039, 4, 10 },
		{ 2040, 4, 1 },  { 1818, 3, 22 }, { 1943, 4, 25 }, { 2285, 3, 22 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		int m, d;

		schedule_easter(known[i][0], &m, &d);
		if (m != known[i][1] || d != known[i][2])
			fail_msg("Easter %d: %d-%d, expected %d-%d", known[i][0], m, d, known[i][1],
				 known[i][2]);
	}
	/* every year the kiosk may see: a Sunday from March 22 to April 25 */
	for (int y = SCHEDULE_YEAR_MIN; y <= SCHEDULE_YEAR_MAX; y++) {
		int m, d;
		int32_t day;

		schedule_easter(y, &m, &d);
		day = schedule_day_number(y, m, d);
		assert_int_equal((day + 4) % 7, 0); /* 1970-01-01 was a Thursday */
		assert_true(day >= schedule_day_number(y, 3, 22));
		assert_true(day <= schedule_day_number(y, 4, 25));
	}
}

static void test_day_number(void **state)
{
	(void)state;
	assert_int_equal(schedule_day_number(1970, 1, 1), 0);
	assert_int_equal(schedule_day_number(2000, 3, 1) - schedule_day_number(2000, 2, 28), 2);
	assert_int_equal(schedule_day_number(2100, 3, 1) - schedule_day_number(2100, 2, 28), 1);
	assert_int_equal(schedule_day_number(2026, 12, 1), 20788);
}

/* The eleven public holidays of North Rhine-Westphalia in 2026 and 2027. */
static void test_holidays_nrw(void **state)
{
	static const struct {
		int y, m, d;
		const char *de;
	} expect[] = {
		{ 2026, 1, 1, "Neujahr" },
		{ 2026, 4, 3, "Karfreitag" },
		{ 2026, 4, 6, "Ostermontag" },
		{ 2026, 5, 1, "Tag der Arbeit" },
		{ 2026, 5, 14, "Christi Himmelfahrt" },
		{ 2026, 5, 25, "Pfingstmontag" },
		{ 2026, 6, 4, "Fronleichnam" },
		{ 2026, 10, 3, "Tag der Deutschen Einheit" },
		{ 2026, 11, 1, "Allerheiligen" },
		{ 2026, 12, 25, "1. Weihnachtstag" },
		{ 2026, 12, 26, "2. Weihnachtstag" },
		{ 2027, 3, 26, "Karfreitag" },
		{ 2027, 3, 29, "Ostermontag" },
		{ 2027, 5, 6, "Christi Himmelfahrt" },
		{ 2027, 5, 17, "Pfingstmontag" },
		{ 2027, 5, 27, "Fronleichnam" },
	};
	int count = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		const struct schedule_holiday *h = schedule_holiday_on(
		    SCHEDULE_HOLIDAYS_NRW, expect[i].y, expect[i].m, expect[i].d);

		if (!h || strcmp(h->de, expect[i].de) != 0)
			fail_msg("%d-%02d-%02d: %s, expected %s", expect[i].y, expect[i].m,
				 expect[i].d, h ? h->de : "no holiday", expect[i].de);
		assert_true(h->en[0] != '\0');
	}
	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= 31; d++)
			count += schedule_holiday_on(SCHEDULE_HOLIDAYS_NRW, 2026, m, d) != NULL;
	assert_int_equal(count, 11);
	/* Easter Sunday and Whit Sunday are Sundays, not statutory holidays in NRW */
	assert_null(schedule_holiday_on(SCHEDULE_HOLIDAYS_NRW, 2026, 4, 5));
	assert_null(schedule_holiday_on(SCHEDULE_HOLIDAYS_NRW, 2026, 5, 24));
	assert_null(schedule_holiday_on(SCHEDULE_HOLIDAYS_NONE, 2026, 12, 25));
	assert_int_equal(schedule_holidays_from_name("NRW"), SCHEDULE_HOLIDAYS_NRW);
	assert_int_equal(schedule_holidays_from_name("none"), SCHEDULE_HOLIDAYS_NONE);
	assert_int_equal(schedule_holidays_from_name("bayern"), -1);
}

static void test_parse_closure(void **state)
{
	static const char *const bad[] = {
		"",
		"2026-12-32",
		"2026-02-29",
		"2026-13-01",
		"26-12-24",
		"2026-12-24..",
		"2026-12-31..2026-12-24",
		"2026-01-01..2027-01-02",
		"2026-12-24 2026-12-31",
		"1999-12-31",
		"2026-12-240",
		"24.12.2026",
	};
	struct schedule_closure c = { 7, 7 };
	const char *why = NULL;

	(void)state;
	assert_int_equal(schedule_parse_closure(" 2026-12-24 ", &c, &why), 0);
	assert_int_equal(c.first, schedule_day_number(2026, 12, 24));
	assert_int_equal(c.last, c.first);
	assert_int_equal(schedule_parse_closure("2026-12-24 .. 2026-12-31", &c, &why), 0);
	assert_int_equal(c.last - c.first, 7);
	assert_int_equal(schedule_parse_closure("2028-02-29..2028-12-31", &c, &why), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct schedule_closure before = c;

		why = NULL;
		if (schedule_parse_closure(bad[i], &c, &why) != -1)
			fail_msg("accepted '%s'", bad[i]);
		assert_non_null(why);
		assert_int_equal(c.first, before.first); /* untouched on failure */
	}
}

static void add_closure(struct schedule *s, const char *text)
{
	const char *why = NULL;

	assert_int_equal(schedule_parse_closure(text, &s->closure[s->closure_count], &why), 0);
	s->closure_count++;
}

/* Easter 2026 with weekday hours: closed from Thursday evening to Tuesday. */
static void test_next_change_over_easter(void **state)
{
	struct schedule s;
	time_t now;

	(void)state;
	schedule_init_always_open(&s);
	weekdays_7_to_19(&s);
	s.holidays = SCHEDULE_HOLIDAYS_NRW;
	assert_false(schedule_is_open_at(&s, berlin_time(2026, 4, 3, 11, 0))); /* Karfreitag */
	assert_false(schedule_is_open_at(&s, berlin_time(2026, 4, 6, 11, 0))); /* Ostermontag */
	assert_true(schedule_is_open_at(&s, berlin_time(2026, 4, 7, 11, 0)));  /* Tuesday */
	assert_false(schedule_is_open_at(&s, berlin_time(2026, 6, 4, 7, 0)));  /* Fronleichnam */
	assert_true(schedule_next_change(&s, berlin_time(2026, 4, 2, 19, 0)) ==
		    berlin_time(2026, 4, 7, 7, 0));
	/* Easter 2027 meets the change to summer time (March 28): 107 h, not 108 */
	now = berlin_time(2027, 3, 25, 19, 0);
	assert_int_equal((long)(schedule_next_change(&s, now) - now), 107 * 3600);
	/* without holidays, Good Friday is a Friday */
	s.holidays = SCHEDULE_HOLIDAYS_NONE;
	assert_true(schedule_is_open_at(&s, berlin_time(2026, 4, 3, 11, 0)));
}

/* Closed between Christmas and New Year: twelve days, beyond the 8 days a plain
 * week needs, then the first working day of 2027. */
static void test_next_change_over_closed_range(void **state)
{
	struct schedule s;

	(void)state;
	schedule_init_always_open(&s);
	weekdays_7_to_19(&s);
	s.holidays = SCHEDULE_HOLIDAYS_NRW;
	add_closure(&s, "2026-12-24..2026-12-31");
	add_closure(&s, "2026-12-10");
	assert_true(schedule_is_open_at(&s, berlin_time(2026, 12, 23, 18, 59)));
	assert_false(schedule_is_open_at(&s, berlin_time(2026, 12, 28, 11, 0)));
	assert_true(schedule_next_change(&s, berlin_time(2026, 12, 23, 18, 0)) ==
		    berlin_time(2026, 12, 23, 19, 0));
	assert_true(schedule_next_change(&s, berlin_time(2026, 12, 23, 19, 0)) ==
		    berlin_time(2027, 1, 4, 7, 0));
	/* a single closed Thursday */
	assert_false(schedule_is_open_at(&s, berlin_time(2026, 12, 10, 12, 0)));
	assert_true(schedule_next_change(&s, berlin_time(2026, 12, 9, 19, 0)) ==
		    berlin_time(2026, 12, 11, 7, 0));
	/* a day open around the clock ends at the closed date's midnight */
	schedule_init_always_open(&s);
	add_closure(&s, "2026-12-10");
	assert_true(schedule_next_change(&s, berlin_time(2026, 12, 9, 12, 0)) ==
		    berlin_time(2026, 12, 10, 0, 0));
	assert_true(schedule_next_change(&s, berlin_time(2026, 12, 10, 0, 0)) ==
		    berlin_time(2026, 12, 11, 0, 0));
}

/* The shipped hours on a weekend: with a clock nobody can trust the kiosk never
 * closes and never wakes up to look again; with a trusted one it closes. */
static void test_untrusted_clock_never_closes(void **state)
{
	struct schedule s;
	time_t next = 0;

	(void)state;
	schedule_init_always_open(&s);
	weekdays_7_to_19(&s);
	s.holidays = SCHEDULE_HOLIDAYS_NRW;
	add_closure(&s, "2026-12-24..2026-12-31");
	for (time_t t = berlin_time(2026, 12, 19, 0, 0); t < berlin_time(2027, 1, 5, 0, 0);
	     t += 600) {
		if (schedule_closed_now(&s, false, t, &next))
			fail_msg("closed with an untrusted clock at %lld", (long long)t);
		assert_true(next == (time_t)-1);
	}
	/* Saturday 2026-12-19 11:00 with an RTC: closed until Monday 07:00 */
	assert_true(schedule_closed_now(&s, true, berlin_time(2026, 12, 19, 11, 0), &next));
	assert_true(next == berlin_time(2026, 12, 21, 7, 0));
	assert_false(schedule_closed_now(&s, true, berlin_time(2026, 12, 21, 11, 0), &next));
	assert_true(next == berlin_time(2026, 12, 21, 19, 0));
	/* open around the clock: nothing to wake up for */
	schedule_init_always_open(&s);
	assert_false(schedule_closed_now(&s, true, berlin_time(2026, 12, 19, 11, 0), &next));
	assert_true(next == (time_t)-1);
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
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_day_number),
		cmocka_unit_test(test_holidays_nrw),
		cmocka_unit_test(test_parse_closure),
		cmocka_unit_test(test_next_change_over_easter),
		cmocka_unit_test(test_next_change_over_closed_range),
		cmocka_unit_test(test_untrusted_clock_never_closes),
	};

	return cmocka_run_group_tests(tests, berlin_time_setup, NULL);
}
