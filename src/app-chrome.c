/* app-chrome: the bar at the top: the site's name (start screen) or back and
 * start (pages), and the language switch, always at the right. */
#include "app-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui-text.h"

static int bar_text(struct app *a, int x, const char *text, enum layout_face face,
		    enum layout_color color)
{
	TTF_Font *font = layout_font(&a->fonts, LAYOUT_SIZE_H3, face);

	return layout_add_text(&a->chrome, x, (a->m.bar_h - TTF_FontHeight(font)) / 2, text,
			       LAYOUT_SIZE_H3, face, color);
}

/* A bar button: its label at x, the whole bar height tappable, at least as wide
 * as the bar is high.  Returns the x after it. */
static int bar_button(struct app *a, int x, const char *label, enum layout_action action)
{
	int pad = app_em(a, 0.7);
	int idx = bar_text(a, x + pad, label, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT);
	int w;

	if (idx < 0)
		return x;
	w = a->chrome.items[idx].box.w + 2 * pad;
	if (w < a->m.bar_h)
		w = a->m.bar_h;
	a->chrome.items[idx].action = action;
	a->chrome.items[idx].hit = (SDL_Rect){ x, 0, w, a->m.bar_h };
	return x + w;
}

/* An outline keeps an inactive segment visibly a button (not by colour alone). */
static void outline(struct layout *c, SDL_Rect box, int t)
{
	layout_add_fill(c, (SDL_Rect){ box.x, box.y, box.w, t }, LAYOUT_COLOR_ACCENT_TEXT);
	layout_add_fill(c, (SDL_Rect){ box.x, box.y + box.h - t, box.w, t },
			LAYOUT_COLOR_ACCENT_TEXT);
	layout_add_fill(c, (SDL_Rect){ box.x, box.y, t, box.h }, LAYOUT_COLOR_ACCENT_TEXT);
	layout_add_fill(c, (SDL_Rect){ box.x + box.w - t, box.y, t, box.h },
			LAYOUT_COLOR_ACCENT_TEXT);
}

/* The language switch, every language one segment, from the right edge; returns
 * the x where it begins. */
static int language_switch(struct app *a, int right)
{
	struct layout *c = &a->chrome;
	int seg_pad = app_em(a, 0.6), inset = a->m.bar_h / 8, bar_h = a->m.bar_h;
	TTF_Font *font = layout_font(&a->fonts, LAYOUT_SIZE_H3, LAYOUT_BOLD);

	for (int i = (int)a->site.lang_count - 1; i >= 0; i--) {
		char label[8];
		int tw = 0, th = 0, w, fill;
		bool active = i == a->nav.lang;

		/* the code in capitals ("DE"): readable in every language */
		snprintf(label, sizeof(label), "%s", a->site.langs[i]);
		for (char *p = label; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		TTF_SizeUTF8(font, label, &tw, &th);
		w = tw + 2 * seg_pad;
		if (w < bar_h - inset)
			w = bar_h - inset;
		right -= w;
		fill = layout_add_fill(c, (SDL_Rect){ right, inset, w, bar_h - 2 * inset },
				       active ? LAYOUT_COLOR_ACCENT_TEXT : LAYOUT_COLOR_ACCENT);
		bar_text(a, right + (w - tw) / 2, label, LAYOUT_BOLD,
			 active ? LAYOUT_COLOR_ACCENT : LAYOUT_COLOR_ACCENT_TEXT);
		if (!active && fill >= 0)
			outline(c, c->items[fill].box, bar_h / 32 > 2 ? bar_h / 32 : 2);
		for (size_t k = (size_t)fill; fill >= 0 && k < c->count; k++) {
			c->items[k].action = LAYOUT_ACTION_LANG;
			c->items[k].arg = i;
			c->items[k].hit = (SDL_Rect){ right, 0, w, bar_h };
		}
		right -= app_em(a, 0.3);
	}
	return right;
}

/* The name of this kiosk's location (foyer.conf's site), or "". */
static const char *location_name(const struct app *a)
{
	if (!a->opt.location || !*a->opt.location)
		return "";
	for (size_t i = 0; i < a->site.location_count; i++)
		if (a->site.locations[i].id &&
		    strcmp(a->site.locations[i].id, a->opt.location) == 0)
			return app_text_in(a, &a->site.locations[i].name);
	return "";
}

/* The site's name, cut (never overflowing) where the switch begins; the whole
 * area goes home. */
static void site_title(struct app *a, int right)
{
	struct layout *c = &a->chrome;
	struct layout_flow f = { LAYOUT_SIZE_H3, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT,
				 LAYOUT_COLOR_ACCENT_TEXT, 1.2 };
	int x = a->m.margin, avail = right - x - app_em(a, 0.5);
	size_t first = c->count;
	const char *name = app_text_in(a, &a->site.name), *where = location_name(a);
	char title[512];
	int h = 0, one_line = (int)lround(a->fonts.px[LAYOUT_SIZE_H3] * 1.2);

	/* "Dortmund in Europa · Friedensplatz" when that fits on the bar */
	if (*where) {
		snprintf(title, sizeof(title), "%s \xc2\xb7 %s", name, where);
		h = layout_flow_text(c, &f, title, x, 0, avail);
		if (h > one_line)
			c->count = first;
	}
	if (c->count == first)
		h = layout_flow_text(c, &f, name, x, 0, avail);
	if (h > one_line)
		c->count = first + 1 > c->count ? c->count : first + 1; /* first line only */
	for (size_t k = first; k < c->count; k++) {
		c->items[k].box.y = (a->m.bar_h - c->items[k].box.h) / 2;
		c->items[k].action = LAYOUT_ACTION_HOME;
		c->items[k].hit = (SDL_Rect){ 0, 0, right, a->m.bar_h };
	}
}

void chrome_build(struct app *a)
{
	struct layout *c = &a->chrome;
	int right;

	layout_reset(c);
	layout_add_fill(c, (SDL_Rect){ 0, 0, a->w, a->m.bar_h }, LAYOUT_COLOR_ACCENT);
	right = language_switch(a, a->w - a->m.margin / 2);
	if (a->nav.screen == NAV_PAGE) {
		const char *lang = app_lang(a);
		int x = bar_button(a, a->m.margin / 2, ui_text(lang, UI_BACK), LAYOUT_ACTION_BACK);

		bar_button(a, x + app_em(a, 0.3), ui_text(lang, UI_HOME), LAYOUT_ACTION_HOME);
	} else {
		site_title(a, right);
	}
	c->height = a->m.bar_h;
}
