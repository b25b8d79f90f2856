/* foyer: the kiosk.  Parses the command line (contract in DESIGN.md), then runs
 * one of three modes over the same app code:
 *   interactive  a window (desktop) or full screen (KMSDRM), event-driven loop
 *   --screenshot headless: software renderer on a surface, one frame, a PNG
 *   --replay     headless: a script with a virtual clock (replay.c) */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "app.h"
#include "config.h"
#include "replay.h"
#include "rotation.h"
#include "schedule.h"

#ifndef FOYER_DEFAULT_BUNDLE
#define FOYER_DEFAULT_BUNDLE "/var/lib/foyer/content.fpk"
#endif

struct args {
	const char *bundle, *config, *screenshot, *page, *lang, *replay;
	int width, height;
	bool fullscreen, size_given;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: foyer [--bundle FILE] [--config FILE] [--fullscreen] [--size WxH]\n"
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

static void log_to_stderr(void *user, enum log_level level, const char *message)
{
	(void)user;
	fprintf(stderr, "foyer: %s: %s\n", logger_level_name(level), message);
}

static void sdl_log(void *user, int category, SDL_LogPriority priority, const char *message)
{
	static const char *const names[] = { "", "verbose", "debug", "info", "warning",
					     "error", "critical" };

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
	h->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h_px, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!h->surface)
		return -1;
	h->renderer = SDL_CreateSoftwareRenderer(h->surface);
	if (!h->renderer) {
		SDL_FreeSurface(h->surface);
		return -1;
	}
	return 0;
}

static void headless_close(struct headless *h)
{
	SDL_DestroyRenderer(h->renderer);
	SDL_FreeSurface(h->surface);
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
			fprintf(stderr, "foyer: %s: no page '%s' in language '%s'\n", opt->bundle_path,
				page, lang);
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
		if (IMG_SavePNG(h.surface, args->screenshot) != 0) {
			fprintf(stderr, "foyer: cannot write %s: %s\n", args->screenshot,
				SDL_GetError());
			rc = 2;
		}
	}
	app_destroy(&app);
	headless_close(&h);
	return rc;
}

static int run_replay(const struct args *args, const struct app_options *opt, const char *out)
{
	struct headless h;
	struct app app;
	struct replay_options ro = { args->replay, out, NULL, stderr };
	const uint64_t start = 1000; /* virtual ms; not 0 so "before start" is expressible */
	int rc;

	if (headless_open(&h, args->width, args->height) != 0) {
		fprintf(stderr, "foyer: cannot set up a software renderer: %s\n", SDL_GetError());
		return 2;
	}
	if (app_init(&app, opt, h.renderer, args->width, args->height, start) != 0) {
		fprintf(stderr, "foyer: %s\n", SDL_GetError());
		headless_close(&h);
		return 2;
	}
	ro.surface = h.surface;
	rc = replay_run(&app, &ro, start);
	app_destroy(&app);
	headless_close(&h);
	return rc;
}

/* ---- interactive ---- */

struct screen {
	SDL_Window *window;
	SDL_Renderer *renderer;
	SDL_Texture *target;  /* the logical picture when rotated */
	enum rotation rotation;
	int out_w, out_h;     /* physical output */
	int w, h;             /* logical (app) size */
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
		SDL_RenderCopyExF(s->renderer, s->target, NULL,
				  &(SDL_FRect){ b.x, b.y, b.w, b.h }, b.angle, NULL,
				  (SDL_RendererFlip)b.flip);
	}
	SDL_RenderPresent(s->renderer);
}

static void handle_pointer(struct screen *s, struct app *app, enum input_event_type type,
			   int px, int py, uint64_t now)
{
	struct input_event ev = { type, INPUT_SLOT_POINTER, 0, 0, now };

	rotation_map_point(s->rotation, s->out_w, s->out_h, px, py, &ev.x, &ev.y);
	app_input(app, &ev);
}

/* Opening hours: closed now?  Sets when to look again. */
static bool schedule_closed(const struct config *cfg, time_t *next_check)
{
	time_t now = time(NULL), next = schedule_next_change(&cfg->hours, now);

	*next_check = next > now ? next : now + 60;
	return !schedule_is_open_at(&cfg->hours, now);
}

static int run_interactive(const struct args *args, const struct app_options *opt,
			   const struct config *cfg)
{
	struct screen s = { .rotation = cfg->rotation };
	struct app app;
	bool desktop = !args->fullscreen;
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
	const char *driver;
	int rc = 0;
	time_t next_check;
	bool mouse_down = false;

	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		fprintf(stderr, "foyer: cannot start SDL video: %s\n", SDL_GetError());
		return 2;
	}
	driver = SDL_GetCurrentVideoDriver();
	/* SDL 2's software renderer shows nothing on KMSDRM: GLES2 there */
	if (driver && strcmp(driver, "KMSDRM") == 0) {
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
		flags |= SDL_WINDOW_FULLSCREEN;
		desktop = false;
	} else if (args->fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	}
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
	if (app_init(&app, opt, s.renderer, s.w, s.h, SDL_GetTicks64()) != 0) {
		fprintf(stderr, "foyer: %s\n", SDL_GetError());
		rc = 2;
		goto out_renderer;
	}
	nav_set_closed(&app.nav, schedule_closed(cfg, &next_check), SDL_GetTicks64());

	while (!app.quit) {
		uint64_t now = SDL_GetTicks64(), deadline;
		SDL_Event ev;
		int got;

		if (app.dirty)
			screen_present(&s, &app);
		deadline = app_next_deadline(&app);
		{
			/* the opening hours are looked at when they change, at most a minute late */
			time_t t = time(NULL);
			uint64_t hours_at = now + (uint64_t)(next_check > t ? next_check - t : 0) * 1000;

			if (hours_at < deadline)
				deadline = hours_at;
		}
		if (deadline == NAV_NEVER)
			got = SDL_WaitEvent(&ev);
		else
			got = SDL_WaitEventTimeout(&ev, deadline <= now ? 0
						       : deadline - now > INT_MAX ? INT_MAX
						       : (int)(deadline - now));
		while (got) {
			now = SDL_GetTicks64();
			switch (ev.type) {
			case SDL_QUIT:
				app.quit = true;
				break;
			case SDL_KEYDOWN:
				/* a visitor cannot leave: Esc quits only in desktop mode */
				if (desktop && ev.key.keysym.sym == SDLK_ESCAPE)
					app.quit = true;
				break;
			case SDL_MOUSEBUTTONDOWN:
				if (ev.button.button == SDL_BUTTON_LEFT) {
					mouse_down = true;
					handle_pointer(&s, &app, INPUT_EVENT_DOWN, ev.button.x,
						       ev.button.y, now);
				}
				break;
			case SDL_MOUSEMOTION:
				if (mouse_down)
					handle_pointer(&s, &app, INPUT_EVENT_MOTION, ev.motion.x,
						       ev.motion.y, now);
				break;
			case SDL_MOUSEBUTTONUP:
				if (ev.button.button == SDL_BUTTON_LEFT && mouse_down) {
					mouse_down = false;
					handle_pointer(&s, &app, INPUT_EVENT_UP, ev.button.x,
						       ev.button.y, now);
				}
				break;
			case SDL_WINDOWEVENT:
				if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
					screen_update_size(&s);
					app_resize(&app, s.w, s.h);
				}
				app.dirty = true;
				break;
			case SDL_RENDER_TARGETS_RESET:
			case SDL_RENDER_DEVICE_RESET:
				render_clear_cache(&app.render);
				screen_update_size(&s);
				app.dirty = true;
				break;
			}
			got = SDL_PollEvent(&ev);
		}
		now = SDL_GetTicks64();
		if (time(NULL) >= next_check)
			nav_set_closed(&app.nav, schedule_closed(cfg, &next_check), now);
		app_tick(&app, now);
	}
	app_destroy(&app);
out_renderer:
	if (s.target)
		SDL_DestroyTexture(s.target);
	SDL_DestroyRenderer(s.renderer);
out_window:
	SDL_DestroyWindow(s.window);
out_quit:
	SDL_Quit();
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
	opt.bundle_path = args.bundle ? args.bundle : FOYER_DEFAULT_BUNDLE;
	opt.lang = config_language_code(cfg.language);
	opt.idle_ms = cfg.idle_timeout_s * 1000u;
	opt.attract_ms = cfg.attract_timeout_s * 1000u;
	opt.desktop = !args.fullscreen;

	if (TTF_Init() != 0) {
		fprintf(stderr, "foyer: cannot start SDL_ttf: %s\n", SDL_GetError());
		return 2;
	}
	if (args.screenshot)
		rc = run_screenshot(&args, &opt);
	else if (args.replay)
		rc = run_replay(&args, &opt, out);
	else
		rc = run_interactive(&args, &opt, &cfg);
	TTF_Quit();
	return rc;
}
