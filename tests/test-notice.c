/* Notices: the page record carries the text and its period (and old records
 * still read), and the kiosk shows one only inside the period, local time, and
 * only with a clock it can trust. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "berlin-time.h"

#include "bundle/page.h"
#include "notice.h"

static void test_dates(void **state)
{
	uint32_t d = 7;

	(void)state;
	assert_true(page_date_parse("2026-12-24", &d));
	assert_int_equal(d, 20261224);
	assert_true(page_date_parse("2028-02-29", &d));
	assert_false(page_date_parse("2026-02-29", &d));
	assert_false(page_date_parse("2026-12-24 ", &d));
	assert_false(page_date_parse("24.12.2026", &d));
	assert_false(page_date_parse("2026-13-01", &d));
	assert_false(page_date_parse("1999-12-31", &d));
	assert_false(page_date_parse("", &d));
	assert_int_equal(d, 20280229); /* untouched by the failures */
}

static void test_shown_in_period(void **state)
{
	struct page p = { .id = "start",
			  .lang = "de",
			  .title = "Start",
			  .notice = "Am 24. Dezember geschlossen.",
			  .valid_from = 20261201,
			  .valid_until = 20261224 };

	(void)state;
	assert_false(notice_shown(&p, true, berlin_time(2026, 11, 30, 23, 59)));
	assert_true(notice_shown(&p, true, berlin_time(2026, 12, 1, 0, 0)));
	assert_true(notice_shown(&p, true, berlin_time(2026, 12, 24, 23, 59)));
	assert_false(notice_shown(&p, true, berlin_time(2026, 12, 25, 0, 0)));
	/* without a trusted clock: never, not even inside the period */
	assert_false(notice_shown(&p, false, berlin_time(2026, 12, 10, 12, 0)));
	/* open start: up to its end */
	p.valid_from = PAGE_DATE_NONE;
	assert_true(notice_shown(&p, true, berlin_time(2020, 1, 1, 12, 0)));
	/* no notice, no page */
	p.notice = "";
	assert_false(notice_shown(&p, true, berlin_time(2026, 12, 10, 12, 0)));
	assert_false(notice_shown(NULL, true, berlin_time(2026, 12, 10, 12, 0)));
}

static void test_record_round_trip(void **state)
{
	struct page p = { .id = "start",
			  .lang = "de",
			  .title = "Start",
			  .tile_title = "Start",
			  .summary = "",
			  .tile_image = "",
			  .notice = "Am 24. Dezember geschlossen.",
			  .valid_from = 20261201,
			  .valid_until = 20261224 };
	struct bundle_diag diag;
	struct page *back = NULL;
	uint8_t *data = NULL;
	size_t size = 0;

	(void)state;
	assert_int_equal(page_encode(&p, &data, &size, &diag), BUNDLE_OK);
	assert_int_equal(page_decode(data, size, &back, &diag), BUNDLE_OK);
	assert_string_equal(back->notice, p.notice);
	assert_int_equal(back->valid_from, 20261201);
	assert_int_equal(back->valid_until, 20261224);
	page_free(back);
	free(data);

	/* a period that runs backwards, or dates without a notice: corrupt */
	p.valid_from = 20261225;
	assert_int_equal(page_encode(&p, &data, &size, &diag), BUNDLE_OK);
	assert_int_equal(page_decode(data, size, &back, &diag), BUNDLE_ERR_CORRUPT);
	free(data);
	p.notice = "";
	p.valid_from = PAGE_DATE_NONE;
	assert_int_equal(page_encode(&p, &data, &size, &diag), BUNDLE_OK);
	assert_int_equal(page_decode(data, size, &back, &diag), BUNDLE_ERR_CORRUPT);
	free(data);
}

/* A version 1 record (bundles built before notices) reads as a page without one. */
static void test_version_1_record(void **state)
{
	struct page p = { .id = "start", .lang = "de", .title = "Start" };
	struct bundle_diag diag;
	struct page *back = NULL;
	uint8_t *data = NULL, *v1;
	size_t size = 0, header = 0, cut = 5 + 4 + 4; /* "" notice (length, NUL), two dates */

	(void)state;
	assert_int_equal(page_encode(&p, &data, &size, &diag), BUNDLE_OK);
	/* magic, version, reserved, then six strings: find the end of the sixth */
	header = 8;
	for (int i = 0; i < 6; i++) {
		uint32_t n = (uint32_t)data[header] | (uint32_t)data[header + 1] << 8 |
			     (uint32_t)data[header + 2] << 16 | (uint32_t)data[header + 3] << 24;

		header += 4 + n + 1;
	}
	v1 = malloc(size);
	assert_non_null(v1);
	memcpy(v1, data, header);
	memcpy(v1 + header, data + header + cut, size - header - cut);
	v1[4] = 1; /* version 1: without the notice, nor the extras at the end (five
		    * empty strings and no QR codes) */
	assert_int_equal(page_decode(v1, size - cut - (5 * 5 + 2), &back, &diag), BUNDLE_OK);
	assert_string_equal(back->notice, "");
	assert_int_equal(back->valid_until, PAGE_DATE_NONE);
	page_free(back);
	free(v1);
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_shown_in_period),
		cmocka_unit_test(test_record_round_trip),
		cmocka_unit_test(test_version_1_record),
	};

	return cmocka_run_group_tests(tests, berlin_time_setup, NULL);
}
