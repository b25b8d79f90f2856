/* foyer: the kiosk.  Parses the command line (contract in DESIGN.md), then runs
 * one of three modes over the same app code:
 *   interactive  a window (desktop) or full screen (KMSDRM), event-driven loop
 *   --screenshot headless: software renderer on a surface, one frame, a PNG
 *   --replay     headless: a script with a virtual clock (replay.c) */
#include <errno.h>
#include <poll.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "clock.h"
#include "config.h"
#include "console.h"
#include "input.h"
#include "outoforder.h"
#include "replay.h"
#include "rotation.h"
#include "schedule.h"
#include "snapshot.h"
#include "watchdog.h"

#ifndef FOYER_DEFAULT_BUNDLE
#define FOYER_DEFAULT_BUNDLE "/boot/firmware/content.fpk" /* where the SD image keeps it */
#endif

struct args {
	const char *bundle, *config, *screenshot, *page, *lang, *replay;
	int width, height;
	bool fullscreen, size_given;
};

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: foyer [--bundle FILE] [--config FILE] [--fullscreen] [--size WxH]\n"
	    "       foyer --bundle FILE --screenshot OUT.png [--page ID] [--lang de|en] --size WxH\n"
	    "       foyer --bundle FILE --replay SCRIPT --size WxH [--out DIR]\n");
}

static bool parse_size(const char *s, int *w, int *h)
{
	char *end;
	long a, b;

	errno = 0;
	a = strtol(s, &end, 10);
	if (errno || *end != 'x' || a < 64 || a > 16384)
		return false;
	b = strtol(end + 1, &end, 10);
	if (errno || *end || b < 64 || b > 16384)
		return false;
	*w = (int)a;
	*h = (int)b;
	return true;
}

static enum log_level log_threshold = LOG_LEVEL_INFO;

static void log_to_stderr(void *user, enum log_level level, const char *message)
{
	(void)user;
	if (level <= log_threshold)
		fprintf(stderr, "foyer: %s: %s\n", logger_level_name(level), message);
}

static void sdl_log(void *user, int category, SDL_LogPriority priority, const char *message)
{
	static const char *const names[] = { "",        "verbose", "debug",   "info",
					     "warning", "error",   "critical" };

	(void)user;
	(void)category;
	fprintf(stderr, "foyer: %s: %s\n",
		(unsigned)priority < SDL_arraysize(names) ? names[priority] : "?", message);
}

/* ---- headless ---- */

struct headless {
	SDL_Surface *surface;
	SDL_Renderer *renderer;
};

static int headless_open(struct headless *h, int w, int h_px)
{
	/* a software renderer on a plain surface: no video driver, no display */
	/* RGBA32 is what snapshot_write_png writes: no second full-screen copy when saving */
	h->surface = snapshot_surface_new(w, h_px);
	if (!h->surface)
		return -1;
	h->renderer = SDL_CreateSoftwareRenderer(h->surface);
	if (!h->renderer) {
		snapshot_surface_free(h->surface);
		return -1;
	}
	return 0;
}

static void headless_close(struct headless *h)
{
	SDL_DestroyRenderer(h->renderer);
	snapshot_surface_free(h->surface);
}

static int run_screenshot(const struct args *args, const struct app_options *opt)
{
	struct headless h;
	struct app app;
	uint64_t t0 = SDL_GetPerformanceCounter();
	int rc = 0;

	if (headless_open(&h, args->width, args->height) != 0) {
		fprintf(stderr, "foyer: cannot set up a software renderer: %s\n", SDL_GetError());
		return 2;
	}
	if (app_init(&app, opt, h.renderer, args->width, args->height, 0) != 0) {
		fprintf(stderr, "foyer: %s\n", SDL_GetError());
		headless_close(&h);
		return 2;
	}
	if (app_is_broken(&app)) {
		rc = 1; /* the picture is the out-of-order screen; the log said why */
	} else if (args->page || args->lang) {
		const char *page = args->page ? args->page : app.site.start_page;
		const char *lang = args->lang ? args->lang : app.site.langs[0];

		if (!app_show(&app, page, lang, 0)) {
			fprintf(stderr, "foyer: %s: no page '%s' in language '%s'\n",
				opt->bundle_path, page, lang);
			rc = 2;
		}
	}
	if (rc != 2) {
		app_draw(&app);
		SDL_RenderPresent(h.renderer);
		if (getenv("FOYER_TIMING"))
			fprintf(stderr, "foyer: first frame after %.1f ms\n",
				(double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
				    (double)SDL_GetPerformanceFrequency());
		if (snapshot_write_png(h.surface, args->screenshot) != 0) {
			fprintf(stderr, "foyer: cannot write %s: %s\n", args->screenshot,
				SDL_GetError());
			rc = 2;
		}
	}
	app_destroy(&app);
	headless_close(&h);
	return rc;
}

/* Replay on a rotated panel: the app draws into a texture of its logical size,
 * which is turned onto the output like on the device (screen_present below). */
struct rotated_output {
	SDL_Renderer *renderer;
	SDL_Texture *target;
	struct app *app;
	enum rotation rotation;
	int out_w, out_h;
};

static void rotated_present(void *ctx)
{
	struct rotated_output *o = ctx;
	struct rotation_blit b;

	SDL_SetRenderTarget(o->renderer, o->target);
	app_draw(o->app);
	SDL_SetRenderTarget(o->renderer, NULL);
	rotation_blit_params(o->rotation, o->out_w, o->out_h, &b);
	SDL_RenderCopyExF(o->renderer, o->target, NULL, &(SDL_FRect){ b.x, b.y, b.w, b.h }, b.angle,
			  NULL, (SDL_RendererFlip)b.flip);
}

static int run_replay(const struct args *args, const struct app_options *opt, const char *out,
		      enum rotation rotation)
{
	struct headless h;
	struct app app;
	struct rotated_output ro_out = { NULL, NULL, &app, rotation, args->width, args->height };
	int lw, lh;
	struct replay_options ro = { .script = args->replay, .out_dir = out, .log = stderr };
	const char *times = getenv("FOYER_FRAME_TIMES");
	const uint64_t start = 1000; /* virtual ms; not 0 so "before start" is expressible */
	int rc;

	/* The shots' folder is made here, like any output file's place would be. */
	if (out && mkdir(out, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "foyer: cannot create %s: %s\n", out, strerror(errno));
		return 2;
	}
	if (headless_open(&h, args->width, args->height) != 0) {
		fprintf(stderr, "foyer: cannot set up a software renderer: %s\n", SDL_GetError());
		return 2;
	}
	rotation_logical_size(rotation, args->width, args->height, &lw, &lh);
	if (rotation != ROTATION_0) {
		ro_out.renderer = h.renderer;
		ro_out.target = SDL_CreateTexture(h.renderer, SDL_PIXELFORMAT_ARGB8888,
						  SDL_TEXTUREACCESS_TARGET, lw, lh);
		if (!ro_out.target) {
			fprintf(stderr, "foyer: cannot rotate: %s\n", SDL_GetError());
			headless_close(&h);
			return 2;
		}
		ro.present = rotated_present;
		ro.present_ctx = &ro_out;
	}
	ro.rotation = rotation;
	ro.out_w = args->width;
	ro.out_h = args->height;
	if (app_init(&app, opt, h.renderer, lw, lh, start) != 0) {
		fprintf(stderr, "foyer: %s\n", SDL_GetError());
		headless_close(&h);
		return 2;
	}
	ro.surface = h.surface;
	if (times && !(ro.frame_times = fopen(times, "w")))
		fprintf(stderr, "foyer: cannot write %s: %s\n", times, strerror(errno));
	rc = replay_run(&app, &ro, start);
	if (ro.frame_times)
		fclose(ro.frame_times);
	app_destroy(&app);
	if (ro_out.target)
		SDL_DestroyTexture(ro_out.target);
	headless_close(&h);
	return rc;
}

/* ---- interactive ---- */

struct screen {
	SDL_Window *window;
	SDL_Renderer *renderer;
	SDL_Texture *target; /* the logical picture when rotated */
	enum rotation rotation;
	int out_w, out_h; /* physical output */
	int w, h;         /* logical (app) size */
};

static int screen_update_size(struct screen *s)
{
	SDL_GetRendererOutputSize(s->renderer, &s->out_w, &s->out_h);
	rotation_logical_size(s->rotation, s->out_w, s->out_h, &s->w, &s->h);
	if (s->target)
		SDL_DestroyTexture(s->target);
	s->target = NULL;
	if (s->rotation != ROTATION_0) {
		s->target = SDL_CreateTexture(s->renderer, SDL_PIXELFORMAT_ARGB8888,
					      SDL_TEXTUREACCESS_TARGET, s->w, s->h);
		if (!s->target)
			return -1;
	}
	return 0;
}

static void screen_present(struct screen *s, struct app *app)
{
	struct rotation_blit b;

	SDL_SetRenderTarget(s->renderer, s->target);
	app_draw(app);
	if (s->target) {
		SDL_SetRenderTarget(s->renderer, NULL);
		rotation_blit_params(s->rotation, s->out_w, s->out_h, &b);
		SDL_RenderCopyExF(s->renderer, s->target, NULL, &(SDL_FRect){ b.x, b.y, b.w, b.h },
				  b.angle, NULL, (SDL_RendererFlip)b.flip);
	}
	SDL_RenderPresent(s->renderer);
}

/* Touch events from the input backend: physical pixels, rotated into the app. */
struct touch_ctx {
	struct screen *s;
	struct app *app;
};

static void handle_touch(void *user, const struct input_event *ev)
{
	struct touch_ctx *t = user;
	struct input_event logical = *ev;

	rotation_map_point(t->s->rotation, t->s->out_w, t->s->out_h, ev->x, ev->y, &logical.x,
			   &logical.y);
	app_input(t->app, &logical);
}

/* Opening hours: closed now?  Sets when to look again: the next change, or -1
 * when the hours never change (open around the clock, or a clock that cannot be
 * trusted: no wake-ups for them). */
static bool schedule_closed(const struct config *cfg, const struct clock_trust *clock,
			    time_t *next_check)
{
	return schedule_closed_now(&cfg->hours, clock->trusted, time(NULL), next_check);
}

/* Can the clock be trusted?  Says so in the log and on the out-of-order screen
 * when there are opening hours to apply; quiet when nothing changed. */
static void check_clock(const struct config *cfg, struct clock_trust *clock,
			const struct logger *log)
{
	struct clock_trust before = *clock;

	clock_trust_check("", clock_kernel_synced(), time(NULL), clock);
	if (!cfg->hours_given || (before.reason[0] && before.trusted == clock->trusted &&
				  strcmp(before.reason, clock->reason) == 0))
		return;
	logger_printf(log, clock->trusted ? LOG_LEVEL_INFO : LOG_LEVEL_WARNING, "clock: %s; %s",
		      clock->reason,
		      clock->trusted ? "following the opening hours"
				     : "the opening hours are not applied, the screen stays on");
	outoforder_set_note(clock_trust_note(clock));
}

static void handle_sdl_event(struct screen *s, struct app *app, struct input_source *in,
			     const SDL_Event *ev, bool desktop, bool libinput)
{
	switch (ev->type) {
	case SDL_QUIT:
		app->quit = true;
		return;
	case SDL_KEYDOWN:
		/* a visitor cannot leave: Esc quits only in desktop mode */
		if (desktop && ev->key.keysym.sym == SDLK_ESCAPE)
			app->quit = true;
		return;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			screen_update_size(s);
			app_resize(app, s->w, s->h);
			in->set_output_size(in, s->out_w, s->out_h);
		}
		app->dirty = true;
		return;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		render_clear_cache(&app->render);
		screen_update_size(s);
		app->dirty = true;
		return;
	}
	/* with libinput open SDL's own mouse/finger events are the same devices again */
	if (!libinput)
		in->dispatch(in, ev);
}

static int run_interactive(const struct args *args, const struct app_options *opt,
			   const struct config *cfg, const struct logger *log)
{
	struct screen s = { .rotation = cfg->rotation };
	struct app app;
	struct input_source in;
	struct input_options io = { 0 };
	struct touch_ctx touch = { &s, &app };
	struct console console = { .fd = -1 };
	struct watchdog wd;
	bool desktop = !args->fullscreen, kmsdrm, libinput = false, ready = false;
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
	const char *driver;
	int rc = 0;
	time_t next_check;
	struct clock_trust clock = { .trusted = false };
	struct app_options app_opt = *opt;

	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		fprintf(stderr, "foyer: cannot start SDL video: %s\n", SDL_GetError());
		return 2;
	}
	watchdog_init(&wd, input_clock_ms(), log);
	driver = SDL_GetCurrentVideoDriver();
	kmsdrm = driver && strcmp(driver, "KMSDRM") == 0;
	/* SDL 2's software renderer shows nothing on KMSDRM: GLES2 there */
	if (kmsdrm) {
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
		/* The panel's own mode (the one the console runs in, else the connector's
		 * preferred one); plain FULLSCREEN would pick the mode closest to --size's
		 * default and run a 1920x1080 panel at 1280x720.  --size still forces one. */
		flags |= args->size_given ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
		desktop = false;
	} else if (args->fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	}
	if (!desktop)
		console_mute(&console, log);
	s.window = SDL_CreateWindow("foyer", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
				    args->width, args->height, flags);
	if (!s.window) {
		fprintf(stderr, "foyer: cannot open a window: %s\n", SDL_GetError());
		rc = 2;
		goto out_quit;
	}
	s.renderer = SDL_CreateRenderer(s.window, -1,
					SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
					    SDL_RENDERER_TARGETTEXTURE);
	if (!s.renderer)
		s.renderer = SDL_CreateRenderer(s.window, -1, SDL_RENDERER_TARGETTEXTURE);
	if (!s.renderer) {
		fprintf(stderr, "foyer: cannot create a renderer: %s\n", SDL_GetError());
		rc = 2;
		goto out_window;
	}
	if (!desktop)
		SDL_ShowCursor(SDL_DISABLE);
	if (screen_update_size(&s) != 0) {
		fprintf(stderr, "foyer: cannot rotate the output: %s\n", SDL_GetError());
		s.rotation = ROTATION_0;
		screen_update_size(&s);
	}
	check_clock(cfg, &clock, log);
	app_opt.clock_untrusted = !clock.trusted;
	if (app_init(&app, &app_opt, s.renderer, s.w, s.h, input_clock_ms()) != 0) {
		fprintf(stderr, "foyer: %s\n", SDL_GetError());
		rc = 2;
		goto out_renderer;
	}
	io.output_width = s.out_w;
	io.output_height = s.out_h;
	io.on_event = handle_touch;
	io.user = &touch;
	io.log = *log;
	io.open_restricted = input_open_restricted_plain;
	io.close_restricted = input_close_restricted_plain;
	if (input_source_open_auto(&in, kmsdrm, &io) != 0) {
		fprintf(stderr, "foyer: no touch input; the kiosk shows but cannot be used\n");
		input_source_init_sdl(&in); /* its calls are safe on a source that did not open */
	}
	libinput = strcmp(in.name, "libinput") == 0;
	nav_set_closed(&app.nav, schedule_closed(cfg, &clock, &next_check), input_clock_ms());
	if (!clock.trusted)
		next_check = time(NULL) + CLOCK_SETTLE_S; /* an RTC may be late: one more look */

	while (!app.quit) {
		uint64_t now = input_clock_ms(), deadline, wd_at;
		int timeout, fd;
		SDL_Event ev;

		if (app.dirty) {
			screen_present(&s, &app);
			if (!ready) {
				/* Type=notify: systemd counts us as started once a frame is up */
				watchdog_notify_ready(&wd);
				watchdog_notify_status(
				    &wd,
				    app_is_broken(&app) ? app.broken
				    : cfg->hours_given && !clock.trusted
					? "showing the bundle; clock not trusted, opening hours off"
					: "showing the bundle");
				ready = true;
			}
		}
		deadline = app_next_deadline(&app);
		if (watchdog_next_deadline(&wd, &wd_at) && wd_at < deadline)
			deadline = wd_at;
		if (next_check != (time_t)-1) {
			/* the opening hours are looked at when they change */
			time_t t = time(NULL);
			uint64_t hours_at =
			    now + (uint64_t)(next_check > t ? next_check - t : 0) * 1000;

			if (hours_at < deadline)
				deadline = hours_at;
		}
		timeout = deadline == NAV_NEVER      ? -1
			  : deadline <= now          ? 0
			  : deadline - now > INT_MAX ? INT_MAX
						     : (int)(deadline - now);
		fd = in.get_fd(&in);
		if (libinput && fd >= 0) {
			/* block on the touch device; SDL has nothing to wait for on KMSDRM */
			struct pollfd p = { fd, POLLIN, 0 };

			if (poll(&p, 1, timeout) > 0)
				in.dispatch(&in, NULL);
			while (SDL_PollEvent(&ev))
				handle_sdl_event(&s, &app, &in, &ev, desktop, libinput);
		} else if (timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout)) {
			do
				handle_sdl_event(&s, &app, &in, &ev, desktop, libinput);
			while (SDL_PollEvent(&ev));
		}
		now = input_clock_ms();
		if (next_check != (time_t)-1 && time(NULL) >= next_check) {
			if (!clock.trusted) {
				check_clock(cfg, &clock, log);
				/* notices follow at the next start screen */
				app.opt.clock_untrusted = !clock.trusted;
			}
			nav_set_closed(&app.nav, schedule_closed(cfg, &clock, &next_check), now);
		}
		app_tick(&app, now);
		watchdog_handle_timeout(&wd, now);
	}
	watchdog_notify_stopping(&wd);
	in.close(&in);
	app_destroy(&app);
out_renderer:
	if (s.target)
		SDL_DestroyTexture(s.target);
	SDL_DestroyRenderer(s.renderer);
out_window:
	SDL_DestroyWindow(s.window);
out_quit:
	/* SDL's KMSDRM input may set and restore the keyboard mode too: ours comes last. */
	SDL_Quit();
	console_restore(&console, log);
	return rc;
}

int main(int argc, char **argv)
{
	struct args args = { .width = 1280, .height = 720 };
	struct app_options opt = { 0 };
	struct config cfg;
	struct logger log = { log_to_stderr, NULL };
	const char *out = NULL;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--fullscreen") == 0) {
			args.fullscreen = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (!v) {
			usage(stderr);
			return 2;
		}
		if (strcmp(a, "--bundle") == 0) {
			args.bundle = v;
		} else if (strcmp(a, "--config") == 0) {
			args.config = v;
		} else if (strcmp(a, "--screenshot") == 0) {
			args.screenshot = v;
		} else if (strcmp(a, "--page") == 0) {
			args.page = v;
		} else if (strcmp(a, "--lang") == 0) {
			args.lang = v;
		} else if (strcmp(a, "--replay") == 0) {
			args.replay = v;
		} else if (strcmp(a, "--out") == 0) {
			out = v;
		} else if (strcmp(a, "--size") == 0) {
			if (!parse_size(v, &args.width, &args.height)) {
				fprintf(stderr, "foyer: --size wants WxH, e.g. 1920x1080\n");
				return 2;
			}
			args.size_given = true;
		} else {
			usage(stderr);
			return 2;
		}
		i++;
	}

	SDL_LogSetOutputFunction(sdl_log, NULL);
	config_init_defaults(&cfg);
	if (args.config)
		config_load_file(&cfg, args.config, &log);
	log_threshold = cfg.log_level;
	opt.bundle_path = args.bundle ? args.bundle : FOYER_DEFAULT_BUNDLE;
	opt.lang = config_language_code(cfg.language);
	opt.location = cfg.site[0] ? cfg.site : NULL;
	opt.idle_ms = cfg.idle_timeout_s * 1000u;
	opt.attract_ms = cfg.attract_timeout_s * 1000u;
	opt.desktop = !args.fullscreen;
	if (cfg.hours_given && cfg.closed_screen == CONFIG_CLOSED_DIM)
		opt.closed_hours = &cfg.hours;

	if (TTF_Init() != 0) {
		fprintf(stderr, "foyer: cannot start SDL_ttf: %s\n", SDL_GetError());
		return 2;
	}
	if (args.screenshot)
		rc = run_screenshot(&args, &opt);
	else if (args.replay)
		rc = run_replay(&args, &opt, out, cfg.rotation);
	else
		rc = run_interactive(&args, &opt, &cfg, &log);
	TTF_Quit();
	return rc;
}
