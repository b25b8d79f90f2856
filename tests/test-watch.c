/* watch: foyer --watch on a copy of the base fixture, driven through the
 * kiosk's one loop (loop.h) with a headless output, as platform.c drives it on
 * a desktop: an edit of the page shown rebuilds it and shows the new text at the
 * same page, language and scroll position; a broken page keeps the last good
 * bundle with the build's path:line messages over it and on the terminal; the
 * next good build takes them away.  Each wait is bounded by a number of loop
 * turns (the real inotify event, a virtual clock), never by a timing assert. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "headless.h"
#include "loop.h"
#include "watch.h"

#define BASE_DIR FOYER_SOURCE_DIR "/tests/corpus/pack/base"
#define W 1280
#define H 720
/* Loop turns waiting for one build; each waits at most POLL_MS for inotify. */
#define MAX_TURNS 50
#define POLL_MS 200

static struct {
	char tmp[64], dir[128], pack[4096];
	FILE *out; /* the terminal */
	struct watch w;
	struct headless h;
	struct app *app;
	struct watchdog wd;
	struct loop loop;
	uint64_t now; /* the loop's clock, virtual */
	uint8_t *before;
} fx;

static time_t wall(void *ctx)
{
	(void)ctx;
	return 1700000000;
}

static int ping(void *ctx, const char *state)
{
	(void)ctx;
	(void)state;
	return 0;
}

/* cp -r BASE_DIR dir, or rm -rf dir */
static int shell(const char *what, const char *a, const char *b)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s '%s' %s%s%s", what, a, b ? "'" : "", b ? b : "",
		 b ? "'" : "");
	return system(cmd);
}

static int setup(void **state)
{
	const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
	struct app_options opt = { 0 };
	char cache[160];

	(void)state;
	snprintf(fx.tmp, sizeof(fx.tmp), "/tmp/foyer-test-watch-XXXXXX");
	if (!mkdtemp(fx.tmp))
		return -1;
	snprintf(fx.dir, sizeof(fx.dir), "%s/content", fx.tmp);
	snprintf(cache, sizeof(cache), "%s/cache", fx.tmp);
	setenv("FOYER_PACK_CACHE", cache, 1);
	snprintf(fx.pack, sizeof(fx.pack), "%s%s/foyer-pack",
		 build[0] == '/' ? "" : FOYER_SOURCE_DIR "/", build);
	fx.out = tmpfile();
	if (!fx.out || shell("cp -r", BASE_DIR, fx.dir) != 0 ||
	    watch_open(&fx.w, fx.dir, fx.pack, fx.out, NULL) != 0 || !watch_build(&fx.w, NULL, 0) ||
	    headless_open(&fx.h, W, H, ROTATION_0) != 0)
		return -1;
	opt.bundle_path = watch_bundle(&fx.w);
	fx.app = app_new(&opt, fx.h.renderer, W, H, 0);
	if (!fx.app)
		return -1;
	watchdog_init_sink(&fx.wd, 0, 0, ping, NULL);
	loop_init(&fx.loop, fx.app, &fx.h.out, &fx.wd, NULL, wall, NULL, 0);
	loop_set_watch(&fx.loop, &fx.w);
	loop_turn(&fx.loop, 0);
	fx.before = malloc((size_t)W * H * 4);
	return fx.before ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	app_free(fx.app);
	headless_close(&fx.h);
	watch_close(&fx.w);
	fclose(fx.out);
	free(fx.before);
	return shell("rm -rf", fx.tmp, NULL);
}

static void write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fx.dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
}

/* Turns the loop as platform.c does until the watch built once more. */
static void wait_for_build(void)
{
	unsigned builds = fx.w.builds;
	struct loop_event ev = { .type = LOOP_EVENT_FILES_CHANGED };

	for (int i = 0; i < MAX_TURNS && fx.w.builds == builds; i++) {
		struct pollfd pfd = { watch_fd(&fx.w), POLLIN, 0 };

		if (poll(&pfd, 1, POLL_MS) > 0)
			loop_event(&fx.loop, &ev, fx.now);
		fx.now += POLL_MS;
		loop_turn(&fx.loop, fx.now);
	}
	assert_int_equal(fx.w.builds, builds + 1);
}

static void keep_frame(void)
{
	memcpy(fx.before, fx.h.surface->pixels, (size_t)W * H * 4);
}

static long changed_pixels(void)
{
	const uint8_t *now = fx.h.surface->pixels;
	long n = 0;

	for (size_t i = 0; i < (size_t)W * H; i++)
		n += memcmp(now + 4 * i, fx.before + 4 * i, 3) != 0;
	return n;
}

/* A pixel of the overlay's box: near the bottom left corner, dark red. */
static bool overlay_shows(void)
{
	const uint8_t *p = (const uint8_t *)fx.h.surface->pixels +
			   (size_t)(H - 20) * (size_t)fx.h.surface->pitch + 4 * 24;

	return p[0] > 100 && p[1] < 60 && p[2] < 60;
}

static const char info_en[] =
    "---\ntitle: Changed\ntile: Info\nimage: bild.png\n---\n\n"
    "## Changed heading\n\nChanged text with *emphasis* and **weight**.\n\n"
    "- changed one\n- changed two\n\n"
    "![A changed picture](bild.png \"Picture: changed\")\n\n"
    "```contact\nname: Erika Muster\n```\n";

static void test_edit_reloads_in_place(void **state)
{
	struct app_snapshot s;
	struct loop_event ev = { .type = LOOP_EVENT_TOUCH };
	double scroll;

	(void)state;
	assert_true(app_show(fx.app, "info", "en", fx.now));
	/* a finger scrolls the page: down, up 300 px, held (no fling), lifted */
	ev.touch = (struct input_event){ INPUT_EVENT_DOWN, 0, W / 2, 500, fx.now };
	loop_event(&fx.loop, &ev, fx.now);
	for (int i = 1; i <= 10; i++) {
		fx.now += 30;
		ev.touch =
		    (struct input_event){ INPUT_EVENT_MOTION, 0, W / 2, 500 - 30 * i, fx.now };
		loop_event(&fx.loop, &ev, fx.now);
		loop_turn(&fx.loop, fx.now);
	}
	fx.now += 500;
	ev.touch = (struct input_event){ INPUT_EVENT_MOTION, 0, W / 2, 200, fx.now };
	loop_event(&fx.loop, &ev, fx.now);
	ev.touch = (struct input_event){ INPUT_EVENT_UP, 0, W / 2, 200, fx.now };
	loop_event(&fx.loop, &ev, fx.now);
	loop_turn(&fx.loop, fx.now);
	app_snapshot(fx.app, &s);
	scroll = s.scroll;
	assert_true(scroll > 0);
	keep_frame();

	write_file("pages/info/en.md", info_en);
	wait_for_build();
	app_snapshot(fx.app, &s);
	assert_string_equal(s.page, "info");
	assert_string_equal(s.lang, "en");
	assert_true(s.scroll == scroll || s.scroll == s.scroll_max);
	assert_true(s.scroll > 0);
	assert_null(s.overlay);
	assert_true(changed_pixels() > 500);
}

static void test_error_overlay(void **state)
{
	struct app_snapshot s;
	char terminal[4096] = "";

	(void)state;
	keep_frame();
	write_file("pages/start/de.md",
		   "---\ntitle: Start\nurl: ftp://example.org\n---\n\nText.\n");
	wait_for_build();
	app_snapshot(fx.app, &s);
	assert_true(fx.w.failed);
	assert_string_equal(s.page, "info");
	assert_string_equal(s.lang, "en");
	assert_null(s.broken);
	assert_non_null(s.overlay);
	assert_non_null(strstr(s.overlay, "pages/start/de.md:3: error: url must be a web address"));
	assert_true(overlay_shows());
	assert_true(changed_pixels() > 500);
	/* and on the terminal, as foyer-pack printed it */
	rewind(fx.out);
	assert_true(fread(terminal, 1, sizeof(terminal) - 1, fx.out) > 0);
	assert_non_null(strstr(terminal, "pages/start/de.md:3: error: url must be a web address"));
}

static void test_fixed_removes_overlay(void **state)
{
	struct app_snapshot s;

	(void)state;
	write_file("pages/start/de.md",
		   "---\ntitle: Start\n---\n\nWillkommen. Siehe [Info](info).\n");
	wait_for_build();
	app_snapshot(fx.app, &s);
	assert_false(fx.w.failed);
	assert_null(s.overlay);
	assert_string_equal(s.page, "info");
	assert_false(overlay_shows());
}

int main(void)
{
	/* in this order: each step starts where the one before left the content */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_reloads_in_place),
		cmocka_unit_test(test_error_overlay),
		cmocka_unit_test(test_fixed_removes_overlay),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
