/* app-explore: explore by touch, the non-visual mode of phone screen readers,
 * for a kiosk.  While it is on, a finger on the screen speaks what it rests on
 * and activates nothing; a double tap anywhere activates what was spoken; a
 * swipe right or left moves to the next or previous item in reading order and
 * speaks it (scrolling it into view), with a short sound at either end.  A
 * focus ring shows sighted companions where the voice is.  Three fingers held
 * on the screen switch it on or off from anywhere, without seeing the menu. */
#include "app-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Two taps this close make a double tap (phone screen readers use 300-500 ms;
 * visitors new to it are slower). */
#define EXPLORE_DOUBLE_TAP_MS 500
/* A swipe: mostly sideways, at least this fast (mm/s at the panel is what
 * gesture.c's fling threshold already means; sideways twice the vertical). */
#define EXPLORE_SWIPE_RATIO 2.0

void explore_init(struct app *a)
{
	memset(&a->explore, 0, sizeof(a->explore));
	a->explore.focus = -1;
	a->explore.stale = true;
}

void explore_free(struct app *a)
{
	free(a->explore.items);
	a->explore.items = NULL;
	a->explore.count = a->explore.cap = 0;
}

void explore_stale(struct app *a)
{
	a->explore.stale = true;
	a->explore.focus = -1;
}

static struct explore_item *add(struct app *a, enum explore_layer layer, SDL_Rect box,
				const struct layout_item *act, const struct speech *rec,
				const char *key)
{
	struct app_explore *e = &a->explore;
	struct explore_item *it;

	if (!rec || !key || !speech_find(rec, key))
		return NULL; /* nothing to say: not an item */
	if (e->count == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 64;
		struct explore_item *items = realloc(e->items, cap * sizeof(*items));

		if (!items)
			return NULL;
		e->items = items;
		e->cap = cap;
	}
	it = &e->items[e->count++];
	*it = (struct explore_item){
		.layer = layer, .box = box, .act = act, .rec = rec, .after = UI_TEXT_COUNT
	};
	snprintf(it->key, sizeof(it->key), "%s", key);
	return it;
}

/* The words of a control: the kiosk's own, or for a language segment that
 * language's name in its own voice. */
static void add_control(struct app *a, enum explore_layer layer, const struct layout_item *it)
{
	static const struct {
		enum layout_action action;
		int arg;
		enum ui_text_id id;
	} words[] = {
		{ LAYOUT_ACTION_BACK, 0, UI_BACK },
		{ LAYOUT_ACTION_SCROLL, -1, UI_PAGE_UP },
		{ LAYOUT_ACTION_SCROLL, 1, UI_PAGE_DOWN },
		{ LAYOUT_ACTION_ACCESS, 0, UI_ACCESS },
		{ LAYOUT_ACTION_READ, 1, UI_STOP },
		{ LAYOUT_ACTION_SETTING, ACCESS_TEXT_NORMAL, UI_TEXT_NORMAL },
		{ LAYOUT_ACTION_SETTING, ACCESS_TEXT_LARGE, UI_TEXT_LARGE },
		{ LAYOUT_ACTION_SETTING, ACCESS_TEXT_LARGEST, UI_TEXT_LARGEST },
		{ LAYOUT_ACTION_SETTING, ACCESS_CONTRAST, UI_CONTRAST },
		{ LAYOUT_ACTION_SETTING, ACCESS_READ_ALOUD, UI_READ_ALOUD },
		{ LAYOUT_ACTION_SETTING, ACCESS_EXPLORE, UI_EXPLORE },
		{ LAYOUT_ACTION_SETTING, ACCESS_CLOSE, UI_CLOSE },
	};
	const struct app_voice *v = &a->voice;
	struct explore_item *x = NULL;

	if (it->action == LAYOUT_ACTION_LANG && it->arg >= 0 && it->arg < SITE_MAX_LANGS) {
		x = add(a, layer, it->hit, it, v->lang_names[it->arg], "language");
	} else if (it->action == LAYOUT_ACTION_HOME) {
		/* the site's name on the start screen, "Start" on a page */
		x = add(a, layer, it->hit, it, v->ui,
			a->nav.screen == NAV_PAGE ? ui_text_key(UI_HOME) : "site-name");
	} else if (it->action == LAYOUT_ACTION_READ && it->arg == 0) {
		x = add(a, layer, it->hit, it, v->ui,
			ui_text_key(voice_paused(a) ? UI_RESUME : UI_PAUSE));
	} else {
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (words[i].action == it->action && words[i].arg == it->arg)
				x = add(a, layer, it->hit, it, v->ui, ui_text_key(words[i].id));
	}
	if (!x || it->action != LAYOUT_ACTION_SETTING)
		return;
	/* a switch says how it stands */
	if (it->arg == ACCESS_CONTRAST || it->arg == ACCESS_READ_ALOUD || it->arg == ACCESS_EXPLORE)
		x->after = (it->arg == ACCESS_CONTRAST     ? a->access.contrast
			    : it->arg == ACCESS_READ_ALOUD ? a->access.read_aloud
							   : a->access.explore)
			       ? UI_ON
			       : UI_OFF;
}

/* One item per control of a layer: its pieces (fill, label) share a hit box. */
static void add_controls(struct app *a, enum explore_layer layer, const struct layout *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const struct layout_item *it = &l->items[i];

		if (it->action == LAYOUT_ACTION_NONE ||
		    (i > 0 && l->items[i - 1].action == it->action &&
		     l->items[i - 1].arg == it->arg &&
		     SDL_RectEquals(&l->items[i - 1].hit, &it->hit)))
			continue;
		add_control(a, layer, it);
	}
}

/* The page's links in block b, in the order the record's "link/b/S" keys come
 * (the same order as in the text): pieces of one link on two lines are one. */
static void add_links(struct app *a, size_t b, int top, int bottom)
{
	const struct layout *l = &a->content;
	const struct speech *rec = a->voice.page;
	char prefix[32];
	size_t k = 0, plen = (size_t)snprintf(prefix, sizeof(prefix), "link/%zu/", b);
	const char *last = NULL;

	for (size_t i = 0; i < l->count; i++) {
		const struct layout_item *it = &l->items[i];

		if (it->action != LAYOUT_ACTION_PAGE || it->kind != LAYOUT_TEXT ||
		    it->box.y < top || it->box.y >= bottom)
			continue;
		if (last && it->target && strcmp(last, it->target) == 0)
			continue;
		last = it->target;
		/* the k-th link key of this block */
		for (size_t u = 0, seen = 0; rec && u < rec->count; u++) {
			if (strncmp(rec->utterances[u].key, prefix, plen) != 0)
				continue;
			if (seen++ == k) {
				struct explore_item *x = add(a, EXPLORE_CONTENT, it->hit, it, rec,
							     rec->utterances[u].key);
				if (x)
					x->after = UI_LINK;
				break;
			}
		}
		k++;
	}
}

/* A page: its title, then every block (pictures by their caption), each followed
 * by the links in it. */
static void add_page(struct app *a)
{
	const struct layout *l = &a->content;
	int x, w;
	char key[SPEECH_MAX_KEY + 1];

	content_column(a, &x, &w);
	if (l->block_count == 0 || !a->page)
		return;
	add(a, EXPLORE_CONTENT, (SDL_Rect){ x, 0, w, l->block_top[0] }, NULL, a->voice.page,
	    "title");
	for (size_t b = 0; b < l->block_count && b < a->page->block_count; b++) {
		int top = l->block_top[b],
		    bottom = b + 1 < l->block_count ? l->block_top[b + 1] : l->height;
		enum speech_part part =
		    a->page->blocks[b].kind == PAGE_PICTURE ? SPEECH_CAPTION : SPEECH_BLOCK;

		if (speech_key(key, sizeof(key), part, (unsigned)b, 0))
			add(a, EXPLORE_CONTENT, (SDL_Rect){ x, top, w, bottom - top }, NULL,
			    a->voice.page, key);
		add_links(a, b, top, bottom);
	}
}

/* The start screen: the slogan, then the tiles (each says its title and summary). */
static void add_start(struct app *a)
{
	const struct layout *l = &a->content;
	int x, w;

	content_column(a, &x, &w);
	for (size_t i = 0; i < l->count; i++)
		if (l->items[i].kind == LAYOUT_TEXT && l->items[i].action == LAYOUT_ACTION_NONE) {
			add(a, EXPLORE_CONTENT, l->items[i].box, NULL, a->voice.ui, "slogan");
			break;
		}
	for (size_t t = 0; t < a->site.tile_count && t < SITE_MAX_TILES; t++)
		for (size_t i = 0; i < l->count; i++)
			if (l->items[i].action == LAYOUT_ACTION_PAGE && l->items[i].target &&
			    strcmp(l->items[i].target, a->site.tiles[t]) == 0) {
				add(a, EXPLORE_CONTENT, l->items[i].hit, &l->items[i],
				    a->voice.tiles[t], "tile");
				break;
			}
}

/* The items in reading order: the menu when it is open; else the bar (first
 * when it is at the top, last at the bottom) and the content. */
static void rebuild(struct app *a)
{
	struct app_explore *e = &a->explore;
	bool bar_first = a->m.bar_y == 0;

	e->count = 0;
	e->stale = false;
	if (a->access.menu_open) {
		add_controls(a, EXPLORE_OVERLAY, &a->overlay);
		return;
	}
	if (bar_first)
		add_controls(a, EXPLORE_CHROME, &a->chrome);
	if (a->nav.screen == NAV_PAGE)
		add_page(a);
	else if (a->nav.screen == NAV_START)
		add_start(a);
	if (!bar_first)
		add_controls(a, EXPLORE_CHROME, &a->chrome);
}

static SDL_Rect on_screen(const struct app *a, const struct explore_item *it)
{
	SDL_Rect r = it->box;

	if (it->layer == EXPLORE_CONTENT)
		r.y += a->m.view.y - (int)lround(a->nav.scroll);
	else if (it->layer == EXPLORE_CHROME)
		r.y += a->m.bar_y;
	return r;
}

static SDL_Rect clip_of(const struct app *a, enum explore_layer layer)
{
	return layer == EXPLORE_CONTENT  ? a->m.view
	       : layer == EXPLORE_CHROME ? (SDL_Rect){ 0, a->m.bar_y, a->w, a->m.bar_h }
					 : (SDL_Rect){ 0, 0, a->w, a->h };
}

static struct app_explore *items(struct app *a)
{
	if (a->explore.stale)
		rebuild(a);
	return &a->explore;
}

/* Focuses item i, scrolls it into view and says it. */
static void focus(struct app *a, int i)
{
	struct app_explore *e = &a->explore;
	const struct explore_item *it = &e->items[i];

	e->focus = i;
	if (it->layer == EXPLORE_CONTENT) {
		int top = (int)lround(a->nav.scroll), margin = app_em(a, 0.5);

		if (it->box.y < top || it->box.y + it->box.h > top + a->m.view.h)
			app_apply(a, nav_set_scroll(&a->nav, it->box.y - margin));
	}
	voice_say(a, it->rec, it->key, true);
	if (it->after != UI_TEXT_COUNT)
		voice_say_ui(a, it->after, false);
	a->dirty = true;
}

/* The visible item under a finger, the smallest that holds the point (a link
 * before its paragraph). */
static int item_at(struct app *a, int x, int y)
{
	struct app_explore *e = items(a);
	int best = -1;
	long best_area = 0;

	for (size_t i = 0; i < e->count; i++) {
		SDL_Rect r = on_screen(a, &e->items[i]), clip = clip_of(a, e->items[i].layer);
		SDL_Point p = { x, y };
		long area = (long)r.w * r.h;

		if (SDL_PointInRect(&p, &r) && SDL_PointInRect(&p, &clip) &&
		    (best < 0 || area < best_area)) {
			best = (int)i;
			best_area = area;
		}
	}
	return best;
}

/* A swipe: to the next (+1) or previous (-1) item; a sound at either end. */
static void step(struct app *a, int dir)
{
	struct app_explore *e = items(a);
	int next = e->focus < 0 ? (dir > 0 ? 0 : (int)e->count - 1) : e->focus + dir;

	if (next < 0 || next >= (int)e->count) {
		if (a->voice.audio)
			audio_earcon(a->voice.audio, AUDIO_EARCON_EDGE, a->now);
		voice_say_ui(a, next < 0 ? UI_TOP_OF_PAGE : UI_END_OF_PAGE, false);
		return;
	}
	focus(a, next);
}

/* The first item of the content (after a bar at the top), or the first. */
static int first_content(const struct app *a)
{
	for (size_t i = 0; i < a->explore.count; i++)
		if (a->explore.items[i].layer == EXPLORE_CONTENT)
			return (int)i;
	return 0;
}

/* A double tap: what the focus is on acts, as a tap on it would. */
static void activate_focus(struct app *a, uint64_t now)
{
	struct app_explore *e = items(a);

	if (e->focus < 0 || !e->items[e->focus].act)
		return;
	app_activate(a, e->items[e->focus].act, now);
	/* a new screen starts at its first item, as a sighted visitor's eye would */
	if (e->stale) {
		items(a);
		if (a->explore.count > 0)
			focus(a, first_content(a));
	}
}

/* A press that may be the second tap of a double tap. */
static bool double_tapping(const struct app_explore *e, const struct gesture_event *g)
{
	return e->last_tap_ms && g->time_ms - e->last_tap_ms <= EXPLORE_DOUBLE_TAP_MS;
}

bool explore_gesture(struct app *a, const struct gesture_event *g)
{
	struct app_explore *e = &a->explore;
	int i;

	if (!a->access.explore)
		return false;
	switch (g->type) {
	case GESTURE_PRESS:
	case GESTURE_DRAG_MOVE:
		/* a swipe moves on from the focus before the finger came down */
		if (g->type == GESTURE_PRESS)
			e->focus_before = e->focus;
		/* the finger speaks what it is on at once; a new touch on the focus
		 * says it again, unless it is the second tap of a double tap */
		i = item_at(a, (int)lround(g->x), (int)lround(g->y));
		if (i >= 0 &&
		    (i != e->focus || (g->type == GESTURE_PRESS && !double_tapping(e, g))))
			focus(a, i);
		nav_touch_activity(&a->nav, g->time_ms);
		break;
	case GESTURE_TAP:
		if (double_tapping(e, g)) {
			e->last_tap_ms = 0;
			activate_focus(a, g->time_ms);
		} else {
			e->last_tap_ms = g->time_ms;
		}
		break;
	case GESTURE_FLING:
		if (fabs(g->vx) >= EXPLORE_SWIPE_RATIO * fabs(g->vy)) {
			e->focus = e->focus_before;
			step(a, g->vx > 0 ? 1 : -1);
		}
		break;
	case GESTURE_LONG_PRESS:
	case GESTURE_DRAG_BEGIN:
	case GESTURE_DRAG_END:
	case GESTURE_CANCEL:
		break;
	}
	return true;
}

void explore_mode_changed(struct app *a)
{
	if (a->voice.audio)
		audio_earcon(a->voice.audio,
			     a->access.explore ? AUDIO_EARCON_MODE_ON : AUDIO_EARCON_MODE_OFF,
			     a->now);
	voice_say_ui(a, a->access.explore ? UI_EXPLORE_ON_HINT : UI_EXPLORE_OFF, true);
	explore_stale(a);
	a->dirty = true;
}

void explore_draw_focus(struct app *a)
{
	const struct app_explore *e = &a->explore;
	SDL_Rect r, clip, vis;
	int t = a->m.body_px / 6 > 3 ? a->m.body_px / 6 : 3;

	if (!a->access.explore || e->stale || e->focus < 0 || (size_t)e->focus >= e->count)
		return;
	r = on_screen(a, &e->items[e->focus]);
	clip = clip_of(a, e->items[e->focus].layer);
	if (!SDL_IntersectRect(&r, &clip, &vis))
		return;
	/* two rings, light and dark: seen on any background, not by hue alone */
	SDL_RenderSetClipRect(a->renderer, &clip);
	for (int k = 0; k < 2; k++) {
		SDL_Rect o = { r.x - (2 - k) * t, r.y - (2 - k) * t, r.w + 2 * (2 - k) * t,
			       r.h + 2 * (2 - k) * t };
		enum layout_color c = k == 0 ? LAYOUT_COLOR_EDGE : LAYOUT_COLOR_ACCENT;

		render_fill(&a->render, (SDL_Rect){ o.x, o.y, o.w, t }, c);
		render_fill(&a->render, (SDL_Rect){ o.x, o.y + o.h - t, o.w, t }, c);
		render_fill(&a->render, (SDL_Rect){ o.x, o.y, t, o.h }, c);
		render_fill(&a->render, (SDL_Rect){ o.x + o.w - t, o.y, t, o.h }, c);
	}
	SDL_RenderSetClipRect(a->renderer, NULL);
}

const char *explore_focus_key(const struct app *a)
{
	const struct app_explore *e = &a->explore;

	return a->access.explore && !e->stale && e->focus >= 0 && (size_t)e->focus < e->count
		   ? e->items[e->focus].key
		   : "";
}
