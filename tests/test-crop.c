/* crop: every crop keeps the focal point and the safe area in view, and no
 * picture is enlarged more than CROP_MAX_GROWTH (issue 12: a portrait attract
 * slide enlarged a picture 1.8x and sliced a person; tiles cut off heads and
 * speech bubbles). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "crop.h"

/* Whether the plan's part of the picture holds the rectangle (fractions). */
static bool shows(const struct crop_plan *p, int src_w, int src_h, double x0, double y0, double x1,
		  double y1)
{
	return p->src.x <= x0 * src_w + 1 && p->src.y <= y0 * src_h + 1 &&
	       p->src.x + p->src.w >= x1 * src_w - 1 && p->src.y + p->src.h >= y1 * src_h - 1;
}

static void test_centred_without_focus(void **state)
{
	struct crop_plan p = crop_choose(1920, 1080, 916, 274, true, NULL);
	struct qoi_crop c = qoi_crop(1920, 1080, 916, 274, true);

	(void)state;
	/* the same as the plain centred cover crop, filling the box */
	assert_int_equal(p.src.w, c.w);
	assert_true(abs(p.src.h - c.h) <= 1);
	assert_true(abs(p.src.y - c.y) <= 1);
	assert_int_equal(p.x, 0);
	assert_int_equal(p.y, 0);
	assert_int_equal(p.w, 916);
	assert_int_equal(p.h, 274);
}

static void test_focus_and_safe_area_stay_in_view(void **state)
{
	/* kontakt.png: both speech bubbles and both faces */
	struct focus f = { 0.46, 0.33, 0.26, 0.13, 0.68, 0.56 };
	static const int boxes[][2] = { { 916, 274 },   { 600, 400 }, { 300, 300 },
					{ 1080, 1920 }, { 350, 180 }, { 1920, 1080 } };

	(void)state;
	for (size_t i = 0; i < sizeof(boxes) / sizeof(boxes[0]); i++) {
		int w = boxes[i][0], h = boxes[i][1];
		struct crop_plan p = crop_choose(1920, 1080, w, h, true, &f);

		assert_true(shows(&p, 1920, 1080, f.safe_x0, f.safe_y0, f.safe_x1, f.safe_y1));
		assert_true(shows(&p, 1920, 1080, f.x, f.y, f.x, f.y));
		assert_true(p.x >= 0 && p.y >= 0 && p.x + p.w <= w && p.y + p.h <= h);
	}
	/* a focal point near the edge: the crop goes as far as the picture does */
	{
		struct focus edge = { 0.98, 0.5, 0, 0, 0, 0 };
		struct crop_plan p = crop_choose(1920, 1080, 300, 300, true, &edge);

		assert_int_equal(p.src.x + p.src.w, 1920);
	}
}

static void test_never_enlarged_past_the_limit(void **state)
{
	/* a landscape picture on a portrait attract screen: at most 1.25x, letterboxed */
	struct crop_plan p = crop_choose(1920, 1080, 1080, 1920, true, NULL);

	(void)state;
	assert_true((double)p.w / p.src.w <= CROP_MAX_GROWTH + 0.01);
	assert_true((double)p.h / p.src.h <= CROP_MAX_GROWTH + 0.01);
	assert_int_equal(p.w, 1080);
	assert_true(p.h < 1920);
	assert_int_equal(p.y, (1920 - p.h) / 2);
	/* a small picture fitted into a large box */
	p = crop_choose(400, 300, 1000, 1000, false, NULL);
	assert_int_equal(p.w, 500);
	assert_int_equal(p.h, 375);
	/* shrinking is never limited */
	p = crop_choose(1920, 1080, 192, 108, true, NULL);
	assert_int_equal(p.w, 192);
	assert_int_equal(p.h, 108);
	assert_int_equal(p.src.w, 1920);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_centred_without_focus),
		cmocka_unit_test(test_focus_and_safe_area_stay_in_view),
		cmocka_unit_test(test_never_enlarged_past_the_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
