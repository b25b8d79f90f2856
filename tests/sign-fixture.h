/* Test fixture: minisign key pairs made at test time, their files in minisign's
 * formats, and small signed bundles, for tests/test-minisign.c and
 * tests/test-bundle-source.c. */
#ifndef FOYER_TESTS_SIGN_FIXTURE_H
#define FOYER_TESTS_SIGN_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>

#include "bundle/minisign.h"

struct fixture_pair {
	struct minisign_secret_key sk;
	struct minisign_public_key pk;
	char pub_text[160]; /* the public key file, as minisign -G writes it */
};

/* A fresh key pair. */
void fixture_pair_make(struct fixture_pair *p);

/* The secret key file's text; with a password, encrypted with scrypt at its
 * cheapest limits; zero_checksum as minisign -G -W leaves it. */
void fixture_secret_key_text(const struct fixture_pair *p, const char *password, bool zero_checksum,
			     char *out, size_t cap);

/* Writes text to path (the test fails when it cannot). */
void fixture_write(const char *path, const char *text);

/* Writes a small valid bundle to path: site "Fixture" with the slogan given and
 * a start page in de and en.  With signer, also path.minisig carrying
 * "foyer-version:VERSION". */
void fixture_bundle(const char *path, const char *slogan, const struct fixture_pair *signer,
		    const char *version);

#endif
