/* app-content: a page in the text column, and drawing the screens that scroll
 * (start and page): the content, the scroll indicator and the bar. */
#include "app-private.h"

#include <math.h>

void content_column(const struct app *a, int *x, int *w)
{
	int max = app_em(a, 34);
	int width = a->w - 2 * a->m.margin - app_em(a, 0.6); /* room for the position indicator */

	if (width > max)
		width = max;
	*w = width;
	*x = (a->w - width) / 2;
}

/* Pictures take at most 60 % of the view's height, so a page never opens on a
 * screen with nothing to read. */
int content_layout_page(struct app *a, struct layout *l, const struct page *p)
{
	int x, w;

	content_column(a, &x, &w);
	return layout_page(l, p, x, w, a->m.view.h * 3 / 5);
}

/* Where the reader is: a thumb on a track at the right edge, only when the
 * content is longer than the view. */
static void draw_indicator(struct app *a)
{
	int content = a->content.height, view = a->m.view.h;
	int w = a->m.body_px / 4 > 4 ? a->m.body_px / 4 : 4;
	int track_x = a->w - w - a->m.body_px / 4, thumb_h, thumb_y;
	int max = content - view;

	if (content <= view || max <= 0)
		return;
	thumb_h = (int)((int64_t)view * view / content);
	if (thumb_h < a->m.body_px * 2)
		thumb_h = a->m.body_px * 2;
	thumb_y = a->m.view.y + (int)((double)(view - thumb_h) * a->nav.scroll / max);
	render_fill(&a->render, (SDL_Rect){ track_x, a->m.view.y, w, view }, LAYOUT_COLOR_TILE);
	render_fill(&a->render, (SDL_Rect){ track_x, thumb_y, w, thumb_h }, LAYOUT_COLOR_ACCENT);
}

void content_draw(struct app *a)
{
	int dy = a->m.view.y - (int)lround(a->nav.scroll);

	render_prefetch(&a->render, &a->content, 0, dy, a->m.view);
	render_clear(&a->render, LAYOUT_COLOR_BACKGROUND);
	SDL_RenderSetClipRect(a->renderer, &a->m.view);
	voice_draw_highlight(a, dy);
	SDL_RenderSetClipRect(a->renderer, NULL);
	render_layout(&a->render, &a->content, 0, dy, a->m.view);
	draw_indicator(a);
	render_layout(&a->render, &a->chrome, 0, a->m.bar_y,
		      (SDL_Rect){ 0, a->m.bar_y, a->w, a->m.bar_h });
}
