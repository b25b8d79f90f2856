/* layout-table: tables on a page (opening hours, fees).  A table always fits its
 * column: columns get their natural width when the table fits, otherwise each
 * gets at least a fair share and the rest goes to those that want more, and the
 * cells wrap (the line breaker hyphenates, and splits what still does not fit),
 * so the same table reads at 1920x1080, in portrait and at 800x480 without
 * sideways scrolling, which a kiosk visitor would not find. */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int em(const struct layout *l, double n)
{
	return (int)lround(l->fonts->px[LAYOUT_SIZE_BODY] * n);
}

/* Width of a cell's text on one line: the sum of its spans without their soft
 * hyphens (they are not drawn unless a line breaks there). */
static int natural_width(struct layout *l, const struct page_cell *c, bool header)
{
	int w = 0;
	for (size_t s = 0; s < c->span_count; s++) {
		const struct page_span *sp = &c->spans[s];
		unsigned face = header ? LAYOUT_BOLD : LAYOUT_REGULAR;
		size_t n = strlen(sp->text), o = 0;
		char *plain = malloc(n + 1);
		int tw = 0, th = 0;

		if (sp->style & SPAN_BOLD)
			face |= LAYOUT_BOLD;
		if (sp->style & SPAN_ITALIC)
			face |= LAYOUT_ITALIC;
		if (sp->style & SPAN_CODE)
			face = LAYOUT_MONO;
		if (!plain) {
			l->nomem = true;
			return w;
		}
		for (size_t i = 0; i < n; i++) {
			if ((unsigned char)sp->text[i] == 0xc2 && i + 1 < n &&
			    (unsigned char)sp->text[i + 1] == 0xad)
				i++;
			else
				plain[o++] = sp->text[i] == '\n' ? ' ' : sp->text[i];
		}
		plain[o] = 0;
		if (o &&
		    TTF_SizeUTF8(layout_font(l->fonts, LAYOUT_SIZE_BODY, (enum layout_face)face),
				 plain, &tw, &th) == 0)
			w += tw;
		free(plain);
	}
	return w;
}

/* The line of a cell an item belongs to: by its middle, as text boxes are
 * taller than the line height and underlines sit low. */
static int line_of_item(const struct layout_item *it, int y, int step)
{
	return (it->box.y + it->box.h / 2 - y) / step;
}

/* Shifts each line of the items [from, l->count) laid out from y with line
 * height lh so that it ends at the right of (or centres in) a cell of width w.
 * Text, link underlines and hit areas of a line move together. */
static void align_lines(struct layout *l, size_t from, int x, int y, int w, int lh, int align)
{
	int step = lh > 0 ? lh : 1, lines = 0, *right;

	for (size_t k = from; k < l->count; k++)
		if (line_of_item(&l->items[k], y, step) + 1 > lines)
			lines = line_of_item(&l->items[k], y, step) + 1;
	right = calloc((size_t)lines + 1, sizeof(*right));
	if (!right) {
		l->nomem = true;
		return;
	}
	for (size_t k = from; k < l->count; k++) {
		const struct layout_item *it = &l->items[k];
		int line = line_of_item(it, y, step);

		if (line >= 0 && it->kind == LAYOUT_TEXT && it->box.x + it->box.w - x > right[line])
			right[line] = it->box.x + it->box.w - x;
	}
	for (size_t k = from; k < l->count; k++) {
		struct layout_item *it = &l->items[k];
		int line = line_of_item(it, y, step), dx;

		if (line < 0)
			continue;
		dx = align == PAGE_ALIGN_RIGHT ? w - right[line] : (w - right[line]) / 2;
		if (dx > 0) {
			it->box.x += dx;
			it->hit.x += dx;
		}
	}
	free(right);
}

int layout_table(struct layout *l, const struct page_block *b, int x, int y, int width)
{
	struct layout_flow flow = { LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_TEXT,
				    LAYOUT_COLOR_ACCENT, 1.3 };
	unsigned n = b->columns;
	int pad = em(l, 0.45), rule = em(l, 0.06) < 1 ? 1 : em(l, 0.06);
	int lh = (int)lround(l->fonts->px[LAYOUT_SIZE_BODY] * flow.line_height);
	int want[PAGE_MAX_COLUMNS] = { 0 }, w[PAGE_MAX_COLUMNS] = { 0 };
	int avail, total = 0;

	if (n == 0 || n > PAGE_MAX_COLUMNS || !b->cells)
		return y;
	avail = width - (int)n * 2 * pad;
	if (avail < (int)n)
		avail = (int)n;
	for (unsigned r = 0; r < b->rows; r++)
		for (unsigned c = 0; c < n; c++) {
			int nw = natural_width(l, &b->cells[r * n + c], r == 0);

			if (nw > want[c])
				want[c] = nw;
		}
	for (unsigned c = 0; c < n; c++)
		total += want[c];
	if (total <= avail) {
		memcpy(w, want, sizeof(w));
	} else {
		/* a fair share for each, the rest to those that want more, by how much */
		int share = avail / (int)n, left = avail, extra = 0;

		for (unsigned c = 0; c < n; c++) {
			w[c] = want[c] < share ? want[c] : share;
			left -= w[c];
			extra += want[c] - w[c];
		}
		for (unsigned c = 0; c < n && extra > 0; c++)
			w[c] += (int)((long long)left * (want[c] - w[c]) / extra);
	}
	for (unsigned c = 0; c < n; c++)
		if (w[c] < 1)
			w[c] = 1;

	for (unsigned r = 0; r < b->rows; r++) {
		int top = y, cx = x, bottom = y + pad;
		int row_w = 0, bg;

		for (unsigned c = 0; c < n; c++)
			row_w += w[c] + 2 * pad;
		/* the header row sits on the tile colour; its text is bold */
		bg = r == 0 ? layout_add_fill(l, (SDL_Rect){ x, y, row_w, 0 }, LAYOUT_COLOR_TILE)
			    : -1;
		flow.face = r == 0 ? LAYOUT_BOLD : LAYOUT_REGULAR;
		flow.color = r == 0 ? LAYOUT_COLOR_TILE_TEXT : LAYOUT_COLOR_TEXT;
		for (unsigned c = 0; c < n; c++) {
			const struct page_cell *cell = &b->cells[r * n + c];
			size_t from = l->count;
			int end = layout_flow_spans(l, &flow, cell->spans, cell->span_count,
						    cx + pad, y + pad, w[c]);
			unsigned char align = b->align ? b->align[c] : PAGE_ALIGN_DEFAULT;

			if (align == PAGE_ALIGN_RIGHT || align == PAGE_ALIGN_CENTER)
				align_lines(l, from, cx + pad, y + pad, w[c], lh, align);
			if (end > bottom)
				bottom = end;
			cx += w[c] + 2 * pad;
		}
		y = bottom + pad;
		if (bg >= 0)
			l->items[bg].box.h = y - top;
		/* rows are told apart by a rule, not by colour alone */
		layout_add_fill(l, (SDL_Rect){ x, y, row_w, rule },
				r == 0 ? LAYOUT_COLOR_ACCENT : LAYOUT_COLOR_MUTED);
		y += rule;
	}
	return y;
}
