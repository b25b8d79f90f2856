/* replay: script-driven headless runs through the device's loop; see replay.h
 * and docs/kiosk.md. */
#include "replay.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "headless.h"
#include "loop.h"
#include "snapshot.h"
#include "watchdog.h"

#define TAP_MS 60       /* how long a scripted finger rests for a tap */
#define MOVE_STEP_MS 16 /* scripted drags report a position every frame */
#define MAX_LINE 1024
#define FINGER_GAP_PX 60      /* fingers of one hand, as `hold` puts them down */
#define DOUBLE_TAP_GAP_MS 150 /* between the taps of `double-tap` */
#define INPUT_MAX_FINGERS 5
#define MAX_ARGS 8
#define START_MS 1000 /* virtual ms at start; not 0 so "before start" is expressible */
/* A screen counts as lit when this share of its pixels is not black: the darkest
 * screen the kiosk draws on purpose (attract over a dark picture) is far above. */
#define LIT_FRACTION 0.03
/* the dimmed closed screen: text on black, never a fifth of the panel */
#define DIM_FRACTION_MAX 0.2

struct replay {
	const struct replay_options *opt;
	struct headless hl;
	struct app *app;
	struct audio *audio;
	struct app_options app_opt; /* opt->app with the audio output */
	struct loop loop;
	struct watchdog wd;
	uint64_t now;     /* virtual ms */
	time_t wall_base; /* the wall clock at base_ms */
	uint64_t wall_base_ms;
	unsigned line;
	unsigned wakeups;         /* deadline wake-ups during the last `wait` */
	uint64_t frames_at;       /* frames drawn when the last `wait` began */
	unsigned pings, pings_at; /* watchdog pings; and when the last `wait` began */
	bool log_taps;            /* print each tap's panel point (log-taps) */
};

/* ---- the virtual platform ---- */

static time_t wall_now(void *ctx)
{
	const struct replay *r = ctx;

	return r->wall_base + (time_t)((r->now - r->wall_base_ms) / 1000);
}

static int count_ping(void *ctx, const char *state)
{
	struct replay *r = ctx;

	if (strcmp(state, "WATCHDOG=1") == 0)
		r->pings++;
	return 1;
}

static struct app_snapshot snap(const struct replay *r)
{
	struct app_snapshot s;

	app_snapshot(r->app, &s);
	return s;
}

/* What the device does while nothing touches it: sleep until the next deadline,
 * run it, again, up to `to`.  Counts the wake-ups (idle tests). */
static void advance(struct replay *r, uint64_t to)
{
	unsigned guard = 0;

	for (;;) {
		uint64_t d = loop_next_deadline(&r->loop, r->now);

		if (d > to)
			break;
		if (d > r->now)
			r->now = d;
		loop_turn(&r->loop, r->now);
		r->wakeups++;
		if (loop_next_deadline(&r->loop, r->now) <= r->now && ++guard > 1000)
			break; /* a deadline that never moves on: do not spin */
	}
	if (to > r->now)
		r->now = to;
	loop_turn(&r->loop, r->now);
}

static void send(struct replay *r, enum loop_event_type type)
{
	struct loop_event ev = { .type = type };

	loop_event(&r->loop, &ev, r->now);
	loop_turn(&r->loop, r->now);
}

/* Finger `slot` at panel pixels x, y, handled as the device handles one. */
static void finger(struct replay *r, int64_t slot, enum input_event_type type, int x, int y)
{
	struct loop_event ev = { .type = LOOP_EVENT_TOUCH, .touch = { type, slot, x, y, r->now } };

	loop_event(&r->loop, &ev, r->now);
	loop_turn(&r->loop, r->now);
}

/* The finger of taps and drags, timed for make bench. */
static void touch(struct replay *r, enum input_event_type type, int x, int y)
{
	struct loop_event ev = { .type = LOOP_EVENT_TOUCH,
				 .touch = { type, INPUT_SLOT_POINTER, x, y, r->now } };
	uint64_t t0 = SDL_GetPerformanceCounter(), presented = r->loop.presented;

	loop_event(&r->loop, &ev, r->now);
	loop_turn(&r->loop, r->now);
	/* make bench: wall time from the finger lifting to the frame presented */
	if (type == INPUT_EVENT_UP && r->opt->frame_times && r->loop.presented > presented)
		fprintf(r->opt->frame_times, "%.3f\n",
			(double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
			    (double)SDL_GetPerformanceFrequency());
}

static void tap(struct replay *r, int x, int y)
{
	if (r->log_taps)
		printf("tap %d %d\n", x, y);
	touch(r, INPUT_EVENT_DOWN, x, y);
	advance(r, r->now + TAP_MS);
	touch(r, INPUT_EVENT_UP, x, y);
}

/* A drag that rests hold_ms at its end before lifting (no fling when it does). */
static void drag(struct replay *r, int x1, int y1, int x2, int y2, unsigned ms, unsigned hold_ms)
{
	uint64_t start = r->now;

	touch(r, INPUT_EVENT_DOWN, x1, y1);
	for (unsigned t = MOVE_STEP_MS; t < ms; t += MOVE_STEP_MS) {
		double f = (double)t / ms;

		advance(r, start + t);
		touch(r, INPUT_EVENT_MOTION, x1 + (int)lround((x2 - x1) * f),
		      y1 + (int)lround((y2 - y1) * f));
	}
	advance(r, start + (ms > 0 ? ms : 1));
	touch(r, INPUT_EVENT_MOTION, x2, y2);
	if (hold_ms) {
		advance(r, r->now + hold_ms);
		touch(r, INPUT_EVENT_MOTION, x2, y2);
	}
	touch(r, INPUT_EVENT_UP, x2, y2);
}

/* ---- messages and arguments ---- */

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

/* A script error (exit 2) rather than a failed expectation (exit 1). */
#define SCRIPT_ERROR(r, ...) (fail((r), __VA_ARGS__) * 2)

static bool parse_long(const char *s, long min, long max, long *out)
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

/* Reads argv[first..first+n) as numbers in [lo, hi]; a script error names the bad one. */
static int numbers(struct replay *r, char **argv, int first, int n, long lo, long hi, long *v)
{
	for (int i = 0; i < n; i++)
		if (!parse_long(argv[first + i], lo, hi, &v[i]))
			return SCRIPT_ERROR(r, "%s: '%s' is not a number in %ld..%ld", argv[0],
					    argv[first + i], lo, hi);
	return 0;
}

#define COORD 100000L /* script coordinates: far outside any panel is still a number */

/* ---- commands ---- */

static int cmd_tap(struct replay *r, int argc, char **argv)
{
	long v[2];
	int rc = numbers(r, argv, 1, 2, -COORD, COORD, v);

	(void)argc;
	if (!rc)
		tap(r, (int)v[0], (int)v[1]);
	return rc;
}

static int cmd_drag(struct replay *r, int argc, char **argv)
{
	long v[5];
	int rc = numbers(r, argv, 1, 4, -COORD, COORD, v);

	(void)argc;
	if (!rc)
		rc = numbers(r, argv, 5, 1, 0, 600000, &v[4]);
	if (!rc)
		drag(r, (int)v[0], (int)v[1], (int)v[2], (int)v[3], (unsigned)v[4], 0);
	return rc;
}

/* press, move, release: the single steps of a touch */
static int cmd_step(struct replay *r, int argc, char **argv)
{
	long v[2];
	int rc = numbers(r, argv, 1, 2, -COORD, COORD, v);
	enum input_event_type type = argv[0][0] == 'p'   ? INPUT_EVENT_DOWN
				     : argv[0][0] == 'm' ? INPUT_EVENT_MOTION
							 : INPUT_EVENT_UP;

	(void)argc;
	if (!rc)
		touch(r, type, (int)v[0], (int)v[1]);
	return rc;
}

static int cmd_wait(struct replay *r, int argc, char **argv)
{
	long ms;
	int rc = numbers(r, argv, 1, 1, 0, 100L * 24 * 3600 * 1000, &ms);

	(void)argc;
	if (rc)
		return rc;
	r->wakeups = 0;
	r->frames_at = snap(r).frames;
	r->pings_at = r->pings;
	advance(r, r->now + (uint64_t)ms);
	return 0;
}

/* What the panel shows now, as a PNG. */
static int cmd_shot(struct replay *r, int argc, char **argv)
{
	char path[PATH_MAX];

	(void)argc;
	if (argv[1][0] != '/' && r->opt->out_dir)
		snprintf(path, sizeof(path), "%s/%s", r->opt->out_dir, argv[1]);
	else
		snprintf(path, sizeof(path), "%s", argv[1]);
	if (snapshot_write_png(r->hl.surface, path) != 0)
		return SCRIPT_ERROR(r, "shot: cannot write %s: %s", path, SDL_GetError());
	return 0;
}

/* Taps where the app shows the first item with this action (and target/arg),
 * wherever that lies on the (maybe rotated) panel. */
static int tap_target(struct replay *r, const char *what, enum layout_action action,
		      const char *target, int arg)
{
	struct app_snapshot s = snap(r);
	double px, py;
	int x, y;

	if (!app_find_target(r->app, action, target, arg, &x, &y))
		return fail(r, "%s: nothing visible to tap (screen %s, page '%s')", what,
			    nav_screen_name(s.screen), s.page);
	output_unmap_point(&r->hl.out, x + 0.5, y + 0.5, &px, &py);
	tap(r, (int)floor(px), (int)floor(py));
	return 0;
}

static int cmd_tap_tile(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);
	long n;
	int rc = numbers(r, argv, 1, 1, 1, SITE_MAX_TILES, &n);

	(void)argc;
	if (rc)
		return rc;
	if ((size_t)n > s.tile_count)
		return fail(r, "tap-tile: the site has %zu tiles", s.tile_count);
	return tap_target(r, argv[0], LAYOUT_ACTION_PAGE, s.tiles[n - 1], 0);
}

static int cmd_tap_link(struct replay *r, int argc, char **argv)
{
	(void)argc;
	return tap_target(r, argv[0], LAYOUT_ACTION_PAGE, argv[1], 0);
}

static int cmd_tap_back(struct replay *r, int argc, char **argv)
{
	(void)argc;
	return tap_target(r, argv[0], LAYOUT_ACTION_BACK, NULL, 0);
}

static int cmd_tap_home(struct replay *r, int argc, char **argv)
{
	(void)argc;
	return tap_target(r, argv[0], LAYOUT_ACTION_HOME, NULL, 0);
}

static int lang_index(const struct app_snapshot *s, const char *code)
{
	for (size_t i = 0; i < s->lang_count; i++)
		if (strcmp(s->langs[i], code) == 0)
			return (int)i;
	return -1;
}

static int cmd_tap_lang(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);
	/* no language named: the next one (with two, the other one) */
	int lang = argc == 2 ? lang_index(&s, argv[1])
			     : (s.lang_index + 1) % (int)(s.lang_count ? s.lang_count : 1);

	if (lang < 0)
		return fail(r, "tap-lang: the site has no language '%s'", argv[1]);
	return tap_target(r, argv[0], LAYOUT_ACTION_LANG, NULL, lang);
}

/* Calm drags (no fling) until a link to id is visible. */
static int cmd_scroll_to_link(struct replay *r, int argc, char **argv)
{
	int x, y;

	(void)argc;
	for (int i = 0; i < 200; i++) {
		struct app_snapshot s = snap(r);
		double x1, y1, x2, y2;

		if (app_find_target(r->app, LAYOUT_ACTION_PAGE, argv[1], 0, &x, &y))
			return 0;
		if (s.scroll >= s.scroll_max)
			break;
		output_unmap_point(&r->hl.out, s.w / 2, s.view.y + s.view.h * 3 / 4, &x1, &y1);
		output_unmap_point(&r->hl.out, s.w / 2, s.view.y + s.view.h / 4, &x2, &y2);
		drag(r, (int)x1, (int)y1, (int)x2, (int)y2, 300, 150);
	}
	return fail(r, "scroll-to-link: no link to '%s' on page '%s'", argv[1], snap(r).page);
}

/* The accessibility settings by name, for tap-setting and expect-setting. */
static const struct {
	const char *name;
	enum access_setting setting;
} settings[] = {
	{ "text-normal", ACCESS_TEXT_NORMAL },
	{ "text-large", ACCESS_TEXT_LARGE },
	{ "text-larger", ACCESS_TEXT_LARGEST },
	{ "contrast", ACCESS_CONTRAST },
	{ "read-aloud", ACCESS_READ_ALOUD },
	{ "explore", ACCESS_EXPLORE },
	{ "close", ACCESS_CLOSE },
};

static int setting_index(const char *name)
{
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (strcmp(settings[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int cmd_tap_access(struct replay *r, int argc, char **argv)
{
	(void)argc;
	return tap_target(r, argv[0], LAYOUT_ACTION_ACCESS, NULL, 0);
}

static int cmd_tap_setting(struct replay *r, int argc, char **argv)
{
	int i = setting_index(argv[1]);

	(void)argc;
	if (i < 0)
		return SCRIPT_ERROR(
		    r,
		    "tap-setting: no setting '%s' (text-normal, text-large, text-larger, contrast, read-aloud, explore, close)",
		    argv[1]);
	return tap_target(r, argv[0], LAYOUT_ACTION_SETTING, NULL, settings[i].setting);
}

/* From here on every tap prints "tap X Y" (panel pixels) on stdout: where a
 * tap-* command's target is, for a test that taps a real screen (the boot
 * test taps QEMU's through QMP). */
static int cmd_log_taps(struct replay *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	r->log_taps = true;
	return 0;
}

static int cmd_tap_page(struct replay *r, int argc, char **argv)
{
	(void)argc;
	if (strcmp(argv[1], "up") != 0 && strcmp(argv[1], "down") != 0)
		return SCRIPT_ERROR(r, "tap-page: 'up' or 'down'");
	return tap_target(r, argv[0], LAYOUT_ACTION_SCROLL, NULL, argv[1][0] == 'u' ? -1 : 1);
}

/* expect-setting NAME on|off; text sizes: on when that size is chosen */
static int cmd_expect_setting(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);
	int i = setting_index(argv[1]);
	bool on, want = strcmp(argv[2], "on") == 0;

	(void)argc;
	if (i < 0 || i == 6 || (!want && strcmp(argv[2], "off") != 0))
		return SCRIPT_ERROR(r, "expect-setting: a setting and 'on' or 'off'");
	on = i <= 2   ? s.text_scale == i + 1
	     : i == 3 ? s.high_contrast
	     : i == 4 ? s.read_aloud
		      : s.explore;
	if (on != want)
		return fail(r, "expect-setting: %s is %s", argv[1], on ? "on" : "off");
	return 0;
}

static int cmd_expect_menu(struct replay *r, int argc, char **argv)
{
	bool open = snap(r).menu_open;

	(void)argc;
	if (strcmp(argv[1], "open") != 0 && strcmp(argv[1], "closed") != 0)
		return SCRIPT_ERROR(r, "expect-menu: 'open' or 'closed'");
	if (open != (argv[1][0] == 'o'))
		return fail(r, "expect-menu: the accessibility menu is %s",
			    open ? "open" : "closed");
	return 0;
}

/* expect-prompt N: the idle prompt shows N seconds (0: it is not up) */
static int cmd_expect_prompt(struct replay *r, int argc, char **argv)
{
	unsigned shown = snap(r).prompt_seconds;
	long n;
	int rc = numbers(r, argv, 1, 1, 0, 3600, &n);

	(void)argc;
	if (!rc && shown != (unsigned)n)
		return fail(r, "expect-prompt: the prompt shows %u s, expected %ld", shown, n);
	return rc;
}

static int cmd_expect_bar(struct replay *r, int argc, char **argv)
{
	bool bottom = snap(r).bar_at_bottom;

	(void)argc;
	if (strcmp(argv[1], "top") != 0 && strcmp(argv[1], "bottom") != 0)
		return SCRIPT_ERROR(r, "expect-bar: 'top' or 'bottom'");
	if (bottom != (argv[1][0] == 'b'))
		return fail(r, "expect-bar: the controls are at the %s", bottom ? "bottom" : "top");
	return 0;
}

/* hold N X Y MS: N fingers (a hand's width apart) rest MS at X,Y, then lift */
static int cmd_hold(struct replay *r, int argc, char **argv)
{
	long v[4];
	int rc = numbers(r, argv, 1, 1, 1, INPUT_MAX_FINGERS, &v[0]);

	(void)argc;
	if (!rc)
		rc = numbers(r, argv, 2, 2, -COORD, COORD, &v[1]);
	if (!rc)
		rc = numbers(r, argv, 4, 1, 0, 600000, &v[3]);
	if (rc)
		return rc;
	for (long k = 0; k < v[0]; k++)
		finger(r, k, INPUT_EVENT_DOWN, (int)(v[1] + k * FINGER_GAP_PX), (int)v[2]);
	advance(r, r->now + (uint64_t)v[3]);
	for (long k = 0; k < v[0]; k++)
		finger(r, k, INPUT_EVENT_UP, (int)(v[1] + k * FINGER_GAP_PX), (int)v[2]);
	return 0;
}

/* Two taps at X,Y, as quick as a visitor's double tap. */
static int cmd_double_tap(struct replay *r, int argc, char **argv)
{
	long v[2];
	int rc = numbers(r, argv, 1, 2, -COORD, COORD, v);

	(void)argc;
	if (rc)
		return rc;
	tap(r, (int)v[0], (int)v[1]);
	advance(r, r->now + DOUBLE_TAP_GAP_MS);
	tap(r, (int)v[0], (int)v[1]);
	return 0;
}

/* A quick sideways swipe across the middle of the panel: right moves on. */
static int cmd_swipe(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);
	double x1, y1, x2, y2;
	int dir;

	(void)argc;
	if (strcmp(argv[1], "left") != 0 && strcmp(argv[1], "right") != 0)
		return SCRIPT_ERROR(r, "swipe: 'left' or 'right'");
	dir = argv[1][0] == 'r' ? 1 : -1;
	output_unmap_point(&r->hl.out, s.w / 2 - dir * s.w / 5, s.view.y + s.view.h / 2, &x1, &y1);
	output_unmap_point(&r->hl.out, s.w / 2 + dir * s.w / 5, s.view.y + s.view.h / 2, &x2, &y2);
	drag(r, (int)x1, (int)y1, (int)x2, (int)y2, 150, 0);
	return 0;
}

/* expect-heard KEY|*|nothing [LANG]: what a visitor hears now (* anything) */
static int cmd_expect_heard(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);
	const char *want = strcmp(argv[1], "nothing") == 0 ? "" : argv[1];

	if (strcmp(want, "*") == 0 ? !*s.heard_key : strcmp(s.heard_key, want) != 0)
		return fail(r, "expect-heard: hearing '%s', expected '%s'", s.heard_key, argv[1]);
	if (argc == 3 && strcmp(s.heard_lang, argv[2]) != 0)
		return fail(r, "expect-heard: '%s' in '%s', expected '%s'", s.heard_key,
			    s.heard_lang, argv[2]);
	return 0;
}

static int cmd_expect_focus(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);
	const char *want = strcmp(argv[1], "nothing") == 0 ? "" : argv[1];

	(void)argc;
	if (strcmp(s.focus_key, want) != 0)
		return fail(r, "expect-focus: the focus is on '%s', expected '%s'", s.focus_key,
			    argv[1]);
	return 0;
}

static int cmd_expect_page(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);

	(void)argc;
	if (strcmp(s.page, argv[1]) != 0)
		return fail(r, "expect-page: page is '%s', expected '%s'", s.page, argv[1]);
	return 0;
}

static int cmd_expect_lang(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);

	(void)argc;
	if (strcmp(s.lang, argv[1]) != 0)
		return fail(r, "expect-lang: language is '%s', expected '%s'", s.lang, argv[1]);
	return 0;
}

static int cmd_expect_screen(struct replay *r, int argc, char **argv)
{
	const char *screen = nav_screen_name(snap(r).screen);

	(void)argc;
	if (strcmp(screen, argv[1]) != 0)
		return fail(r, "expect-screen: screen is '%s', expected '%s'", screen, argv[1]);
	return 0;
}

static int cmd_expect_scroll(struct replay *r, int argc, char **argv)
{
	double s = snap(r).scroll;
	const char *rest = argv[0] + strlen("expect-scroll");
	char op = *rest;
	long n;

	(void)argc;
	if ((op != '>' && op != '<' && op != '=') || !parse_long(rest + 1, 0, INT_MAX, &n))
		return SCRIPT_ERROR(r, "expect-scroll: want expect-scroll>N, <N or =N");
	if ((op == '>' && !(s > n)) || (op == '<' && !(s < n)) || (op == '=' && lround(s) != n))
		return fail(r, "%s: scroll is %.0f", argv[0], s);
	return 0;
}

static int cmd_expect_wakeups(struct replay *r, int argc, char **argv)
{
	long n;
	int rc = numbers(r, argv, 1, 1, 0, INT_MAX, &n);

	(void)argc;
	if (!rc && r->wakeups > (unsigned long)n)
		return fail(r, "expect-wakeups: %u wake-ups in the last wait, at most %ld",
			    r->wakeups, n);
	return rc;
}

static int cmd_expect_frames(struct replay *r, int argc, char **argv)
{
	uint64_t frames = snap(r).frames - r->frames_at;
	long n;
	int rc = numbers(r, argv, 1, 1, 0, INT_MAX, &n);

	(void)argc;
	if (!rc && frames > (uint64_t)n)
		return fail(r, "expect-frames: %llu frames in the last wait, at most %ld",
			    (unsigned long long)frames, n);
	return rc;
}

static int cmd_expect_broken(struct replay *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!snap(r).broken)
		return fail(r, "expect-broken: the bundle is fine");
	return 0;
}

/* yes: the page shown was laid out (and its first screen decoded) while the
 * finger rested, before the tap */
static int cmd_expect_prepared(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);

	(void)argc;
	if (strcmp(argv[1], "yes") != 0 && strcmp(argv[1], "no") != 0)
		return SCRIPT_ERROR(r, "expect-prepared: 'yes' or 'no'");
	if (s.opened_prepared != (argv[1][0] == 'y'))
		return fail(r, "expect-prepared: page '%s' was %sprepared", s.page,
			    s.opened_prepared ? "" : "not ");
	return 0;
}

static int cmd_expect_banner(struct replay *r, int argc, char **argv)
{
	struct app_snapshot s = snap(r);

	(void)argc;
	if (strcmp(argv[1], "yes") != 0 && strcmp(argv[1], "no") != 0)
		return SCRIPT_ERROR(r, "expect-banner: 'yes' or 'no'");
	if (s.banner != (argv[1][0] == 'y'))
		return fail(r, "expect-banner: the update's result is %sshown",
			    s.banner ? "" : "not ");
	return 0;
}

static int cmd_expect_rss_below(struct replay *r, int argc, char **argv)
{
	long kb = 0, mb;
	char line[128];
	FILE *status;
	int rc = numbers(r, argv, 1, 1, 1, 1 << 20, &mb);

	(void)argc;
	/* sanitizer builds carry shadow memory: their numbers mean nothing here */
	if (rc || getenv("FOYER_NO_RSS"))
		return rc;
	status = fopen("/proc/self/status", "r");
	while (status && fgets(line, sizeof(line), status))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	if (status)
		fclose(status);
	if (kb == 0)
		return SCRIPT_ERROR(r, "expect-rss-below: cannot read /proc/self/status");
	if (kb >= mb * 1024)
		return fail(r, "expect-rss-below: resident %ld kB, limit %ld MB", kb, mb);
	return 0;
}

/* The wall clock jumps to a local date and time, as when an RTC or NTP sets it. */
static int cmd_clock(struct replay *r, int argc, char **argv)
{
	struct tm tm = { .tm_isdst = -1 };
	char end;

	(void)argc;
	if (sscanf(argv[1], "%4d-%2d-%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &end) != 3 ||
	    sscanf(argv[2], "%2d:%2d%c", &tm.tm_hour, &tm.tm_min, &end) != 2 || tm.tm_mon < 1 ||
	    tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59)
		return SCRIPT_ERROR(r, "clock: want a local date and time, e.g. 2026-12-05 10:30");
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	r->wall_base = mktime(&tm);
	r->wall_base_ms = r->now;
	loop_clock_changed(&r->loop, r->now);
	loop_turn(&r->loop, r->now);
	return 0;
}

static int cmd_output_reset(struct replay *r, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	send(r, LOOP_EVENT_OUTPUT_RESET);
	return 0;
}

static int cmd_display(struct replay *r, int argc, char **argv)
{
	(void)argc;
	if (strcmp(argv[1], "lost") != 0 && strcmp(argv[1], "back") != 0)
		return SCRIPT_ERROR(r, "display: 'lost' or 'back'");
	send(r, argv[1][0] == 'l' ? LOOP_EVENT_OUTPUT_LOST : LOOP_EVENT_OUTPUT_BACK);
	return 0;
}

/* A content update ended as the updater's status file says: "update installed
 * 2026-06-01.1", "update bad-signature" (store_code_name()'s words). */
static int cmd_update(struct replay *r, int argc, char **argv)
{
	struct loop_event ev = { .type = LOOP_EVENT_UPDATE };
	int code = store_code_parse(argv[1], strlen(argv[1]));

	if (code < 0)
		return SCRIPT_ERROR(r, "update: '%s' is no result of the updater", argv[1]);
	ev.update.code = (enum store_code)code;
	ev.update.version = argc > 2 ? argv[2] : NULL;
	loop_event(&r->loop, &ev, r->now);
	loop_turn(&r->loop, r->now);
	return 0;
}

/* systemd's watchdog with this ping interval (half of WatchdogSec=). */
static int cmd_watchdog(struct replay *r, int argc, char **argv)
{
	long ms;
	int rc = numbers(r, argv, 1, 1, 1, 3600000, &ms);

	(void)argc;
	if (rc)
		return rc;
	/* pings at once, as on the device: start-up may have used part of the time */
	watchdog_init_sink(&r->wd, r->now, (uint64_t)ms, count_ping, r);
	loop_turn(&r->loop, r->now);
	return 0;
}

static int cmd_expect_pings(struct replay *r, int argc, char **argv)
{
	long n;
	int rc = numbers(r, argv, 1, 1, 0, INT_MAX, &n);

	(void)argc;
	if (!rc && r->pings - r->pings_at < (unsigned long)n)
		return fail(r, "expect-pings: %u watchdog pings in the last wait, at least %ld",
			    r->pings - r->pings_at, n);
	return rc;
}

/* The picture the panel shows: "lit" (not black), "black", or the same pixels as
 * page PAGE in LANG rendered on its own (a second app, as --screenshot does);
 * with `not`, something over it or instead of it. */
static int expect_same_as(struct replay *r, const char *page, const char *lang, bool same)
{
	struct headless ref;
	struct app *app;
	long diff;

	if (headless_open(&ref, r->opt->out_w, r->opt->out_h, r->opt->rotation) != 0)
		return SCRIPT_ERROR(r, "expect-picture: %s", SDL_GetError());
	app = app_new(r->opt->app, ref.renderer, ref.out.w, ref.out.h, r->now);
	if (!app || !app_show(app, page, lang, r->now)) {
		app_free(app);
		headless_close(&ref);
		return SCRIPT_ERROR(r, "expect-picture: no page '%s' in '%s'", page, lang);
	}
	output_present(&ref.out, app);
	diff = headless_diff(&r->hl, &ref, 0);
	app_free(app);
	headless_close(&ref);
	if (same && diff != 0)
		return fail(r, "expect-picture: %ld pixels differ from page '%s' in '%s'", diff,
			    page, lang);
	if (!same && diff == 0)
		return fail(r, "expect-picture: the panel shows page '%s' in '%s' and nothing else",
			    page, lang);
	return 0;
}

static int cmd_expect_picture(struct replay *r, int argc, char **argv)
{
	double lit = headless_lit_fraction(&r->hl);

	if (argc == 4 && strcmp(argv[1], "not") == 0)
		return expect_same_as(r, argv[2], argv[3], false);
	if (argc == 3)
		return expect_same_as(r, argv[1], argv[2], true);
	if (strcmp(argv[1], "lit") == 0 && lit < LIT_FRACTION)
		return fail(r, "expect-picture: the panel is dark (%.1f %% lit)", lit * 100);
	if (strcmp(argv[1], "black") == 0 && lit > 0)
		return fail(r, "expect-picture: the panel is not black (%.1f %% lit)", lit * 100);
	/* the closed screen: some text on black */
	if (strcmp(argv[1], "dim") == 0 && (lit == 0 || lit >= DIM_FRACTION_MAX))
		return fail(r, "expect-picture: the panel is not dimmed (%.1f %% lit)", lit * 100);
	if (strcmp(argv[1], "lit") != 0 && strcmp(argv[1], "black") != 0 &&
	    strcmp(argv[1], "dim") != 0)
		return SCRIPT_ERROR(r, "expect-picture: 'lit', 'dim', 'black', PAGE LANG or "
				       "not PAGE LANG");
	return 0;
}

static int cmd_echo(struct replay *r, int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		fprintf(r->opt->log, "%s%s", argv[i], i + 1 < argc ? " " : "\n");
	return 0;
}

static const struct {
	const char *name;
	int min_args, max_args;
	int (*run)(struct replay *r, int argc, char **argv);
	bool prefix; /* the name is followed by more (expect-scroll>N) */
} commands[] = {
	{ "tap", 2, 2, cmd_tap, false },
	{ "drag", 5, 5, cmd_drag, false },
	{ "press", 2, 2, cmd_step, false },
	{ "move", 2, 2, cmd_step, false },
	{ "release", 2, 2, cmd_step, false },
	{ "wait", 1, 1, cmd_wait, false },
	{ "shot", 1, 1, cmd_shot, false },
	{ "tap-tile", 1, 1, cmd_tap_tile, false },
	{ "tap-link", 1, 1, cmd_tap_link, false },
	{ "scroll-to-link", 1, 1, cmd_scroll_to_link, false },
	{ "tap-back", 0, 0, cmd_tap_back, false },
	{ "tap-home", 0, 0, cmd_tap_home, false },
	{ "tap-lang", 0, 1, cmd_tap_lang, false },
	{ "tap-access", 0, 0, cmd_tap_access, false },
	{ "tap-setting", 1, 1, cmd_tap_setting, false },
	{ "tap-page", 1, 1, cmd_tap_page, false },
	{ "hold", 4, 4, cmd_hold, false },
	{ "double-tap", 2, 2, cmd_double_tap, false },
	{ "swipe", 1, 1, cmd_swipe, false },
	{ "clock", 2, 2, cmd_clock, false },
	{ "output-reset", 0, 0, cmd_output_reset, false },
	{ "display", 1, 1, cmd_display, false },
	{ "update", 1, 2, cmd_update, false },
	{ "log-taps", 0, 0, cmd_log_taps, false },
	{ "watchdog", 1, 1, cmd_watchdog, false },
	{ "expect-page", 1, 1, cmd_expect_page, false },
	{ "expect-lang", 1, 1, cmd_expect_lang, false },
	{ "expect-screen", 1, 1, cmd_expect_screen, false },
	{ "expect-scroll", 0, 0, cmd_expect_scroll, true },
	{ "expect-wakeups", 1, 1, cmd_expect_wakeups, false },
	{ "expect-frames", 1, 1, cmd_expect_frames, false },
	{ "expect-broken", 0, 0, cmd_expect_broken, false },
	{ "expect-banner", 1, 1, cmd_expect_banner, false },
	{ "expect-prepared", 1, 1, cmd_expect_prepared, false },
	{ "expect-rss-below", 1, 1, cmd_expect_rss_below, false },
	{ "expect-pings", 1, 1, cmd_expect_pings, false },
	{ "expect-picture", 1, 3, cmd_expect_picture, false },
	{ "expect-setting", 2, 2, cmd_expect_setting, false },
	{ "expect-menu", 1, 1, cmd_expect_menu, false },
	{ "expect-prompt", 1, 1, cmd_expect_prompt, false },
	{ "expect-bar", 1, 1, cmd_expect_bar, false },
	{ "expect-heard", 1, 2, cmd_expect_heard, false },
	{ "expect-focus", 1, 1, cmd_expect_focus, false },
	{ "echo", 0, MAX_ARGS - 1, cmd_echo, false },
};

/* Runs one command; returns 0, 1 (expectation failed) or 2 (script error). */
static int run_command(struct replay *r, int argc, char **argv)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		size_t n = strlen(commands[i].name);

		if (commands[i].prefix ? strncmp(argv[0], commands[i].name, n) != 0
				       : strcmp(argv[0], commands[i].name) != 0)
			continue;
		if (argc - 1 < commands[i].min_args || argc - 1 > commands[i].max_args) {
			if (commands[i].min_args == commands[i].max_args)
				return SCRIPT_ERROR(r, "%s: takes %d argument(s)", argv[0],
						    commands[i].min_args);
			return SCRIPT_ERROR(r, "%s: takes %d to %d arguments", argv[0],
					    commands[i].min_args, commands[i].max_args);
		}
		return commands[i].run(r, argc, argv);
	}
	return SCRIPT_ERROR(r, "unknown command '%s'", argv[0]);
}

static int run_script(struct replay *r, FILE *f)
{
	char buf[MAX_LINE];
	int rc = 0;

	while (!rc && fgets(buf, sizeof(buf), f)) {
		char *argv[MAX_ARGS], *save = NULL, *tok;
		int argc = 0;

		r->line++;
		if (!strchr(buf, '\n') && !feof(f))
			return SCRIPT_ERROR(r, "line too long");
		buf[strcspn(buf, "#\r\n")] = '\0';
		for (tok = strtok_r(buf, " \t", &save); tok && argc < MAX_ARGS;
		     tok = strtok_r(NULL, " \t", &save))
			argv[argc++] = tok;
		if (argc > 0)
			rc = run_command(r, argc, argv);
	}
	return rc;
}

/* A fixed, ordinary moment (Wednesday 2026-06-10, 11:00 local) until the script
 * sets the clock: the same replay gives the same result on any day. */
static time_t default_wall(void)
{
	struct tm tm = {
		.tm_year = 2026 - 1900, .tm_mon = 5, .tm_mday = 10, .tm_hour = 11, .tm_isdst = -1
	};

	return mktime(&tm);
}

int replay_run(const struct replay_options *opt)
{
	struct replay *r = calloc(1, sizeof(*r));
	char why[256] = "";
	FILE *f;
	int rc = 2;

	if (!r)
		return 2;
	r->opt = opt;
	r->now = START_MS;
	r->wall_base = default_wall();
	r->wall_base_ms = START_MS;
	f = fopen(opt->script, "r");
	if (!f) {
		fprintf(opt->log, "%s: cannot open: %s\n", opt->script, strerror(errno));
		goto out_free;
	}
	if (headless_open(&r->hl, opt->out_w, opt->out_h, opt->rotation) != 0) {
		fprintf(opt->log, "foyer: cannot set up a software renderer: %s\n", SDL_GetError());
		goto out_close;
	}
	r->audio = opt->audio_out ? audio_open_wav(opt->audio_out, r->now, why, sizeof(why))
				  : audio_open_null(r->now);
	if (!r->audio) {
		fprintf(opt->log, "foyer: %s: %s\n", opt->audio_out ? opt->audio_out : "audio",
			why);
		goto out_headless;
	}
	r->app_opt = *opt->app;
	r->app_opt.audio = r->audio;
	r->app = app_new(&r->app_opt, r->hl.renderer, r->hl.out.w, r->hl.out.h, r->now);
	if (!r->app) {
		fprintf(opt->log, "foyer: %s\n", SDL_GetError());
		goto out_audio;
	}
	watchdog_init_sink(&r->wd, r->now, 0, count_ping, r); /* off until `watchdog` */
	loop_init(&r->loop, r->app, &r->hl.out, &r->wd, opt->hours, wall_now, r, r->now);
	loop_turn(&r->loop, r->now);
	rc = run_script(r, f);
	app_free(r->app);
out_audio:
	/* the WAV ends where the script ended: its length is the replay's time */
	if (r->audio && audio_close(r->audio, r->now, why, sizeof(why)) != 0) {
		fprintf(opt->log, "foyer: %s: %s\n", opt->audio_out, why);
		rc = 2;
	}
out_headless:
	headless_close(&r->hl);
out_close:
	fclose(f);
out_free:
	free(r);
	return rc;
}
