/* release: what makes a signed bundle a release a kiosk may show: foyer's fields
 * in minisign's trusted comment, the city's key ring, and the version order.
 *
 * A bundle's signature (FILE.minisig, made by `foyer-pack sign` or by
 * `minisign -S -H -t "foyer-version:2026-12-01.1"`) carries in its trusted
 * comment the field
 *     foyer-version:YYYY-MM-DD.N      the date it was signed and a counter N >= 1
 * Fields are separated by spaces or tabs; others (minisign's "timestamp:",
 * "file:") are ignored.  Versions order by date, then by N.
 *
 * A rollback permission (FILE.rollback.minisig) is a second signature of the
 * same bundle file whose trusted comment carries
 *     foyer-rollback-from:YYYY-MM-DD.N
 * It lets that bundle replace any installed version up to and including the one
 * named, although the bundle is older.  Being a signature of the bundle's bytes,
 * it permits exactly that bundle and nothing else.
 *
 * Libraries do not print: errors come back as bundle_error + bundle_diag. */
#ifndef FOYER_BUNDLE_RELEASE_H
#define FOYER_BUNDLE_RELEASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"
#include "bundle/minisign.h"

/* Where the image keeps the city's public keys (read-only root file system):
 * every *.pub file in it is trusted. */
#define RELEASE_KEYS_DIR "/etc/foyer/keys"
#define RELEASE_SIG_SUFFIX ".minisig"
#define RELEASE_ROLLBACK_SUFFIX ".rollback.minisig"
#define RELEASE_FIELD_VERSION "foyer-version:"
#define RELEASE_FIELD_ROLLBACK "foyer-rollback-from:"
/* More keys than a city has signers, so a folder of junk is refused quickly. */
#define RELEASE_MAX_KEYS 16
/* "YYYY-MM-DD.N" with N up to RELEASE_MAX_COUNTER, plus the NUL */
#define RELEASE_VERSION_TEXT 20
#define RELEASE_MAX_COUNTER 999999u

struct release_version {
	uint32_t date;    /* YYYYMMDD as a number, so it orders like the date */
	uint32_t counter; /* 1..RELEASE_MAX_COUNTER */
};

/* Parses "YYYY-MM-DD.N" (exactly; no spaces).  Returns false when it is not one. */
bool release_version_parse(const char *s, size_t len, struct release_version *out);
/* Writes "YYYY-MM-DD.N" into out. */
void release_version_format(const struct release_version *v, char out[RELEASE_VERSION_TEXT]);
/* <0, 0, >0 as a is older than, the same as, newer than b. */
int release_version_compare(const struct release_version *a, const struct release_version *b);

/* Finds field key (e.g. RELEASE_FIELD_VERSION) in a trusted comment and returns
 * its value, which points into comment.  False when the field is not there. */
bool release_comment_field(const char *comment, const char *key, const char **value, size_t *len);

struct release_keyring {
	struct minisign_public_key keys[RELEASE_MAX_KEYS];
	size_t count;
};

/* Loads every *.pub file in dir.  A missing or empty dir gives count 0 (a kiosk
 * without keys).  A file that is not a public key is an error naming it: with
 * keys configured, a broken one must not silently shrink the ring. */
int release_keyring_load(const char *dir, struct release_keyring *ring, struct bundle_diag *diag);

/* Reads a small text file (a key or a signature) into buf, NUL-terminated.
 * BUNDLE_ERR_NOT_FOUND when it does not exist. */
int release_read_small(const char *path, char *buf, size_t cap, size_t *len,
		       struct bundle_diag *diag);

/* Checks bundle_path against the signature in sig_path with ring and reads the
 * version from its trusted comment.  Errors: BUNDLE_ERR_NOT_FOUND (no signature
 * file, or signed by a key not in ring), BUNDLE_ERR_CHECKSUM (file or comment
 * changed), BUNDLE_ERR_VERSION (no or a malformed foyer-version field),
 * BUNDLE_ERR_IO (unreadable), others for a malformed signature file.  prehash (may be NULL)
 * receives the file's BLAKE2b-512 so a rollback permission can be checked without reading it again.
 */
int release_verify(const struct release_keyring *ring, const char *bundle_path,
		   const char *sig_path, struct release_version *version,
		   uint8_t prehash[MINISIGN_PREHASH_SIZE], struct bundle_diag *diag);

/* Checks a rollback permission for the bundle whose prehash is given and returns
 * the newest installed version it may replace. */
int release_verify_rollback(const struct release_keyring *ring,
			    const uint8_t prehash[MINISIGN_PREHASH_SIZE],
			    const char *permission_path, struct release_version *from,
			    struct bundle_diag *diag);

#endif
