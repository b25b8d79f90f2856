/* app-chrome: the bar with the controls, at the top or, out of a seated
 * visitor's reach, at the bottom: the site's name (start screen) or back and
 * start (pages) at the left; page up and down, the language switch and the
 * accessibility control at the right.  Laid out in the bar's own coordinates
 * (y from 0 to bar_h); drawn at m.bar_y. */
#include "app-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "icon.h"
#include "ui-text.h"

static int bar_text(struct app *a, int x, const char *text, enum layout_face face,
		    enum layout_color color)
{
	TTF_Font *font = layout_font(&a->fonts, LAYOUT_SIZE_H3, face);

	return layout_add_text(&a->chrome, x, (a->m.bar_h - TTF_FontHeight(font)) / 2, text,
			       LAYOUT_SIZE_H3, face, color);
}

int chrome_icon_w(const struct app *a)
{
	int w = (int)lround(a->fonts.px[LAYOUT_SIZE_H3] * 1.6);

	return w > a->m.target_px ? w : a->m.target_px;
}

/* The width of a bar button with this label. */
static int button_w(struct app *a, const char *label)
{
	int w = 0, h = 0;

	TTF_SizeUTF8(layout_font(&a->fonts, LAYOUT_SIZE_H3, LAYOUT_BOLD), label, &w, &h);
	w += 2 * app_em(a, 0.7);
	return w < a->m.bar_h ? a->m.bar_h : w;
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
		if (w < chrome_icon_w(a))
			w = chrome_icon_w(a);
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

/* A square bar button with an icon (page up and down); returns where it begins. */
static int icon_button(struct app *a, int right, int icon, enum layout_action action, int arg)
{
	struct layout *c = &a->chrome;
	int w = chrome_icon_w(a), size = a->fonts.px[LAYOUT_SIZE_H3];
	int idx =
	    layout_add_icon(c, (SDL_Rect){ right - w + (w - size) / 2, (w - size) / 2, size, size },
			    icon, LAYOUT_COLOR_ACCENT_TEXT);

	if (idx >= 0) {
		c->items[idx].action = action;
		c->items[idx].arg = arg;
		c->items[idx].hit = (SDL_Rect){ right - w, 0, w, a->m.bar_h };
	}
	return right - w;
}

/* Page up and down, for visitors who cannot drag (WCAG 2.5.1: a single tap for
 * every path gesture), on every screen that scrolls. */
static int page_buttons(struct app *a, int right)
{
	if (a->nav.scroll_max <= 0)
		return right;
	right = icon_button(a, right, ICON_DOWN, LAYOUT_ACTION_SCROLL, 1);
	right = icon_button(a, right, ICON_UP, LAYOUT_ACTION_SCROLL, -1);
	return right - app_em(a, 0.3);
}

/* Read aloud, while it is on: go on or pause, and stop. */
static int read_buttons(struct app *a, int right)
{
	if (!a->access.read_aloud)
		return right;
	right = icon_button(a, right, ICON_STOP, LAYOUT_ACTION_READ, 1);
	right =
	    icon_button(a, right, voice_paused(a) ? ICON_PLAY : ICON_PAUSE, LAYOUT_ACTION_READ, 0);
	return right - app_em(a, 0.3);
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
	right = access_control(a, a->w - a->m.margin / 2);
	right = language_switch(a, right - app_em(a, 0.3));
	right = page_buttons(a, right);
	right = read_buttons(a, right);
	if (a->nav.screen == NAV_PAGE) {
		const char *lang = app_lang(a);
		int left = a->m.margin / 2, gap = app_em(a, 0.3);

		/* words when they fit beside the controls, else the two symbols */
		if (left + button_w(a, ui_text(lang, UI_BACK)) + gap +
			button_w(a, ui_text(lang, UI_HOME)) <=
		    right - gap) {
			left = bar_button(a, left, ui_text(lang, UI_BACK), LAYOUT_ACTION_BACK);
			bar_button(a, left + gap, ui_text(lang, UI_HOME), LAYOUT_ACTION_HOME);
		} else {
			left += chrome_icon_w(a);
			icon_button(a, left, ICON_BACK, LAYOUT_ACTION_BACK, 0);
			icon_button(a, left + gap + chrome_icon_w(a), ICON_HOME, LAYOUT_ACTION_HOME,
				    0);
		}
	} else {
		site_title(a, right);
	}
	c->height = a->m.bar_h;
}
