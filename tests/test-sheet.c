/* sheet: the preview sheet of foyer-pack preview (src/sheet.h).  The base
 * fixture packed in-process and drawn with a notes file: every page in every
 * language at every size has a thumbnail of the kiosk's aspect, rows in the
 * order of `foyer-pack ls`, languages side by side; the thumbnails a warning
 * concerns carry the mark colour in a frame and a badge, the others none; each
 * thumbnail is the page as the kiosk draws it (German and English differ); a
 * missing bundle is an error that names it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle/bundle-writer.h"
#include "pack/content.h"
#include "sheet.h"

#define BASE_DIR FOYER_SOURCE_DIR "/tests/corpus/pack/base"

static const int sizes[][2] = { { 1920, 1080 }, { 1080, 1920 } };

static struct {
	char dir[64], bundle[128], notes[128];
	struct sheet *sheet;
} fx;

/* One warning on start in German, one on info in every language, one on the
 * whole content and one on a page the bundle does not have (also the whole
 * content's, never lost). */
static const char notes[] = "start\tde\tpages/start/de.md:5: warning one\n"
			    "info\t*\timages/bild.png: warning two\n"
			    "*\t*\tsite.ini: warning three\n"
			    "gone\ten\tpages/gone/en.md:1: warning four\n";

static int write_fixture(void)
{
	struct report r = { 0 };
	struct bundle_diag diag = { { 0 } };
	struct bundle_writer *w = bundle_writer_new();
	FILE *f;
	int rc = -1;

	if (w && content_pack(BASE_DIR, NULL, &r, w) == 0 &&
	    bundle_writer_to_file(w, fx.bundle, &diag) == 0)
		rc = 0;
	else
		fprintf(stderr, "cannot pack %s: %s %s\n", BASE_DIR, r.text ? r.text : "",
			diag.message);
	bundle_writer_free(w);
	report_release(&r);
	f = fopen(fx.notes, "w");
	if (!f || fputs(notes, f) < 0 || fclose(f) != 0)
		rc = -1;
	return rc;
}

static int setup(void **state)
{
	struct app_options app = { 0 };
	struct sheet_options o = { fx.bundle, sizes, 2, fx.notes, &app };
	char why[256] = "";

	(void)state;
	snprintf(fx.dir, sizeof(fx.dir), "/tmp/foyer-test-sheet-XXXXXX");
	if (!mkdtemp(fx.dir))
		return -1;
	snprintf(fx.bundle, sizeof(fx.bundle), "%s/base.fpk", fx.dir);
	snprintf(fx.notes, sizeof(fx.notes), "%s/notes.tsv", fx.dir);
	if (write_fixture() != 0)
		return -1;
	fx.sheet = sheet_render(&o, why, sizeof(why));
	if (!fx.sheet)
		fprintf(stderr, "sheet_render: %s\n", why);
	return fx.sheet ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	sheet_free(fx.sheet);
	remove(fx.bundle);
	remove(fx.notes);
	return rmdir(fx.dir);
}

static SDL_Rect thumb(const char *page, const char *lang, size_t size, int *marks)
{
	SDL_Rect r;

	assert_true(sheet_thumb(fx.sheet, page, lang, size, &r, marks));
	return r;
}

static bool is_mark(int x, int y)
{
	const SDL_Surface *s = sheet_surface(fx.sheet);
	const uint8_t *p = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch + 4 * x;
	const uint8_t mark[3] = { SHEET_MARK_RGB };

	return abs(p[0] - mark[0]) < 8 && abs(p[1] - mark[1]) < 8 && abs(p[2] - mark[2]) < 8;
}

/* Mark-coloured pixels in r. */
static long mark_pixels(SDL_Rect r)
{
	long n = 0;

	for (int y = r.y; y < r.y + r.h; y++)
		for (int x = r.x; x < r.x + r.w; x++)
			n += is_mark(x, y);
	return n;
}

static void test_layout(void **state)
{
	const SDL_Surface *s = sheet_surface(fx.sheet);
	const char *pages[] = { "start", "info" }, *langs[] = { "de", "en" };
	SDL_Rect prev = { 0 }, r;
	int marks;

	(void)state;
	for (size_t p = 0; p < 2; p++)
		for (size_t l = 0; l < 2; l++)
			for (size_t k = 0; k < 2; k++) {
				r = thumb(pages[p], langs[l], k, &marks);
				assert_int_equal(r.h, SHEET_THUMB_H);
				assert_int_equal(r.w,
						 (sizes[k][0] * SHEET_THUMB_H + sizes[k][1] / 2) /
						     sizes[k][1]);
				assert_true(r.x >= 0 && r.x + r.w <= s->w);
				assert_true(r.y >= 0 && r.y + r.h <= s->h);
				/* rows down the sheet, languages and sizes across it */
				if (l || k)
					assert_true(r.x > prev.x && r.y == prev.y);
				else if (p)
					assert_true(r.y > prev.y + SHEET_THUMB_H);
				prev = r;
			}
	assert_false(sheet_thumb(fx.sheet, "gone", "en", 0, &r, &marks));
	assert_false(sheet_thumb(fx.sheet, "start", "fr", 0, &r, &marks));
	assert_false(sheet_thumb(fx.sheet, "start", "de", 2, &r, &marks));
}

static void test_marks(void **state)
{
	static const struct {
		const char *page, *lang;
		int marks;
	} want[] = {
		{ "start", "de", 1 }, { "start", "en", 0 }, { "info", "de", 1 }, { "info", "en", 1 }
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		for (size_t k = 0; k < 2; k++) {
			int marks;
			SDL_Rect r = thumb(want[i].page, want[i].lang, k, &marks);
			/* the frame beside the left edge, and the badge's corner in the picture */
			SDL_Rect left = { r.x - 4, r.y + r.h / 2 - 20, 3, 40 };
			SDL_Rect corner = { r.x, r.y, 12, 12 };

			assert_int_equal(marks, want[i].marks);
			if (want[i].marks) {
				assert_int_equal(mark_pixels(left), left.w * left.h);
				assert_true(mark_pixels(corner) > corner.w * corner.h / 2);
			} else {
				assert_int_equal(mark_pixels(left), 0);
				assert_int_equal(mark_pixels(corner), 0);
			}
		}
}

/* Pixels differing between two thumbnails of the same size. */
static long thumb_diff(SDL_Rect a, SDL_Rect b)
{
	const SDL_Surface *s = sheet_surface(fx.sheet);
	long n = 0;

	for (int y = 0; y < a.h; y++) {
		const uint8_t *pa =
		    (const uint8_t *)s->pixels + (size_t)(a.y + y) * (size_t)s->pitch;
		const uint8_t *pb =
		    (const uint8_t *)s->pixels + (size_t)(b.y + y) * (size_t)s->pitch;

		for (int x = 0; x < a.w; x++)
			n += memcmp(pa + 4 * (a.x + x), pb + 4 * (b.x + x), 3) != 0;
	}
	return n;
}

static void test_pages_drawn(void **state)
{
	int marks;
	SDL_Rect de = thumb("info", "de", 0, &marks), en = thumb("info", "en", 0, &marks);
	SDL_Rect start = thumb("start", "en", 0, &marks);

	(void)state;
	/* German and English text, and two different pages */
	assert_true(thumb_diff(de, en) > 100);
	assert_true(thumb_diff(en, start) > 1000);
}

static void test_missing_bundle(void **state)
{
	struct app_options app = { 0 };
	struct sheet_options o = { "/nonexistent/content.fpk", sizes, 2, NULL, &app };
	char why[256] = "";

	(void)state;
	assert_null(sheet_render(&o, why, sizeof(why)));
	assert_non_null(strstr(why, "/nonexistent/content.fpk"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_pages_drawn),
		cmocka_unit_test(test_missing_bundle),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
