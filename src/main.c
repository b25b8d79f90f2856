/* foyer: the kiosk.  Reads the command line (args.h) and foyer.conf, sets up one
 * log for everything (SDL's messages included), then runs one of three modes
 * over the same app:
 *   interactive  a window (desktop) or the panel (KMSDRM): platform.c
 *   --screenshot headless, one frame, a PNG: headless.c
 *   --replay     headless, a script with a virtual clock: replay.c
 *   --sheet      headless, every page at every size on one PNG: sheet.c
 * The interactive and replay modes share one loop (loop.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "args.h"
#include "config.h"
#include "headless.h"
#include "platform.h"
#include "replay.h"
#include "sheet.h"

#ifndef FOYER_DEFAULT_BUNDLE
#define FOYER_DEFAULT_BUNDLE "/boot/firmware/content.fpk" /* where the SD image keeps it */
#endif

static enum log_level log_threshold = LOG_LEVEL_INFO;

static void log_to_stderr(void *user, enum log_level level, const char *message)
{
	(void)user;
	if (level <= log_threshold)
		fprintf(stderr, "foyer: %s: %s\n", logger_level_name(level), message);
}

/* SDL's priorities on foyer.conf's levels; "critical" is an error. */
static const enum log_level sdl_levels[SDL_NUM_LOG_PRIORITIES] = {
	[SDL_LOG_PRIORITY_VERBOSE] = LOG_LEVEL_DEBUG, [SDL_LOG_PRIORITY_DEBUG] = LOG_LEVEL_DEBUG,
	[SDL_LOG_PRIORITY_INFO] = LOG_LEVEL_INFO,     [SDL_LOG_PRIORITY_WARN] = LOG_LEVEL_WARNING,
	[SDL_LOG_PRIORITY_ERROR] = LOG_LEVEL_ERROR,   [SDL_LOG_PRIORITY_CRITICAL] = LOG_LEVEL_ERROR,
};

/* SDL's own messages and the app's (which logs through SDL) reach the one log,
 * under the same log_level. */
static void sdl_log(void *user, int category, SDL_LogPriority priority, const char *message)
{
	(void)category;
	log_to_stderr(user,
		      (unsigned)priority < SDL_NUM_LOG_PRIORITIES ? sdl_levels[priority]
								  : LOG_LEVEL_ERROR,
		      message);
}

static void setup_log(enum log_level level)
{
	log_threshold = level;
	SDL_LogSetOutputFunction(sdl_log, NULL);
	/* SDL filters before our function sees a message: let through what we want */
	SDL_LogSetAllPriority(level >= LOG_LEVEL_DEBUG     ? SDL_LOG_PRIORITY_DEBUG
			      : level >= LOG_LEVEL_INFO    ? SDL_LOG_PRIORITY_INFO
			      : level >= LOG_LEVEL_WARNING ? SDL_LOG_PRIORITY_WARN
							   : SDL_LOG_PRIORITY_ERROR);
}

static int run_replay(const struct args *args, const struct app_options *opt,
		      const struct config *cfg, const struct logger *log)
{
	struct replay_options ro = {
		.script = args->replay,
		.out_dir = args->out,
		.log = stderr,
		.app = opt,
		.hours = &cfg->hours,
		.out_w = args->width,
		.out_h = args->height,
		.rotation = cfg->rotation,
		.audio_out = args->audio_out,
	};
	const char *times = getenv("FOYER_FRAME_TIMES");
	int rc;

	/* The shots' folder is made here, like any output file's place would be. */
	if (args->out && mkdir(args->out, 0755) != 0 && errno != EEXIST) {
		logger_printf(log, LOG_LEVEL_ERROR, "cannot create %s: %s", args->out,
			      strerror(errno));
		return 2;
	}
	if (times && !(ro.frame_times = fopen(times, "w")))
		logger_printf(log, LOG_LEVEL_WARNING, "cannot write %s: %s", times,
			      strerror(errno));
	rc = replay_run(&ro);
	if (ro.frame_times)
		fclose(ro.frame_times);
	return rc;
}

int main(int argc, char **argv)
{
	struct args args;
	struct app_options opt = { 0 };
	struct config cfg;
	struct logger log = { log_to_stderr, NULL };
	int rc;

	switch (args_parse(&args, argc, argv, stdout, stderr)) {
	case ARGS_OK:
		break;
	case ARGS_HELP:
		return 0;
	case ARGS_ERROR:
		return 2;
	}
	setup_log(LOG_LEVEL_INFO);
	config_init_defaults(&cfg);
	if (args.config)
		config_load_file(&cfg, args.config, &log);
	setup_log(cfg.log_level);
	opt.bundle_path = args.bundle ? args.bundle : FOYER_DEFAULT_BUNDLE;
	opt.lang = config_language_code(cfg.language);
	opt.location = cfg.site[0] ? cfg.site : NULL;
	opt.idle_ms = cfg.idle_timeout_s * 1000u;
	opt.attract_ms = cfg.attract_timeout_s * 1000u;
	opt.panel = cfg.panel;
	if (args.panel_w_mm > 0) {
		opt.panel.width_mm = args.panel_w_mm;
		opt.panel.height_mm = args.panel_h_mm;
	}
	opt.mount_bottom_mm = cfg.mount_bottom_mm;
	opt.text_scale = args.text_scale;
	opt.high_contrast = args.high_contrast;
	if (cfg.hours_given && cfg.closed_screen == CONFIG_CLOSED_DIM)
		opt.closed_hours = &cfg.hours;

	if (TTF_Init() != 0) {
		logger_printf(&log, LOG_LEVEL_ERROR, "cannot start SDL_ttf: %s", SDL_GetError());
		return 2;
	}
	if (args.sheet)
		rc = sheet_run(&args, &opt, &log);
	else if (args.screenshot)
		rc = headless_screenshot(&args, &opt, &log);
	else if (args.replay)
		rc = run_replay(&args, &opt, &cfg, &log);
	else
		rc = platform_run(&args, &opt, &cfg, &log);
	TTF_Quit();
	return rc;
}
