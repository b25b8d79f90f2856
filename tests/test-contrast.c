/* Contrast: the WCAG formula against known values, the high-contrast defaults,
 * and the check naming the site.ini line of the colour that fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pack/contrast.h"
#include "render.h"

static void test_formula(void **state)
{
	(void)state;
	assert_true(contrast_luminance(0x000000) == 0.0);
	assert_true(contrast_luminance(0xffffff) > 0.9999);
	assert_true(contrast_ratio(0x000000, 0xffffff) > 20.99);
	assert_true(contrast_ratio(0xffffff, 0x000000) == contrast_ratio(0x000000, 0xffffff));
	assert_true(contrast_ratio(0x123456, 0x123456) == 1.0);
	/* #767676 is the lightest grey with 4.5:1 on white, #777777 just misses */
	assert_true(contrast_ratio(0x767676, 0xffffff) >= 4.5);
	assert_true(contrast_ratio(0x777777, 0xffffff) < 4.5);
	/* pure green outweighs red and blue as the eye does */
	assert_true(contrast_luminance(0x00ff00) > contrast_luminance(0xff0000));
	assert_true(contrast_luminance(0xff0000) > contrast_luminance(0x0000ff));
}

static struct site_source dortmund(void)
{
	struct site_source src;
	memset(&src, 0, sizeof(src));
	src.path = "site.ini";
	src.site.colors = (struct site_colors){ 0xf7f5f0, 0x1b1f27, 0x0b3a6e, 0xffffff, 0xe3e9f1,
						0x0f2a4a, 0x565b63, 0x0b3a6e, 0xfff3b0 };
	src.site.high_contrast = site_default_high_contrast;
	for (size_t i = 0; i < SITE_COLOR_COUNT; i++)
		src.color_lines[0][i] = (unsigned)(10 + i);
	return src;
}

static void test_defaults_pass_with_margin(void **state)
{
	struct site_source src = dortmund();
	struct report r = { 0 };
	(void)state;
	assert_int_equal(contrast_check(&src, &r), 0);
	assert_int_equal(r.errors, 0);
	/* the default high-contrast theme gives every text pair 7:1 (WCAG AAA) */
	struct site_colors hc = site_default_high_contrast;
	for (size_t fg = 0; fg < SITE_COLOR_COUNT; fg++) {
		if (fg == SITE_COLOR_BACKGROUND || fg == SITE_COLOR_TILE ||
		    fg == SITE_COLOR_HIGHLIGHT || fg == SITE_COLOR_ACCENT_TEXT)
			continue;
		assert_true(contrast_ratio(*site_color_slot(&hc, fg), hc.background) >= 7.0);
	}
	assert_true(contrast_ratio(hc.text, hc.highlight) >= 7.0);
	assert_true(contrast_ratio(hc.accent, hc.highlight) >= 7.0);
	assert_true(contrast_ratio(hc.accent_text, hc.accent) >= 7.0);
	report_release(&r);
}

static void test_failure_names_line(void **state)
{
	struct site_source src = dortmund();
	struct report r = { 0 };
	(void)state;
	src.site.colors.muted = 0x999999;
	src.site.high_contrast.edge = 0x222222;
	src.color_lines[1][SITE_COLOR_EDGE] = 42;
	assert_int_equal(contrast_check(&src, &r), 2);
	assert_int_equal(r.errors, 2);
	assert_non_null(strstr(r.text, "site.ini:16: error: [colors] muted #999999 on "
				       "background #f7f5f0: contrast 2.61:1, at least 4.5:1"));
	assert_non_null(strstr(r.text, "site.ini:42: error: [colors.high-contrast] edge "
				       "#222222 on background #000000 (default): contrast 1.31:1, "
				       "at least 3.0:1 is needed for the edge of tiles"));
	report_release(&r);
}

static void test_never_rounds_up_to_pass(void **state)
{
	struct site_source src = dortmund();
	struct report r = { 0 };
	(void)state;
	src.site.colors.background = 0xffffff;
	src.site.colors.text = 0x777777;               /* 4.478:1 */
	assert_int_equal(contrast_check(&src, &r), 2); /* on background and on the tile */
	assert_non_null(strstr(r.text, "contrast 4.47:1, at least 4.5:1"));
	report_release(&r);
}

static uint32_t pixel_at(SDL_Surface *surface, int x, int y)
{
	uint8_t r, g, b;
	uint32_t px = ((uint32_t *)surface->pixels)[y * (surface->pitch / 4) + x];
	SDL_GetRGB(px, surface->format, &r, &g, &b);
	return (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

/* What a visitor sees after the switch: the page, a tile's edge and the
 * highlight in the high-contrast colours, and back again. */
static void test_render_switches_theme(void **state)
{
	struct site_source src = dortmund();
	struct render rd;
	(void)state;
	SDL_Surface *surface =
	    SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_XRGB8888);
	assert_non_null(surface);
	SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
	assert_non_null(renderer);
	assert_int_equal(render_init(&rd, renderer, NULL, NULL, NULL, 64), 0);

	render_set_theme(&rd, &src.site, true);
	render_clear(&rd, LAYOUT_COLOR_BACKGROUND);
	render_fill(&rd, (SDL_Rect){ 0, 0, 2, 8 }, LAYOUT_COLOR_EDGE);
	render_fill(&rd, (SDL_Rect){ 6, 0, 2, 8 }, LAYOUT_COLOR_HIGHLIGHT);
	SDL_RenderPresent(renderer);
	assert_int_equal(pixel_at(surface, 4, 4), 0x000000);
	assert_int_equal(pixel_at(surface, 0, 4), 0xffffff);
	assert_int_equal(pixel_at(surface, 7, 4), site_default_high_contrast.highlight);

	render_set_theme(&rd, &src.site, false);
	render_clear(&rd, LAYOUT_COLOR_BACKGROUND);
	render_fill(&rd, (SDL_Rect){ 0, 0, 2, 8 }, LAYOUT_COLOR_EDGE);
	SDL_RenderPresent(renderer);
	assert_int_equal(pixel_at(surface, 4, 4), 0xf7f5f0);
	assert_int_equal(pixel_at(surface, 0, 4), 0x0b3a6e);

	render_free(&rd);
	SDL_DestroyRenderer(renderer);
	SDL_FreeSurface(surface);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_defaults_pass_with_margin),
		cmocka_unit_test(test_failure_names_line),
		cmocka_unit_test(test_never_rounds_up_to_pass),
		cmocka_unit_test(test_render_switches_theme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
