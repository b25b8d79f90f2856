/* platform: the kiosk on a real display: a window on a desktop (the mouse is a
 * finger, Esc quits), or the panel on KMSDRM (GLES2, libinput touch, the console
 * muted, systemd's watchdog).  It opens the display and input, then runs the
 * shared loop (loop.h), blocking until an event or the loop's next deadline. */
#ifndef FOYER_PLATFORM_H
#define FOYER_PLATFORM_H

#include "app.h"
#include "args.h"
#include "config.h"
#include "logger.h"

/* Runs until quit.  Returns the process's exit status: 0, or 2 when the display
 * cannot be set up (the log says why). */
int platform_run(const struct args *args, const struct app_options *opt, const struct config *cfg,
		 const struct logger *log);

#endif
