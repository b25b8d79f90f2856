/* signing: `foyer-pack sign` and `foyer-pack verify`, minisign-compatible
 * signatures of a bundle (src/bundle/minisign.h) carrying its version
 * (src/bundle/release.h) in the trusted comment. */
#ifndef FOYER_PACK_SIGNING_H
#define FOYER_PACK_SIGNING_H

#include <stdio.h>

/* Environment variable holding the secret key's password, for scripts; without it
 * the password is asked for on the terminal. */
#define SIGNING_PASSWORD_ENV "FOYER_KEY_PASSWORD"

struct signing_options {
	const char *bundle;        /* FILE */
	const char *secret_key;    /* -s */
	const char *version;       /* --version YYYY-MM-DD.N, or NULL: today, counted on */
	const char *rollback_from; /* --rollback-from V: write FILE.rollback.minisig */
	long long now;             /* seconds since 1970 for the default version's date */
};

/* Signs the bundle: writes FILE.minisig (or, with rollback_from, the rollback
 * permission FILE.rollback.minisig).  Refuses a bundle that does not verify.
 * Messages go to out and err; returns 0 on success. */
int signing_sign(const struct signing_options *opt, FILE *out, FILE *err);

/* Checks FILE against sig_path (NULL: FILE.minisig) with the public key file
 * pubkey; prints the version, and whether a rollback permission is beside it.
 * Returns 0 for a good signature with a version, 1 otherwise (reason on err). */
int signing_verify(const char *bundle, const char *pubkey, const char *sig_path, FILE *out,
		   FILE *err);

#endif
