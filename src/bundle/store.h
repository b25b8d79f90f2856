/* store: the kiosk's bundle store on the writable data partition, shared by the
 * updater that fills it (src/update/, as root) and the kiosk that reads it
 * (src/bundle-source.c, unprivileged).
 *
 *   DIR/bundles/VERSION-ID/content.fpk          one installed bundle and its
 *   DIR/bundles/VERSION-ID/content.fpk.minisig  signature (ID: 8 hex digits of
 *                                               the bundle's BLAKE2b-512)
 *   DIR/current  -> bundles/VERSION-ID          symlink: the bundle to show
 *   DIR/previous -> bundles/VERSION-ID          symlink: the one before it
 *   DIR/status                                  the last update's result
 *   DIR/.incoming-XXXXXX/                       an install in progress
 *
 * A bundle folder gets its final name only once both files are flushed to the
 * medium, and the symlinks are replaced by rename(), so after a power cut at any
 * moment `current` names a complete bundle (the old or the new one).
 *
 * The status file is lines of "key=value" (UTF-8, no NULs):
 *   seq=N          counts every update attempt, so a reader sees each one once
 *   result=installed|refused
 *   code=WORD      why, as a word the kiosk turns into its bilingual banner
 *   version=V      the version offered (may be empty when unknown)
 *   detail=TEXT    the full English reason, for the log */
#ifndef FOYER_BUNDLE_STORE_H
#define FOYER_BUNDLE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle/bundle.h"
#include "bundle/release.h"

#define STORE_DEFAULT_DIR "/var/lib/foyer"
#define STORE_BUNDLE "content.fpk"
#define STORE_SIGNATURE "content.fpk.minisig"
#define STORE_BUNDLES "bundles"
#define STORE_CURRENT "current"
#define STORE_PREVIOUS "previous"
#define STORE_STATUS "status"
#define STORE_INCOMING_PREFIX ".incoming-"
/* The status file is a handful of short lines. */
#define STORE_STATUS_MAX 2048
#define STORE_PATH_MAX 4096

enum store_slot {
	STORE_SLOT_CURRENT,
	STORE_SLOT_PREVIOUS,
};

/* Why an update ended as it did: the status file's code= words, in this order. */
enum store_code {
	STORE_CODE_INSTALLED,     /* "installed": the new bundle is current */
	STORE_CODE_ROLLED_BACK,   /* "rolled-back": an older bundle, with permission */
	STORE_CODE_NO_KEYS,       /* "no-keys": this kiosk has no keys, takes no updates */
	STORE_CODE_UNSIGNED,      /* "unsigned": no signature beside the bundle */
	STORE_CODE_BAD_SIGNATURE, /* "bad-signature": wrong key, changed file or comment */
	STORE_CODE_NO_VERSION,    /* "no-version": no foyer-version in the signature */
	STORE_CODE_NOT_NEWER,     /* "not-newer": older or the same as what is shown */
	STORE_CODE_DAMAGED,       /* "damaged": an entry, the site or a page is broken */
	STORE_CODE_NO_SPACE,      /* "no-space": the data partition is too small */
	STORE_CODE_FAILED,        /* "failed": reading the stick or writing failed */
	STORE_CODE_COUNT,
};

struct store_status {
	unsigned long seq;
	bool installed; /* result=installed (else refused) */
	enum store_code code;
	char version[RELEASE_VERSION_TEXT];
	char detail[512];
};

/* The word for a code ("not-newer"); STORE_CODE_FAILED's for anything out of range. */
const char *store_code_name(enum store_code code);
/* The code for the word of len bytes at name; -1 when it names none. */
int store_code_parse(const char *name, size_t len);

/* DIR/current/content.fpk or DIR/previous/content.fpk, and its signature. */
int store_slot_path(const char *dir, enum store_slot slot, const char *file, char *out, size_t cap);

/* Reads DIR/status.  BUNDLE_ERR_NOT_FOUND when there is none yet. */
int store_status_read(const char *dir, struct store_status *st, struct bundle_diag *diag);
/* Writes DIR/status durably (temporary file, fsync, rename, fsync DIR). */
int store_status_write(const char *dir, const struct store_status *st, struct bundle_diag *diag);

#endif
