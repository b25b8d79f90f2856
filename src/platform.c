/* platform: the interactive loop; see platform.h. */
#include "platform.h"

#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "audio.h"
#include "boottime.h"
#include "bundle-source.h"
#include "clock.h"
#include "console.h"
#include "input.h"
#include "kms.h"
#include "loop.h"
#include "outoforder.h"
#include "output.h"
#include "panel.h"
#include "watch.h"
#include "watchdog.h"

struct platform {
	SDL_Window *window; /* NULL on dumb buffers */
	struct kms kms;     /* dumb buffers (software rendering on KMSDRM); fd -1: unused */
	SDL_Renderer *renderer;
	struct output out;
	struct input_source in;
	struct loop loop;
	bool desktop;  /* Esc quits (never on the device) */
	bool libinput; /* touches come from libinput, not from SDL's events */
	bool first_frame_logged;
	const struct logger *log;
	/* content updates (--store): which bundle is shown, and the store's watch */
	bool updates;
	struct bundle_source src;
	struct bundle_choice choice;
	char active[STORE_PATH_MAX]; /* the bundle the app shows; "" after it failed */
	/* foyer --watch DIR: an editor's content folder, rebuilt on every save */
	struct watch *watch;
	Uint32 watch_event;  /* the SDL event its thread sends */
	struct audio *audio; /* the app's sound output (owned by main) */
};

/* With --store the bundle is bundle-source's choice (the store's current, its
 * previous, then --bundle; signed ones only when --keys has keys).  With no good
 * bundle the app gets a path that does not exist: it must not open --bundle
 * unchecked, and shows the out-of-order screen while the log says why. */
static void updates_start(struct platform *p, const struct args *args, struct app_options *o)
{
	struct bundle_source_options so = { args->store, o->bundle_path, args->keys, p->log };

	if (!args->store)
		return;
	bundle_source_init(&p->src, &so);
	p->updates = true;
	snprintf(p->active, sizeof(p->active), "%s",
		 bundle_source_choose(&p->src, &p->choice) == 0 ? p->choice.path
								: "/run/foyer/no-good-bundle");
	o->bundle_path = p->active;
}

/* Switches to the best good bundle (after an install, or when the shown one
 * failed), keeping the language and going to the start page. */
static void updates_switch(struct platform *p, struct app *app, uint64_t now)
{
	for (;;) {
		if (bundle_source_choose(&p->src, &p->choice) != 0 ||
		    !strcmp(p->choice.path, p->active))
			return; /* nothing better than what is shown */
		if (app_reload_bundle(app, p->choice.path, now)) {
			snprintf(p->active, sizeof(p->active), "%s", p->choice.path);
			return;
		}
		bundle_source_mark_bad(&p->src, &p->choice, "cannot be opened");
	}
}

/* The store changed: an install finished (switch) or was refused (the old
 * content stays).  Either way the result goes to the loop, which shows it. */
static void updates_poll(struct platform *p, struct app *app, uint64_t now)
{
	struct store_status st;
	enum bundle_source_event ev = bundle_source_poll(&p->src, &st);
	struct loop_event le = { .type = LOOP_EVENT_UPDATE };

	if (ev == BUNDLE_SOURCE_NOTHING)
		return;
	if (ev == BUNDLE_SOURCE_INSTALLED)
		updates_switch(p, app, now);
	logger_printf(p->log, LOG_LEVEL_INFO, "update: %s, version %s%s%s",
		      store_code_name(st.code), st.version[0] ? st.version : "?",
		      st.detail[0] ? ": " : "", st.detail);
	le.update.code = st.code;
	le.update.version = st.version;
	loop_event(&p->loop, &le, now);
}

/* The shown bundle broke while running (the out-of-order screen): remember it
 * as bad and fall back to the last good one. */
static void updates_check(struct platform *p, struct app *app, uint64_t now)
{
	struct app_snapshot snap;

	if (!p->updates || !p->active[0])
		return;
	app_snapshot(app, &snap);
	if (!snap.broken)
		return;
	if (p->choice.path[0] && !strcmp(p->choice.path, p->active))
		bundle_source_mark_bad(&p->src, &p->choice, snap.broken);
	p->active[0] = 0;
	updates_switch(p, app, now);
}

static time_t wall_now(void *ctx)
{
	(void)ctx;
	return time(NULL);
}

/* The device's clock: trusted only when an RTC set it at boot or it is
 * synchronised (clock.h).  Says so in the log and on the out-of-order screen
 * when there are opening hours it decides about; quiet when nothing changed. */
struct platform_clock {
	const struct config *cfg;
	const struct logger *log;
	struct clock_trust trust;
	bool told;
};

static bool clock_trusted(void *ctx)
{
	struct platform_clock *c = ctx;
	struct clock_trust before = c->trust;

	clock_trust_check("", clock_kernel_synced(), time(NULL), &c->trust);
	if (!c->cfg->hours_given || (c->told && before.trusted == c->trust.trusted &&
				     strcmp(before.reason, c->trust.reason) == 0))
		return c->trust.trusted;
	logger_printf(c->log, c->trust.trusted ? LOG_LEVEL_INFO : LOG_LEVEL_WARNING,
		      "clock: %s; %s", c->trust.reason,
		      c->trust.trusted ? "following the opening hours"
				       : "the opening hours are not applied, the screen stays on");
	outoforder_set_note(clock_trust_note(&c->trust));
	c->told = true;
	return c->trust.trusted;
}

/* Touch events from the input backend, in panel pixels. */
static void handle_touch(void *user, const struct input_event *ev)
{
	struct platform *p = user;
	struct loop_event le = { .type = LOOP_EVENT_TOUCH, .touch = *ev };

	loop_event(&p->loop, &le, ev->time_ms);
}

/* A sound output was plugged in: the kiosk speaks through it from now on. */
static void use_added_output(struct platform *p, int index)
{
	const char *name = SDL_GetAudioDeviceName(index, 0);
	char why[256];

	if (!p->audio || !name)
		return;
	if (audio_use_output(p->audio, name, why, sizeof(why)) == 0)
		logger_printf(p->log, LOG_LEVEL_INFO, "sound: speaking through %s", name);
	else
		logger_printf(p->log, LOG_LEVEL_WARNING, "sound: cannot use %s (%s)", name, why);
}

/* SDL's events as the loop's: the same few a replay script can send. */
static void handle_sdl_event(struct platform *p, const SDL_Event *ev, uint64_t now)
{
	struct loop_event le = { .type = LOOP_EVENT_QUIT };

	switch (ev->type) {
	case SDL_QUIT:
		break;
	case SDL_KEYDOWN:
		/* a visitor cannot leave: Esc quits only in desktop mode */
		if (!p->desktop || ev->key.keysym.sym != SDLK_ESCAPE)
			return;
		break;
	case SDL_WINDOWEVENT:
		/* SHOWN, RESTORED, MAXIMIZED and the like may come without an EXPOSED
		 * (KMSDRM sends SHOWN alone): each one draws the frame again */
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			le.type = LOOP_EVENT_RESIZE;
		else if (ev->window.event == SDL_WINDOWEVENT_FOCUS_GAINED ||
			 ev->window.event == SDL_WINDOWEVENT_FOCUS_LOST ||
			 ev->window.event == SDL_WINDOWEVENT_ENTER ||
			 ev->window.event == SDL_WINDOWEVENT_LEAVE ||
			 ev->window.event == SDL_WINDOWEVENT_MOVED)
			return;
		else
			le.type = LOOP_EVENT_EXPOSE;
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		le.type = LOOP_EVENT_OUTPUT_RESET;
		break;
	case SDL_AUDIODEVICEADDED:
		/* an output (a USB or Bluetooth headset; the Pi's jack reports nothing):
		 * speech moves to it, for private listening (EN 301 549 5.1.3.2) */
		if (ev->adevice.iscapture)
			return;
		use_added_output(p, (int)ev->adevice.which);
		le.type = LOOP_EVENT_HEADPHONES;
		break;
	case SDL_DISPLAYEVENT:
		/* A connector coming back renews the output (harmless when it was
		 * another one).  Only the loss of the panel the window is on stops the
		 * drawing: a second HDMI port or a dummy output going is no business of
		 * the kiosk, and no CONNECTED of that one would ever end a black screen. */
		if (ev->display.event == SDL_DISPLAYEVENT_CONNECTED)
			le.type = LOOP_EVENT_OUTPUT_BACK;
		else if (ev->display.event == SDL_DISPLAYEVENT_DISCONNECTED && p->window &&
			 (int)ev->display.display == SDL_GetWindowDisplayIndex(p->window))
			le.type = LOOP_EVENT_OUTPUT_LOST;
		else
			return;
		break;
	default:
		if (p->watch && ev->type == p->watch_event) {
			le.type = LOOP_EVENT_FILES_CHANGED;
			loop_event(&p->loop, &le, now);
			watch_notify_done(p->watch);
			return;
		}
		/* with libinput open SDL's own mouse/finger events are the same devices again */
		if (!p->libinput)
			p->in.dispatch(&p->in, ev);
		return;
	}
	loop_event(&p->loop, &le, now);
	if (le.type == LOOP_EVENT_RESIZE || le.type == LOOP_EVENT_OUTPUT_BACK)
		p->in.set_output_size(&p->in, p->out.out_w, p->out.out_h);
}

/* Blocks until an event or the deadline, then hands the events to the loop. */
static void wait_and_dispatch(struct platform *p, struct app *app, uint64_t now, uint64_t deadline)
{
	int timeout = deadline == NAV_NEVER      ? -1
		      : deadline <= now          ? 0
		      : deadline - now > INT_MAX ? INT_MAX
						 : (int)(deadline - now);
	int fd = p->in.get_fd(&p->in);
	SDL_Event ev;

	if (p->libinput && fd >= 0) {
		/* block on the touch device and the store; SDL has nothing to wait for
		 * on KMSDRM */
		struct pollfd pfd[2] = { { fd, POLLIN, 0 },
					 { p->updates ? bundle_source_fd(&p->src) : -1, POLLIN,
					   0 } };

		if (poll(pfd, 2, timeout) > 0 && (pfd[0].revents & POLLIN))
			p->in.dispatch(&p->in, NULL);
		if (pfd[1].revents & POLLIN)
			updates_poll(p, app, input_clock_ms());
		while (SDL_PollEvent(&ev))
			handle_sdl_event(p, &ev, input_clock_ms());
	} else if (timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout)) {
		do
			handle_sdl_event(p, &ev, input_clock_ms());
		while (SDL_PollEvent(&ev));
	}
}

static void flip_kms(void *ctx)
{
	kms_present(ctx);
}

/* Software rendering on KMSDRM: SDL 2 cannot show it, kms.c's dumb buffers do. */
static int open_kms(struct platform *p, const struct args *args)
{
	if (kms_open(&p->kms, args->size_given ? args->width : 0,
		     args->size_given ? args->height : 0, p->log) != 0)
		return -1;
	p->renderer = SDL_CreateSoftwareRenderer(kms_surface(&p->kms));
	if (!p->renderer) {
		logger_printf(p->log, LOG_LEVEL_ERROR, "cannot create a renderer: %s",
			      SDL_GetError());
		return -1;
	}
	return 0;
}

static int open_display(struct platform *p, const struct args *args, bool kmsdrm)
{
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;

	/* SDL 2's KMSDRM shows GLES2 frames only; software ones go through kms.c */
	if (kmsdrm) {
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
		/* The panel's own mode (the one the console runs in, else the connector's
		 * preferred one); plain FULLSCREEN would pick the mode closest to --size's
		 * default and run a 1920x1080 panel at 1280x720.  --size still forces one. */
		flags |= args->size_given ? SDL_WINDOW_FULLSCREEN : SDL_WINDOW_FULLSCREEN_DESKTOP;
	} else if (args->fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	}
	p->window = SDL_CreateWindow("foyer", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
				     args->width, args->height, flags);
	if (!p->window) {
		logger_printf(p->log, LOG_LEVEL_ERROR, "cannot open a window: %s", SDL_GetError());
		return -1;
	}
	p->renderer = SDL_CreateRenderer(p->window, -1,
					 SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC |
					     SDL_RENDERER_TARGETTEXTURE);
	if (!p->renderer)
		p->renderer = SDL_CreateRenderer(p->window, -1, SDL_RENDERER_TARGETTEXTURE);
	if (!p->renderer) {
		logger_printf(p->log, LOG_LEVEL_ERROR, "cannot create a renderer: %s",
			      SDL_GetError());
		return -1;
	}
	if (!p->desktop)
		SDL_ShowCursor(SDL_DISABLE);
	return 0;
}

static void open_input(struct platform *p, bool kmsdrm)
{
	struct input_options io = {
		.output_width = p->out.out_w,
		.output_height = p->out.out_h,
		.on_event = handle_touch,
		.user = p,
		.log = *p->log,
		.open_restricted = input_open_restricted_plain,
		.close_restricted = input_close_restricted_plain,
	};

	if (input_source_open_auto(&p->in, kmsdrm, &io) != 0) {
		logger_printf(p->log, LOG_LEVEL_ERROR,
			      "no touch input; the kiosk shows but cannot be used");
		input_source_init_sdl(
		    &p->in); /* its calls are safe on a source that did not open */
	}
	p->libinput = strcmp(p->in.name, "libinput") == 0;
}

/* The boot's seconds to content, once the first frame is up (boottime.h). */
static void log_first_frame(struct platform *p)
{
	if (p->first_frame_logged || !p->loop.presented)
		return;
	boottime_log_first_frame(p->log);
	p->first_frame_logged = true;
}

/* --watch: the first build before the app opens its bundle (the app shows the
 * out-of-order screen and the messages when it fails). */
static int watch_start(struct platform *p, struct watch *w, const char *dir, struct app_options *o)
{
	if (watch_open(w, dir, NULL, stderr, p->log) != 0)
		return -1;
	p->watch = w;
	watch_build(w, NULL, input_clock_ms());
	o->bundle_path = watch_bundle(w);
	return 0;
}

/* Once the app and the loop are up: what the first build said, and the
 * thread that wakes the loop on a save. */
static void watch_attach(struct platform *p, struct app *app)
{
	if (!p->watch)
		return;
	app_set_overlay(app, watch_overlay(p->watch));
	loop_set_watch(&p->loop, p->watch);
	p->watch_event = SDL_RegisterEvents(1);
	if (p->watch_event == (Uint32)-1 || watch_notify_start(p->watch, p->watch_event) != 0)
		logger_printf(p->log, LOG_LEVEL_ERROR, "watch: cannot follow the folder: %s",
			      SDL_GetError());
}

int platform_run(const struct args *args, const struct app_options *opt, const struct config *cfg,
		 const struct logger *log)
{
	struct platform p = { .kms = { .fd = -1 }, .desktop = !args->fullscreen, .log = log };
	struct platform_clock clock = { .cfg = cfg, .log = log };
	struct app_options app_opt = *opt;
	char why[256] = "";
	struct console console = { .fd = -1 };
	struct watchdog wd;
	struct watch watch;
	struct app *app = NULL;
	const char *driver;
	bool kmsdrm, dumb = kms_wanted();
	int rc = 2;

	/* on dumb buffers SDL's video stays off: its KMSDRM would load Mesa */
	if (SDL_Init(dumb ? SDL_INIT_EVENTS : SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		logger_printf(log, LOG_LEVEL_ERROR, "cannot start SDL video: %s", SDL_GetError());
		return 2;
	}
	watchdog_init(&wd, input_clock_ms(), log);
	driver = dumb ? "KMSDRM" : SDL_GetCurrentVideoDriver();
	kmsdrm = driver && strcmp(driver, "KMSDRM") == 0;
	if (kmsdrm)
		p.desktop = false;
	/* sizes in millimetres: the panel's own, unless the technician gave one */
	if (kmsdrm && !(app_opt.panel.width_mm > 0))
		panel_read_drm(&app_opt.panel, log);
	if (!p.desktop)
		console_mute(&console, log);
	if ((dumb ? open_kms(&p, args) : open_display(&p, args, kmsdrm)) != 0)
		goto out_display;
	if (output_init(&p.out, p.renderer, cfg->rotation) != 0)
		logger_printf(log, LOG_LEVEL_ERROR, "cannot rotate the output: %s", SDL_GetError());
	if (dumb) {
		p.out.flip = flip_kms;
		p.out.flip_ctx = &p.kms;
	}
	/* speech through the sound card; a kiosk without one still highlights */
	app_opt.audio = audio_open_device(why, sizeof(why));
	if (!app_opt.audio) {
		logger_printf(log, LOG_LEVEL_WARNING, "no sound output (%s); read aloud is silent",
			      why);
		app_opt.audio = audio_open_null(input_clock_ms());
		/* still told when a headset or a USB sound card is plugged in */
		SDL_InitSubSystem(SDL_INIT_AUDIO);
	}
	p.audio = app_opt.audio;
	/* SDL announces every output present at start as "added": only one that
	 * comes later is a headset plugged in, else the kiosk would speak the
	 * headphones hint into the foyer at every start */
	SDL_FlushEvent(SDL_AUDIODEVICEADDED);
	updates_start(&p, args, &app_opt);
	if (args->watch && watch_start(&p, &watch, args->watch, &app_opt) != 0)
		goto out_audio;
	app = app_new(&app_opt, p.renderer, p.out.w, p.out.h, input_clock_ms());
	if (!app) {
		logger_printf(log, LOG_LEVEL_ERROR, "%s", SDL_GetError());
		goto out_watch;
	}
	open_input(&p, kmsdrm);
	loop_init(&p.loop, app, &p.out, &wd, &cfg->hours, wall_now, NULL, input_clock_ms());
	loop_set_trust(&p.loop, clock_trusted, &clock, input_clock_ms());
	watch_attach(&p, app);
	loop_turn(&p.loop, input_clock_ms());
	log_first_frame(&p);
	while (!p.loop.quit) {
		uint64_t now = input_clock_ms();

		wait_and_dispatch(&p, app, now, loop_next_deadline(&p.loop, now));
		loop_turn(&p.loop, input_clock_ms());
		log_first_frame(&p);
		updates_check(&p, app, input_clock_ms());
	}
	rc = 0;
	watchdog_notify_stopping(&wd);
	p.in.close(&p.in);
	app_free(app);
out_watch:
	if (p.watch)
		watch_close(p.watch);
out_audio:
	audio_close(app_opt.audio, input_clock_ms(), why, sizeof(why));
	if (p.updates)
		bundle_source_destroy(&p.src);
	output_close(&p.out);
out_display:
	if (p.renderer)
		SDL_DestroyRenderer(p.renderer);
	if (p.window)
		SDL_DestroyWindow(p.window);
	kms_close(&p.kms);
	/* SDL's KMSDRM input may set and restore the keyboard mode too: ours comes last. */
	SDL_Quit();
	console_restore(&console, log);
	return rc;
}
