/* app-start: the start screen: the slogan, the start page's summary (its
 * greeting), one tile per page the site names in a grid that fits the screen,
 * and below them the start page's text and the contact card. */
#include "app-private.h"

#include "notice.h"

static void free_tiles(struct app *a)
{
	struct app_start *s = &a->start;

	for (size_t i = 0; i < s->tile_count; i++)
		if (s->tiles[i])
			page_free(s->tiles[i]);
	s->tile_count = 0;
}

void start_free(struct app *a)
{
	free_tiles(a);
}

static void load_tiles(struct app *a)
{
	struct app_start *s = &a->start;

	free_tiles(a);
	for (size_t i = 0; i < a->site.tile_count && i < SITE_MAX_TILES; i++) {
		struct page *p = app_load_page_any(a, a->site.tiles[i], a->nav.lang);

		if (!p) {
			SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: tile page '%s' is missing",
				    a->bundle_path, a->site.tiles[i]);
			continue;
		}
		s->tiles[s->tile_count++] = p;
	}
}

/* Tiles in rows of g->cols; a last row with fewer tiles is centred. */
static void place_tiles(struct app *a, struct layout *l, const struct layout_grid *g, int x, int y,
			int w)
{
	size_t n = a->start.tile_count, cols = (size_t)g->cols;

	for (size_t i = 0; i < n && cols > 0; i++) {
		int col = (int)(i % cols), row = (int)(i / cols);
		size_t left = n - (size_t)row * cols;
		int in_row = (int)(left < cols ? left : cols);
		int row_x = x + (w - (in_row * g->tile_w + (in_row - 1) * g->gap)) / 2;
		SDL_Rect box = { row_x + col * (g->tile_w + g->gap), y + row * (g->tile_h + g->gap),
				 g->tile_w, g->tile_h };

		layout_tile(l, a->start.tiles[i], box);
	}
}

void start_build(struct app *a, struct layout *l)
{
	struct layout_flow slogan = { LAYOUT_SIZE_H2, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT,
				      LAYOUT_COLOR_ACCENT, 1.2 };
	struct layout_flow intro = { LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_MUTED,
				     LAYOUT_COLOR_MUTED, 1.35 };
	struct layout_grid g;
	int x = a->m.margin, w = a->w - 2 * a->m.margin, y = app_em(a, 0.8), avail;
	const char *sl = app_text_in(a, &a->site.slogan);

	layout_reset(l);
	load_tiles(a);
	if (*sl)
		y = layout_flow_text(l, &slogan, sl, x, y, w);
	if (a->page && a->page->summary && *a->page->summary)
		y = layout_flow_text(l, &intro, a->page->summary, x, y + app_em(a, 0.1), w);
	if (notice_shown(a->page, !a->clock_untrusted, app_wall_now(a)))
		y = notice_layout(l, a->page, x, y + app_em(a, 0.5), w, a->m.body_px);
	y += app_em(a, 0.7);
	avail = a->m.view.h - y - app_em(a, 1);
	layout_grid_choose(&g, a->start.tile_count, w, avail, a->m.body_px);
	place_tiles(a, l, &g, x, y, w);
	y += g.rows * g.tile_h + (g.rows > 0 ? (g.rows - 1) * g.gap : 0) + app_em(a, 1.2);
	/* below the tiles (scrolling on small screens): the start page's own text
	 * and the contact card of the first tile page that has one */
	content_column(a, &x, &w);
	if (a->page)
		y = layout_page_text(l, a->page, x, y, w);
	for (size_t i = 0; i < a->start.tile_count; i++) {
		int below = layout_contact_card(l, a->start.tiles[i], x, y, w);

		if (below != y) {
			y = below + app_em(a, 0.9);
			break;
		}
	}
	l->height = y + app_em(a, 0.5);
}
