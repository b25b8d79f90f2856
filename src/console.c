/* console: VT keyboard muting and switch locking. */
#include "console.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kd.h>
#include <linux/vt.h>

static void console_clear(struct console *c)
{
	c->fd = -1;
	c->own_fd = false;
	c->old_kbmode = K_XLATE;
	c->muted = false;
	c->old_mode = KD_TEXT;
	c->graphics = false;
	c->switch_locked = false;
}

/* True if fd is a virtual terminal (a pty or pipe answers KDGKBMODE with an error). */
static bool fd_is_vt(int fd, int *kbmode)
{
	return fd >= 0 && ioctl(fd, KDGKBMODE, kbmode) == 0;
}

int console_mute_fd(struct console *c, int fd, const struct logger *log)
{
	int mode;

	console_clear(c);
	if (!fd_is_vt(fd, &mode)) {
		logger_printf(log, LOG_LEVEL_INFO,
			      "console: not on a virtual terminal; console keyboard left alone");
		return 1;
	}
	if (ioctl(fd, KDSKBMODE, K_OFF) != 0) {
		/* EPERM: the VT is not our controlling terminal (TTYPath=, StandardInput=tty) */
		logger_printf(log, errno == EPERM ? LOG_LEVEL_WARNING : LOG_LEVEL_ERROR,
			      "console: cannot mute the console keyboard: %s", strerror(errno));
		return errno == EPERM ? 1 : -1;
	}
	c->fd = fd;
	c->old_kbmode = mode;
	c->muted = true;
	if (ioctl(fd, KDGETMODE, &c->old_mode) == 0 && ioctl(fd, KDSETMODE, KD_GRAPHICS) == 0)
		c->graphics = true;
	else
		logger_printf(log, LOG_LEVEL_INFO, "console: VT left in text mode: %s",
			      strerror(errno));
	if (ioctl(fd, VT_LOCKSWITCH, 0) == 0)
		c->switch_locked = true;
	else
		logger_printf(
		    log, LOG_LEVEL_INFO,
		    "console: VT switching not locked (%s; needs CAP_SYS_TTY_CONFIG); the image "
		    "disables the other VTs instead",
		    strerror(errno));
	logger_printf(log, LOG_LEVEL_INFO, "console: keyboard muted%s%s",
		      c->graphics ? ", VT in graphics mode" : "",
		      c->switch_locked ? ", VT switching locked" : "");
	return 0;
}

int console_mute(struct console *c, const struct logger *log)
{
	struct vt_stat state;
	char path[32];
	int mode, fd, tty0, rc;

	console_clear(c);
	if (fd_is_vt(STDIN_FILENO, &mode))
		return console_mute_fd(c, STDIN_FILENO, log);
	/* Not given a VT: the active one, where we have the right (root, or tests). */
	tty0 = open("/dev/tty0", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty0 < 0 || ioctl(tty0, VT_GETSTATE, &state) != 0) {
		if (tty0 >= 0)
			close(tty0);
		logger_printf(log, LOG_LEVEL_INFO,
			      "console: not on a virtual terminal; console keyboard left alone");
		return 1;
	}
	close(tty0);
	snprintf(path, sizeof(path), "/dev/tty%u", (unsigned)state.v_active);
	fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		logger_printf(log, LOG_LEVEL_INFO,
			      "console: cannot open %s: %s; console keyboard left alone", path,
			      strerror(errno));
		return 1;
	}
	rc = console_mute_fd(c, fd, log);
	if (rc == 0)
		c->own_fd = true;
	else
		close(fd);
	return rc;
}

void console_restore(struct console *c, const struct logger *log)
{
	if (c->fd < 0)
		return;
	if (c->switch_locked && ioctl(c->fd, VT_UNLOCKSWITCH, 0) != 0)
		logger_printf(log, LOG_LEVEL_WARNING, "console: cannot unlock VT switching: %s",
			      strerror(errno));
	if (c->graphics && ioctl(c->fd, KDSETMODE, c->old_mode) != 0)
		logger_printf(log, LOG_LEVEL_WARNING,
			      "console: cannot restore the VT's text mode: %s", strerror(errno));
	if (c->muted && ioctl(c->fd, KDSKBMODE, c->old_kbmode) != 0)
		logger_printf(log, LOG_LEVEL_WARNING,
			      "console: cannot restore the keyboard mode: %s", strerror(errno));
	if (c->own_fd)
		close(c->fd);
	console_clear(c);
}
