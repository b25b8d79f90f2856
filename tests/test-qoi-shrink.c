/* qoi-shrink: decoding to display size must give exactly the rounded box-filter mean
 * of a plain full-size decode, for every crop, ratio and chunk kind, and must
 * refuse broken streams.  The pictures are made here with a spec encoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crop.h"
#include "qoi-shrink.h"

static uint32_t rng = 12345;

static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* A picture with smooth areas (diff and luma chunks), repeats (runs, also
 * across rows), recurring colours (index) and some translucency. */
static uint32_t *make_picture(int w, int h, bool translucent)
{
	uint32_t *px = malloc((size_t)w * (size_t)h * sizeof(*px));
	uint32_t c = 0xff804020u;

	for (int i = 0; i < w * h; i++) {
		uint32_t r = next_random() % 16;

		if (r < 5) {
			/* keep c: a run */
		} else if (r < 9) {
			c = (c & 0xff000000u) | ((c + 0x010101u * (next_random() % 3)) & 0xffffffu);
		} else if (r < 11) {
			c = (c & 0xff000000u) | ((c + 0x0a0408u) & 0xffffffu);
		} else if (r < 13) {
			c = i > 7 ? px[i - 7] : c; /* likely in the index */
		} else {
			c = 0xff000000u | (next_random() & 0xffffffu);
		}
		if (translucent && r == 15)
			c = (c & 0xffffffu) | (next_random() & 0xff) << 24;
		px[i] = c;
	}
	return px;
}

static size_t put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
	return 4;
}

/* The encoder of the QOI specification; returns the byte count. */
static uint8_t *encode(const uint32_t *px, int w, int h, size_t *size)
{
	uint8_t *out = malloc(QOI_HEADER + (size_t)w * (size_t)h * 5 + QOI_PADDING), *p = out;
	uint32_t index[64] = { 0 }, prev = 0xff000000u;
	int run = 0;

	memcpy(p, "qoif", 4);
	p += 4;
	p += put32(p, (uint32_t)w);
	p += put32(p, (uint32_t)h);
	*p++ = 4;
	*p++ = 0;
	for (int i = 0; i < w * h; i++) {
		uint32_t c = px[i];
		unsigned r = c >> 16 & 0xff, g = c >> 8 & 0xff, b = c & 0xff, a = c >> 24;
		unsigned hash = (r * 3 + g * 5 + b * 7 + a * 11) % 64;

		if (c == prev) {
			if (++run == 62 || i == w * h - 1) {
				*p++ = (uint8_t)(0xc0 | (run - 1));
				run = 0;
			}
			continue;
		}
		if (run > 0) {
			*p++ = (uint8_t)(0xc0 | (run - 1));
			run = 0;
		}
		if (index[hash] == c) {
			*p++ = (uint8_t)hash;
		} else if (a == prev >> 24) {
			int vr = (int)r - (int)(prev >> 16 & 0xff),
			    vg = (int)g - (int)(prev >> 8 & 0xff), vb = (int)b - (int)(prev & 0xff);
			int vg_r = (int8_t)(vr - vg), vg_b = (int8_t)(vb - vg);

			vr = (int8_t)vr;
			vg = (int8_t)vg;
			vb = (int8_t)vb;
			if (vr > -3 && vr < 2 && vg > -3 && vg < 2 && vb > -3 && vb < 2) {
				*p++ = (uint8_t)(0x40 | (vr + 2) << 4 | (vg + 2) << 2 | (vb + 2));
			} else if (vg_r > -9 && vg_r < 8 && vg > -33 && vg < 32 && vg_b > -9 &&
				   vg_b < 8) {
				*p++ = (uint8_t)(0x80 | (vg + 32));
				*p++ = (uint8_t)((vg_r + 8) << 4 | (vg_b + 8));
			} else {
				*p++ = 0xfe;
				*p++ = (uint8_t)r;
				*p++ = (uint8_t)g;
				*p++ = (uint8_t)b;
			}
		} else {
			*p++ = 0xff;
			*p++ = (uint8_t)r;
			*p++ = (uint8_t)g;
			*p++ = (uint8_t)b;
			*p++ = (uint8_t)a;
		}
		index[hash] = c;
		prev = c;
	}
	memcpy(p, "\0\0\0\0\0\0\0\1", 8);
	p += 8;
	*size = (size_t)(p - out);
	return out;
}

/* The plain way: every source pixel of the crop added to the target pixel it
 * lands on, then the rounded mean. */
static void reference_shrink(const uint32_t *src, int src_w, int src_h, int w, int h, bool cover,
			     uint32_t *out)
{
	struct qoi_crop c = qoi_crop(src_w, src_h, w, h, cover);
	uint64_t(*sum)[5] = calloc((size_t)w * (size_t)h, sizeof(*sum));

	for (int y = c.y; y < c.y + c.h; y++) {
		for (int x = c.x; x < c.x + c.w; x++) {
			uint32_t px = src[(size_t)y * (size_t)src_w + (size_t)x];
			uint64_t *s =
			    sum[(int64_t)(y - c.y) * h / c.h * w + (int64_t)(x - c.x) * w / c.w];

			s[0] += px >> 24;
			s[1] += px >> 16 & 0xff;
			s[2] += px >> 8 & 0xff;
			s[3] += px & 0xff;
			s[4]++;
		}
	}
	for (int i = 0; i < w * h; i++) {
		uint64_t n = sum[i][4];

		out[i] = (uint32_t)((sum[i][0] + n / 2) / n << 24 | (sum[i][1] + n / 2) / n << 16 |
				    (sum[i][2] + n / 2) / n << 8 | (sum[i][3] + n / 2) / n);
	}
	free(sum);
}

static void check_shrink(int src_w, int src_h, int w, int h, bool cover, bool translucent)
{
	uint32_t *src = make_picture(src_w, src_h, translucent);
	size_t size;
	uint8_t *data = encode(src, src_w, src_h, &size);
	uint32_t *want = malloc((size_t)w * (size_t)h * sizeof(*want));
	/* a pitch wider than the row, as textures have */
	int pitch = (w + 3) * 4;
	uint32_t *got = malloc((size_t)pitch * (size_t)h);
	bool alpha = !translucent, any_alpha = false;

	assert_true(qoi_fits(data, size, w, h, cover));
	reference_shrink(src, src_w, src_h, w, h, cover, want);
	assert_true(qoi_shrink_into(data, size, w, h, cover, got, pitch, &alpha));
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			uint32_t g = got[(size_t)y * (size_t)(pitch / 4) + (size_t)x];

			if (g != want[(size_t)y * (size_t)w + (size_t)x])
				fail_msg("%dx%d -> %dx%d%s: pixel %d,%d is %08x, want %08x", src_w,
					 src_h, w, h, cover ? " cover" : "", x, y, g,
					 want[(size_t)y * (size_t)w + (size_t)x]);
			any_alpha |= g >> 24 != 0xff;
		}
	}
	assert_int_equal(alpha, any_alpha);
	free(got);
	free(want);
	free(data);
	free(src);
}

static void test_shrink_matches_reference(void **state)
{
	(void)state;
	check_shrink(64, 48, 64, 48, false, false);   /* 1:1 */
	check_shrink(200, 150, 67, 41, false, false); /* uneven blocks */
	check_shrink(200, 150, 199, 149, false, true);
	check_shrink(320, 180, 100, 30, true, false); /* cover: crop rows, stop early */
	check_shrink(180, 320, 90, 30, true, true);
	check_shrink(180, 320, 30, 90, true, false); /* cover: crop columns */
	check_shrink(97, 61, 1, 1, false, true);
	check_shrink(300, 7, 13, 7, false, false);
}

static void test_large_blocks_divide(void **state)
{
	(void)state;
	/* 5000 and more pixels per target pixel: past the reciprocal's exact range */
	check_shrink(256, 256, 3, 3, false, true);
	check_shrink(150, 150, 2, 2, false, false);
}

/* Blocks are summed in 16-bit halves while they have at most 257 pixels: no
 * carry into the next channel at the largest packed size (15 x 16), and a
 * larger white block (17 x 16) must take the wide sums. */
static void test_packed_sums_do_not_overflow(void **state)
{
	uint32_t src[15 * 16], out[2];
	size_t size;
	uint8_t *data;
	bool alpha = true;

	(void)state;
	for (int i = 0; i < 15 * 16; i++)
		src[i] = i % 2 ? 0xffffffffu : 0xfffefdfcu;
	data = encode(src, 15, 16, &size);
	assert_true(qoi_shrink_into(data, size, 1, 1, false, out, 4, &alpha));
	assert_int_equal(out[0], 0xfffffefeu); /* rounded means of 255 with 254, 253, 252 */
	assert_false(alpha);
	free(data);
	/* one pixel more per block than 16 bits hold: must not be packed */
	for (int i = 0; i < 15 * 16; i++)
		src[i] = 0xffffffffu;
	data = encode(src, 15, 16, &size);
	assert_true(qoi_shrink_into(data, size, 1, 1, false, out, 4, NULL));
	assert_int_equal(out[0], 0xffffffffu);
	free(data);
	{
		uint32_t white[17 * 16];

		for (int i = 0; i < 17 * 16; i++)
			white[i] = 0xffffffffu;
		data = encode(white, 17, 16, &size);
		assert_true(qoi_shrink_into(data, size, 1, 1, false, out, 4, NULL));
		assert_int_equal(out[0], 0xffffffffu);
		free(data);
	}
	check_shrink(15, 16, 1, 1, false, true);
	check_shrink(30, 32, 2, 2, false, false);
}

static void test_refuses_growing_and_broken(void **state)
{
	uint32_t *src = make_picture(40, 30, false), out[40 * 30];
	size_t size;
	uint8_t *data = encode(src, 40, 30, &size);

	(void)state;
	assert_false(qoi_fits(data, size, 41, 30, false));
	assert_false(qoi_shrink_into(data, size, 41, 30, false, out, 41 * 4, NULL));
	assert_false(qoi_fits(data, size, 0, 30, false));
	/* cut before the last row: refused (and nothing read past the cut) */
	assert_false(qoi_shrink_into(data, size / 2, 40, 30, false, out, 40 * 4, NULL));
	data[0] = 'x';
	assert_false(qoi_shrink_into(data, size, 20, 15, false, out, 20 * 4, NULL));
	free(data);
	free(src);
}

/* What the visitor sees of a picture whose subject is off centre: a tile
 * cropped around the focal point shows the subject, a centred crop does not;
 * and an off-centre part decodes as exactly as a centred one. */
static void test_focus_keeps_the_subject(void **state)
{
	int src_w = 400, src_h = 200, w = 60, h = 60, red = 0;
	uint32_t *src = make_picture(src_w, src_h, false);
	uint32_t out[60 * 60];
	struct focus f = { 0.85, 0.2, 0, 0, 0, 0 };
	struct crop_plan plan;
	size_t size;
	uint8_t *data;

	(void)state;
	/* the subject: a red square around (85 %, 20 %) */
	for (int y = 20; y < 60; y++)
		for (int x = 320; x < 360; x++)
			src[y * src_w + x] = 0xffff0000u;
	data = encode(src, src_w, src_h, &size);
	assert_true(qoi_shrink_into(data, size, w, h, true, out, w * 4, NULL));
	for (int i = 0; i < w * h; i++)
		red += out[i] == 0xffff0000u;
	assert_int_equal(red, 0);
	plan = crop_choose(src_w, src_h, w, h, true, &f);
	assert_int_equal(plan.w, w);
	assert_int_equal(plan.h, h);
	assert_true(qoi_fits_crop(data, size, &plan.src, w, h));
	assert_true(qoi_shrink_crop_into(data, size, &plan.src, w, h, out, w * 4, NULL));
	for (int i = 0; i < w * h; i++)
		red += out[i] == 0xffff0000u;
	assert_true(red >= 100); /* the 40 x 40 square at 0.3x */
	/* a part outside the picture is refused, not read */
	plan.src.x = src_w - plan.src.w + 1;
	assert_false(qoi_fits_crop(data, size, &plan.src, w, h));
	assert_false(qoi_shrink_crop_into(data, size, &plan.src, w, h, out, w * 4, NULL));
	free(data);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shrink_matches_reference),
		cmocka_unit_test(test_large_blocks_divide),
		cmocka_unit_test(test_packed_sums_do_not_overflow),
		cmocka_unit_test(test_refuses_growing_and_broken),
		cmocka_unit_test(test_focus_keeps_the_subject),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
