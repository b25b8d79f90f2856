/* app-input: touches and gestures: what a finger hits, veils and activates. */
#include "app-private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void handle_gesture(void *user, const struct gesture_event *g);

/* Slop and fling speeds are millimetres on this panel. */
static void gesture_tuning(const struct app *a, struct gesture_config *gc)
{
	gesture_config_defaults(gc, panel_dpi(&a->opt.panel, a->w, a->h));
}

void app_input_init(struct app *a)
{
	struct gesture_config gc;

	gesture_tuning(a, &gc);
	gesture_init(&a->touch.gesture, &gc, handle_gesture, a);
}

void app_input_configure(struct app *a)
{
	struct gesture_config gc;

	gesture_tuning(a, &gc);
	gesture_set_config(&a->touch.gesture, &gc);
}

/* A new bundle: no finger counts from before. */
void app_input_reset(struct app *a)
{
	struct app_touch *t = &a->touch;

	gesture_reset(&t->gesture);
	t->fingers = 0;
	t->swallowed = false;
	t->pressed = false;
}

static bool hit_in(const struct layout *l, int x, int y, int dy, const struct layout_item **out)
{
	for (size_t i = l->count; i-- > 0;) {
		const struct layout_item *it = &l->items[i];
		SDL_Rect r = it->hit;

		r.y += dy;
		if (it->action != LAYOUT_ACTION_NONE && x >= r.x && x < r.x + r.w && y >= r.y &&
		    y < r.y + r.h) {
			*out = it;
			return true;
		}
	}
	return false;
}

const struct layout_item *app_hit_test(const struct app *a, int x, int y)
{
	const struct layout_item *it = NULL;

	if (a->nav.screen != NAV_START && a->nav.screen != NAV_PAGE)
		return NULL;
	if (a->access.menu_open)
		return hit_in(&a->overlay, x, y, 0, &it) ? it : NULL;
	if (y >= a->m.bar_y && y < a->m.bar_y + a->m.bar_h)
		return hit_in(&a->chrome, x, y, a->m.bar_y, &it) ? it : NULL;
	if (hit_in(&a->content, x, y, a->m.view.y - (int)lround(a->nav.scroll), &it))
		return it;
	return NULL;
}

void app_activate(struct app *a, const struct layout_item *it, uint64_t now)
{
	/* copy first: the action rebuilds the layouts the item lives in */
	enum layout_action action = it->action;
	char target[PAGE_ID_MAX + 1];
	int arg = it->arg;
	unsigned changed = 0;

	snprintf(target, sizeof(target), "%s", it->target ? it->target : "");
	switch (action) {
	case LAYOUT_ACTION_PAGE:
		changed = nav_open(&a->nav, target, now);
		break;
	case LAYOUT_ACTION_BACK:
		changed = nav_back(&a->nav, now);
		break;
	case LAYOUT_ACTION_HOME:
		changed = nav_home(&a->nav, now);
		break;
	case LAYOUT_ACTION_LANG:
		changed = nav_set_lang(&a->nav, arg, now);
		break;
	case LAYOUT_ACTION_SCROLL:
		/* a screen's height less two lines, so the reader keeps their place */
		changed = nav_scroll_by(&a->nav, arg * (a->m.view.h - 3 * a->m.body_px));
		break;
	case LAYOUT_ACTION_ACCESS:
		access_toggle_menu(a);
		break;
	case LAYOUT_ACTION_SETTING:
		access_apply(a, (enum access_setting)arg);
		break;
	case LAYOUT_ACTION_READ:
		voice_read_control(a, arg);
		chrome_build(a); /* play or pause now */
		break;
	case LAYOUT_ACTION_NONE:
		break;
	}
	app_apply(a, changed);
}

/* The finger is on item it (or nothing): veil it so the visitor sees the touch
 * was felt. */
static void set_pressed(struct app *a, const struct layout_item *it)
{
	struct app_touch *t = &a->touch;

	if (!it && !t->pressed)
		return;
	t->pressed = it != NULL;
	if (it) {
		t->pressed_layer =
		    it >= a->content.items && it < a->content.items + a->content.count
			? PRESSED_CONTENT
		    : it >= a->overlay.items && it < a->overlay.items + a->overlay.count
			? PRESSED_OVERLAY
			: PRESSED_CHROME;
		t->pressed_hit = it->hit;
	}
	a->dirty = true;
}

static void handle_gesture(void *user, const struct gesture_event *g)
{
	struct app *a = user;
	uint64_t now = g->time_ms;
	const struct layout_item *it;
	if (a->touch.swallowed)
		return; /* the touch that woke the screen does nothing else */
	if (explore_gesture(a, g))
		return; /* explore by touch speaks what the finger is on instead */
	switch (g->type) {
	case GESTURE_TAP:
	case GESTURE_LONG_PRESS:
		/* a held finger on a public screen means "this one", same as a tap */
		it = app_hit_test(a, (int)lround(g->x), (int)lround(g->y));
		if (it)
			app_activate(a, it, now);
		else if (a->access.menu_open)
			access_toggle_menu(a); /* a touch beside the menu closes it */
		break;
	case GESTURE_DRAG_MOVE:
		nav_touch_activity(&a->nav, now);
		if (!a->access.menu_open)
			app_apply(a, nav_scroll_by(&a->nav, -g->dy));
		break;
	case GESTURE_FLING:
		if (a->access.menu_open)
			break;
		/* px/s upwards of the finger = content scrolling down, px/ms */
		nav_fling(&a->nav, -g->vy / 1000.0, now);
		break;
	case GESTURE_PRESS:
		it = app_hit_test(a, (int)lround(g->x), (int)lround(g->y));
		nav_touch_activity(&a->nav, now);
		if (it && it->action == LAYOUT_ACTION_PAGE && it->target)
			prepare_begin(a, it->target);
		set_pressed(a, it);
		break;
	case GESTURE_DRAG_BEGIN:
	case GESTURE_CANCEL:
		/* no tap will come of this touch: do not work for one */
		prepare_drop(a, true);
		nav_touch_activity(&a->nav, now);
		break;
	case GESTURE_DRAG_END:
		nav_touch_activity(&a->nav, now);
		break;
	}
	if (g->type != GESTURE_PRESS)
		set_pressed(a, NULL);
}

void app_input(struct app *a, const struct input_event *ev)
{
	struct app_touch *t = &a->touch;

	if (a->broken[0])
		return;
	a->now = ev->time_ms;
	if (ev->type == INPUT_EVENT_DOWN) {
		/* Fingers silent for stale_ms lost their UP (the recogniser forgets them at
		 * this DOWN): they must not keep every later touch from counting as the
		 * first, or a blanked screen would never wake again. */
		if (t->fingers > 0 && ev->time_ms - t->last_input_ms > t->gesture.cfg.stale_ms)
			t->fingers = 0;
		t->fingers++;
		/* three fingers held: explore by touch on or off (explore_hold) */
		if (t->fingers == 3)
			t->three_since = ev->time_ms;
		if (t->fingers == 1) {
			app_apply(a, nav_touch_down(&a->nav, ev->time_ms));
			t->swallowed = nav_swallowing(&a->nav);
			if (t->swallowed)
				gesture_reset(&t->gesture);
		}
	}
	gesture_handle_event(&t->gesture, ev);
	if (ev->type == INPUT_EVENT_UP || ev->type == INPUT_EVENT_CANCEL) {
		if (t->fingers > 0)
			t->fingers--;
		if (ev->type == INPUT_EVENT_CANCEL && ev->slot == INPUT_SLOT_ALL)
			t->fingers = 0;
		if (t->fingers < 3)
			t->three_since = 0;
		if (t->fingers == 0) {
			nav_touch_up(&a->nav, ev->time_ms);
			t->swallowed = false;
			t->held = false;
		}
	}
	t->last_input_ms = ev->time_ms;
}

void app_input_tick(struct app *a, uint64_t now)
{
	struct app_touch *t = &a->touch;
	gesture_handle_timeout(&t->gesture, now);
	if (t->three_since && !t->held && now - t->three_since >= APP_HOLD_MS) {
		/* once per touch: fingers still resting do not toggle it back */
		t->held = true;
		access_apply(a, ACCESS_EXPLORE);
	}
	/* Fingers silent for stale_ms lost their UP: lift them, or the kiosk would
	 * count as touched forever and never return to its start page. */
	if (t->fingers > 0 && now - t->last_input_ms >= t->gesture.cfg.stale_ms) {
		t->fingers = 0;
		t->swallowed = false;
		gesture_reset(&t->gesture);
		nav_touch_up(&a->nav, now);
		set_pressed(a, NULL);
	}
}

bool app_input_deadline(const struct app *a, uint64_t *t)
{
	const struct app_touch *touch = &a->touch;
	uint64_t g = NAV_NEVER;
	bool any = gesture_next_deadline(&touch->gesture, &g);

	if (touch->three_since && !touch->held && touch->three_since + APP_HOLD_MS < g) {
		g = touch->three_since + APP_HOLD_MS;
		any = true;
	}

	if (touch->fingers > 0 && touch->last_input_ms + touch->gesture.cfg.stale_ms < g) {
		g = touch->last_input_ms + touch->gesture.cfg.stale_ms;
		any = true;
	}
	*t = g;
	return any;
}

/* The actions that say which with their arg (a language, a direction, a setting). */
static bool action_has_arg(enum layout_action action)
{
	return action == LAYOUT_ACTION_LANG || action == LAYOUT_ACTION_SCROLL ||
	       action == LAYOUT_ACTION_SETTING || action == LAYOUT_ACTION_READ;
}

bool app_find_target(const struct app *a, enum layout_action action, const char *target, int arg,
		     int *x, int *y)
{
	const struct layout *layers[3] = { &a->overlay, &a->chrome, &a->content };

	if (a->broken[0])
		return false;
	for (int k = a->access.menu_open ? 0 : 1; k < 3; k++) {
		int dy = k == 0   ? 0
			 : k == 1 ? a->m.bar_y
				  : a->m.view.y - (int)lround(a->nav.scroll);
		SDL_Rect clip = k == 0   ? (SDL_Rect){ 0, 0, a->w, a->h }
				: k == 1 ? (SDL_Rect){ 0, a->m.bar_y, a->w, a->m.bar_h }
					 : a->m.view;

		for (size_t i = 0; i < layers[k]->count; i++) {
			const struct layout_item *it = &layers[k]->items[i];
			SDL_Rect r = it->hit, vis;

			r.y += dy;
			if (it->action != action ||
			    (target && (!it->target || strcmp(it->target, target) != 0)) ||
			    (action_has_arg(action) && it->arg != arg))
				continue;
			if (!SDL_IntersectRect(&r, &clip, &vis))
				continue;
			/* the tap must land where this item, not one drawn over it, is hit */
			*x = vis.x + vis.w / 2;
			*y = vis.y + vis.h / 2;
			if (app_hit_test(a, *x, *y) == it)
				return true;
		}
	}
	return false;
}

void app_input_draw_veil(struct app *a)
{
	const struct app_touch *t = &a->touch;
	SDL_Rect r = t->pressed_hit, vis, clip = { 0, 0, a->w, a->h };

	if (!t->pressed)
		return;
	if (t->pressed_layer == PRESSED_CONTENT) {
		r.y += a->m.view.y - (int)lround(a->nav.scroll);
		clip = a->m.view;
	} else if (t->pressed_layer == PRESSED_CHROME) {
		r.y += a->m.bar_y;
		clip = (SDL_Rect){ 0, a->m.bar_y, a->w, a->m.bar_h };
	}
	if (SDL_IntersectRect(&r, &clip, &vis))
		render_fill(&a->render, vis, LAYOUT_COLOR_PRESSED);
}
