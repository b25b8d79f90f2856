/* platform: the interactive loop; see platform.h. */
#include "platform.h"

#include <limits.h>
#include <poll.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "audio.h"
#include "clock.h"
#include "console.h"
#include "input.h"
#include "loop.h"
#include "outoforder.h"
#include "output.h"
#include "panel.h"
#include "watchdog.h"

struct platform {
	SDL_Window *window;
	SDL_Renderer *renderer;
	struct output out;
	struct input_source in;
	struct loop loop;
	bool desktop;  /* Esc quits (never on the device) */
	bool libinput; /* touches come from libinput, not from SDL's events */
	const struct logger *log;
};

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
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			le.type = LOOP_EVENT_RESIZE;
		else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED)
			le.type = LOOP_EVENT_EXPOSE;
		else
			return;
		break;
	case SDL_RENDER_TARGETS_RESET:
	case SDL_RENDER_DEVICE_RESET:
		le.type = LOOP_EVENT_OUTPUT_RESET;
		break;
	case SDL_AUDIODEVICEADDED:
		/* an output (a USB or Bluetooth headset; the Pi's jack reports nothing) */
		if (ev->adevice.iscapture)
			return;
		le.type = LOOP_EVENT_HEADPHONES;
		break;
	case SDL_DISPLAYEVENT:
		if (ev->display.event == SDL_DISPLAYEVENT_DISCONNECTED)
			le.type = LOOP_EVENT_OUTPUT_LOST;
		else if (ev->display.event == SDL_DISPLAYEVENT_CONNECTED)
			le.type = LOOP_EVENT_OUTPUT_BACK;
		else
			return;
		break;
	default:
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
static void wait_and_dispatch(struct platform *p, uint64_t now, uint64_t deadline)
{
	int timeout = deadline == NAV_NEVER      ? -1
		      : deadline <= now          ? 0
		      : deadline - now > INT_MAX ? INT_MAX
						 : (int)(deadline - now);
	int fd = p->in.get_fd(&p->in);
	SDL_Event ev;

	if (p->libinput && fd >= 0) {
		/* block on the touch device; SDL has nothing to wait for on KMSDRM */
		struct pollfd pfd = { fd, POLLIN, 0 };

		if (poll(&pfd, 1, timeout) > 0)
			p->in.dispatch(&p->in, NULL);
		while (SDL_PollEvent(&ev))
			handle_sdl_event(p, &ev, input_clock_ms());
	} else if (timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout)) {
		do
			handle_sdl_event(p, &ev, input_clock_ms());
		while (SDL_PollEvent(&ev));
	}
}

static int open_display(struct platform *p, const struct args *args, bool kmsdrm)
{
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;

	/* SDL 2's software renderer shows nothing on KMSDRM: GLES2 there */
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

int platform_run(const struct args *args, const struct app_options *opt, const struct config *cfg,
		 const struct logger *log)
{
	struct platform p = { .desktop = !args->fullscreen, .log = log };
	struct platform_clock clock = { .cfg = cfg, .log = log };
	struct app_options app_opt = *opt;
	char why[256] = "";
	struct console console = { .fd = -1 };
	struct watchdog wd;
	struct app *app = NULL;
	const char *driver;
	bool kmsdrm;
	int rc = 2;

	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		logger_printf(log, LOG_LEVEL_ERROR, "cannot start SDL video: %s", SDL_GetError());
		return 2;
	}
	watchdog_init(&wd, input_clock_ms(), log);
	driver = SDL_GetCurrentVideoDriver();
	kmsdrm = driver && strcmp(driver, "KMSDRM") == 0;
	if (kmsdrm)
		p.desktop = false;
	/* sizes in millimetres: the panel's own, unless the technician gave one */
	if (kmsdrm && !(app_opt.panel.width_mm > 0))
		panel_read_drm(&app_opt.panel, log);
	if (!p.desktop)
		console_mute(&console, log);
	if (open_display(&p, args, kmsdrm) != 0)
		goto out_display;
	if (output_init(&p.out, p.renderer, cfg->rotation) != 0)
		logger_printf(log, LOG_LEVEL_ERROR, "cannot rotate the output: %s",
			      SDL_GetError()); /* speech through the sound card; a kiosk without one
						  still highlights */
	app_opt.audio = audio_open_device(why, sizeof(why));
	if (!app_opt.audio) {
		logger_printf(log, LOG_LEVEL_WARNING, "no sound output (%s); read aloud is silent",
			      why);
		app_opt.audio = audio_open_null(input_clock_ms());
	}
	app = app_new(&app_opt, p.renderer, p.out.w, p.out.h, input_clock_ms());
	if (!app) {
		logger_printf(log, LOG_LEVEL_ERROR, "%s", SDL_GetError());
		audio_close(app_opt.audio, input_clock_ms(), why, sizeof(why));
		goto out_output;
	}
	open_input(&p, kmsdrm);
	loop_init(&p.loop, app, &p.out, &wd, &cfg->hours, wall_now, NULL, input_clock_ms());
	loop_set_trust(&p.loop, clock_trusted, &clock, input_clock_ms());
	loop_turn(&p.loop, input_clock_ms());
	while (!p.loop.quit) {
		uint64_t now = input_clock_ms();

		wait_and_dispatch(&p, now, loop_next_deadline(&p.loop, now));
		loop_turn(&p.loop, input_clock_ms());
	}
	rc = 0;
	watchdog_notify_stopping(&wd);
	p.in.close(&p.in);
	app_free(app);
	audio_close(app_opt.audio, input_clock_ms(), why, sizeof(why));
out_output:
	output_close(&p.out);
out_display:
	if (p.renderer)
		SDL_DestroyRenderer(p.renderer);
	if (p.window)
		SDL_DestroyWindow(p.window);
	/* SDL's KMSDRM input may set and restore the keyboard mode too: ours comes last. */
	SDL_Quit();
	console_restore(&console, log);
	return rc;
}
