/* bundle-writer: builds an .fpk file (docs/bundle-format.md).  Entries are
 * collected in memory, sorted by name and written in one go, so the same entries
 * always give the same bytes.  Writing to a path goes through a temporary file,
 * fsync and rename: the target is either the old file or the complete new one. */
#ifndef FOYER_BUNDLE_WRITER_H
#define FOYER_BUNDLE_WRITER_H

#include "bundle/bundle.h"

#define BUNDLE_ADD_COMPRESS 0x1u /* try zstd; kept only when it saves space */

struct bundle_writer;

/* Returns NULL when out of memory.  Free with bundle_writer_free(). */
struct bundle_writer *bundle_writer_new(void);
void bundle_writer_free(struct bundle_writer *w);

/* zstd's level for the entries added from now on (1..19; 0: the default, 19).
 * A draft for a preview takes BUNDLE_DRAFT_LEVEL: zstd 19 of the fonts is most
 * of a rebuild's time, and a draft is read once and thrown away. */
#define BUNDLE_DRAFT_LEVEL 3
void bundle_writer_set_level(struct bundle_writer *w, int level);

/* Copies data.  Fails on an invalid or duplicate name or a size over the limits. */
int bundle_writer_add(struct bundle_writer *w, enum bundle_entry_type type, const char *name,
		      const void *data, size_t size, unsigned add_flags, struct bundle_diag *diag);

/* Serialises everything into one malloc'd buffer that the caller frees. */
int bundle_writer_to_memory(struct bundle_writer *w, uint8_t **out, size_t *size,
			    struct bundle_diag *diag);

/* Writes atomically to path (temp file in the same directory, fsync, rename).  On
 * failure nothing is left behind and an existing file at path is untouched.  A
 * symlink at path is followed: its target is replaced.  path (or that target)
 * must be a regular file or a new name: a device, FIFO, socket or folder is
 * refused with BUNDLE_ERR_IO, never replaced. */
int bundle_writer_to_file(struct bundle_writer *w, const char *path, struct bundle_diag *diag);

/* The check bundle_writer_to_file() makes on path, on its own: callers make it
 * before long work, so a wrong -o is said at once. */
int bundle_writer_check_path(const char *path, struct bundle_diag *diag);

#endif
