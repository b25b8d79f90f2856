/* app-prompt: "Sind Sie noch da? / Still there?" with a countdown, before an
 * idle reset would take the page away from someone still reading (WCAG 2.2.1,
 * EN 301 549 9.2.2.1: at least 20 s to ask for more time; any touch does).
 * The question stands in every language of the site, the one shown first. */
#include "app-private.h"

#include <stdio.h>

#include "ui-text.h"

/* One centred line of text at y in the card; returns the y below it. */
static int centred(struct app *a, const struct layout_flow *f, const char *text, int y,
		   SDL_Rect card)
{
	struct layout *l = &a->overlay;
	size_t first = l->count;

	y = layout_flow_text(l, f, text, card.x, y, card.w);
	for (size_t i = first; i < l->count; i++)
		l->items[i].box.x = card.x + (card.w - l->items[i].box.w) / 2;
	return y;
}

void prompt_draw(struct app *a)
{
	struct layout *l = &a->overlay;
	struct layout_flow big = { LAYOUT_SIZE_H1, LAYOUT_BOLD, LAYOUT_COLOR_TEXT,
				   LAYOUT_COLOR_TEXT, 1.2 };
	struct layout_flow other = { LAYOUT_SIZE_H2, LAYOUT_REGULAR, LAYOUT_COLOR_TEXT,
				     LAYOUT_COLOR_TEXT, 1.2 };
	struct layout_flow number = { LAYOUT_SIZE_DISPLAY, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT,
				      LAYOUT_COLOR_ACCENT, 1.1 };
	struct layout_flow small = { LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_TEXT,
				     LAYOUT_COLOR_TEXT, 1.3 };
	const char *lang = app_lang(a);
	int pad = app_em(a, 1), y;
	SDL_Rect card = { a->m.margin, 0, a->w - 2 * a->m.margin, 0 };
	char seconds[16];

	if (card.w > app_em(a, 28)) {
		card.w = app_em(a, 28);
		card.x = (a->w - card.w) / 2;
	}
	layout_reset(l);
	y = centred(a, &big, ui_text(lang, UI_STILL_THERE), pad, card);
	for (size_t i = 0; i < a->site.lang_count; i++)
		if ((int)i != a->nav.lang)
			y = centred(a, &other, ui_text(a->site.langs[i], UI_STILL_THERE), y, card);
	snprintf(seconds, sizeof(seconds), "%u", nav_prompt_seconds(&a->nav, a->now));
	y = centred(a, &number, seconds, y + pad / 2, card);
	y = centred(a, &small, ui_text(lang, UI_SECONDS), y, card);
	y = centred(a, &small, ui_text(lang, UI_CONTINUE), y + pad / 2, card) + pad;
	card.h = y;
	card.y = (a->h - card.h) / 2;
	render_fill(&a->render, (SDL_Rect){ 0, 0, a->w, a->h }, LAYOUT_COLOR_SHADE);
	render_fill(&a->render, card, LAYOUT_COLOR_BACKGROUND);
	/* an edge of the accent colour: the card stands apart in either theme */
	render_fill(&a->render, (SDL_Rect){ card.x, card.y, card.w, pad / 4 > 3 ? pad / 4 : 3 },
		    LAYOUT_COLOR_ACCENT);
	render_layout(&a->render, l, 0, card.y, (SDL_Rect){ 0, 0, a->w, a->h });
}
