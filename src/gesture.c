/* gesture: a small state machine over the touch stream.  See gesture.h for the
 * promises it keeps; the comments here say why the numbers are what they are. */
#include "gesture.h"

#include <math.h>
#include <string.h>

/* Coordinates beyond this are clamped so distances and velocities stay finite;
 * no real output is a million pixels wide. */
#define COORD_LIMIT 1e6

void gesture_config_defaults(struct gesture_config *cfg, double dpi)
{
	double px_per_mm;

	if (!(dpi > 0) || !isfinite(dpi) || dpi > 2000)
		dpi = 96;
	px_per_mm = dpi / 25.4;
	/* 3 mm: a fingertip rolls 1-2 mm while pressing and cheap capacitive panels
	 * jitter by another millimetre; phone values (Android 8 dp = 1.3 mm) turn
	 * hesitant or gloved taps into drags.  Dragging still starts well before a
	 * 9 mm touch target has been left. */
	cfg->slop_px = 3.0 * px_per_mm;
	/* 500 ms: visitors (many elderly, many first-time) press deliberately; phone
	 * taps are 100-300 ms. */
	cfg->tap_max_ms = 500;
	/* 700 ms: far enough from tap_max that a slow tap never becomes a long press;
	 * a press between the two is cancelled (no accidental action either way). */
	cfg->long_press_ms = 700;
	/* 100 ms: long enough to average the panel's 60-120 Hz jitter, short enough
	 * that a drag that stopped before lifting does not fling. */
	cfg->fling_window_ms = 100;
	/* 50 mm/s to start inertia (a deliberate flick is 100-1000 mm/s); capped at
	 * 2 m/s so one wild swipe cannot throw a long page to its end in a frame. */
	cfg->fling_min_px_s = 50.0 * px_per_mm;
	cfg->fling_max_px_s = 2000.0 * px_per_mm;
	/* 10 s: a finger resting longer is not a gesture; a lost UP or a stuck
	 * phantom contact (dirt, a sticker) must not block the kiosk forever. */
	cfg->stale_ms = 10000;
}

static void emit(struct gesture *g, enum gesture_type type, double x, double y)
{
	struct gesture_event e;

	memset(&e, 0, sizeof(e));
	e.type = type;
	e.x = x;
	e.y = y;
	e.time_ms = g->now_ms;
	if (g->fn)
		g->fn(g->user, &e);
}

static void emit_move(struct gesture *g, double x, double y)
{
	struct gesture_event e;

	memset(&e, 0, sizeof(e));
	e.type = GESTURE_DRAG_MOVE;
	e.x = x;
	e.y = y;
	e.dx = x - g->last_x;
	e.dy = y - g->last_y;
	e.time_ms = g->now_ms;
	g->last_x = x;
	g->last_y = y;
	if (g->fn)
		g->fn(g->user, &e);
}

static void emit_fling(struct gesture *g, double vx, double vy)
{
	struct gesture_event e;

	memset(&e, 0, sizeof(e));
	e.type = GESTURE_FLING;
	e.x = g->last_x;
	e.y = g->last_y;
	e.vx = vx;
	e.vy = vy;
	e.time_ms = g->now_ms;
	if (g->fn)
		g->fn(g->user, &e);
}

void gesture_set_config(struct gesture *g, const struct gesture_config *cfg)
{
	g->cfg = *cfg;
}

void gesture_init(struct gesture *g, const struct gesture_config *cfg, gesture_fn fn, void *user)
{
	memset(g, 0, sizeof(*g));
	g->cfg = *cfg;
	g->fn = fn;
	g->user = user;
	g->state = GESTURE_IDLE;
}

int gesture_contact_count(const struct gesture *g)
{
	int n = 0;

	for (int i = 0; i < GESTURE_MAX_CONTACTS; i++)
		n += g->contacts[i].used;
	return n;
}

static struct gesture_contact *contact_find(struct gesture *g, int64_t slot)
{
	for (int i = 0; i < GESTURE_MAX_CONTACTS; i++)
		if (g->contacts[i].used && g->contacts[i].slot == slot)
			return &g->contacts[i];
	return NULL;
}

static struct gesture_contact *contact_add(struct gesture *g, int64_t slot)
{
	for (int i = 0; i < GESTURE_MAX_CONTACTS; i++) {
		if (!g->contacts[i].used) {
			g->contacts[i].used = true;
			g->contacts[i].slot = slot;
			return &g->contacts[i];
		}
	}
	return NULL;
}

static void sample_push(struct gesture *g, double x, double y)
{
	struct gesture_sample *s = &g->samples[g->sample_head];

	s->x = x;
	s->y = y;
	s->time_ms = g->now_ms;
	g->sample_head = (g->sample_head + 1) % GESTURE_VELOCITY_SAMPLES;
	if (g->sample_count < GESTURE_VELOCITY_SAMPLES)
		g->sample_count++;
}

/* Velocity between the oldest sample inside the window and the newest one; false if
 * the window holds less than two samples or no time passed. */
static bool velocity_measure(const struct gesture *g, double *vx, double *vy)
{
	const struct gesture_sample *newest, *oldest = NULL;
	unsigned idx;
	double dt, speed, limit;

	if (g->sample_count < 2)
		return false;
	newest =
	    &g->samples[(g->sample_head + GESTURE_VELOCITY_SAMPLES - 1) % GESTURE_VELOCITY_SAMPLES];
	for (unsigned i = 1; i < g->sample_count; i++) {
		idx =
		    (g->sample_head + GESTURE_VELOCITY_SAMPLES - 1 - i) % GESTURE_VELOCITY_SAMPLES;
		if (newest->time_ms - g->samples[idx].time_ms > g->cfg.fling_window_ms)
			break;
		oldest = &g->samples[idx];
	}
	if (!oldest || newest->time_ms == oldest->time_ms)
		return false;
	dt = (double)(newest->time_ms - oldest->time_ms) / 1000.0;
	*vx = (newest->x - oldest->x) / dt;
	*vy = (newest->y - oldest->y) / dt;
	speed = hypot(*vx, *vy);
	limit = g->cfg.fling_max_px_s;
	if (speed > limit) {
		*vx *= limit / speed;
		*vy *= limit / speed;
	}
	return true;
}

/* Closes whatever the primary finger had open, with CANCEL. */
static void gesture_abandon(struct gesture *g)
{
	if (g->state == GESTURE_PRESSED || g->state == GESTURE_DRAGGING)
		emit(g, GESTURE_CANCEL, g->last_x, g->last_y);
	g->state = GESTURE_SPENT;
}

static void state_settle(struct gesture *g)
{
	if (gesture_contact_count(g) == 0)
		g->state = GESTURE_IDLE;
}

void gesture_handle_timeout(struct gesture *g, uint64_t now_ms)
{
	if (now_ms > g->now_ms)
		g->now_ms = now_ms;
	if (g->state == GESTURE_PRESSED && g->now_ms - g->start_ms >= g->cfg.long_press_ms) {
		emit(g, GESTURE_LONG_PRESS, g->start_x, g->start_y);
		g->state = GESTURE_HELD;
	}
}

bool gesture_next_deadline(const struct gesture *g, uint64_t *deadline_ms)
{
	if (g->state != GESTURE_PRESSED)
		return false;
	*deadline_ms = g->start_ms > UINT64_MAX - g->cfg.long_press_ms
			   ? UINT64_MAX
			   : g->start_ms + g->cfg.long_press_ms;
	return true;
}

void gesture_reset(struct gesture *g)
{
	gesture_abandon(g);
	memset(g->contacts, 0, sizeof(g->contacts));
	g->sample_count = 0;
	g->state = GESTURE_IDLE;
}

/* Drops contacts that have been silent longer than stale_ms (their UP was lost). */
static void contacts_forget_stale(struct gesture *g)
{
	for (int i = 0; i < GESTURE_MAX_CONTACTS; i++) {
		struct gesture_contact *c = &g->contacts[i];

		if (!c->used || g->now_ms - c->last_ms <= g->cfg.stale_ms)
			continue;
		c->used = false;
		if (c->slot == g->primary && g->state != GESTURE_IDLE)
			gesture_abandon(g);
	}
	state_settle(g);
}

static double coord_clamp(double v)
{
	return v > COORD_LIMIT ? COORD_LIMIT : v < -COORD_LIMIT ? -COORD_LIMIT : v;
}

static void handle_down(struct gesture *g, int64_t slot, double x, double y)
{
	struct gesture_contact *c;

	contacts_forget_stale(g);
	c = contact_find(g, slot);
	if (c) {
		/* A second DOWN for a finger we know: its UP got lost; take it as a move. */
		c->x = x;
		c->y = y;
		c->last_ms = g->now_ms;
		return;
	}
	c = contact_add(g, slot);
	if (c) {
		c->x = x;
		c->y = y;
		c->last_ms = g->now_ms;
	}
	switch (g->state) {
	case GESTURE_IDLE:
		if (!c)
			return; /* cannot happen with an empty table; keeps the analyser calm */
		g->state = GESTURE_PRESSED;
		g->primary = slot;
		g->start_x = g->last_x = x;
		g->start_y = g->last_y = y;
		g->start_ms = g->now_ms;
		g->sample_count = 0;
		sample_push(g, x, y);
		emit(g, GESTURE_PRESS, x, y);
		break;
	case GESTURE_PRESSED:
	case GESTURE_HELD:
		/* Two fingers or a palm: whatever was meant, it was not this tap. */
		gesture_abandon(g);
		break;
	case GESTURE_DRAGGING:
	case GESTURE_SPENT:
		break; /* a resting thumb must not stop a scroll */
	}
}

static void handle_motion(struct gesture *g, int64_t slot, double x, double y)
{
	struct gesture_contact *c = contact_find(g, slot);

	if (!c)
		return;
	c->x = x;
	c->y = y;
	c->last_ms = g->now_ms;
	if (slot != g->primary)
		return;
	switch (g->state) {
	case GESTURE_PRESSED:
		sample_push(g, x, y);
		if (hypot(x - g->start_x, y - g->start_y) > g->cfg.slop_px) {
			g->state = GESTURE_DRAGGING;
			emit(g, GESTURE_DRAG_BEGIN, g->start_x, g->start_y);
			emit_move(g, x, y);
		}
		break;
	case GESTURE_DRAGGING:
		sample_push(g, x, y);
		emit_move(g, x, y);
		break;
	default:
		break;
	}
}

static void handle_up(struct gesture *g, int64_t slot, double x, double y)
{
	struct gesture_contact *c = contact_find(g, slot);
	double vx, vy;

	if (!c)
		return; /* UP without DOWN */
	if (!isfinite(x) || !isfinite(y)) {
		x = c->x;
		y = c->y;
	}
	c->used = false;
	if (slot == g->primary) {
		switch (g->state) {
		case GESTURE_PRESSED:
			if (g->now_ms - g->start_ms <= g->cfg.tap_max_ms) {
				emit(g, GESTURE_TAP, g->start_x, g->start_y);
				g->state = GESTURE_SPENT;
			} else {
				gesture_abandon(g);
			}
			break;
		case GESTURE_DRAGGING:
			if (x != g->last_x || y != g->last_y)
				emit_move(g, x, y);
			sample_push(g, x, y);
			emit(g, GESTURE_DRAG_END, x, y);
			if (velocity_measure(g, &vx, &vy) && hypot(vx, vy) >= g->cfg.fling_min_px_s)
				emit_fling(g, vx, vy);
			g->state = GESTURE_SPENT;
			break;
		default:
			g->state = GESTURE_SPENT;
			break;
		}
	}
	state_settle(g);
}

static void handle_cancel(struct gesture *g, int64_t slot)
{
	struct gesture_contact *c;

	if (slot == INPUT_SLOT_ALL) {
		gesture_reset(g);
		return;
	}
	c = contact_find(g, slot);
	if (!c)
		return;
	c->used = false;
	if (slot == g->primary && g->state != GESTURE_IDLE)
		gesture_abandon(g);
	state_settle(g);
}

void gesture_handle_event(struct gesture *g, const struct input_event *ev)
{
	double x = ev->x, y = ev->y;

	gesture_handle_timeout(g, ev->time_ms);
	switch (ev->type) {
	case INPUT_EVENT_DOWN:
	case INPUT_EVENT_MOTION:
		if (!isfinite(x) || !isfinite(y))
			return; /* a position we cannot use; the next event will have one */
		x = coord_clamp(x);
		y = coord_clamp(y);
		if (ev->type == INPUT_EVENT_DOWN)
			handle_down(g, ev->slot, x, y);
		else
			handle_motion(g, ev->slot, x, y);
		break;
	case INPUT_EVENT_UP:
		handle_up(g, ev->slot, isfinite(x) ? coord_clamp(x) : x,
			  isfinite(y) ? coord_clamp(y) : y);
		break;
	case INPUT_EVENT_CANCEL:
		handle_cancel(g, ev->slot);
		break;
	default:
		break; /* an event type from a newer backend: ignore */
	}
}
