/* app-access: the accessibility control (always in the bar, the accessibility
 * figure), its menu, and the settings it switches: text size in three steps,
 * high contrast, read aloud and explore by touch.  An idle reset switches
 * everything back, so the next visitor starts with the kiosk's defaults. */
#include "app-private.h"

#include <stdio.h>

#include "icon.h"
#include "ui-text.h"

/* The site's two themes (site.ini [colors] and [colors.high-contrast]; the
 * high-contrast one defaults to white and yellow on black). */
const struct site_colors *access_colors(const struct app *a)
{
	return a->access.contrast ? &a->site.high_contrast : &a->site.colors;
}

void access_init(struct app *a)
{
	a->access = (struct app_access){
		.text_scale = a->opt.text_scale >= 1 && a->opt.text_scale <= PANEL_TEXT_SCALES
				  ? a->opt.text_scale
				  : 1,
		.contrast = a->opt.high_contrast,
	};
}

/* While a mode is on, a visitor gets twice the time (they read more slowly or
 * listen): the idle time doubles (EN 301 549 5.2, WCAG 2.2.1). */
static void set_idle(struct app *a)
{
	struct app_access *s = &a->access;
	bool mode = s->text_scale > 1 || s->contrast || s->read_aloud || s->explore;

	nav_set_idle(&a->nav, mode ? 2 * a->opt.idle_ms : a->opt.idle_ms);
}

/* Whatever changed between before and now takes effect: sizes and theme anew,
 * the voice started or stopped, explore by touch announced. */
static void settle(struct app *a, const struct app_access *before)
{
	const struct app_access *now = &a->access;

	set_idle(a);
	if (before->text_scale != now->text_scale || before->contrast != now->contrast)
		app_restyle(a);
	else
		chrome_build(a); /* the bar shows the read-aloud buttons, the control's state */
	if (before->read_aloud != now->read_aloud)
		voice_mode_changed(a);
	if (before->explore != now->explore)
		explore_mode_changed(a);
	a->dirty = true;
}

void access_reset(struct app *a)
{
	struct app_access before = a->access;

	access_init(a);
	settle(a, &before);
}

void access_toggle_menu(struct app *a)
{
	a->access.menu_open = !a->access.menu_open;
	chrome_build(a); /* the control shows it pressed while the menu is open */
	explore_stale(a);
	a->dirty = true;
}

void access_apply(struct app *a, enum access_setting s)
{
	struct app_access *x = &a->access, before = *x;

	switch (s) {
	case ACCESS_TEXT_NORMAL:
	case ACCESS_TEXT_LARGE:
	case ACCESS_TEXT_LARGEST:
		x->text_scale = 1 + (int)(s - ACCESS_TEXT_NORMAL);
		break;
	case ACCESS_CONTRAST:
		x->contrast = !x->contrast;
		break;
	case ACCESS_READ_ALOUD:
		x->read_aloud = !x->read_aloud;
		break;
	case ACCESS_EXPLORE:
		x->explore = !x->explore;
		break;
	case ACCESS_CLOSE:
		x->menu_open = false;
		break;
	}
	settle(a, &before);
}

int access_control(struct app *a, int right)
{
	struct layout *c = &a->chrome;
	int h = a->m.bar_h, w = chrome_icon_w(a), inset = h / 8, idx;
	int size = a->fonts.px[LAYOUT_SIZE_H3] * 3 / 2;
	bool open = a->access.menu_open;
	if (size > h - 2 * inset)
		size = h - 2 * inset;
	if (size > w)
		size = w;
	/* open: shown pressed (a light field behind the figure), not by colour alone */
	if (open)
		layout_add_fill(c, (SDL_Rect){ right - w, inset, w, h - 2 * inset },
				LAYOUT_COLOR_ACCENT_TEXT);
	idx =
	    layout_add_icon(c, (SDL_Rect){ right - w + (w - size) / 2, (h - size) / 2, size, size },
			    ICON_ACCESS, open ? LAYOUT_COLOR_ACCENT : LAYOUT_COLOR_ACCENT_TEXT);
	for (size_t k = open ? (size_t)idx - 1 : (size_t)idx; idx >= 0 && k < c->count; k++) {
		c->items[k].action = LAYOUT_ACTION_ACCESS;
		c->items[k].hit = (SDL_Rect){ right - w, 0, w, h };
	}
	return right - w;
}

/* ---- the menu ---- */

struct menu {
	struct app *a;
	enum layout_size size; /* of its labels */
	bool compact;          /* no title, no "text size" over its buttons: a small screen */
	int x, w, y;           /* the card's column and the next row's top */
	int row_h, pad;
};

static int label_w(const struct menu *m, const char *text)
{
	int w = 0, h = 0;

	TTF_SizeUTF8(layout_font(&m->a->fonts, m->size, LAYOUT_BOLD), text, &w, &h);
	return w;
}

static int menu_text(struct menu *m, int x, int y, const char *text, enum layout_color color)
{
	struct layout *l = &m->a->overlay;
	TTF_Font *font = layout_font(&m->a->fonts, m->size, LAYOUT_BOLD);

	return layout_add_text(l, x, y + (m->row_h - TTF_FontHeight(font)) / 2, text, m->size,
			       LAYOUT_BOLD, color);
}

/* Makes every item from first on one button: the whole box acts. */
static void make_button(struct layout *l, size_t first, SDL_Rect box, enum access_setting s)
{
	for (size_t k = first; k < l->count; k++) {
		l->items[k].action = LAYOUT_ACTION_SETTING;
		l->items[k].arg = (int)s;
		l->items[k].hit = box;
	}
}

/* A row that switches a setting: its icon, its name, and "An"/"Aus" with a
 * check mark when on (the state is in words and a shape, not only a colour). */
static void menu_toggle(struct menu *m, int icon, enum ui_text_id name, bool on,
			enum access_setting s)
{
	struct layout *l = &m->a->overlay;
	const char *lang = app_lang(m->a), *state = ui_text(lang, on ? UI_ON : UI_OFF);
	SDL_Rect box = { m->x, m->y, m->w, m->row_h };
	int size = m->a->fonts.px[m->size], state_w = label_w(m, state);
	enum layout_color fg = on ? LAYOUT_COLOR_ACCENT_TEXT : LAYOUT_COLOR_TILE_TEXT;
	size_t first = l->count;

	layout_add_fill(l, box, on ? LAYOUT_COLOR_ACCENT : LAYOUT_COLOR_TILE);
	layout_add_icon(l, (SDL_Rect){ m->x + m->pad, m->y + (m->row_h - size) / 2, size, size },
			icon, fg);
	menu_text(m, m->x + 2 * m->pad + size, m->y, ui_text(lang, name), fg);
	menu_text(m, m->x + m->w - m->pad - state_w, m->y, state, fg);
	if (on)
		layout_add_icon(l,
				(SDL_Rect){ m->x + m->w - 2 * m->pad - state_w - size,
					    m->y + (m->row_h - size) / 2, size, size },
				ICON_CHECK, fg);
	make_button(l, first, box, s);
	m->y += m->row_h + m->pad / 2;
}

/* The text size: three buttons in one row, the chosen one filled and underlined. */
static void menu_text_size(struct menu *m)
{
	static const enum ui_text_id names[PANEL_TEXT_SCALES] = { UI_TEXT_NORMAL, UI_TEXT_LARGE,
								  UI_TEXT_LARGEST };
	struct layout *l = &m->a->overlay;
	int gap = m->pad / 2, bw = (m->w - 2 * gap) / PANEL_TEXT_SCALES;
	if (!m->compact) {
		menu_text(m, m->x, m->y, ui_text(app_lang(m->a), UI_TEXT_SIZE), LAYOUT_COLOR_TEXT);
		m->y += m->row_h;
	}
	for (int i = 0; i < PANEL_TEXT_SCALES; i++) {
		SDL_Rect box = { m->x + i * (bw + gap), m->y, bw, m->row_h };
		bool on = m->a->access.text_scale == i + 1;
		const char *name = ui_text(app_lang(m->a), names[i]);
		size_t first = l->count;

		layout_add_fill(l, box, on ? LAYOUT_COLOR_ACCENT : LAYOUT_COLOR_TILE);
		menu_text(m, box.x + (bw - label_w(m, name)) / 2, m->y, name,
			  on ? LAYOUT_COLOR_ACCENT_TEXT : LAYOUT_COLOR_TILE_TEXT);
		if (on) /* an underline: the choice is not shown by colour alone */
			layout_add_fill(l,
					(SDL_Rect){ box.x + m->pad, box.y + box.h - m->pad / 2,
						    bw - 2 * m->pad,
						    m->pad / 4 > 2 ? m->pad / 4 : 2 },
					LAYOUT_COLOR_ACCENT_TEXT);
		make_button(l, first, box, (enum access_setting)(ACCESS_TEXT_NORMAL + i));
	}
	m->y += m->row_h + m->pad;
}

static void menu_close(struct menu *m)
{
	struct layout *l = &m->a->overlay;
	SDL_Rect box = { m->x, m->y, m->w, m->row_h };
	const char *close = ui_text(app_lang(m->a), UI_CLOSE);
	size_t first = l->count;

	layout_add_fill(l, box, LAYOUT_COLOR_ACCENT);
	menu_text(m, m->x + (m->w - label_w(m, close)) / 2, m->y, close, LAYOUT_COLOR_ACCENT_TEXT);
	make_button(l, first, box, ACCESS_CLOSE);
	m->y += m->row_h;
}

/* The widest row at m's size: icon, the longest setting's name, "An"/"Aus", check. */
static int menu_needs_w(const struct menu *m, const char *lang)
{
	static const enum ui_text_id names[] = { UI_CONTRAST, UI_READ_ALOUD, UI_EXPLORE };
	int widest = 0, px = m->a->fonts.px[m->size];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (label_w(m, ui_text(lang, names[i])) > widest)
			widest = label_w(m, ui_text(lang, names[i]));
	return 4 * m->pad + 2 * px + widest + label_w(m, ui_text(lang, UI_OFF));
}

/* Lays the card out from y = 0 at label size `size`; returns its height. */
static int menu_rows(struct menu *m, const char *title)
{
	const struct app_access *s = &m->a->access;

	layout_reset(&m->a->overlay);
	m->row_h = m->a->fonts.px[m->size] * 3 / 2 + m->pad / 2;
	if (m->row_h < m->a->m.target_px)
		m->row_h = m->a->m.target_px;
	layout_add_fill(&m->a->overlay, (SDL_Rect){ m->x - m->pad, 0, m->w + 2 * m->pad, 0 },
			LAYOUT_COLOR_BACKGROUND);
	m->y = m->pad / 2;
	if (!m->compact) {
		menu_text(m, m->x, m->y, title, LAYOUT_COLOR_ACCENT);
		m->y += m->row_h;
	}
	menu_text_size(m);
	menu_toggle(m, ICON_CONTRAST, UI_CONTRAST, s->contrast, ACCESS_CONTRAST);
	menu_toggle(m, ICON_SPEAKER, UI_READ_ALOUD, s->read_aloud, ACCESS_READ_ALOUD);
	menu_toggle(m, ICON_HAND, UI_EXPLORE, s->explore, ACCESS_EXPLORE);
	menu_close(m);
	m->a->overlay.items[0].box.h = m->y + m->pad;
	return m->y + m->pad;
}

/* The card: its title in the site's first two languages, the settings, "close".
 * Beside the bar (below it at the top, above it at the bottom), at the right;
 * when the visitor's text size makes it too tall for that, in smaller labels,
 * and centred over the whole screen if need be. */
static void build_menu(struct app *a)
{ /* larger labels first; the last try leaves out the title and the row name */
	static const struct {
		enum layout_size size;
		bool compact;
	} tries[] = { { LAYOUT_SIZE_H3, false },
		      { LAYOUT_SIZE_BODY, false },
		      { LAYOUT_SIZE_SMALL, false },
		      { LAYOUT_SIZE_SMALL, true } };
	struct layout *l = &a->overlay;
	struct menu m = { .a = a, .pad = app_em(a, 0.6) };
	int card_h = 0, top, beside = a->h - a->m.bar_h - m.pad, whole = a->h;
	char title[256];

	snprintf(title, sizeof(title), "%s \xc2\xb7 %s", ui_text(a->site.langs[0], UI_ACCESS),
		 ui_text(a->site.lang_count > 1 ? a->site.langs[1] : "en", UI_ACCESS));
	m.w = a->w - a->m.margin;
	for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
		m.size = tries[i].size;
		m.compact = tries[i].compact;
		if (m.w > app_em(a, 24) && menu_needs_w(&m, app_lang(a)) <= app_em(a, 24))
			m.w = app_em(a, 24);
		m.x = a->w - m.w - a->m.margin / 2;
		card_h = menu_rows(&m, title);
		if ((card_h <= beside || (m.compact && card_h <= whole)) &&
		    menu_needs_w(&m, app_lang(a)) <= m.w)
			break;
	}
	top = a->m.bar_y ? a->m.bar_y - card_h - m.pad / 2 : a->m.bar_h + m.pad / 2;
	if (card_h > beside)
		top = (a->h - card_h) / 2;
	if (top < 0)
		top = 0;
	for (size_t i = 0; i < l->count; i++) {
		l->items[i].box.y += top;
		l->items[i].hit.y += top;
	}
	l->height = top + card_h;
}

void access_draw_menu(struct app *a)
{
	build_menu(a);
	/* the page stays visible but plainly behind: the menu is what acts now */
	render_fill(&a->render, (SDL_Rect){ 0, 0, a->w, a->h }, LAYOUT_COLOR_SHADE);
	render_layout(&a->render, &a->overlay, 0, 0, (SDL_Rect){ 0, 0, a->w, a->h });
}
