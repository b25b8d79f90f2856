/* replay: script-driven headless runs; see replay.h and docs/kiosk.md. */
#include "replay.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rotation.h"
#include "snapshot.h"

#define TAP_MS 60       /* how long a scripted finger rests for a tap */
#define MOVE_STEP_MS 16 /* scripted drags report a position every frame */
#define MAX_LINE 1024

struct replay {
	struct app *a;
	const struct replay_options *opt;
	uint64_t now;
	unsigned line;
	unsigned wakeups;   /* deadline wake-ups during the last `wait` */
	uint64_t frames_at; /* app frame count when the last `wait` began */
};

/* What the interactive loop does between events: run due deadlines, then draw
 * if something changed.  Counts the deadline wake-ups (idle test). */
/* Draws a frame the way the output shows it (rotated, when the script runs
 * with a rotation). */
static void draw(struct replay *r)
{
	if (r->opt->present)
		r->opt->present(r->opt->present_ctx);
	else
		app_draw(r->a);
}

static void advance(struct replay *r, uint64_t to)
{
	unsigned guard = 0;

	for (;;) {
		uint64_t d = app_next_deadline(r->a);

		if (d > to)
			break;
		if (d > r->now)
			r->now = d;
		app_tick(r->a, r->now);
		r->wakeups++;
		if (app_next_deadline(r->a) <= r->now && ++guard > 1000)
			break; /* a deadline that never moves on: do not spin */
	}
	if (to > r->now)
		r->now = to;
	app_tick(r->a, r->now);
	if (r->a->dirty)
		draw(r);
}

static void input(struct replay *r, enum app_pointer_kind kind, int x, int y)
{
	uint64_t t0 = SDL_GetPerformanceCounter();
	double lx = x, ly = y;

	/* script coordinates are where the finger touches the panel */
	rotation_map_point(r->opt->rotation, r->opt->out_w, r->opt->out_h, x, y, &lx, &ly);
	app_pointer(r->a, kind, (int)lround(lx), (int)lround(ly), r->now);
	if (r->a->dirty) {
		draw(r);
		SDL_RenderPresent(r->a->renderer);
		/* make bench: wall time from the finger lifting to the frame presented */
		if (kind == APP_POINTER_UP && r->opt->frame_times)
			fprintf(r->opt->frame_times, "%.3f\n",
				(double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
				    (double)SDL_GetPerformanceFrequency());
	}
}

static void tap(struct replay *r, int x, int y)
{
	input(r, APP_POINTER_DOWN, x, y);
	advance(r, r->now + TAP_MS);
	input(r, APP_POINTER_UP, x, y);
}

static void drag_hold(struct replay *r, int x1, int y1, int x2, int y2, unsigned ms,
		      unsigned hold_ms);

static void drag(struct replay *r, int x1, int y1, int x2, int y2, unsigned ms)
{
	drag_hold(r, x1, y1, x2, y2, ms, 0);
}

/* A drag that rests hold_ms at its end before lifting: no fling. */
static void drag_hold(struct replay *r, int x1, int y1, int x2, int y2, unsigned ms,
		      unsigned hold_ms)
{
	uint64_t start = r->now;

	input(r, APP_POINTER_DOWN, x1, y1);
	for (unsigned t = MOVE_STEP_MS; t < ms; t += MOVE_STEP_MS) {
		double f = (double)t / ms;

		advance(r, start + t);
		input(r, APP_POINTER_MOVE, x1 + (int)lround((x2 - x1) * f),
		      y1 + (int)lround((y2 - y1) * f));
	}
	advance(r, start + (ms > 0 ? ms : 1));
	input(r, APP_POINTER_MOVE, x2, y2);
	if (hold_ms) {
		advance(r, r->now + hold_ms);
		input(r, APP_POINTER_MOVE, x2, y2);
	}
	input(r, APP_POINTER_UP, x2, y2);
}

static int fail(struct replay *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct replay *r, const char *fmt, ...)
{
	va_list ap;

	fprintf(r->opt->log, "%s:%u: ", r->opt->script, r->line);
	va_start(ap, fmt);
	vfprintf(r->opt->log, fmt, ap);
	va_end(ap);
	fputc('\n', r->opt->log);
	return 1;
}

static bool parse_int(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static int shot(struct replay *r, const char *name)
{
	char path[PATH_MAX];

	if (!r->opt->surface)
		return fail(r, "shot: no surface in this mode");
	if (name[0] != '/' && r->opt->out_dir)
		snprintf(path, sizeof(path), "%s/%s", r->opt->out_dir, name);
	else
		snprintf(path, sizeof(path), "%s", name);
	draw(r);
	SDL_RenderPresent(r->a->renderer);
	if (snapshot_write_png(r->opt->surface, path) != 0)
		return fail(r, "shot: cannot write %s: %s", path, SDL_GetError());
	return 0;
}

static int tap_target(struct replay *r, const char *what, enum layout_action action,
		      const char *target, int arg)
{
	int x, y;

	double px, py;

	if (!app_find_target(r->a, action, target, arg, &x, &y))
		return fail(r, "%s: nothing visible to tap (screen %s, page '%s')", what,
			    nav_screen_name(r->a->nav.screen), r->a->nav.page);
	/* where that is on the (maybe rotated) panel: the tap goes through the mapping */
	rotation_unmap_point(r->opt->rotation, r->opt->out_w, r->opt->out_h, x + 0.5, y + 0.5, &px,
			     &py);
	tap(r, (int)floor(px), (int)floor(py));
	return 0;
}

/* Scrolls with calm drags (no fling) until a link to id is visible. */
static int scroll_to_link(struct replay *r, const char *id)
{
	int x, y, w = r->a->w, top = r->a->view.y, h = r->a->view.h;

	for (int i = 0; i < 200; i++) {
		if (app_find_target(r->a, LAYOUT_ACTION_PAGE, id, 0, &x, &y))
			return 0;
		if (r->a->nav.scroll >= r->a->nav.scroll_max)
			break;
		double x1, y1, x2, y2;

		rotation_unmap_point(r->opt->rotation, r->opt->out_w, r->opt->out_h, w / 2,
				     top + h * 3 / 4, &x1, &y1);
		rotation_unmap_point(r->opt->rotation, r->opt->out_w, r->opt->out_h, w / 2,
				     top + h / 4, &x2, &y2);
		drag_hold(r, (int)x1, (int)y1, (int)x2, (int)y2, 300, 150);
	}
	return fail(r, "scroll-to-link: no link to '%s' on page '%s'", id, r->a->nav.page);
}

static int expect_scroll(struct replay *r, const char *cmd)
{
	const char *rest = cmd + strlen("expect-scroll");
	double s = r->a->nav.scroll;
	char op = *rest;
	long n;

	if ((op != '>' && op != '<' && op != '=') || !parse_int(rest + 1, 0, INT_MAX, &n))
		return fail(r, "expect-scroll: want expect-scroll>N, <N or =N") * 2;
	if ((op == '>' && !(s > n)) || (op == '<' && !(s < n)) || (op == '=' && lround(s) != n))
		return fail(r, "%s: scroll is %.0f", cmd, s);
	return 0;
}

/* Runs one command; returns 0, 1 (expectation failed) or 2 (script error). */
static int run_command(struct replay *r, char **argv, int argc)
{
	const char *cmd = argv[0];
	long v[5];

#define NEED(n)                                                                                    \
	do {                                                                                       \
		if (argc != (n) + 1)                                                               \
			return fail(r, "%s: takes %d argument(s)", cmd, (n)) * 2;                  \
	} while (0)
#define NUM(i, lo, hi)                                                                             \
	do {                                                                                       \
		if (!parse_int(argv[(i) + 1], (lo), (hi), &v[i]))                                  \
			return fail(r, "%s: '%s' is not a number in %ld..%ld", cmd, argv[(i) + 1], \
				    (long)(lo), (long)(hi)) *                                      \
			       2;                                                                  \
	} while (0)

	if (strcmp(cmd, "tap") == 0) {
		NEED(2);
		NUM(0, -100000, 100000);
		NUM(1, -100000, 100000);
		tap(r, (int)v[0], (int)v[1]);
	} else if (strcmp(cmd, "drag") == 0) {
		NEED(5);
		for (int i = 0; i < 4; i++)
			NUM(i, -100000, 100000);
		NUM(4, 0, 600000);
		drag(r, (int)v[0], (int)v[1], (int)v[2], (int)v[3], (unsigned)v[4]);
	} else if (strcmp(cmd, "press") == 0 || strcmp(cmd, "move") == 0 ||
		   strcmp(cmd, "release") == 0) {
		NEED(2);
		NUM(0, -100000, 100000);
		NUM(1, -100000, 100000);
		input(r,
		      cmd[0] == 'p'   ? APP_POINTER_DOWN
		      : cmd[0] == 'm' ? APP_POINTER_MOVE
				      : APP_POINTER_UP,
		      (int)v[0], (int)v[1]);
	} else if (strcmp(cmd, "wait") == 0) {
		NEED(1);
		NUM(0, 0, 100L * 24 * 3600 * 1000);
		r->wakeups = 0;
		r->frames_at = r->a->frames;
		advance(r, r->now + (uint64_t)v[0]);
	} else if (strcmp(cmd, "shot") == 0) {
		NEED(1);
		return shot(r, argv[1]) * 2;
	} else if (strcmp(cmd, "tap-tile") == 0) {
		NEED(1);
		NUM(0, 1, SITE_MAX_TILES);
		if ((size_t)v[0] > r->a->site.tile_count)
			return fail(r, "tap-tile: the site has %zu tiles", r->a->site.tile_count);
		return tap_target(r, cmd, LAYOUT_ACTION_PAGE, r->a->site.tiles[v[0] - 1], 0);
	} else if (strcmp(cmd, "tap-link") == 0) {
		NEED(1);
		return tap_target(r, cmd, LAYOUT_ACTION_PAGE, argv[1], 0);
	} else if (strcmp(cmd, "scroll-to-link") == 0) {
		NEED(1);
		return scroll_to_link(r, argv[1]);
	} else if (strcmp(cmd, "tap-back") == 0) {
		NEED(0);
		return tap_target(r, cmd, LAYOUT_ACTION_BACK, NULL, 0);
	} else if (strcmp(cmd, "tap-home") == 0) {
		NEED(0);
		return tap_target(r, cmd, LAYOUT_ACTION_HOME, NULL, 0);
	} else if (strcmp(cmd, "tap-lang") == 0) {
		int lang;

		if (argc > 2)
			return fail(r, "tap-lang: takes at most one language") * 2;
		if (argc == 2)
			lang = site_lang_index(&r->a->site, argv[1]);
		else /* the next language: with two, the other one */
			lang = (r->a->nav.lang + 1) %
			       (int)(r->a->site.lang_count ? r->a->site.lang_count : 1);
		if (lang < 0)
			return fail(r, "tap-lang: the site has no language '%s'", argv[1]);
		return tap_target(r, cmd, LAYOUT_ACTION_LANG, NULL, lang);
	} else if (strcmp(cmd, "expect-page") == 0) {
		NEED(1);
		if (strcmp(r->a->nav.page, argv[1]) != 0)
			return fail(r, "expect-page: page is '%s', expected '%s'", r->a->nav.page,
				    argv[1]);
	} else if (strcmp(cmd, "expect-lang") == 0) {
		NEED(1);
		if (strcmp(app_lang(r->a), argv[1]) != 0)
			return fail(r, "expect-lang: language is '%s', expected '%s'",
				    app_lang(r->a), argv[1]);
	} else if (strcmp(cmd, "expect-screen") == 0) {
		NEED(1);
		if (strcmp(nav_screen_name(r->a->nav.screen), argv[1]) != 0)
			return fail(r, "expect-screen: screen is '%s', expected '%s'",
				    nav_screen_name(r->a->nav.screen), argv[1]);
	} else if (strncmp(cmd, "expect-scroll", 13) == 0 && argc == 1) {
		return expect_scroll(r, cmd);
	} else if (strcmp(cmd, "expect-wakeups") == 0) {
		NEED(1);
		NUM(0, 0, INT_MAX);
		if (r->wakeups > (unsigned long)v[0])
			return fail(r, "expect-wakeups: %u wake-ups in the last wait, at most %ld",
				    r->wakeups, v[0]);
	} else if (strcmp(cmd, "expect-frames") == 0) {
		NEED(1);
		NUM(0, 0, INT_MAX);
		if (r->a->frames - r->frames_at > (uint64_t)v[0])
			return fail(r, "expect-frames: %llu frames in the last wait, at most %ld",
				    (unsigned long long)(r->a->frames - r->frames_at), v[0]);
	} else if (strcmp(cmd, "expect-broken") == 0) {
		NEED(0);
		if (!app_is_broken(r->a))
			return fail(r, "expect-broken: the bundle is fine");
	} else if (strcmp(cmd, "expect-prepared") == 0) {
		/* yes: the page shown was laid out (and its first screen decoded)
		 * while the finger rested, before the tap */
		NEED(1);
		if (strcmp(argv[1], "yes") != 0 && strcmp(argv[1], "no") != 0)
			return fail(r, "expect-prepared: 'yes' or 'no'") * 2;
		if (r->a->opened_prepared != (argv[1][0] == 'y'))
			return fail(r, "expect-prepared: page '%s' was %sprepared", r->a->nav.page,
				    r->a->opened_prepared ? "" : "not ");
	} else if (strcmp(cmd, "expect-rss-below") == 0) {
		long kb = 0;
		char line[128];
		FILE *status;

		NEED(1);
		NUM(0, 1, 1 << 20);
		/* sanitizer builds carry shadow memory: their numbers mean nothing here */
		if (getenv("FOYER_NO_RSS"))
			return 0;
		status = fopen("/proc/self/status", "r");
		while (status && fgets(line, sizeof(line), status))
			if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
				break;
		if (status)
			fclose(status);
		if (kb == 0)
			return fail(r, "expect-rss-below: cannot read /proc/self/status") * 2;
		if (kb >= v[0] * 1024)
			return fail(r, "expect-rss-below: resident %ld kB, limit %ld MB", kb, v[0]);
	} else if (strcmp(cmd, "hours") == 0) {
		/* what the opening-hours check in the interactive loop reports */
		NEED(1);
		if (strcmp(argv[1], "open") != 0 && strcmp(argv[1], "closed") != 0)
			return fail(r, "hours: 'open' or 'closed'") * 2;
		nav_set_closed(&r->a->nav, argv[1][0] == 'c', r->now);
		r->a->need_layout = true;
		app_tick(r->a, r->now);
		if (r->a->dirty)
			draw(r);
	} else if (strcmp(cmd, "echo") == 0) {
		for (int i = 1; i < argc; i++)
			fprintf(r->opt->log, "%s%s", argv[i], i + 1 < argc ? " " : "\n");
	} else {
		return fail(r, "unknown command '%s'", cmd) * 2;
	}
	return 0;
#undef NEED
#undef NUM
}

int replay_run(struct app *a, const struct replay_options *opt, uint64_t start)
{
	struct replay r = { a, opt, start, 0, 0, 0 };
	char buf[MAX_LINE];
	FILE *f = fopen(opt->script, "r");
	int rc = 0;

	if (!f) {
		fprintf(opt->log, "%s: cannot open: %s\n", opt->script, strerror(errno));
		return 2;
	}
	if (a->dirty)
		draw(&r);
	while (fgets(buf, sizeof(buf), f)) {
		char *argv[8], *save = NULL, *tok;
		int argc = 0;

		r.line++;
		if (!strchr(buf, '\n') && !feof(f)) {
			rc = fail(&r, "line too long") * 2;
			break;
		}
		buf[strcspn(buf, "#\r\n")] = '\0';
		for (tok = strtok_r(buf, " \t", &save); tok && argc < 8;
		     tok = strtok_r(NULL, " \t", &save))
			argv[argc++] = tok;
		if (argc == 0)
			continue;
		rc = run_command(&r, argv, argc);
		if (rc)
			break;
	}
	fclose(f);
	return rc;
}
