/* minisign: the signature format of Frank Denis' minisign (jedisct1/minisign),
 * read and written with libsodium, so bundles signed here verify with Debian's
 * `minisign -V` and signatures made by `minisign -S` verify here.
 *
 * A public key file is two lines: "untrusted comment: ..." and the base64 of
 *   "Ed" (2 bytes) | key id (8) | Ed25519 public key (32).
 * A signature file (.minisig) is four lines:
 *   "untrusted comment: ..."             free text, not signed
 *   base64 of "ED" | key id (8) | sig (64) sig = Ed25519 over the 64-byte BLAKE2b
 *                                          of the whole file ("prehashed", -H)
 *   "trusted comment: TEXT"
 *   base64 of global sig (64)             Ed25519 over sig | TEXT
 * A secret key file is two lines: "untrusted comment: ..." and the base64 of
 *   "Ed" | kdf "Sc" or "\0\0" | "B2" | salt (32) | opslimit (u64 LE) | memlimit (u64 LE)
 *   | key id (8) | Ed25519 secret key (64) | checksum (32)
 * where, with kdf "Sc", the last 104 bytes are XORed with scrypt(password, salt)
 * and the checksum is BLAKE2b-256 of "Ed" | key id | secret key.
 *
 * Only prehashed ("ED") signatures are accepted: the legacy "Ed" form signs the
 * whole file as one message, which would need the bundle in memory.  Every byte
 * of every input is untrusted.  The library never prints: it returns a
 * bundle_error and fills a bundle_diag naming the line. */
#ifndef FOYER_BUNDLE_MINISIGN_H
#define FOYER_BUNDLE_MINISIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"

#define MINISIGN_KEY_ID_SIZE 8
#define MINISIGN_PUBLIC_KEY_SIZE 32
#define MINISIGN_SECRET_KEY_SIZE 64
#define MINISIGN_SIG_SIZE 64
#define MINISIGN_PREHASH_SIZE 64 /* BLAKE2b-512 of the signed file */
/* minisign's own limits: a comment line of at most 1024 bytes, a trusted comment
 * of at most 8192 (TRUSTEDCOMMENTMAXBYTES, prefix and newline included). */
#define MINISIGN_MAX_COMMENT 1024
#define MINISIGN_MAX_TRUSTED_COMMENT (8192 - 18)
/* Key and signature files are a few hundred bytes; anything much larger is not one. */
#define MINISIGN_MAX_FILE 16384

struct minisign_public_key {
	uint8_t id[MINISIGN_KEY_ID_SIZE];
	uint8_t key[MINISIGN_PUBLIC_KEY_SIZE];
};

struct minisign_secret_key {
	uint8_t id[MINISIGN_KEY_ID_SIZE];
	uint8_t key[MINISIGN_SECRET_KEY_SIZE]; /* libsodium's seed | public key */
};

struct minisign_signature {
	uint8_t key_id[MINISIGN_KEY_ID_SIZE];
	uint8_t sig[MINISIGN_SIG_SIZE];        /* over the prehash */
	uint8_t global_sig[MINISIGN_SIG_SIZE]; /* over sig | trusted_comment */
	/* NUL-terminated, without the "trusted comment: " prefix and the line end */
	char trusted_comment[MINISIGN_MAX_TRUSTED_COMMENT + 1];
};

/* The key id as minisign prints it: 16 upper-case hex digits of the id read as a
 * little-endian u64 ("minisign public key 381AF2A68E4BAC68").  out holds 17 bytes. */
void minisign_key_id_hex(const uint8_t id[MINISIGN_KEY_ID_SIZE], char out[17]);

/* Parses a public key file's text (two lines), or the bare base64 line that
 * `minisign -P` takes.  Errors name the line. */
int minisign_public_key_parse(const char *text, size_t len, struct minisign_public_key *out,
			      struct bundle_diag *diag);

/* Parses a .minisig file's text. */
int minisign_signature_parse(const char *text, size_t len, struct minisign_signature *out,
			     struct bundle_diag *diag);

/* Parses a secret key file's text.  *encrypted says whether it needs a password;
 * when it does and password is NULL, returns BUNDLE_ERR_INVALID with a message
 * asking for one.  A wrong password is BUNDLE_ERR_CHECKSUM.  Deriving the key
 * from a password takes seconds and up to 1 GiB (minisign's scrypt limits,
 * read from the file and capped at MINISIGN_MAX_KDF_MEMORY). */
#define MINISIGN_MAX_KDF_MEMORY (2ull << 30)
int minisign_secret_key_parse(const char *text, size_t len, const char *password,
			      struct minisign_secret_key *out, bool *encrypted,
			      struct bundle_diag *diag);

/* The 64-byte BLAKE2b of what the file at path holds, read in blocks (not mapped:
 * hashing a bundle must not count towards the kiosk's resident memory). */
int minisign_prehash_file(const char *path, uint8_t out[MINISIGN_PREHASH_SIZE],
			  struct bundle_diag *diag);
void minisign_prehash_memory(const void *data, size_t size, uint8_t out[MINISIGN_PREHASH_SIZE]);

/* Checks sig against the prehash and its trusted comment with the key among keys
 * whose id it names.  BUNDLE_ERR_NOT_FOUND: no key with that id (signed by
 * someone else); BUNDLE_ERR_CHECKSUM: a key matched but a signature is wrong
 * (the file or the trusted comment was changed). */
int minisign_verify(const struct minisign_public_key *keys, size_t key_count,
		    const struct minisign_signature *sig,
		    const uint8_t prehash[MINISIGN_PREHASH_SIZE], struct bundle_diag *diag);

/* Signs a prehash and writes the .minisig text into *out (malloc'ed, NUL-
 * terminated; the caller frees it).  Comments must be single lines without
 * NULs, within the limits above. */
int minisign_sign(const struct minisign_secret_key *key,
		  const uint8_t prehash[MINISIGN_PREHASH_SIZE], const char *untrusted_comment,
		  const char *trusted_comment, char **out, struct bundle_diag *diag);

/* The public half of a secret key (minisign -R). */
void minisign_public_of(const struct minisign_secret_key *sk, struct minisign_public_key *out);

#endif
