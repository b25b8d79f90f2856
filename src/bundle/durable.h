/* durable: files that survive a power cut whole or not at all.  A new file is
 * written under a temporary name in the target's folder, flushed to the medium
 * (fsync), renamed over the target and the folder flushed too, so after a cut
 * the target holds either its old or its new bytes, never a mix or nothing.
 * Used by foyer-pack for bundles and signatures and by the kiosk's updater. */
#ifndef FOYER_BUNDLE_DURABLE_H
#define FOYER_BUNDLE_DURABLE_H

#include <stddef.h>
#include <sys/types.h>

#include "bundle/bundle.h"

/* Replaces path with size bytes of data, file mode mode.  On failure nothing is
 * left behind and an existing file at path is untouched. */
int durable_write_file(const char *path, const void *data, size_t size, mode_t mode,
		       struct bundle_diag *diag);

/* Copies the regular file src to dst the same way (dst's folder must exist). */
int durable_copy_file(const char *src, const char *dst, mode_t mode, struct bundle_diag *diag);

/* Flushes a folder's entries (after a rename, link or unlink in it). */
int durable_sync_dir(const char *dir, struct bundle_diag *diag);

/* Flushes the folder that holds path. */
int durable_sync_parent(const char *path, struct bundle_diag *diag);

#endif
