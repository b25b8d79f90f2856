/* stick: mounts a USB stick for the updater the only way it may be mounted:
 * read-only, nosuid, nodev, noexec, and only as vfat or exfat (the kernel is told
 * each type in turn; anything else is refused, so a crafted ext4 or squashfs
 * image never reaches a file system driver that trusts its input less). */
#ifndef FOYER_UPDATE_STICK_H
#define FOYER_UPDATE_STICK_H

#include <stddef.h>

#include "bundle/bundle.h"

/* Mounts device at mountpoint (an existing empty folder).  *fstype receives the
 * type that worked.  BUNDLE_ERR_NOT_BUNDLE when the device is neither type. */
int stick_mount(const char *device, const char *mountpoint, const char **fstype,
		struct bundle_diag *diag);
int stick_unmount(const char *mountpoint, struct bundle_diag *diag);

#endif
