/* Rotation tests: corners land where the picture puts them, and back again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "rotation.h"

#define OUT_W 1920
#define OUT_H 1080

struct corner_case {
	enum rotation r;
	double px, py; /* physical corner */
	double lx, ly; /* expected logical point */
};

static void test_validity(void **state)
{
	(void)state;
	assert_true(rotation_is_valid(0));
	assert_true(rotation_is_valid(90));
	assert_true(rotation_is_valid(180));
	assert_true(rotation_is_valid(270));
	assert_false(rotation_is_valid(45));
	assert_false(rotation_is_valid(-90));
	assert_false(rotation_is_valid(360));
}

static void test_logical_size(void **state)
{
	int w, h;

	(void)state;
	rotation_logical_size(ROTATION_0, OUT_W, OUT_H, &w, &h);
	assert_true(w == OUT_W && h == OUT_H);
	rotation_logical_size(ROTATION_270, OUT_W, OUT_H, &w, &h);
	assert_true(w == OUT_H && h == OUT_W);
	rotation_logical_size(ROTATION_180, OUT_W, OUT_H, &w, &h);
	assert_true(w == OUT_W && h == OUT_H);
	rotation_logical_size(ROTATION_90, OUT_W, OUT_H, &w, &h);
	assert_true(w == OUT_H && h == OUT_W);
}

/* For each rotation, the app's top-left corner (logical 0,0) must be under the
 * physical corner where the rotated picture shows it.  A panel mounted turned 90
 * degrees clockwise has its own bottom-left corner at the viewer's top-left. */
static void test_corners(void **state)
{
	static const struct corner_case cases[] = {
		{ ROTATION_0, 0, 0, 0, 0 },
		{ ROTATION_0, OUT_W, OUT_H, OUT_W, OUT_H },
		{ ROTATION_270, OUT_W, 0, 0, 0 },         /* panel top-right: app top-left */
		{ ROTATION_270, OUT_W, OUT_H, OUT_H, 0 }, /* bottom-right: app top-right */
		{ ROTATION_270, 0, 0, 0, OUT_W },         /* top-left: app bottom-left */
		{ ROTATION_270, 0, OUT_H, OUT_H, OUT_W },
		{ ROTATION_180, OUT_W, OUT_H, 0, 0 },
		{ ROTATION_180, 0, 0, OUT_W, OUT_H },
		{ ROTATION_180, OUT_W, 0, 0, OUT_H },
		{ ROTATION_90, 0, OUT_H, 0, 0 }, /* panel bottom-left: app top-left */
		{ ROTATION_90, 0, 0, OUT_H, 0 },
		{ ROTATION_90, OUT_W, 0, OUT_H, OUT_W },
		{ ROTATION_90, OUT_W, OUT_H, 0, OUT_W },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double lx, ly;

		rotation_map_point(cases[i].r, OUT_W, OUT_H, cases[i].px, cases[i].py, &lx, &ly);
		if (lx != cases[i].lx || ly != cases[i].ly)
			fail_msg("rotation %d: (%g,%g) -> (%g,%g), expected (%g,%g)",
				 (int)cases[i].r, cases[i].px, cases[i].py, lx, ly, cases[i].lx,
				 cases[i].ly);
	}
}

static void test_round_trip(void **state)
{
	static const enum rotation all[] = { ROTATION_0, ROTATION_90, ROTATION_180, ROTATION_270 };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		int lw, lh;

		rotation_logical_size(all[i], 800, 480, &lw, &lh);
		for (double px = 0; px <= 800; px += 37.5) {
			for (double py = 0; py <= 480; py += 29.25) {
				double lx, ly, bx, by;

				rotation_map_point(all[i], 800, 480, px, py, &lx, &ly);
				assert_true(lx >= 0 && lx <= lw && ly >= 0 && ly <= lh);
				rotation_unmap_point(all[i], 800, 480, lx, ly, &bx, &by);
				assert_true(bx == px && by == py);
			}
		}
	}
}

/* The blit rectangle, rotated about its centre, must cover the output exactly. */
static void test_blit_covers_output(void **state)
{
	static const enum rotation all[] = { ROTATION_0, ROTATION_90, ROTATION_180, ROTATION_270 };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct rotation_blit b;
		double cx, cy, rad, hw, hh;

		rotation_blit_params(all[i], 801, 480, &b);
		cx = b.x + b.w / 2.0;
		cy = b.y + b.h / 2.0;
		assert_true(fabs(cx - 400.5) < 1e-6 && fabs(cy - 240) < 1e-6);
		rad = b.angle * M_PI / 180.0;
		hw = fabs(cos(rad)) * b.w / 2 + fabs(sin(rad)) * b.h / 2;
		hh = fabs(sin(rad)) * b.w / 2 + fabs(cos(rad)) * b.h / 2;
		assert_true(fabs(hw - 400.5) < 1e-4 && fabs(hh - 240) < 1e-4);
	}
	{
		struct rotation_blit b;

		rotation_blit_params(ROTATION_180, 800, 480, &b);
		assert_true(b.angle == 0 && b.flip == 3);
		rotation_blit_params(ROTATION_90, 800, 480, &b);
		assert_true(b.angle == 270 && b.flip == 0 && b.w == 480 && b.h == 800);
	}
}

/* Where the blit puts a logical point on the output, computed the way SDL's
 * RenderCopyEx does (flip inside the rectangle, then a clockwise turn about its
 * centre), must be where rotation_unmap_point() says: picture and touch agree. */
static void blit_place(const struct rotation_blit *b, int log_w, int log_h, double lx, double ly,
		       double *px, double *py)
{
	double cx = b->x + b->w / 2.0, cy = b->y + b->h / 2.0;
	double dx = b->x + lx * b->w / log_w - cx, dy = b->y + ly * b->h / log_h - cy;
	double rad = b->angle * M_PI / 180.0;

	if (b->flip & 1)
		dx = -dx;
	if (b->flip & 2)
		dy = -dy;
	*px = cx + dx * cos(rad) - dy * sin(rad);
	*py = cy + dx * sin(rad) + dy * cos(rad);
}

static void test_blit_agrees_with_touch(void **state)
{
	static const enum rotation all[] = { ROTATION_0, ROTATION_90, ROTATION_180, ROTATION_270 };
	static const double points[][2] = {
		{ 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 }, { 0.25, 0.75 }
	};

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct rotation_blit b;
		int lw, lh;

		rotation_blit_params(all[i], OUT_W, OUT_H, &b);
		rotation_logical_size(all[i], OUT_W, OUT_H, &lw, &lh);
		for (size_t k = 0; k < sizeof(points) / sizeof(points[0]); k++) {
			double lx = points[k][0] * lw, ly = points[k][1] * lh, bx, by, ux, uy;

			blit_place(&b, lw, lh, lx, ly, &bx, &by);
			rotation_unmap_point(all[i], OUT_W, OUT_H, lx, ly, &ux, &uy);
			if (fabs(bx - ux) > 1e-3 || fabs(by - uy) > 1e-3)
				fail_msg(
				    "rotation %d: logical (%g,%g) drawn at (%g,%g), touched at (%g,%g)",
				    (int)all[i], lx, ly, bx, by, ux, uy);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validity),
		cmocka_unit_test(test_logical_size),
		cmocka_unit_test(test_corners),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_blit_covers_output),
		cmocka_unit_test(test_blit_agrees_with_touch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
