#include "bundle/minisign.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
#define ALG_ED25519 "Ed"   /* public and secret keys; legacy signatures */
#define ALG_PREHASHED "ED" /* signatures over the BLAKE2b-512 of the file */
#define KDF_SCRYPT "Sc"
#define CHK_BLAKE2B "B2"

/* Binary layouts behind the base64 lines (offsets in bytes). */
enum {
	PK_ALG = 0,
	PK_ID = 2,
	PK_KEY = 10,
	PK_SIZE = 42,
	SIG_ALG = 0,
	SIG_ID = 2,
	SIG_SIG = 10,
	SIG_SIZE = 74,
	SK_ALG = 0,
	SK_KDF = 2,
	SK_CHK_ALG = 4,
	SK_SALT = 6,
	SK_OPSLIMIT = 38,
	SK_MEMLIMIT = 46,
	SK_ID = 54, /* from here on encrypted with a password */
	SK_KEY = 62,
	SK_CHK = 126,
	SK_SIZE = 158,
};
#define SK_SALT_SIZE 32
#define SK_CHK_SIZE 32
#define SK_ENCRYPTED_SIZE (SK_SIZE - SK_ID)

/* One line of a key or signature file: [start, start+len), line ending removed. */
struct line {
	const char *start;
	size_t len;
	unsigned number; /* from 1 */
};

/* Splits the next line off text at *pos; false at the end of the text. */
static bool next_line(const char *text, size_t len, size_t *pos, struct line *out)
{
	if (*pos >= len)
		return false;
	const char *s = text + *pos;
	const char *nl = memchr(s, '\n', len - *pos);
	size_t n = nl ? (size_t)(nl - s) : len - *pos;
	*pos += n + (nl ? 1 : 0);
	if (n && s[n - 1] == '\r')
		n--;
	out->start = s;
	out->len = n;
	out->number++;
	return true;
}

static bool has_prefix(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return l->len >= n && memcmp(l->start, prefix, n) == 0;
}

/* Decodes a base64 line that must hold exactly size bytes. */
static int decode_line(const char *what, const struct line *l, uint8_t *out, size_t size,
		       struct bundle_diag *diag)
{
	size_t got = 0;
	if (l->len > 4 * ((size + 2) / 3) ||
	    sodium_base642bin(out, size, l->start, l->len, NULL, &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != size)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "line %u: not a minisign %s (expected %zu bytes in base64)",
				   l->number, what, size);
	return BUNDLE_OK;
}

static bool text_clean(const struct line *l)
{
	return !memchr(l->start, 0, l->len) && wire_utf8_valid(l->start, l->len);
}

void minisign_key_id_hex(const uint8_t id[MINISIGN_KEY_ID_SIZE], char out[17])
{
	for (int i = 0; i < MINISIGN_KEY_ID_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02X", id[MINISIGN_KEY_ID_SIZE - 1 - i]);
}

int minisign_public_key_parse(const char *text, size_t len, struct minisign_public_key *out,
			      struct bundle_diag *diag)
{
	if (!text || !out)
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no key");
	if (len > MINISIGN_MAX_FILE)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "%zu bytes is too large for a minisign public key", len);
	size_t pos = 0;
	struct line l = { 0 };
	if (!next_line(text, len, &pos, &l))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "line 1: empty, not a public key");
	if (has_prefix(&l, UNTRUSTED_PREFIX)) {
		if (l.len > MINISIGN_MAX_COMMENT)
			return bundle_fail(diag, BUNDLE_ERR_LIMIT, "line 1: comment too long");
		if (!next_line(text, len, &pos, &l))
			return bundle_fail(diag, BUNDLE_ERR_TRUNCATED,
					   "line 2: missing, the key itself is not there");
	}
	uint8_t raw[PK_SIZE];
	int err = decode_line("public key", &l, raw, sizeof(raw), diag);
	if (err)
		return err;
	if (memcmp(raw + PK_ALG, ALG_ED25519, 2) != 0)
		return bundle_fail(
		    diag, BUNDLE_ERR_CORRUPT, "line %u: not an Ed25519 key (algorithm '%c%c')",
		    l.number, raw[PK_ALG] >= 32 && raw[PK_ALG] < 127 ? raw[PK_ALG] : '?',
		    raw[PK_ALG + 1] >= 32 && raw[PK_ALG + 1] < 127 ? raw[PK_ALG + 1] : '?');
	struct line rest = l;
	while (next_line(text, len, &pos, &rest))
		if (rest.len)
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "line %u: unexpected text after the key", rest.number);
	memcpy(out->id, raw + PK_ID, MINISIGN_KEY_ID_SIZE);
	memcpy(out->key, raw + PK_KEY, MINISIGN_PUBLIC_KEY_SIZE);
	return BUNDLE_OK;
}

int minisign_signature_parse(const char *text, size_t len, struct minisign_signature *out,
			     struct bundle_diag *diag)
{
	if (!text || !out)
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no signature");
	if (len > MINISIGN_MAX_FILE)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "%zu bytes is too large for a minisign signature", len);
	size_t pos = 0;
	struct line l = { 0 };
	if (!next_line(text, len, &pos, &l) || !has_prefix(&l, UNTRUSTED_PREFIX))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "line 1: does not start with \"" UNTRUSTED_PREFIX
				   "\", not a minisign signature");
	if (l.len > MINISIGN_MAX_COMMENT)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "line 1: comment too long");

	if (!next_line(text, len, &pos, &l))
		return bundle_fail(diag, BUNDLE_ERR_TRUNCATED, "line 2: missing signature");
	uint8_t raw[SIG_SIZE];
	int err = decode_line("signature", &l, raw, sizeof(raw), diag);
	if (err)
		return err;
	if (memcmp(raw + SIG_ALG, ALG_ED25519, 2) == 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "line 2: a legacy (not prehashed) signature; sign with "
				   "minisign -S -H or foyer-pack sign");
	if (memcmp(raw + SIG_ALG, ALG_PREHASHED, 2) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "line 2: unknown signature algorithm");

	if (!next_line(text, len, &pos, &l) || !has_prefix(&l, TRUSTED_PREFIX))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "line 3: does not start with \"" TRUSTED_PREFIX "\"");
	size_t tlen = l.len - strlen(TRUSTED_PREFIX);
	if (tlen > MINISIGN_MAX_TRUSTED_COMMENT)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "line 3: trusted comment of %zu bytes, the limit is %d", tlen,
				   MINISIGN_MAX_TRUSTED_COMMENT);
	if (!text_clean(&l))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "line 3: trusted comment is not clean UTF-8 text");

	struct line g = l;
	if (!next_line(text, len, &pos, &g))
		return bundle_fail(diag, BUNDLE_ERR_TRUNCATED,
				   "line 4: missing, the comment's signature is not there");
	err = decode_line("comment signature", &g, out->global_sig, MINISIGN_SIG_SIZE, diag);
	if (err)
		return err;
	struct line rest = g;
	while (next_line(text, len, &pos, &rest))
		if (rest.len)
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "line %u: unexpected text after the signature",
					   rest.number);

	memcpy(out->key_id, raw + SIG_ID, MINISIGN_KEY_ID_SIZE);
	memcpy(out->sig, raw + SIG_SIG, MINISIGN_SIG_SIZE);
	memcpy(out->trusted_comment, l.start + strlen(TRUSTED_PREFIX), tlen);
	out->trusted_comment[tlen] = 0;
	return BUNDLE_OK;
}

static void secret_checksum(const uint8_t *raw, uint8_t out[SK_CHK_SIZE])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, SK_CHK_SIZE);
	crypto_generichash_update(&st, raw + SK_ALG, 2);
	crypto_generichash_update(&st, raw + SK_ID, MINISIGN_KEY_ID_SIZE);
	crypto_generichash_update(&st, raw + SK_KEY, MINISIGN_SECRET_KEY_SIZE);
	crypto_generichash_final(&st, out, SK_CHK_SIZE);
}

static int decrypt_secret(uint8_t *raw, const char *password, struct bundle_diag *diag)
{
	uint64_t ops = wire_get_u64(raw + SK_OPSLIMIT);
	uint64_t mem = wire_get_u64(raw + SK_MEMLIMIT);
	/* A hostile key file could ask scrypt for any amount of memory and time. */
	if (mem > MINISIGN_MAX_KDF_MEMORY || ops > (1ull << 32) ||
	    ops < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
	    mem < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "line 2: key derivation limits out of range (%llu operations, "
				   "%llu bytes)",
				   (unsigned long long)ops, (unsigned long long)mem);
	uint8_t *stream = sodium_malloc(SK_ENCRYPTED_SIZE);
	if (!stream)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	if (crypto_pwhash_scryptsalsa208sha256(stream, SK_ENCRYPTED_SIZE, password,
					       strlen(password), raw + SK_SALT, ops,
					       (size_t)mem) != 0) {
		sodium_free(stream);
		return bundle_fail(diag, BUNDLE_ERR_NOMEM,
				   "not enough memory to derive the key from the password "
				   "(%llu bytes)",
				   (unsigned long long)mem);
	}
	for (size_t i = 0; i < SK_ENCRYPTED_SIZE; i++)
		raw[SK_ID + i] ^= stream[i];
	sodium_free(stream);
	return BUNDLE_OK;
}

int minisign_secret_key_parse(const char *text, size_t len, const char *password,
			      struct minisign_secret_key *out, bool *encrypted,
			      struct bundle_diag *diag)
{
	bool enc_dummy;
	if (!encrypted)
		encrypted = &enc_dummy;
	*encrypted = false;
	if (!text || !out)
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no key");
	if (len > MINISIGN_MAX_FILE)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "%zu bytes is too large for a minisign secret key", len);
	/* sodium_malloc() needs the library set up (it aborts otherwise). */
	if (sodium_init() < 0)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "libsodium failed to initialise");
	size_t pos = 0;
	struct line l = { 0 };
	if (!next_line(text, len, &pos, &l) || !has_prefix(&l, UNTRUSTED_PREFIX))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "line 1: does not start with \"" UNTRUSTED_PREFIX
				   "\", not a minisign secret key");
	if (!next_line(text, len, &pos, &l))
		return bundle_fail(diag, BUNDLE_ERR_TRUNCATED, "line 2: missing key");
	/* Key material lives in guarded memory and is wiped on every way out. */
	uint8_t *raw = sodium_malloc(SK_SIZE);
	if (!raw)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	int err = decode_line("secret key", &l, raw, SK_SIZE, diag);
	if (err)
		goto out_free;
	err = BUNDLE_ERR_CORRUPT;
	if (memcmp(raw + SK_ALG, ALG_ED25519, 2) != 0) {
		bundle_fail(diag, err, "line 2: not an Ed25519 secret key");
		goto out_free;
	}
	if (memcmp(raw + SK_CHK_ALG, CHK_BLAKE2B, 2) != 0) {
		bundle_fail(diag, err, "line 2: unknown checksum algorithm");
		goto out_free;
	}
	if (memcmp(raw + SK_KDF, KDF_SCRYPT, 2) == 0) {
		*encrypted = true;
		if (!password) {
			err = bundle_fail(diag, BUNDLE_ERR_INVALID,
					  "the secret key is protected by a password");
			goto out_free;
		}
		if ((err = decrypt_secret(raw, password, diag)))
			goto out_free;
	} else if (raw[SK_KDF] != 0 || raw[SK_KDF + 1] != 0) {
		bundle_fail(diag, err, "line 2: unknown key derivation algorithm");
		goto out_free;
	}
	/* minisign leaves the checksum of a key without password (-W) zero. */
	uint8_t chk[SK_CHK_SIZE];
	secret_checksum(raw, chk);
	if (sodium_memcmp(chk, raw + SK_CHK, SK_CHK_SIZE) != 0 &&
	    (*encrypted || !sodium_is_zero(raw + SK_CHK, SK_CHK_SIZE))) {
		err = bundle_fail(diag, BUNDLE_ERR_CHECKSUM,
				  *encrypted ? "wrong password for this secret key"
					     : "line 2: the secret key's checksum does not match");
		goto out_free;
	}
	/* Whatever the checksum says, the key's public half must follow from its seed. */
	uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	crypto_sign_seed_keypair(pk, sk, raw + SK_KEY);
	bool consistent = sodium_memcmp(sk, raw + SK_KEY, MINISIGN_SECRET_KEY_SIZE) == 0;
	sodium_memzero(sk, sizeof(sk));
	if (!consistent) {
		err = bundle_fail(diag, BUNDLE_ERR_CHECKSUM,
				  "line 2: the secret key is damaged (its halves do not match)");
		goto out_free;
	}
	memcpy(out->id, raw + SK_ID, MINISIGN_KEY_ID_SIZE);
	memcpy(out->key, raw + SK_KEY, MINISIGN_SECRET_KEY_SIZE);
	err = BUNDLE_OK;
out_free:
	sodium_free(raw);
	return err;
}

void minisign_prehash_memory(const void *data, size_t size, uint8_t out[MINISIGN_PREHASH_SIZE])
{
	crypto_generichash(out, MINISIGN_PREHASH_SIZE, data, size, NULL, 0);
}

int minisign_prehash_file(const char *path, uint8_t out[MINISIGN_PREHASH_SIZE],
			  struct bundle_diag *diag)
{
	if (sodium_init() < 0)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "libsodium failed to initialise");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return bundle_fail(diag, BUNDLE_ERR_IO, "cannot open: %s", strerror(errno));
	/* 64 KiB blocks: minisign's own size, large enough to read at disk speed. */
	enum { BLOCK = 65536 };
	uint8_t *block = malloc(BLOCK);
	if (!block) {
		close(fd);
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	}
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, MINISIGN_PREHASH_SIZE);
	int err = BUNDLE_OK;
	for (;;) {
		ssize_t n = read(fd, block, BLOCK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = bundle_fail(diag, BUNDLE_ERR_IO, "cannot read: %s", strerror(errno));
			break;
		}
		if (n == 0)
			break;
		crypto_generichash_update(&st, block, (size_t)n);
	}
	free(block);
	close(fd);
	if (err)
		return err;
	crypto_generichash_final(&st, out, MINISIGN_PREHASH_SIZE);
	return BUNDLE_OK;
}

/* The global signature covers the file's signature followed by the comment. */
static uint8_t *global_message(const uint8_t sig[MINISIGN_SIG_SIZE], const char *comment,
			       size_t *len)
{
	size_t clen = strlen(comment);
	uint8_t *m = malloc(MINISIGN_SIG_SIZE + clen);
	if (!m)
		return NULL;
	memcpy(m, sig, MINISIGN_SIG_SIZE);
	memcpy(m + MINISIGN_SIG_SIZE, comment, clen);
	*len = MINISIGN_SIG_SIZE + clen;
	return m;
}

int minisign_verify(const struct minisign_public_key *keys, size_t key_count,
		    const struct minisign_signature *sig,
		    const uint8_t prehash[MINISIGN_PREHASH_SIZE], struct bundle_diag *diag)
{
	if (sodium_init() < 0)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "libsodium failed to initialise");
	const struct minisign_public_key *key = NULL;
	for (size_t i = 0; i < key_count && !key; i++)
		if (memcmp(keys[i].id, sig->key_id, MINISIGN_KEY_ID_SIZE) == 0)
			key = &keys[i];
	char hex[17];
	minisign_key_id_hex(sig->key_id, hex);
	if (!key)
		return bundle_fail(diag, BUNDLE_ERR_NOT_FOUND,
				   "signed with key %s, which is not one of the %zu trusted "
				   "key%s",
				   hex, key_count, key_count == 1 ? "" : "s");
	if (crypto_sign_verify_detached(sig->sig, prehash, MINISIGN_PREHASH_SIZE, key->key) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CHECKSUM,
				   "the signature (key %s) does not match the file: it was "
				   "changed after signing",
				   hex);
	size_t mlen;
	uint8_t *m = global_message(sig->sig, sig->trusted_comment, &mlen);
	if (!m)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	int bad = crypto_sign_verify_detached(sig->global_sig, m, mlen, key->key);
	free(m);
	if (bad)
		return bundle_fail(diag, BUNDLE_ERR_CHECKSUM,
				   "the trusted comment's signature (key %s) does not match: the "
				   "comment was changed after signing",
				   hex);
	return BUNDLE_OK;
}

static bool one_line(const char *s, size_t max)
{
	size_t n = strlen(s);
	return n <= max && !strpbrk(s, "\r\n") && wire_utf8_valid(s, n);
}

int minisign_sign(const struct minisign_secret_key *key,
		  const uint8_t prehash[MINISIGN_PREHASH_SIZE], const char *untrusted_comment,
		  const char *trusted_comment, char **out, struct bundle_diag *diag)
{
	*out = NULL;
	if (sodium_init() < 0)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "libsodium failed to initialise");
	if (!one_line(untrusted_comment, MINISIGN_MAX_COMMENT - strlen(UNTRUSTED_PREFIX) - 1) ||
	    !one_line(trusted_comment, MINISIGN_MAX_TRUSTED_COMMENT))
		return bundle_fail(diag, BUNDLE_ERR_INVALID,
				   "a comment is too long or not one line of UTF-8");
	uint8_t raw[SIG_SIZE];
	memcpy(raw + SIG_ALG, ALG_PREHASHED, 2);
	memcpy(raw + SIG_ID, key->id, MINISIGN_KEY_ID_SIZE);
	crypto_sign_detached(raw + SIG_SIG, NULL, prehash, MINISIGN_PREHASH_SIZE, key->key);
	size_t mlen;
	uint8_t *m = global_message(raw + SIG_SIG, trusted_comment, &mlen);
	if (!m)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	uint8_t global[MINISIGN_SIG_SIZE];
	crypto_sign_detached(global, NULL, m, mlen, key->key);
	free(m);

	char sig64[sodium_base64_ENCODED_LEN(SIG_SIZE, sodium_base64_VARIANT_ORIGINAL)];
	char global64[sodium_base64_ENCODED_LEN(MINISIGN_SIG_SIZE, sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(sig64, sizeof(sig64), raw, sizeof(raw), sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(global64, sizeof(global64), global, sizeof(global),
			  sodium_base64_VARIANT_ORIGINAL);
	size_t size = strlen(untrusted_comment) + strlen(trusted_comment) + sizeof(sig64) +
		      sizeof(global64) + 64;
	char *text = malloc(size);
	if (!text)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	snprintf(text, size, UNTRUSTED_PREFIX "%s\n%s\n" TRUSTED_PREFIX "%s\n%s\n",
		 untrusted_comment, sig64, trusted_comment, global64);
	*out = text;
	return BUNDLE_OK;
}

void minisign_public_of(const struct minisign_secret_key *sk, struct minisign_public_key *out)
{
	memcpy(out->id, sk->id, MINISIGN_KEY_ID_SIZE);
	/* libsodium's Ed25519 secret key is the seed followed by the public key. */
	memcpy(out->key, sk->key + MINISIGN_SECRET_KEY_SIZE - MINISIGN_PUBLIC_KEY_SIZE,
	       MINISIGN_PUBLIC_KEY_SIZE);
}
