#include "update/stick.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

#include "bundle/bundle-private.h"

/* The file systems a stick may carry, and the options each is mounted with:
 * file names as UTF-8, and no permission bits from the medium. */
static const struct {
	const char *type;
	const char *options;
} stick_types[] = {
	{ "vfat", "utf8,fmask=0133,dmask=0022" },
	{ "exfat", "iocharset=utf8,fmask=0133,dmask=0022" },
};

int stick_mount(const char *device, const char *mountpoint, const char **fstype,
		struct bundle_diag *diag)
{
	const unsigned long flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME;
	int last = 0;
	for (size_t i = 0; i < sizeof(stick_types) / sizeof(stick_types[0]); i++) {
		if (mount(device, mountpoint, stick_types[i].type, flags, stick_types[i].options) ==
		    0) {
			*fstype = stick_types[i].type;
			return BUNDLE_OK;
		}
		last = errno;
	}
	return bundle_fail(diag, BUNDLE_ERR_NOT_BUNDLE,
			   "%s: not mountable as vfat or exfat (last error: %s)", device,
			   strerror(last));
}

int stick_unmount(const char *mountpoint, struct bundle_diag *diag)
{
	/* Read-only: nothing to flush, so a lazy detach cannot lose anything. */
	if (umount2(mountpoint, 0) < 0 && umount2(mountpoint, MNT_DETACH) < 0)
		return bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot unmount: %s", mountpoint,
				   strerror(errno));
	return BUNDLE_OK;
}
