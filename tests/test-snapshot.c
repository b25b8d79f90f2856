/* snapshot: the PNG holds exactly the surface's pixels (read back with
 * libpng), from RGBA32 and from other formats, and a failed write leaves no
 * file behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <png.h>

#include "snapshot.h"

/* RGBA bytes of a PNG file, via libpng's simplified API. */
static uint8_t *read_png(const char *path, int *w, int *h)
{
	png_image img;
	uint8_t *buf;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&img, path))
		return NULL;
	img.format = PNG_FORMAT_RGBA;
	buf = malloc(PNG_IMAGE_SIZE(img));
	if (!buf || !png_image_finish_read(&img, NULL, buf, 0, NULL)) {
		free(buf);
		return NULL;
	}
	*w = (int)img.width;
	*h = (int)img.height;
	return buf;
}

static void check_round_trip(Uint32 format)
{
	char path[] = "/tmp/foyer-snapshot-XXXXXX";
	int fd = mkstemp(path), w = 0, h = 0;
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 7, 5, 32, format);
	uint8_t *got;

	assert_true(fd >= 0);
	close(fd);
	assert_non_null(s);
	for (int y = 0; y < 5; y++)
		for (int x = 0; x < 7; x++)
			((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] =
			    SDL_MapRGBA(s->format, (Uint8)(x * 30), (Uint8)(y * 50), (Uint8)(x * y),
					(Uint8)(255 - x));
	assert_int_equal(snapshot_write_png(s, path), 0);
	got = read_png(path, &w, &h);
	assert_non_null(got);
	assert_int_equal(w, 7);
	assert_int_equal(h, 5);
	for (int y = 0; y < 5; y++) {
		for (int x = 0; x < 7; x++) {
			const uint8_t *p = got + (y * 7 + x) * 4;

			assert_int_equal(p[0], x * 30);
			assert_int_equal(p[1], y * 50);
			assert_int_equal(p[2], x * y);
			assert_int_equal(p[3], 255 - x);
		}
	}
	free(got);
	SDL_FreeSurface(s);
	unlink(path);
}

static void test_rgba32_round_trip(void **state)
{
	(void)state;
	check_round_trip(SDL_PIXELFORMAT_RGBA32);
}

static void test_other_format_converted(void **state)
{
	(void)state;
	check_round_trip(SDL_PIXELFORMAT_ARGB8888);
}

static void test_failure_leaves_no_file(void **state)
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 4, 4, 32, SDL_PIXELFORMAT_RGBA32);

	(void)state;
	assert_non_null(s);
	assert_int_equal(snapshot_write_png(s, "/nonexistent-dir/x.png"), -1);
	assert_true(strlen(SDL_GetError()) > 0);
	assert_int_equal(access("/nonexistent-dir/x.png", F_OK), -1);
	SDL_FreeSurface(s);
}

/* The headless surface: zeroed, the size asked for, drawable by a software
 * renderer, and written like any other. */
static void test_headless_surface(void **state)
{
	SDL_Surface *s = snapshot_surface_new(1921, 1081);
	SDL_Renderer *r;
	char path[] = "/tmp/foyer-snapshot-XXXXXX";
	int fd = mkstemp(path), w = 0, h = 0;
	uint8_t *got;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_non_null(s);
	assert_int_equal(s->w, 1921);
	assert_int_equal(s->h, 1081);
	assert_int_equal(s->format->format, SDL_PIXELFORMAT_RGBA32);
	for (int y = 0; y < s->h; y += 97)
		for (int x = 0; x < s->w; x += 89)
			assert_int_equal(((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x], 0);
	r = SDL_CreateSoftwareRenderer(s);
	assert_non_null(r);
	SDL_SetRenderDrawColor(r, 10, 20, 30, 255);
	SDL_RenderClear(r);
	SDL_SetRenderDrawColor(r, 200, 100, 50, 255);
	SDL_RenderFillRect(r, &(SDL_Rect){ 1920, 1080, 1, 1 });
	SDL_DestroyRenderer(r);
	assert_int_equal(snapshot_write_png(s, path), 0);
	got = read_png(path, &w, &h);
	assert_non_null(got);
	assert_int_equal(w, 1921);
	assert_int_equal(h, 1081);
	assert_memory_equal(got, "\x0a\x14\x1e\xff", 4);
	assert_memory_equal(got + ((size_t)1921 * 1081 - 1) * 4, "\xc8\x64\x32\xff", 4);
	free(got);
	unlink(path);
	snapshot_surface_free(s);
	assert_null(snapshot_surface_new(0, 10));
	assert_null(snapshot_surface_new(10, 20000));
}

/* Pixels no run of equal bytes would compress away: every byte matters. */
static void fill_noise(SDL_Surface *s)
{
	uint32_t x = 2463534242u;

	for (int y = 0; y < s->h; y++) {
		uint8_t *row = (uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;

		for (int i = 0; i < s->w * 4; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			row[i] = (uint8_t)(x >> 24);
		}
	}
}

/* Writes s and checks that the file decodes to exactly s's pixels, and that
 * writing left s's pixels as they were (the replay draws on after a shot). */
static void check_exact(SDL_Surface *s)
{
	char path[] = "/tmp/foyer-snapshot-XXXXXX";
	int fd = mkstemp(path), w = 0, h = 0;
	size_t row = (size_t)s->w * 4;
	uint8_t *before = malloc(row * (size_t)s->h), *got;

	assert_true(fd >= 0);
	close(fd);
	assert_non_null(before);
	for (int y = 0; y < s->h; y++)
		memcpy(before + (size_t)y * row,
		       (uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch, row);
	assert_int_equal(snapshot_write_png(s, path), 0);
	for (int y = 0; y < s->h; y++)
		assert_memory_equal((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch,
				    before + (size_t)y * row, row);
	got = read_png(path, &w, &h);
	assert_non_null(got);
	assert_int_equal(w, s->w);
	assert_int_equal(h, s->h);
	assert_memory_equal(got, before, row * (size_t)s->h);
	free(got);
	free(before);
	unlink(path);
}

/* Every pixel survives, on the headless surface (whose rows the encoder lays
 * out in place) and on one whose rows have padding between them. */
static void test_every_pixel_identical(void **state)
{
	SDL_Surface *s = snapshot_surface_new(1283, 719);
	static uint8_t padded[37 * (61 * 4 + 12)];
	SDL_Surface *p = SDL_CreateRGBSurfaceWithFormatFrom(padded, 61, 37, 32, 61 * 4 + 12,
							    SDL_PIXELFORMAT_RGBA32);

	(void)state;
	assert_non_null(s);
	fill_noise(s);
	check_exact(s);
	check_exact(s); /* a second shot of the same surface */
	snapshot_surface_free(s);
	assert_non_null(p);
	fill_noise(p);
	check_exact(p);
	SDL_FreeSurface(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rgba32_round_trip),
		cmocka_unit_test(test_other_format_converted),
		cmocka_unit_test(test_failure_leaves_no_file),
		cmocka_unit_test(test_headless_surface),
		cmocka_unit_test(test_every_pixel_identical),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
