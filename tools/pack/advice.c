#include "pack/advice.h"

#include <string.h>

/* The kiosk at 1920x1080 (docs/kiosk.md): 32 px body type, 1.45 line height, a
 * 34 em column of about 70 characters, a view of about 1000 px under the bar,
 * pictures at most 60 % of it high. */
#define ADVICE_VIEW_H 1000
#define ADVICE_LINE_H 46
#define ADVICE_CHARS_PER_LINE 70
#define ADVICE_COLUMN_W 1088
#define ADVICE_PICTURE_MAX_H 600
/* German runs longer than English; beyond this ratio something is missing. */
#define ADVICE_MAX_LENGTH_RATIO 1.6
/* Below this a picture is enlarged visibly (by more than a quarter). */
#define ADVICE_MIN_SCALE 0.8

/* Visible characters of a run of spans (soft hyphens and UTF-8 continuation
 * bytes not counted). */
static size_t span_chars(const struct page_span *spans, size_t n)
{
	size_t count = 0;
	for (size_t s = 0; s < n; s++)
		for (const unsigned char *p = (const unsigned char *)spans[s].text; *p; p++)
			count += (*p & 0xc0) != 0x80 && !(p[0] == 0xc2 && p[1] == 0xad);
	return count;
}

static size_t page_chars(const struct page *p)
{
	size_t count = 0;
	for (size_t i = 0; i < p->block_count; i++) {
		const struct page_block *b = &p->blocks[i];
		count += span_chars(b->spans, b->span_count);
		for (size_t c = 0; b->kind == PAGE_TABLE && c < (size_t)b->rows * b->columns; c++)
			count += span_chars(b->cells[c].spans, b->cells[c].span_count);
	}
	return count;
}

void advice_languages(const struct page_source *sources, size_t n, struct report *r)
{
	const struct page_source *first = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct page_source *s = &sources[i];
		if (!s->path)
			continue;
		if (!first) {
			first = s;
			continue;
		}
		const struct page *a = &first->page, *b = &s->page;
		bool same = a->block_count == b->block_count;
		for (size_t k = 0; same && k < a->block_count; k++)
			same = a->blocks[k].kind == b->blocks[k].kind;
		if (!same) {
			report_warning(
			    r, s->path, 0,
			    "%s has %zu blocks (headings, paragraphs, list items, "
			    "pictures ...) and %s.md %zu, or in another order: the "
			    "language switch keeps the reader's place block by block, so "
			    "both should have the same structure",
			    b->lang, b->block_count, a->lang, a->block_count);
			continue;
		}
		size_t ca = page_chars(a), cb = page_chars(b);
		size_t lo = ca < cb ? ca : cb, hi = ca < cb ? cb : ca;
		if (lo > 0 && (double)hi / (double)lo > ADVICE_MAX_LENGTH_RATIO)
			report_warning(r, s->path, 0,
				       "%zu characters of text, %s.md has %zu: is a part missing "
				       "in one language?",
				       cb, a->lang, ca);
	}
}

void advice_page(const struct page_source *src, struct report *r)
{
	const struct page *p = &src->page;
	long height = 0;
	for (size_t i = 0; i < p->block_count; i++) {
		const struct page_block *b = &p->blocks[i];
		size_t chars = span_chars(b->spans, b->span_count);
		switch (b->kind) {
		case PAGE_PICTURE:
			height += ADVICE_PICTURE_MAX_H + 2 * ADVICE_LINE_H;
			break;
		case PAGE_CONTACT:
			height += 7 * ADVICE_LINE_H;
			break;
		case PAGE_TABLE:
			height += (long)b->rows * 2 * ADVICE_LINE_H;
			break;
		default: /* its lines and the gap below (0.75 em, about half a line) */
			height +=
			    (long)((chars + ADVICE_CHARS_PER_LINE - 1) / ADVICE_CHARS_PER_LINE) *
				ADVICE_LINE_H +
			    ADVICE_LINE_H / 2;
			break;
		}
	}
	long screens = (height + ADVICE_VIEW_H - 1) / ADVICE_VIEW_H;
	if (screens > ADVICE_MAX_SCREENS)
		report_warning(r, src->path, 0,
			       "the page is about %ld screens long on a 1920x1080 kiosk; visitors "
			       "standing at it rarely read past %d: split it into pages that "
			       "link to each other",
			       screens, ADVICE_MAX_SCREENS);
	if (src->tile_line) {
		size_t n = 0;
		for (const unsigned char *c = (const unsigned char *)p->tile_title; *c; c++)
			n += (*c & 0xc0) != 0x80 && !(c[0] == 0xc2 && c[1] == 0xad);
		if (n > ADVICE_MAX_TILE_TITLE)
			report_warning(r, src->path, src->tile_line,
				       "tile title of %zu characters: about %d fit on a tile of a "
				       "portrait kiosk without breaking words",
				       n, ADVICE_MAX_TILE_TITLE);
	}
}

void advice_picture(const char *path, unsigned line, const char *file, unsigned width,
		    unsigned height, struct report *r)
{
	if (!width || !height)
		return;
	/* shown as wide as the column, unless that makes it too high */
	unsigned shown = ADVICE_COLUMN_W;
	if ((unsigned long)shown * height / width > ADVICE_PICTURE_MAX_H)
		shown = (unsigned)((unsigned long)ADVICE_PICTURE_MAX_H * width / height);
	if (width < shown * ADVICE_MIN_SCALE)
		report_warning(r, path, line,
			       "picture '%s' is %u pixels wide but shown about %u wide on a "
			       "1920x1080 kiosk, so it looks blurred: use one at least %u pixels "
			       "wide",
			       file, width, shown, shown);
}
