/* install: takes a signed bundle from a folder (the mounted USB stick) into the
 * kiosk's bundle store (src/bundle/store.h), or refuses it and says why.
 *
 * Only SOURCE/foyer/content.fpk, its signature content.fpk.minisig and an
 * optional rollback permission content.fpk.rollback.minisig are looked at;
 * anything else on the stick is ignored.  The bundle and its signature are first
 * copied into a new folder of the store, and only that copy is checked (so a
 * stick that changes under us cannot slip anything past the check): the
 * signature against the city's keys, the version against the one shown (newer,
 * or a rollback permission), every entry's hash, the site, every page and every
 * picture.  Then the folder is published and `current` switched to it, the old
 * current kept as `previous`, and the status written.  Every step that changes
 * the store is flushed before the next, so a power cut after any step leaves a
 * store whose `current` is complete.
 *
 * Test builds (-DFOYER_UPDATE_FAULTS) stop the process after the step named by
 * the environment variable FOYER_UPDATE_CUT_AFTER, as a power cut there would. */
#ifndef FOYER_UPDATE_INSTALL_H
#define FOYER_UPDATE_INSTALL_H

#include <stdbool.h>

#include "bundle/store.h"
#include "logger.h"

#define INSTALL_STICK_DIR "foyer"
#define INSTALL_CUT_ENV "FOYER_UPDATE_CUT_AFTER"
#define INSTALL_CUT_EXIT 99 /* exit status of a test build cut short */
/* Room left on the data partition besides the new bundle: the status file, the
 * file system's own needs. */
#define INSTALL_SPARE_BYTES (1u << 20)

/* The steps, in order, as FOYER_UPDATE_CUT_AFTER names them. */
extern const char *const install_steps[];
extern const unsigned install_step_count;

struct install_options {
	const char *store_dir;  /* STORE_DEFAULT_DIR */
	const char *keys_dir;   /* RELEASE_KEYS_DIR */
	const char *source_dir; /* holds foyer/content.fpk: the mounted stick */
	/* The FAT partition's bundle: its signed version counts as installed while
	 * the store is empty.  May be NULL. */
	const char *fat_bundle;
	const struct logger *log;
};

struct install_result {
	bool offered;               /* the source held a foyer bundle */
	struct store_status status; /* what was written to the store's status */
};

/* Runs one update.  Returns 0 when the source was handled (installed, refused
 * or not offered: see result), -1 when the store itself could not be used. */
int install_from(const struct install_options *opt, struct install_result *result);

/* The complete content check: every entry's hash, the site record, every page
 * record and every picture decodes.  diag names the first problem. */
int install_check_content(const char *bundle_path, struct bundle_diag *diag);

/* Removes install leftovers (.incoming-* folders, bundles neither current nor
 * previous) from the store. */
int install_clean(const char *store_dir, struct bundle_diag *diag);

#endif
