#include "pack/signing.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle/durable.h"
#include "bundle/minisign.h"
#include "bundle/release.h"

/* minisign's PASSWORDMAXBYTES */
#define PASSWORD_MAX 1024

static char *path_with(const char *path, const char *suffix)
{
	size_t n = strlen(path) + strlen(suffix) + 1;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s%s", path, suffix);
	return p;
}

/* Reads a password from the terminal without echo; false when there is none. */
static bool ask_password(const char *key_path, char *buf, size_t cap, FILE *err)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	struct termios old, quiet;
	bool echo_off = tcgetattr(fd, &old) == 0;
	if (echo_off) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	dprintf(fd, "Password for %s: ", key_path);
	size_t n = 0;
	char c;
	while (n + 1 < cap && read(fd, &c, 1) == 1 && c != '\n')
		buf[n++] = c;
	buf[n] = 0;
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &old);
	dprintf(fd, "\n");
	close(fd);
	(void)err;
	return true;
}

static int load_secret_key(const char *path, struct minisign_secret_key *key, FILE *err)
{
	char text[MINISIGN_MAX_FILE + 2];
	size_t len;
	struct bundle_diag diag = { { 0 } };
	int rc = release_read_small(path, text, sizeof(text), &len, &diag);
	bool encrypted = false;
	if (!rc)
		rc = minisign_secret_key_parse(text, len, NULL, key, &encrypted, &diag);
	if (rc && encrypted) {
		char *password = sodium_malloc(PASSWORD_MAX);
		if (!password) {
			fprintf(err, "%s: error: out of memory\n", path);
			return -1;
		}
		const char *env = getenv(SIGNING_PASSWORD_ENV);
		if (env)
			snprintf(password, PASSWORD_MAX, "%s", env);
		else if (!ask_password(path, password, PASSWORD_MAX, err)) {
			fprintf(err,
				"%s: error: the key is protected by a password and there is no "
				"terminal to ask for it; set %s\n",
				path, SIGNING_PASSWORD_ENV);
			sodium_free(password);
			return -1;
		}
		rc = minisign_secret_key_parse(text, len, password, key, &encrypted, &diag);
		sodium_free(password);
	}
	sodium_memzero(text, sizeof(text));
	if (rc) {
		fprintf(err, "%s: error: %s\n", path, diag.message);
		return -1;
	}
	return 0;
}

/* The version to sign with when none is given: today's date (UTC), counter 1,
 * or one more than the version in an earlier signature of the same file, so
 * signing again from the same folder always counts upwards. */
static struct release_version default_version(const char *sig_path, long long now)
{
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	struct release_version v = {
		(uint32_t)(tm.tm_year + 1900) * 10000 + (uint32_t)(tm.tm_mon + 1) * 100 +
		    (uint32_t)tm.tm_mday,
		1,
	};
	char text[MINISIGN_MAX_FILE + 2];
	size_t len;
	struct minisign_signature old;
	const char *value;
	size_t vlen;
	struct release_version prev;
	if (release_read_small(sig_path, text, sizeof(text), &len, NULL) == BUNDLE_OK &&
	    minisign_signature_parse(text, len, &old, NULL) == BUNDLE_OK &&
	    release_comment_field(old.trusted_comment, RELEASE_FIELD_VERSION, &value, &vlen) &&
	    release_version_parse(value, vlen, &prev) && release_version_compare(&prev, &v) >= 0 &&
	    prev.counter < RELEASE_MAX_COUNTER) {
		v = prev;
		v.counter++;
	}
	return v;
}

/* A bundle that does not open and verify must not get a signature. */
static int check_bundle(const char *path, FILE *err)
{
	struct bundle *b;
	struct bundle_diag diag = { { 0 } };
	int rc = bundle_open(path, &b, &diag);
	if (!rc) {
		rc = bundle_verify_all(b, &diag);
		bundle_close(b);
	}
	if (rc) {
		fprintf(err, "%s: error: %s: %s; not signed\n", path, bundle_strerror(rc),
			diag.message);
		return -1;
	}
	return 0;
}

int signing_sign(const struct signing_options *opt, FILE *out, FILE *err)
{
	if (sodium_init() < 0) {
		fputs("foyer-pack: libsodium failed to initialise\n", err);
		return 1;
	}
	if (check_bundle(opt->bundle, err))
		return 1;
	char *sig_path = path_with(opt->bundle, RELEASE_SIG_SUFFIX);
	char *rollback_path = path_with(opt->bundle, RELEASE_ROLLBACK_SUFFIX);
	struct minisign_secret_key *key = sodium_malloc(sizeof(*key));
	char *text = NULL;
	int rc = 1;
	if (!sig_path || !rollback_path || !key) {
		fputs("foyer-pack: out of memory\n", err);
		goto out_free;
	}

	struct release_version v;
	const char *field = RELEASE_FIELD_VERSION;
	const char *target = sig_path;
	if (opt->rollback_from) {
		field = RELEASE_FIELD_ROLLBACK;
		target = rollback_path;
		if (!release_version_parse(opt->rollback_from, strlen(opt->rollback_from), &v)) {
			fprintf(err,
				"foyer-pack: error: --rollback-from %s: not a version "
				"(YYYY-MM-DD.N)\n",
				opt->rollback_from);
			goto out_free;
		}
	} else if (opt->version) {
		if (!release_version_parse(opt->version, strlen(opt->version), &v)) {
			fprintf(err,
				"foyer-pack: error: --version %s: not a version (YYYY-MM-DD.N)\n",
				opt->version);
			goto out_free;
		}
	} else {
		v = default_version(sig_path, opt->now);
	}
	if (load_secret_key(opt->secret_key, key, err))
		goto out_free;

	uint8_t prehash[MINISIGN_PREHASH_SIZE];
	struct bundle_diag diag = { { 0 } };
	if (minisign_prehash_file(opt->bundle, prehash, &diag)) {
		fprintf(err, "%s: error: %s\n", opt->bundle, diag.message);
		goto out_free;
	}
	char vtext[RELEASE_VERSION_TEXT], hex[17], untrusted[96], trusted[96];
	release_version_format(&v, vtext);
	minisign_key_id_hex(key->id, hex);
	snprintf(untrusted, sizeof(untrusted), "signature from minisign secret key %s", hex);
	snprintf(trusted, sizeof(trusted), "%s%s", field, vtext);
	if (minisign_sign(key, prehash, untrusted, trusted, &text, &diag) ||
	    durable_write_file(target, text, strlen(text), 0644, &diag)) {
		fprintf(err, "%s: error: %s\n", target, diag.message);
		goto out_free;
	}
	if (opt->rollback_from)
		fprintf(out, "%s: written: %s may replace version %s and older (key %s)\n", target,
			opt->bundle, vtext, hex);
	else
		fprintf(out, "%s: written: version %s, key %s\n", target, vtext, hex);
	rc = 0;
out_free:
	free(text);
	sodium_free(key);
	free(sig_path);
	free(rollback_path);
	return rc;
}

int signing_verify(const char *bundle, const char *pubkey, const char *sig_path, FILE *out,
		   FILE *err)
{
	if (sodium_init() < 0) {
		fputs("foyer-pack: libsodium failed to initialise\n", err);
		return 1;
	}
	struct release_keyring ring = { .count = 1 };
	char text[MINISIGN_MAX_FILE + 2];
	size_t len;
	struct bundle_diag diag = { { 0 } };
	if (release_read_small(pubkey, text, sizeof(text), &len, &diag) ||
	    minisign_public_key_parse(text, len, &ring.keys[0], &diag)) {
		fprintf(err, "%s: error: %s\n", pubkey, diag.message);
		return 1;
	}
	char *own_sig = path_with(bundle, RELEASE_SIG_SUFFIX);
	char *rollback = path_with(bundle, RELEASE_ROLLBACK_SUFFIX);
	int rc = 1;
	if (!own_sig || !rollback) {
		fputs("foyer-pack: out of memory\n", err);
		goto out_free;
	}
	struct release_version v, from;
	uint8_t prehash[MINISIGN_PREHASH_SIZE];
	if (release_verify(&ring, bundle, sig_path ? sig_path : own_sig, &v, prehash, &diag)) {
		fprintf(err, "%s: error: %s\n", bundle, diag.message);
		goto out_free;
	}
	char vtext[RELEASE_VERSION_TEXT], hex[17];
	release_version_format(&v, vtext);
	minisign_key_id_hex(ring.keys[0].id, hex);
	fprintf(out, "%s: good signature by key %s, version %s\n", bundle, hex, vtext);
	if (access(rollback, F_OK) == 0) {
		if (release_verify_rollback(&ring, prehash, rollback, &from, &diag)) {
			fprintf(err, "%s: error: %s\n", rollback, diag.message);
			goto out_free;
		}
		release_version_format(&from, vtext);
		fprintf(out, "%s: rollback permission: may replace version %s and older\n",
			rollback, vtext);
	}
	rc = 0;
out_free:
	free(own_sig);
	free(rollback);
	return rc;
}
