/* console: keep the visitor away from the Linux console.  Mutes the VT's keyboard
 * (KDSKBMODE K_OFF, so a USB keyboard plugged in types nothing into the console
 * under the kiosk), puts the VT in graphics mode (KD_GRAPHICS: the kernel neither
 * draws text over the kiosk nor blanks it) and locks VT switching where permitted;
 * restores all of it on exit.
 * Anywhere else (a desktop, a terminal emulator, a test) it does nothing and says so.
 * After a crash systemd's TTYReset=yes restores the VT, since we cannot. */
#ifndef FOYER_CONSOLE_H
#define FOYER_CONSOLE_H

#include <stdbool.h>

#include "logger.h"

struct console {
	int fd;             /* the VT we changed, or -1 */
	bool own_fd;        /* we opened fd and close it on restore */
	int old_kbmode;     /* KDGKBMODE before muting, put back on restore */
	bool muted;         /* K_OFF is set */
	int old_mode;       /* KDGETMODE before, put back on restore */
	bool graphics;      /* KD_GRAPHICS is set */
	bool switch_locked; /* VT_LOCKSWITCH is set */
};

/* Finds the VT (stdin when the unit gives us one with TTYPath=, else the active VT
 * via /dev/tty0) and mutes it.  Returns 0 when muted, 1 when there is no VT we may
 * change (logged at info), -1 on an unexpected error (logged).  The kiosk runs on in
 * every case.  Pair with console_restore(). */
int console_mute(struct console *c, const struct logger *log);
/* The same on a descriptor the caller owns (and keeps: not closed on restore). */
int console_mute_fd(struct console *c, int fd, const struct logger *log);
/* Puts back the keyboard and display modes and unlocks switching; safe without a
 * mute and twice.  Call it after SDL_Quit(): SDL's KMSDRM input may change and
 * restore the keyboard mode itself, and the last restore must be ours. */
void console_restore(struct console *c, const struct logger *log);

#endif
