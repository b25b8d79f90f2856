/* loop: the one loop of the device and the replay; see loop.h. */
#include "loop.h"

#include "clock.h"

/* Re-checking the hours when the next change lies in the past (a clock that
 * jumped): soon, but not in a busy loop. */
#define HOURS_RETRY_S 60

/* The hours, applied only with a clock that can be trusted (schedule_closed_now);
 * the app learns the clock too, for the closed screen and the notices. */
static void check_hours(struct loop *l, uint64_t now)
{
	time_t t = l->wall(l->wall_ctx), next = (time_t)-1;
	bool closed = false;

	l->clock_trusted = !l->trust || l->trust(l->trust_ctx);
	app_set_clock(l->app, l->wall, l->wall_ctx, l->clock_trusted);
	if (l->hours)
		closed = schedule_closed_now(l->hours, l->clock_trusted, t, &next);
	if (!l->clock_trusted && l->trust && !l->trust_rechecked) {
		next = t + CLOCK_SETTLE_S;
		l->trust_rechecked = true;
	}
	l->hours_next = next == (time_t)-1 ? (time_t)-1 : next > t ? next : t + HOURS_RETRY_S;
	app_set_open(l->app, !closed, now);
}

void loop_init(struct loop *l, struct app *app, struct output *out, struct watchdog *wd,
	       const struct schedule *hours, loop_wall_fn wall, void *wall_ctx, uint64_t now)
{
	*l = (struct loop){
		.app = app, .out = out, .wd = wd, .hours = hours, .wall = wall, .wall_ctx = wall_ctx
	};
	check_hours(l, now);
}

void loop_clock_changed(struct loop *l, uint64_t now)
{
	check_hours(l, now);
}

void loop_set_trust(struct loop *l, loop_trust_fn trust, void *ctx, uint64_t now)
{
	l->trust = trust;
	l->trust_ctx = ctx;
	l->trust_rechecked = false;
	check_hours(l, now);
}

void loop_set_watch(struct loop *l, struct watch *w)
{
	l->watch = w;
}

/* The display's textures are gone or it is another display: a new target of the
 * right size, and every cached texture dropped. */
static void output_renew(struct loop *l)
{
	output_update(l->out);
	app_resize(l->app, l->out->w, l->out->h);
	app_output_reset(l->app);
}

void loop_event(struct loop *l, const struct loop_event *ev, uint64_t now)
{
	struct input_event touch;

	switch (ev->type) {
	case LOOP_EVENT_TOUCH:
		touch = ev->touch;
		output_map_touch(l->out, &touch);
		app_input(l->app, &touch);
		break;
	case LOOP_EVENT_RESIZE:
		output_update(l->out);
		app_resize(l->app, l->out->w, l->out->h);
		break;
	case LOOP_EVENT_EXPOSE:
		l->exposed = true;
		break;
	case LOOP_EVENT_OUTPUT_RESET:
		output_renew(l);
		break;
	case LOOP_EVENT_OUTPUT_LOST:
		l->output_lost = true;
		break;
	case LOOP_EVENT_OUTPUT_BACK:
		l->output_lost = false;
		output_renew(l);
		break;
	case LOOP_EVENT_QUIT:
		l->quit = true;
		break;
	case LOOP_EVENT_HEADPHONES:
		app_headphones(l->app, now);
		break;
	case LOOP_EVENT_UPDATE:
		app_banner(l->app, ev->update.code, ev->update.version, now);
		break;
	case LOOP_EVENT_FILES_CHANGED:
		if (l->watch)
			watch_changed(l->watch, now);
		break;
	}
}

static void present(struct loop *l)
{
	struct app_snapshot s;

	output_present(l->out, l->app);
	l->presented++;
	if (l->ready)
		return;
	/* Type=notify: systemd counts the kiosk as started once a frame is up */
	app_snapshot(l->app, &s);
	watchdog_notify_ready(l->wd);
	watchdog_notify_status(l->wd, s.broken ? s.broken
				      : !l->clock_trusted
					  ? "showing the bundle; clock not trusted, "
					    "opening hours and notices off"
					  : "showing the bundle");
	l->ready = true;
}

void loop_turn(struct loop *l, uint64_t now)
{
	if (l->hours_next != (time_t)-1 && l->wall(l->wall_ctx) >= l->hours_next)
		check_hours(l, now);
	if (l->watch)
		watch_tick(l->watch, l->app, now);
	app_tick(l->app, now);
	if (!l->output_lost && (app_needs_frame(l->app) || l->exposed)) {
		present(l);
		l->exposed = false;
	}
	/* the ping says the loop turns: after the frame, never from another thread */
	watchdog_handle_timeout(l->wd, now);
}

uint64_t loop_next_deadline(const struct loop *l, uint64_t now)
{
	uint64_t t = app_next_deadline(l->app), w;

	if (watchdog_next_deadline(l->wd, &w) && w < t)
		t = w;
	if (l->watch && watch_next_deadline(l->watch) < t)
		t = watch_next_deadline(l->watch);
	if (l->hours_next != (time_t)-1) {
		time_t wall = l->wall(l->wall_ctx);
		uint64_t at =
		    now + (uint64_t)(l->hours_next > wall ? l->hours_next - wall : 0) * 1000;

		if (at < t)
			t = at;
	}
	return t;
}
