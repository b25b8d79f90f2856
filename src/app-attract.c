/* app-attract: after a long time untouched, the site's pictures one after the
 * other, with the call to touch in every language of the site. */
#include "app-private.h"

#include "ui-text.h"

void attract_draw(struct app *a)
{
	struct layout *l = &a->spare;
	struct layout_flow big = { LAYOUT_SIZE_DISPLAY, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT,
				   LAYOUT_COLOR_ACCENT_TEXT, 1.15 };
	struct layout_flow small = { LAYOUT_SIZE_H2, LAYOUT_REGULAR, LAYOUT_COLOR_ACCENT_TEXT,
				     LAYOUT_COLOR_ACCENT_TEXT, 1.2 };
	int band_h, y = 0, w = a->w - 2 * a->m.margin;

	render_clear(&a->render, LAYOUT_COLOR_ACCENT);
	if (a->attract.image_count > 0)
		render_picture(&a->render, a->attract.images[a->nav.slide % a->attract.image_count],
			       (SDL_Rect){ 0, 0, a->w, a->h }, true);
	/* the default language large, the others below it, centred on a dark band */
	layout_reset(l);
	for (size_t i = 0; i < a->site.lang_count; i++)
		y = layout_flow_text(l, i == 0 ? &big : &small,
				     ui_text(a->site.langs[i], UI_TOUCH_CALL), 0, y, w);
	band_h = y + app_em(a, 1.6);
	for (size_t i = 0; i < l->count; i++) {
		l->items[i].box.x = (a->w - l->items[i].box.w) / 2;
		l->items[i].box.y += a->h - band_h + app_em(a, 0.8);
	}
	render_fill(&a->render, (SDL_Rect){ 0, a->h - band_h, a->w, band_h }, LAYOUT_COLOR_SHADE);
	render_layout(&a->render, l, 0, 0, (SDL_Rect){ 0, 0, a->w, a->h });
	layout_reset(l);
}
