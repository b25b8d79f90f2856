/* nav: navigation state machine; see nav.h. */
#include "nav.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Inertia: velocity decays with this time constant (close to what phones do). */
#define INERTIA_TAU_MS 325.0
#define INERTIA_STOP 0.02 /* px/ms: below this the content stops */
#define FLING_MAX 8.0     /* px/ms: a cap so a mis-read swipe does not fly off */

static void copy_id(char *dst, const char *src)
{
	snprintf(dst, PAGE_ID_MAX + 1, "%s", src ? src : "");
}

void nav_init(struct nav *n, const char *start_id, int default_lang, uint32_t idle_ms,
	      uint32_t attract_ms, uint64_t now)
{
	memset(n, 0, sizeof(*n));
	copy_id(n->start, start_id);
	copy_id(n->page, start_id);
	n->screen = NAV_START;
	n->lang = n->default_lang = default_lang;
	n->idle_ms = idle_ms;
	n->attract_ms = attract_ms;
	n->last_input = now;
	n->next_slide = NAV_NEVER;
}

/* NAV_CHANGED_SCREEN when screen, page or language differ from before. */
static unsigned place_changed(const struct nav *n, enum nav_screen screen, const char *page,
			      int lang)
{
	return n->screen != screen || n->lang != lang || strcmp(n->page, page) != 0
		   ? NAV_CHANGED_SCREEN
		   : 0;
}

static void go_start(struct nav *n)
{
	n->screen = NAV_START;
	copy_id(n->page, n->start);
	n->history_len = 0;
	n->scroll = 0;
	n->velocity = 0;
}

unsigned nav_touch_down(struct nav *n, uint64_t now)
{
	n->last_input = now;
	if (n->prompting) {
		/* "still here": the touch keeps the page and does nothing else */
		n->prompting = false;
		n->swallow = true;
		return NAV_CHANGED_PROMPT;
	}
	if (n->screen == NAV_ATTRACT || n->screen == NAV_BLANK) {
		go_start(n);
		n->lang = n->default_lang;
		n->swallow = true;
		n->next_slide = NAV_NEVER;
		return NAV_CHANGED_SCREEN;
	}
	n->velocity = 0; /* a finger on moving content stops it */
	return 0;
}

bool nav_swallowing(const struct nav *n)
{
	return n->swallow;
}

void nav_touch_activity(struct nav *n, uint64_t now)
{
	if (n->screen != NAV_ATTRACT && n->screen != NAV_BLANK)
		n->last_input = now;
}

void nav_touch_up(struct nav *n, uint64_t now)
{
	nav_touch_activity(n, now);
	n->swallow = false;
}

unsigned nav_open(struct nav *n, const char *id, uint64_t now)
{
	n->last_input = now;
	if (!id || strcmp(id, n->start) == 0)
		return nav_home(n, now);
	if (n->screen == NAV_PAGE) {
		if (strcmp(id, n->page) == 0)
			return 0;
		if (n->history_len == NAV_HISTORY_MAX) {
			memmove(&n->history[0], &n->history[1],
				(NAV_HISTORY_MAX - 1) * sizeof(n->history[0]));
			n->history_len--;
		}
		copy_id(n->history[n->history_len].page, n->page);
		n->history[n->history_len].scroll = n->scroll;
		n->history_len++;
	} else {
		n->history_len = 0;
	}
	n->screen = NAV_PAGE;
	copy_id(n->page, id);
	n->scroll = 0;
	n->scroll_max = 0;
	n->velocity = 0;
	return NAV_CHANGED_SCREEN;
}

unsigned nav_back(struct nav *n, uint64_t now)
{
	n->last_input = now;
	if (n->screen != NAV_PAGE || n->history_len == 0)
		return nav_home(n, now);
	n->history_len--;
	copy_id(n->page, n->history[n->history_len].page);
	n->scroll = n->history[n->history_len].scroll; /* clamped by nav_set_scroll_max */
	n->scroll_max = n->scroll;
	n->velocity = 0;
	return NAV_CHANGED_SCREEN;
}

unsigned nav_home(struct nav *n, uint64_t now)
{
	unsigned changed = place_changed(n, NAV_START, n->start, n->lang);

	n->last_input = now;
	if (!changed && n->scroll != 0)
		changed = NAV_CHANGED_SCROLL; /* the start screen, scrolled back to its top */
	go_start(n);
	return changed;
}

unsigned nav_set_lang(struct nav *n, int lang, uint64_t now)
{
	unsigned changed = place_changed(n, n->screen, n->page, lang);

	n->last_input = now;
	n->lang = lang;
	n->velocity = 0;
	return changed;
}

/* The scroll offset within [0, scroll_max]; NAV_CHANGED_SCROLL when it moved. */
static unsigned clamp_scroll(struct nav *n, double scroll)
{
	double before = n->scroll;

	n->scroll = scroll < 0 ? 0 : scroll > n->scroll_max ? n->scroll_max : scroll;
	return n->scroll != before ? NAV_CHANGED_SCROLL : 0;
}

unsigned nav_set_scroll_max(struct nav *n, double max)
{
	n->scroll_max = max > 0 ? max : 0;
	return clamp_scroll(n, n->scroll);
}

unsigned nav_set_scroll(struct nav *n, double scroll)
{
	return clamp_scroll(n, scroll);
}

unsigned nav_scroll_by(struct nav *n, double dy)
{
	n->velocity = 0;
	return clamp_scroll(n, n->scroll + dy);
}

void nav_fling(struct nav *n, double velocity, uint64_t now)
{
	if (velocity > FLING_MAX)
		velocity = FLING_MAX;
	if (velocity < -FLING_MAX)
		velocity = -FLING_MAX;
	n->last_input = now;
	if (fabs(velocity) < INERTIA_STOP * 5 || n->scroll_max <= 0) {
		n->velocity = 0;
		return;
	}
	n->velocity = velocity;
	n->last_frame = now;
}

unsigned nav_set_closed(struct nav *n, bool closed, uint64_t now)
{
	n->closed = closed;
	if (!closed && n->screen == NAV_BLANK) {
		go_start(n);
		n->lang = n->default_lang;
		n->last_input = now;
		return NAV_CHANGED_SCREEN;
	}
	return 0;
}

static bool at_home(const struct nav *n)
{
	return n->screen == NAV_START && n->lang == n->default_lang && n->scroll == 0;
}

/* An idle reset or blanking is coming: it would take something from a visitor. */
static bool reset_due(const struct nav *n)
{
	return !at_home(n) || n->closed;
}

static uint64_t reset_at(const struct nav *n)
{
	return n->last_input + n->idle_ms;
}

/* When the prompt before it appears: NAV_PROMPT_MS before the reset, but never
 * before the visitor has had half the idle time to themselves. */
static uint64_t prompt_at(const struct nav *n)
{
	uint32_t lead = NAV_PROMPT_MS < n->idle_ms / 2 ? NAV_PROMPT_MS : n->idle_ms / 2;

	return reset_at(n) - lead;
}

void nav_set_idle(struct nav *n, uint32_t idle_ms)
{
	n->idle_ms = idle_ms;
}

unsigned nav_prompt_seconds(const struct nav *n, uint64_t now)
{
	if (!n->prompting || now >= reset_at(n))
		return 0;
	return (unsigned)((reset_at(n) - now + NAV_COUNTDOWN_MS - 1) / NAV_COUNTDOWN_MS);
}

/* The idle prompt: up from prompt_at() until the reset, a frame every second.
 * Returns NAV_CHANGED_PROMPT when it appears, counts or goes. */
static unsigned step_prompt(struct nav *n, uint64_t now)
{
	bool due = reset_due(n) && now >= prompt_at(n) && now < reset_at(n);
	unsigned changed = 0;

	if (due != n->prompting || (due && now >= n->prompt_next))
		changed = NAV_CHANGED_PROMPT;
	n->prompting = due;
	if (due) {
		/* the next whole second before the reset */
		uint64_t left = reset_at(n) - now;

		n->prompt_next = now + (left - 1) % NAV_COUNTDOWN_MS + 1;
	}
	return changed;
}

static unsigned step_inertia(struct nav *n, uint64_t now)
{
	double before = n->scroll;

	while (n->velocity != 0 && n->last_frame + NAV_FRAME_MS <= now) {
		double decay = exp(-NAV_FRAME_MS / INERTIA_TAU_MS);

		/* integral of v * exp(-t/tau) over one frame */
		n->scroll += n->velocity * INERTIA_TAU_MS * (1 - decay);
		n->velocity *= decay;
		n->last_frame += NAV_FRAME_MS;
		if (n->scroll <= 0 || n->scroll >= n->scroll_max) {
			clamp_scroll(n, n->scroll);
			n->velocity = 0;
		}
		if (fabs(n->velocity) < INERTIA_STOP)
			n->velocity = 0;
	}
	return n->scroll != before ? NAV_CHANGED_SCROLL : 0;
}

unsigned nav_tick(struct nav *n, uint64_t now)
{
	unsigned changed = step_inertia(n, now);

	if (n->swallow)
		return changed;
	switch (n->screen) {
	case NAV_START:
	case NAV_PAGE:
		if (n->velocity != 0)
			break;
		changed |= step_prompt(n, now);
		if (n->closed && now >= reset_at(n)) {
			n->screen = NAV_BLANK;
			n->lang = n->default_lang;
			return changed | NAV_CHANGED_SCREEN | NAV_CHANGED_IDLE;
		}
		if (!at_home(n) && now >= reset_at(n)) {
			go_start(n);
			n->lang = n->default_lang;
			changed |= NAV_CHANGED_SCREEN | NAV_CHANGED_IDLE;
		}
		if (n->attract_ms > 0 && now >= n->last_input + n->attract_ms) {
			n->screen = NAV_ATTRACT;
			n->slide = 0;
			n->next_slide = now + NAV_SLIDE_MS;
			changed |= NAV_CHANGED_SCREEN;
		}
		break;
	case NAV_ATTRACT:
		if (n->closed) {
			n->screen = NAV_BLANK;
			n->next_slide = NAV_NEVER;
			return changed | NAV_CHANGED_SCREEN;
		}
		while (now >= n->next_slide) {
			n->slide++;
			n->next_slide += NAV_SLIDE_MS;
			changed |= NAV_CHANGED_SLIDE;
		}
		break;
	case NAV_BLANK:
		break;
	}
	return changed;
}

uint64_t nav_next_deadline(const struct nav *n)
{
	uint64_t t = NAV_NEVER;

	if (n->velocity != 0)
		return n->last_frame + NAV_FRAME_MS;
	if (n->swallow)
		return NAV_NEVER; /* the finger is still down: nothing until it lifts */
	switch (n->screen) {
	case NAV_START:
	case NAV_PAGE:
		if (reset_due(n))
			t = n->prompting ? n->prompt_next : prompt_at(n);
		else if (n->attract_ms > 0)
			t = n->last_input + n->attract_ms;
		break;
	case NAV_ATTRACT:
		t = n->closed ? 0 : n->next_slide;
		break;
	case NAV_BLANK:
		break;
	}
	return t;
}

const char *nav_screen_name(enum nav_screen s)
{
	switch (s) {
	case NAV_START:
		return "start";
	case NAV_PAGE:
		return "page";
	case NAV_ATTRACT:
		return "attract";
	case NAV_BLANK:
		return "blank";
	}
	return "?";
}
