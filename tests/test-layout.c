/* Layout: line breaking with soft hyphens, the no-overflow guarantee, page
 * blocks, the tile grid and the reading-position mapping.  Uses the Noto fonts
 * from the system (the kiosk itself takes fonts only from the bundle). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout.h"
#include "panel.h"

#define NOTO "/usr/share/fonts/truetype/noto/"
#define SHY "\xc2\xad"
#define NBSP "\xc2\xa0"
#define ZWSP "\xe2\x80\x8b"

struct fixture {
	void *data[LAYOUT_FACE_COUNT];
	size_t size[LAYOUT_FACE_COUNT];
	struct layout_fonts fonts;
	struct layout l;
};

static void *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	void *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return buf;
}

static bool fake_image_size(void *ctx, const char *name, int *w, int *h)
{
	(void)ctx;
	if (strcmp(name, "wide") != 0)
		return false;
	*w = 1600;
	*h = 900;
	return true;
}

static int setup(void **state)
{
	static const char *const files[LAYOUT_FACE_COUNT] = {
		NOTO "NotoSans-Regular.ttf", NOTO "NotoSans-Bold.ttf",
		NOTO "NotoSans-Italic.ttf",  NOTO "NotoSans-BoldItalic.ttf",
		NOTO "NotoMono-Regular.ttf",
	};
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || TTF_Init() != 0)
		return -1;
	for (int i = 0; i < LAYOUT_FACE_COUNT; i++) {
		f->data[i] = read_file(files[i], &f->size[i]);
		if (!f->data[i])
			return -1;
	}
	if (layout_fonts_init(&f->fonts, (const void *const *)f->data, f->size, 24) != 0)
		return -1;
	layout_init(&f->l, &f->fonts, fake_image_size, NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	layout_free(&f->l);
	layout_fonts_close(&f->fonts);
	for (int i = 0; i < LAYOUT_FACE_COUNT; i++)
		free(f->data[i]);
	free(f);
	TTF_Quit();
	return 0;
}

static const struct layout_flow body = {
	LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_TEXT, LAYOUT_COLOR_ACCENT, 1.4,
};

/* Every item lies inside [x, x + width); no soft hyphen is ever drawn. */
static void assert_inside(const struct layout *l, int x, int width)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct layout_item *it = &l->items[i];

		if (it->box.x < x || it->box.x + it->box.w > x + width)
			fail_msg("item %zu '%s' at x %d..%d, column %d..%d", i,
				 it->text ? it->text : "(fill)", it->box.x, it->box.x + it->box.w,
				 x, x + width);
		if (it->text)
			assert_null(strstr(it->text, SHY));
	}
}

static size_t count_text_ending_with(const struct layout *l, char c)
{
	size_t n = 0;

	for (size_t i = 0; i < l->count; i++) {
		const char *t = l->items[i].text;

		if (l->items[i].kind == LAYOUT_TEXT && t && *t && t[strlen(t) - 1] == c)
			n++;
	}
	return n;
}

static void test_paragraph_stays_in_column(void **state)
{
	struct fixture *f = *state;
	const char *text =
	    "Bei internationalen Projekten steht der Erfahrungs" SHY "austausch im Vor" SHY
	    "der" SHY "grund, um anhand von guten Bei" SHY "spielen und gemein" SHY "samer "
	    "Projekt" SHY "arbeit von" SHY "ein" SHY "ander zu lernen.";
	int y;

	for (int width = 120; width <= 900; width += 37) {
		layout_reset(&f->l);
		y = layout_flow_text(&f->l, &body, text, 40, 10, width);
		assert_true(y > 10);
		assert_true(f->l.count > 0);
		assert_inside(&f->l, 40, width);
	}
}

static void test_soft_hyphen_breaks_with_a_hyphen(void **state)
{
	struct fixture *f = *state;
	const char *text =
	    "Die Donau" SHY "dampf" SHY "schiff" SHY "fahrts" SHY "gesell" SHY "schaft fährt.";
	TTF_Font *font = layout_font(&f->fonts, LAYOUT_SIZE_BODY, LAYOUT_REGULAR);
	int whole = 0, h = 0;

	/* a column narrower than the compound but wider than its parts */
	TTF_SizeUTF8(font, "Donaudampfschifffahrtsgesellschaft", &whole, &h);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, text, 0, 0, whole * 2 / 3);
	assert_inside(&f->l, 0, whole * 2 / 3);
	assert_true(count_text_ending_with(&f->l, '-') >= 1);
	/* every hyphenated line ends at a soft hyphen, and the lines give back the text */
	{
		static const char *const ends[] = { "Donau-", "dampf-", "schiff-", "fahrts-" };
		char joined[256] = "";

		for (size_t i = 0; i < f->l.count; i++) {
			const char *t = f->l.items[i].text;
			size_t n = strlen(t);
			bool ok = t[n - 1] != '-';

			for (size_t k = 0; !ok && k < SDL_arraysize(ends); k++)
				ok = n >= strlen(ends[k]) &&
				     strcmp(t + n - strlen(ends[k]), ends[k]) == 0;
			if (!ok)
				fail_msg("line '%s' does not end at a soft hyphen", t);
			if (*joined && joined[strlen(joined) - 1] != '-')
				strcat(joined, " ");
			else if (*joined)
				joined[strlen(joined) - 1] = '\0';
			strcat(joined, t);
		}
		assert_string_equal(joined, "Die Donaudampfschifffahrtsgesellschaft fährt.");
	}
}

static void test_no_hyphen_when_it_fits(void **state)
{
	struct fixture *f = *state;

	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, "Kultur" SHY "büro", 0, 0, 2000);
	assert_int_equal(f->l.count, 1);
	assert_string_equal(f->l.items[0].text, "Kulturbüro");
}

/* The last word of a paragraph stays whole when it fits on a line of its own. */
static void test_last_word_not_hyphenated(void **state)
{
	struct fixture *f = *state;
	TTF_Font *font = layout_font(&f->fonts, LAYOUT_SIZE_BODY, LAYOUT_REGULAR);
	int w1 = 0, w2 = 0, h;

	/* room for "Dabei die Gast-" but not for "Dabei die Gastländer" */
	TTF_SizeUTF8(font, "Dabei die Gast-", &w1, &h);
	TTF_SizeUTF8(font, "Dabei die Gastländer", &w2, &h);
	assert_true(w1 < w2);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, "Dabei die Gast" SHY "län" SHY "der", 0, 0, w1 + 2);
	assert_int_equal(count_text_ending_with(&f->l, '-'), 0);
	assert_non_null(strstr(f->l.items[f->l.count - 1].text, "Gastländer"));
	/* not the last word: hyphenated when it fits nowhere whole */
	TTF_SizeUTF8(font, "Gastlän-", &w1, &h);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, "Gast" SHY "län" SHY "der heute", 0, 0, w1 + 2);
	assert_int_equal(count_text_ending_with(&f->l, '-'), 1);
}

/* The lines of a one-span flow: its text items, top to bottom. */
static size_t plain_lines(const struct layout *l, const char **lines, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->count && n < max; i++)
		if (l->items[i].kind == LAYOUT_TEXT)
			lines[n++] = l->items[i].text;
	return n;
}

static bool ends_with(const char *s, char c)
{
	return *s && s[strlen(s) - 1] == c;
}

static size_t words_in(const char *s)
{
	size_t n = 1;

	for (; *s; s++)
		n += *s == ' ';
	return n;
}

/* A paragraph full of long hyphenated words, at every column width from 8 em to
 * 40 em: never three hyphenated lines in a row, never a hyphen on the line
 * before the last, never one word alone on the last line when the line before
 * holds more (issue 12: the greedy breaker set runs of three and four, and "an."
 * alone at the end). */
static void test_total_fit_rules(void **state)
{
	struct fixture *f = *state;
	const char *text =
	    "Im Be" SHY "reich In" SHY "ter" SHY "na" SHY "tio" SHY "na" SHY "ler Kul" SHY "tur" SHY
	    "aus" SHY "tausch wer" SHY "den lang" SHY "fris" SHY "ti" SHY "ge, nach" SHY "hal" SHY
	    "ti" SHY "ge und auf dem Prin" SHY "zip der Ge" SHY "gen" SHY "sei" SHY "tig" SHY
	    "keit be" SHY "ru" SHY "hen" SHY "de Pro" SHY "jek" SHY "te frei" SHY "er Kul" SHY
	    "tur" SHY "trä" SHY "ger durch ein be" SHY "son" SHY "de" SHY "res "
	    "För" SHY "der" SHY "pro" SHY "gramm in" SHY "iti" SHY "iert und fi" SHY "nan" SHY
	    "ziert, und die Ser" SHY "vice" SHY "ver" SHY "bes" SHY "se" SHY "run" SHY "gen "
	    "der Wis" SHY "sen" SHY "schaft" SHY "le" SHY "rin" SHY "nen kom" SHY "men an.";
	const char *lines[200];
	int checked = 0;

	for (int width = 24 * 8; width <= 24 * 40; width += 7) {
		size_t n, run = 0;

		layout_reset(&f->l);
		layout_flow_text(&f->l, &body, text, 0, 0, width);
		assert_inside(&f->l, 0, width);
		n = plain_lines(&f->l, lines, 200);
		for (size_t i = 0; i < n; i++) {
			run = ends_with(lines[i], '-') ? run + 1 : 0;
			if (run > 2)
				fail_msg("width %d: third hyphen in a row at '%s'", width,
					 lines[i]);
		}
		if (n >= 2 && ends_with(lines[n - 2], '-'))
			fail_msg("width %d: hyphen on the last full line '%s'", width,
				 lines[n - 2]);
		if (n >= 2 && words_in(lines[n - 1]) == 1 && words_in(lines[n - 2]) > 1)
			fail_msg("width %d: widow '%s'", width, lines[n - 1]);
		checked++;
	}
	assert_true(checked > 100);
}

/* A break where compound parts join (U+00AD U+034F) is taken before one inside
 * a part, even when the part would fill the line better. */
static void test_compound_joint_preferred(void **state)
{
	struct fixture *f = *state;
	TTF_Font *font = layout_font(&f->fonts, LAYOUT_SIZE_BODY, LAYOUT_REGULAR);
	const char *lines[8];
	int w = 0, h;

	TTF_SizeUTF8(font, "Der neue Kulturaus-", &w, &h);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body,
			 "Der neue Kul" SHY "tur" SHY "\xcd\x8f"
			 "aus" SHY "tausch beginnt heute "
			 "mit einem Fest auf dem Platz vor dem Haus und in der Stadt",
			 0, 0, w + 2);
	assert_true(plain_lines(&f->l, lines, 8) >= 2);
	assert_string_equal(lines[0], "Der neue Kultur-");
	/* the joiner is never drawn */
	for (size_t i = 0; i < f->l.count; i++)
		assert_null(strstr(f->l.items[i].text, "\xcd\x8f"));
}

/* A web address breaks after '.' and '/' (U+200B) without a hyphen; a listed
 * name (no-break spaces) stays on one line. */
static void test_addresses_and_names(void **state)
{
	struct fixture *f = *state;
	TTF_Font *font = layout_font(&f->fonts, LAYOUT_SIZE_BODY, LAYOUT_REGULAR);
	const char *lines[16];
	size_t n;
	int w = 0, h;

	TTF_SizeUTF8(font, "www.kulturbuero.", &w, &h);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, "www." ZWSP "kulturbuero." ZWSP "dortmund." ZWSP "de", 0, 0,
			 w + 2);
	n = plain_lines(&f->l, lines, 16);
	assert_true(n >= 2);
	for (size_t i = 0; i < n; i++) {
		assert_false(ends_with(lines[i], '-'));
		assert_null(strstr(lines[i], ZWSP));
	}
	assert_string_equal(lines[0], "www.kulturbuero.");
	TTF_SizeUTF8(font, "Heute spricht Frau Angela", &w, &h);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, "Heute spricht Frau Angela" NBSP "Märtin", 0, 0, w + 4);
	n = plain_lines(&f->l, lines, 16);
	assert_int_equal(n, 2);
	assert_non_null(strstr(lines[1], "Angela" NBSP "Märtin"));
}

/* Headings are balanced: no word alone on the last line when two lines could
 * share the words. */
static void test_heading_balanced(void **state)
{
	struct fixture *f = *state;
	struct layout_flow h2 = { LAYOUT_SIZE_H2, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT,
				  LAYOUT_COLOR_ACCENT, 1.25 };
	TTF_Font *font = layout_font(&f->fonts, LAYOUT_SIZE_H2, LAYOUT_BOLD);
	const char *lines[8];
	int w = 0, h;

	/* room for all but the last word on one line */
	TTF_SizeUTF8(font, "Service improvements for international students and researchers in", &w,
		     &h);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &h2,
			 "Service improvements for international students and researchers in "
			 "Dortmund",
			 0, 0, w + 2);
	assert_int_equal(plain_lines(&f->l, lines, 8), 2);
	assert_true(words_in(lines[1]) >= 3);
}

/* A 40-character compound without any hyphenation point still never overflows. */
static void test_long_compound_without_soft_hyphens(void **state)
{
	struct fixture *f = *state;
	const char *word = "Bundesausbildungsförderungsgesetzesnovel"; /* 40 characters */

	for (int width = 40; width <= 400; width += 30) {
		layout_reset(&f->l);
		layout_flow_text(&f->l, &body, word, 5, 0, width);
		assert_inside(&f->l, 5, width);
		assert_true(f->l.count >= 2);
	}
}

/* Hostile content: one 20000-letter word and 5000 tiny words finish and stay inside. */
static void test_huge_inputs(void **state)
{
	struct fixture *f = *state;
	size_t n = 20000;
	char *text = malloc(n * 2 + 1);

	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		text[i] = (char)('a' + i % 26);
	text[n] = '\0';
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, text, 0, 0, 300);
	assert_inside(&f->l, 0, 300);
	assert_true(f->l.count > 100);
	for (size_t i = 0; i < n; i++)
		text[i] = i % 2 ? ' ' : (char)('a' + i % 26);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, text, 0, 0, 300);
	assert_inside(&f->l, 0, 300);
	free(text);
}

/* Absurd widths terminate, and a glyph wider than the column gets a line of its own. */
static void test_tiny_column_terminates(void **state)
{
	struct fixture *f = *state;

	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, "Wort" SHY "trennung und mehr", 0, 0, 1);
	assert_true(f->l.count >= 5);
	layout_reset(&f->l);
	layout_flow_text(&f->l, &body, "", 0, 0, 100);
	assert_int_equal(f->l.count, 0);
}

/* Styles change inside a word without allowing a break there. */
static void test_styled_spans(void **state)
{
	struct fixture *f = *state;
	struct page_span spans[] = {
		{ 0, "Das ", "" },
		{ SPAN_BOLD, "Kultur", "" },
		{ 0, "büro und ", "" },
		{ SPAN_LINK_PAGE, "Kontakt", "kontakt" },
		{ SPAN_ITALIC, " heute", "" },
	};
	bool bold = false, link = false, italic = false;

	layout_reset(&f->l);
	layout_flow_spans(&f->l, &body, spans, 5, 0, 0, 2000);
	for (size_t i = 0; i < f->l.count; i++) {
		const struct layout_item *it = &f->l.items[i];

		if (it->kind != LAYOUT_TEXT)
			continue;
		if (strcmp(it->text, "Kultur") == 0 && it->face == LAYOUT_BOLD)
			bold = true;
		if (strcmp(it->text, "Kontakt") == 0) {
			link = it->action == LAYOUT_ACTION_PAGE &&
			       strcmp(it->target, "kontakt") == 0 &&
			       it->color == LAYOUT_COLOR_ACCENT;
		}
		if (strcmp(it->text, "heute") == 0 && it->face == LAYOUT_ITALIC)
			italic = true;
	}
	assert_true(bold);
	assert_true(link);
	assert_true(italic);
	/* "Kultur" and "büro" are one word: in a narrow column they stay together */
	layout_reset(&f->l);
	layout_flow_spans(&f->l, &body, spans, 5, 0, 0, 160);
	for (size_t i = 0; i < f->l.count; i++) {
		const struct layout_item *it = &f->l.items[i];

		if (it->kind == LAYOUT_TEXT && strcmp(it->text, "Kultur") == 0) {
			assert_true(i + 1 < f->l.count);
			assert_string_equal(f->l.items[i + 1].text, "büro");
			assert_int_equal(f->l.items[i + 1].box.y, it->box.y);
		}
	}
}

static void test_page_blocks_stay_in_column(void **state)
{
	struct fixture *f = *state;
	struct page_span para[] = { { 0,
				      "Ein Absatz mit Donau" SHY "dampf" SHY "schiff" SHY
				      "fahrt und noch mehr Text, der umbrechen muss.",
				      "" } };
	struct page_span head[] = { { 0, "Kulturelle Projekte und Festivals", "" } };
	struct page_span item[] = { { 0, "Internationale Kulturtage / scene:in nrw", "" } };
	struct page_block blocks[] = {
		{ .kind = PAGE_HEADING, .level = 1, .span_count = 1, .spans = head },
		{ .kind = PAGE_PARAGRAPH, .span_count = 1, .spans = para },
		{ .kind = PAGE_LIST_ITEM, .level = 1, .span_count = 1, .spans = item },
		{ .kind = PAGE_LIST_ITEM, .level = 2, .number = 3, .span_count = 1, .spans = item },
		{ .kind = PAGE_QUOTE, .span_count = 1, .spans = para },
		{ .kind = PAGE_PICTURE,
		  .image = "wide",
		  .caption = "Ein Bild",
		  .credit = "Jemand" },
		{ .kind = PAGE_PICTURE, .image = "missing", .caption = "", .credit = "Niemand" },
		{ .kind = PAGE_CONTACT,
		  .contact = { "Ansprechpartnerin", "Angela Märtin", "Ansprechpartnerin",
			       "Amt für Angelegenheiten des Oberbürgermeisters und des Rates",
			       "Friedensplatz 1\n44135 Dortmund", "0231 50-0",
			       "europa@stadtdo.de" } },
	};
	struct page p = { .id = "test",
			  .lang = "de",
			  .title = "Internationale und Europäische Projekte",
			  .tile_title = "",
			  .summary = "",
			  .tile_image = "",
			  .notice = "",
			  .block_count = SDL_arraysize(blocks),
			  .blocks = blocks };
	bool picture = false;

	for (int width = 200; width <= 1100; width += 300) {
		assert_int_equal(layout_page(&f->l, &p, 30, width, 400), 0);
		assert_inside(&f->l, 30, width);
		assert_int_equal(f->l.block_count, SDL_arraysize(blocks));
		for (size_t i = 1; i < f->l.block_count; i++)
			assert_true(f->l.block_top[i] > f->l.block_top[i - 1]);
		assert_true(f->l.height > f->l.block_top[f->l.block_count - 1]);
		for (size_t i = 0; i < f->l.count; i++) {
			const struct layout_item *it = &f->l.items[i];

			assert_true(it->box.y >= 0);
			assert_true(it->box.y + it->box.h <= f->l.height);
			if (it->kind == LAYOUT_PICTURE) {
				picture = true;
				assert_true(it->box.h <= 400);
				/* aspect kept: 16:9 within rounding */
				assert_true(abs(it->box.w * 9 - it->box.h * 16) <= 16);
			}
		}
	}
	assert_true(picture);
}

/* Tables fit every column, down to a few letters per cell: no sideways
 * scrolling on a portrait kiosk or at 800x480; right-aligned cells end at their
 * column's right edge; the header row has its background. */
static void test_table_stays_in_column(void **state)
{
	struct fixture *f = *state;
	struct page_span cells_text[] = {
		{ SPAN_BOLD, "Tag", "" },
		{ 0, "Gebühr", "" },
		{ 0,
		  "Montag bis Donners" SHY "tag, nach Ter" SHY "min" SHY "ver" SHY "ein" SHY
		  "ba" SHY "rung",
		  "" },
		{ 0, "10,00 €", "" },
		{ SPAN_CODE, "E 12", "" },
		{ SPAN_LINK_PAGE, "Kontakt", "kontakt" },
	};
	const struct page_cell cells[] = {
		{ 1, &cells_text[0] }, { 1, &cells_text[1] }, { 1, &cells_text[2] },
		{ 1, &cells_text[3] }, { 1, &cells_text[4] }, { 1, &cells_text[5] },
	};
	const unsigned char align[] = { PAGE_ALIGN_DEFAULT, PAGE_ALIGN_RIGHT };
	struct page_block table = {
		.kind = PAGE_TABLE, .columns = 2, .rows = 3, .align = align, .cells = cells
	};
	struct page p = { .id = "test",
			  .lang = "de",
			  .title = "Tabelle",
			  .tile_title = "",
			  .summary = "",
			  .tile_image = "",
			  .notice = "",
			  .block_count = 1,
			  .blocks = &table };

	for (int width = 60; width <= 1400; width += 97) {
		bool header = false;
		int fee_right = -1, head_right = -1;

		assert_int_equal(layout_page(&f->l, &p, 30, width, 400), 0);
		assert_inside(&f->l, 30, width);
		for (size_t i = 0; i < f->l.count; i++) {
			const struct layout_item *it = &f->l.items[i];

			header |= it->kind == LAYOUT_FILL && it->color == LAYOUT_COLOR_TILE;
			if (it->kind == LAYOUT_TEXT && strcmp(it->text, "10,00 €") == 0)
				fee_right = it->box.x + it->box.w;
			if (it->kind == LAYOUT_TEXT && strcmp(it->text, "Gebühr") == 0)
				head_right = it->box.x + it->box.w;
			if (it->kind == LAYOUT_TEXT && strcmp(it->text, "E 12") == 0)
				assert_int_equal(it->face, LAYOUT_MONO);
		}
		assert_true(header);
		/* right-aligned: both end at the column's right edge (when unbroken) */
		if (width > 400)
			assert_true(abs(fee_right - head_right) <= 1);
	}
}

/* Lists and quotes nest: each level indents, a quote bar runs down the whole
 * quote, a list item in a quote sits right of the bar, tasks get a box. */
static void test_nesting_indents(void **state)
{
	struct fixture *f = *state;
	struct page_span t[] = { { 0, "Text", "" } };
	struct page_block blocks[] = {
		{ .kind = PAGE_LIST_ITEM,
		  .level = 1,
		  .flags = PAGE_ORDERED,
		  .span_count = 1,
		  .spans = t },
		{ .kind = PAGE_PARAGRAPH, .level = 1, .span_count = 1, .spans = t },
		{ .kind = PAGE_LIST_ITEM, .level = 2, .span_count = 1, .spans = t },
		{ .kind = PAGE_QUOTE, .quotes = 1, .span_count = 1, .spans = t },
		{ .kind = PAGE_LIST_ITEM,
		  .level = 1,
		  .quotes = 1,
		  .flags = PAGE_TASK,
		  .span_count = 1,
		  .spans = t },
		{ .kind = PAGE_QUOTE, .quotes = 3, .span_count = 1, .spans = t },
	};
	struct page p = { .id = "test",
			  .lang = "de",
			  .title = "T",
			  .tile_title = "",
			  .summary = "",
			  .tile_image = "",
			  .notice = "",
			  .block_count = SDL_arraysize(blocks),
			  .blocks = blocks };
	int text_x[SDL_arraysize(blocks)];
	int bar_top = -1, bar_bottom = -1;

	assert_int_equal(layout_page(&f->l, &p, 30, 800, 400), 0);
	for (size_t b = 0; b < SDL_arraysize(blocks); b++) {
		text_x[b] = -1;
		for (size_t i = 0; i < f->l.count; i++) {
			const struct layout_item *it = &f->l.items[i];

			if (it->kind == LAYOUT_TEXT && strcmp(it->text, "Text") == 0 &&
			    it->box.y >= f->l.block_top[b] &&
			    (b + 1 == SDL_arraysize(blocks) || it->box.y < f->l.block_top[b + 1]))
				text_x[b] = it->box.x;
		}
		assert_true(text_x[b] > 30);
	}
	assert_int_equal(text_x[1], text_x[0]); /* the item's second paragraph */
	assert_true(text_x[2] > text_x[1]);     /* the sub-list */
	assert_true(text_x[4] > text_x[3]);     /* a list in the quote */
	assert_true(text_x[5] > text_x[3]);     /* a quote in the quote */
	/* one bar from the quote's first block to its last */
	for (size_t i = 0; i < f->l.count; i++) {
		const struct layout_item *it = &f->l.items[i];

		if (it->kind == LAYOUT_FILL && it->box.y == f->l.block_top[3] &&
		    it->box.h > bar_bottom - bar_top) {
			bar_top = it->box.y;
			bar_bottom = it->box.y + it->box.h;
		}
	}
	assert_true(bar_top >= 0);
	assert_true(bar_bottom > f->l.block_top[5]);
}

/* The grid adapts: banners in portrait, two columns in landscape, never overflowing. */
static void test_tile_grid_adapts(void **state)
{
	static const struct {
		int w, h, body, cols;
	} cases[] = {
		{ 1872, 900, 32, 2 },
		{ 1228, 550, 26, 2 },
		{ 748, 310, 26, 2 },
		{ 1032, 1700, 32, 1 },
	};
	struct layout_grid g;

	(void)state;
	for (size_t i = 0; i < SDL_arraysize(cases); i++) {
		layout_grid_choose(&g, 4, cases[i].w, cases[i].h, cases[i].body);
		assert_int_equal(g.cols, cases[i].cols);
		assert_true(g.cols * g.tile_w + (g.cols - 1) * g.gap <= cases[i].w);
		assert_true(g.rows * g.tile_h + (g.rows - 1) * g.gap <= cases[i].h);
		assert_true(g.tile_h >= 64 && g.tile_w >= 64); /* touch targets */
	}
	layout_grid_choose(&g, 0, 800, 400, 22);
	assert_int_equal(g.cols, 0);
	layout_grid_choose(&g, 9, 1872, 900, 32);
	assert_int_equal(g.cols * g.rows >= 9, 1);
	/* absurd areas still give a usable grid */
	layout_grid_choose(&g, 4, -50, -50, 32);
	assert_true(g.cols >= 1 && g.rows * g.cols >= 4 && g.tile_w >= 1 && g.tile_h >= 1);
}

static bool has_text(const struct layout *l, const char *text)
{
	for (size_t i = 0; i < l->count; i++)
		if (l->items[i].kind == LAYOUT_TEXT && strcmp(l->items[i].text, text) == 0)
			return true;
	return false;
}

static size_t count_kind(const struct layout *l, enum layout_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < l->count; i++)
		n += l->items[i].kind == kind;
	return n;
}

/* An 800x480 start tile (issue 12: no picture, a pale edge of 1.12:1, the
 * title wrapped and the summary gone): a small picture, the short label, the
 * summary, and an edge in the muted colour (6.3:1 against the page). */
static void test_small_tile_stays_legible(void **state)
{
	struct fixture *f = *state;
	struct page p = { .id = "projekte",
			  .lang = "de",
			  .title = "Internationale und Europäische Projekte",
			  .tile_title = "Internationale Projekte",
			  .label = "Projekte",
			  .summary = "Austausch und Kooperation",
			  .tile_image = "wide" };
	SDL_Rect box = { 20, 30, 364, 105 };
	size_t edges = 0;

	layout_reset(&f->l);
	assert_int_equal(layout_tile(&f->l, &p, box), 0);
	assert_int_equal(count_kind(&f->l, LAYOUT_PICTURE), 1);
	assert_true(has_text(&f->l, "Projekte"));
	assert_true(has_text(&f->l, "Austausch und Kooperation"));
	for (size_t i = 0; i < f->l.count; i++) {
		const struct layout_item *it = &f->l.items[i];
		SDL_Rect r;

		assert_true(SDL_IntersectRect(&it->box, &box, &r) && r.w == it->box.w &&
			    r.h == it->box.h);
		assert_int_equal(it->action, LAYOUT_ACTION_PAGE);
		edges += it->kind == LAYOUT_FILL && it->color == LAYOUT_COLOR_MUTED;
	}
	assert_int_equal(edges, 4);
	/* a tall tile keeps its long title and its picture above the text */
	layout_reset(&f->l);
	box.h = 400;
	layout_tile(&f->l, &p, box);
	assert_true(has_text(&f->l, "Internationale")); /* the title, on two lines */
	for (size_t i = 0; i < f->l.count; i++)
		if (f->l.items[i].kind == LAYOUT_PICTURE)
			assert_int_equal(f->l.items[i].box.w, box.w);
}

/* A page's web address as a QR code with the short address; a tapped web link
 * opens its own QR code over the screen, and every part of that closes it. */
static void test_qr_codes(void **state)
{
	struct fixture *f = *state;
	static const uint8_t modules[(25 * 25 + 7) / 8] = { 0xff };
	struct page_qr qr = { "https://www.kulturbuero.dortmund.de/", 25, modules };
	struct page_span link = { SPAN_LINK_EXTERNAL, "www.kulturbuero.dortmund.de", qr.url };
	struct page_block block = { .kind = PAGE_PARAGRAPH, .span_count = 1, .spans = &link };
	struct page p = { .id = "kultur",
			  .lang = "de",
			  .title = "Kultur",
			  .block_count = 1,
			  .blocks = &block,
			  .url = qr.url,
			  .qrs = &qr,
			  .qr_count = 1 };
	bool link_found = false;

	layout_reset(&f->l);
	assert_int_equal(layout_page(&f->l, &p, 10, 600, 400), 0);
	assert_int_equal(count_kind(&f->l, LAYOUT_QR), 1);
	assert_true(has_text(&f->l, "www.kulturbuero.dortmund.de"));
	for (size_t i = 0; i < f->l.count; i++) {
		const struct layout_item *it = &f->l.items[i];

		if (it->kind == LAYOUT_QR)
			/* 25 modules and the quiet zone, 3 px a module at least */
			assert_true(it->box.w == it->box.h && it->box.w >= 33 * 3);
		if (it->action == LAYOUT_ACTION_QR) {
			assert_string_equal(it->target, qr.url);
			link_found = true;
		}
	}
	assert_true(link_found);
	/* no address, no card */
	p.url = "";
	layout_reset(&f->l);
	layout_page(&f->l, &p, 10, 600, 400);
	assert_int_equal(count_kind(&f->l, LAYOUT_QR), 0);
	/* the overlay */
	assert_int_equal(layout_qr_overlay(&f->l, &p, qr.url, 800, 480), 0);
	assert_int_equal(count_kind(&f->l, LAYOUT_QR), 1);
	for (size_t i = 0; i < f->l.count; i++) {
		const struct layout_item *it = &f->l.items[i];

		assert_int_equal(it->action, LAYOUT_ACTION_CLOSE);
		assert_true(it->box.x >= 0 && it->box.y >= 0 && it->box.x + it->box.w <= 800 &&
			    it->box.y + it->box.h <= 480);
	}
	assert_int_equal(layout_qr_overlay(&f->l, &p, "https://example.org", 800, 480), -1);
}

/* The contact card takes phone, e-mail and room from the page's front matter,
 * and shows nothing for what is empty. */
static void test_contact_card_fields(void **state)
{
	struct fixture *f = *state;
	struct page_block block = { .kind = PAGE_CONTACT,
				    .contact = { "Ansprechpartnerin", "Angela Märtin", "", "Amt",
						 "", "", "" } };
	struct page p = { .id = "kontakt",
			  .lang = "de",
			  .title = "Kontakt",
			  .block_count = 1,
			  .blocks = &block,
			  .phone = "",
			  .email = "",
			  .room = "" };
	size_t texts;

	layout_reset(&f->l);
	assert_true(layout_contact_card(&f->l, &p, 0, 0, 600) > 0);
	texts = count_kind(&f->l, LAYOUT_TEXT);
	p.room = "A 1";
	p.email = "kontakt@example.org";
	layout_reset(&f->l);
	layout_contact_card(&f->l, &p, 0, 0, 600);
	assert_true(has_text(&f->l, "Raum:\xc2\xa0"
				    "A 1"));
	assert_true(has_text(&f->l, "E-Mail:\xc2\xa0kontakt@example.org"));
	assert_int_equal(count_kind(&f->l, LAYOUT_TEXT), texts + 2);
	/* a page without a contact block has no card */
	p.block_count = 0;
	layout_reset(&f->l);
	assert_int_equal(layout_contact_card(&f->l, &p, 0, 17, 600), 17);
}

/* The reading position follows its block into the other language. */
static void test_map_scroll_keeps_block(void **state)
{
	int top_a[] = { 100, 600, 1400 }, top_b[] = { 120, 800, 1800 };
	struct layout a = { .height = 2000, .block_top = top_a, .block_count = 3 };
	struct layout b = { .height = 2600, .block_top = top_b, .block_count = 3 };
	struct layout c = { .height = 3000, .block_top = top_b, .block_count = 2 };

	(void)state;
	assert_int_equal(layout_map_scroll(&a, 0, 500, &b, 500), 0);
	assert_int_equal(layout_map_scroll(&a, 600, 500, &b, 500), 800);
	assert_int_equal(layout_map_scroll(&a, 1000, 500, &b, 500), 1300); /* half-way */
	assert_int_equal(layout_map_scroll(&a, 1500, 500, &b, 500), 2100); /* at the end */
	/* different structures: the relative position */
	assert_int_equal(layout_map_scroll(&a, 750, 500, &c, 500), 1250);
	/* a page shorter than the view cannot scroll */
	b.height = 300;
	assert_int_equal(layout_map_scroll(&a, 750, 500, &b, 500), 0);
}

/* The capital H of text at size class s, measured on the real face. */
static int cap_height_px(struct layout_fonts *f, enum layout_size s)
{
	int minx, maxx, miny, maxy, advance;

	assert_int_equal(TTF_GlyphMetrics32(layout_font(f, s, LAYOUT_REGULAR), 'H', &minx, &maxx,
					    &miny, &maxy, &advance),
			 0);
	return maxy;
}

/* EN 301 549 5.1.4: the smallest text's capital H subtends 0.7 degrees at the
 * stated distance, measured on the glyphs drawn; the 21.5-inch 1920x1080 panel
 * at 500 mm needs 24.6 px. */
static void test_body_size_meets_the_angle(void **state)
{
	static const struct {
		struct panel panel;
		int w, h;
	} cases[] = {
		{ { 0, 0, 0 }, 1920, 1080 },       /* the default: 21.5 inches at 500 mm */
		{ { 0, 0, 0 }, 1080, 1920 },       /* the same panel turned */
		{ { 476, 268, 500 }, 3840, 2160 }, /* 4K on the same panel: no ceiling */
		{ { 217, 136, 500 }, 1280, 800 },  /* a 10.1-inch panel */
		{ { 476, 268, 800 }, 1920, 1080 }, /* read from further away */
		{ { 0, 0, 0 }, 800, 480 },
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct panel *p = &cases[i].panel;
		int w = cases[i].w, h = cases[i].h;
		double need = panel_min_text_px(p, w, h, LAYOUT_CAP_EM) * LAYOUT_CAP_EM;
		int body_px = layout_body_px(panel_min_text_px(p, w, h, LAYOUT_CAP_EM), 1);
		struct layout_fonts fonts;

		assert_int_equal(
		    layout_fonts_init(&fonts, (const void *const *)f->data, f->size, body_px), 0);
		/* within half a pixel of rounding, measured on the face */
		assert_true(cap_height_px(&fonts, LAYOUT_SIZE_SMALL) + 0.5 >= need);
		assert_true(cap_height_px(&fonts, LAYOUT_SIZE_BODY) + 0.5 >= need);
		layout_fonts_close(&fonts);
	}
	/* the figure: 0.7 degrees at 500 mm on the 21.5-inch panel is 24.6 px */
	assert_true(fabs(panel_min_text_px(NULL, 1920, 1080, 1.0) - 24.6) < 0.1);
}

/* LAYOUT_CAP_EM is the bundled face's: the sizes above depend on it. */
static void test_cap_height_of_the_face(void **state)
{
	struct fixture *f = *state;
	struct layout_fonts fonts;

	assert_int_equal(layout_fonts_init(&fonts, (const void *const *)f->data, f->size, 100), 0);
	assert_true(fabs(cap_height_px(&fonts, LAYOUT_SIZE_BODY) / 100.0 - LAYOUT_CAP_EM) < 0.015);
	layout_fonts_close(&fonts);
}

/* Larger text in two steps, portrait and landscape alike, never below the floor. */
static void test_body_size_steps(void **state)
{
	double min = panel_min_text_px(NULL, 1920, 1080, LAYOUT_CAP_EM);

	(void)state;
	assert_true(layout_body_px(min, panel_text_scale(2)) > layout_body_px(min, 1));
	assert_true(layout_body_px(min, panel_text_scale(3)) >
		    layout_body_px(min, panel_text_scale(2)));
	assert_int_equal(layout_body_px(min, 1),
			 layout_body_px(panel_min_text_px(NULL, 1080, 1920, LAYOUT_CAP_EM), 1));
	assert_int_equal(layout_body_px(1, 1), LAYOUT_BODY_MIN_PX);
	assert_int_equal(layout_body_px(0.0 / 0.0, 1), LAYOUT_BODY_MIN_PX);
	/* 9 mm targets: 37 px on the 21.5-inch panel's 0.248 mm pixels */
	assert_int_equal(panel_target_px(NULL, 1920, 1080), 37);
}

static void test_panel_sizes_parse(void **state)
{
	double w = 0, h = 0;

	(void)state;
	assert_true(panel_parse_mm("476x268", &w, &h));
	assert_true(w == 476 && h == 268);
	assert_true(panel_parse_mm("216.96X135.6", &w, &h));
	assert_false(panel_parse_mm("476", &w, &h));
	assert_false(panel_parse_mm("476x", &w, &h));
	assert_false(panel_parse_mm("x268", &w, &h));
	assert_false(panel_parse_mm("476x268mm", &w, &h));
	assert_false(panel_parse_mm("5x3", &w, &h));
	assert_false(panel_parse_mm("nanxnan", &w, &h));
	assert_false(panel_parse_mm("1e9x1e9", &w, &h));
	assert_false(panel_parse_mm("", &w, &h));
	assert_false(panel_parse_mm(NULL, &w, &h));
}

struct loader_calls {
	struct fixture *f;
	unsigned asked[LAYOUT_FACE_COUNT];
};

/* Bold comes from the fixture; italic "is not in the bundle". */
static bool count_loads(void *ctx, enum layout_face face, const void **data, size_t *size)
{
	struct loader_calls *c = ctx;

	c->asked[face]++;
	if (face != LAYOUT_BOLD)
		return false;
	*data = c->f->data[face];
	*size = c->f->size[face];
	return true;
}

/* Faces without bytes at init are fetched when first used, once. */
static void test_faces_load_when_first_used(void **state)
{
	struct fixture *f = *state;
	struct loader_calls calls = { f, { 0 } };
	const void *data[LAYOUT_FACE_COUNT] = { f->data[LAYOUT_REGULAR] };
	size_t size[LAYOUT_FACE_COUNT] = { f->size[LAYOUT_REGULAR] };
	struct layout_fonts lazy;
	TTF_Font *bold, *italic;

	assert_int_equal(layout_fonts_init(&lazy, data, size, 24), 0);
	layout_fonts_set_loader(&lazy, count_loads, &calls);
	assert_non_null(layout_font(&lazy, LAYOUT_SIZE_BODY, LAYOUT_REGULAR));
	for (int i = 0; i < LAYOUT_FACE_COUNT; i++)
		assert_int_equal(calls.asked[i], 0);
	bold = layout_font(&lazy, LAYOUT_SIZE_BODY, LAYOUT_BOLD);
	assert_non_null(bold);
	assert_ptr_not_equal(bold, layout_font(&lazy, LAYOUT_SIZE_BODY, LAYOUT_REGULAR));
	assert_non_null(layout_font(&lazy, LAYOUT_SIZE_H2, LAYOUT_BOLD));
	assert_int_equal(calls.asked[LAYOUT_BOLD], 1);
	/* a face the loader does not have falls back to regular, and is not asked again */
	italic = layout_font(&lazy, LAYOUT_SIZE_BODY, LAYOUT_ITALIC);
	assert_ptr_equal(italic, layout_font(&lazy, LAYOUT_SIZE_BODY, LAYOUT_REGULAR));
	assert_non_null(layout_font(&lazy, LAYOUT_SIZE_H3, LAYOUT_ITALIC));
	assert_int_equal(calls.asked[LAYOUT_ITALIC], 1);
	assert_int_equal(calls.asked[LAYOUT_BOLDITALIC], 0);
	assert_false(lazy.failed);
	layout_fonts_close(&lazy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraph_stays_in_column),
		cmocka_unit_test(test_soft_hyphen_breaks_with_a_hyphen),
		cmocka_unit_test(test_no_hyphen_when_it_fits),
		cmocka_unit_test(test_last_word_not_hyphenated),
		cmocka_unit_test(test_total_fit_rules),
		cmocka_unit_test(test_compound_joint_preferred),
		cmocka_unit_test(test_addresses_and_names),
		cmocka_unit_test(test_heading_balanced),
		cmocka_unit_test(test_long_compound_without_soft_hyphens),
		cmocka_unit_test(test_tiny_column_terminates),
		cmocka_unit_test(test_huge_inputs),
		cmocka_unit_test(test_styled_spans),
		cmocka_unit_test(test_page_blocks_stay_in_column),
		cmocka_unit_test(test_table_stays_in_column),
		cmocka_unit_test(test_nesting_indents),
		cmocka_unit_test(test_tile_grid_adapts),
		cmocka_unit_test(test_small_tile_stays_legible),
		cmocka_unit_test(test_qr_codes),
		cmocka_unit_test(test_contact_card_fields),
		cmocka_unit_test(test_map_scroll_keeps_block),
		cmocka_unit_test(test_body_size_meets_the_angle),
		cmocka_unit_test(test_cap_height_of_the_face),
		cmocka_unit_test(test_body_size_steps),
		cmocka_unit_test(test_panel_sizes_parse),
		cmocka_unit_test(test_faces_load_when_first_used),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
