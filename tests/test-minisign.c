/* minisign signatures and foyer's release rules (src/bundle/minisign.h,
 * release.h): a key pair made at test time signs and verifies; every change to
 * the file, the trusted comment or the key is caught; the bad-input corpus in
 * tests/corpus/minisign is refused with the message its .expect names; versions
 * order as documented; secret keys with and without a password load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/minisign.h"
#include "bundle/release.h"
#include "sign-fixture.h"

#define CORPUS_DIR FOYER_SOURCE_DIR "/tests/corpus/minisign"

static const char message[] = "\x89"
			      "FPK pretend bundle bytes";

static char *sign_text(const struct fixture_pair *p, const char *comment)
{
	uint8_t h[MINISIGN_PREHASH_SIZE];
	minisign_prehash_memory(message, sizeof(message), h);
	char *text;
	struct bundle_diag diag;
	assert_int_equal(minisign_sign(&p->sk, h, "test", comment, &text, &diag), BUNDLE_OK);
	return text;
}

static int verify_text(const struct minisign_public_key *keys, size_t n, const char *text,
		       const void *msg, size_t msg_len, struct bundle_diag *diag)
{
	struct minisign_signature sig;
	int err = minisign_signature_parse(text, strlen(text), &sig, diag);
	if (err)
		return err;
	uint8_t h[MINISIGN_PREHASH_SIZE];
	minisign_prehash_memory(msg, msg_len, h);
	return minisign_verify(keys, n, &sig, h, diag);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct fixture_pair p;
	fixture_pair_make(&p);
	struct minisign_public_key parsed;
	struct bundle_diag diag = { { 0 } };
	assert_int_equal(minisign_public_key_parse(p.pub_text, strlen(p.pub_text), &parsed, &diag),
			 BUNDLE_OK);
	assert_memory_equal(&parsed, &p.pk, sizeof(parsed));

	char *text = sign_text(&p, "foyer-version:2026-12-01.1");
	assert_int_equal(verify_text(&parsed, 1, text, message, sizeof(message), &diag), BUNDLE_OK);
	struct minisign_signature sig;
	assert_int_equal(minisign_signature_parse(text, strlen(text), &sig, &diag), BUNDLE_OK);
	assert_string_equal(sig.trusted_comment, "foyer-version:2026-12-01.1");

	/* Windows line ends from an editor's copy still parse. */
	char crlf[1024];
	size_t o = 0;
	for (const char *s = text; *s && o + 2 < sizeof(crlf); s++) {
		if (*s == '\n')
			crlf[o++] = '\r';
		crlf[o++] = *s;
	}
	crlf[o] = 0;
	assert_int_equal(verify_text(&parsed, 1, crlf, message, sizeof(message), &diag), BUNDLE_OK);
	free(text);
}

static void test_tampering_caught(void **state)
{
	(void)state;
	struct fixture_pair p, other;
	fixture_pair_make(&p);
	fixture_pair_make(&other);
	char *text = sign_text(&p, "foyer-version:2026-12-01.1");
	struct bundle_diag diag = { { 0 } };

	/* One bit of the file. */
	char changed[sizeof(message)];
	memcpy(changed, message, sizeof(message));
	changed[5] ^= 1;
	assert_int_equal(verify_text(&p.pk, 1, text, changed, sizeof(changed), &diag),
			 BUNDLE_ERR_CHECKSUM);
	assert_non_null(strstr(diag.message, "changed after signing"));

	/* The trusted comment: a newer version typed in by hand. */
	char *forged = strdup(text);
	char *at = strstr(forged, "2026-12-01.1");
	assert_non_null(at);
	at[11] = '9';
	assert_int_equal(verify_text(&p.pk, 1, forged, message, sizeof(message), &diag),
			 BUNDLE_ERR_CHECKSUM);
	assert_non_null(strstr(diag.message, "comment"));
	free(forged);

	/* A key that did not sign it, alone and in a ring with the right one. */
	assert_int_equal(verify_text(&other.pk, 1, text, message, sizeof(message), &diag),
			 BUNDLE_ERR_NOT_FOUND);
	char hex[17];
	minisign_key_id_hex(p.sk.id, hex);
	assert_non_null(strstr(diag.message, hex));
	struct minisign_public_key ring[2] = { other.pk, p.pk };
	assert_int_equal(verify_text(ring, 2, text, message, sizeof(message), &diag), BUNDLE_OK);

	/* The right key id with another key's bytes (a key file edited by hand). */
	struct minisign_public_key fake = other.pk;
	memcpy(fake.id, p.pk.id, sizeof(fake.id));
	assert_int_equal(verify_text(&fake, 1, text, message, sizeof(message), &diag),
			 BUNDLE_ERR_CHECKSUM);
	free(text);
}

static void test_secret_keys(void **state)
{
	(void)state;
	struct fixture_pair p;
	fixture_pair_make(&p);
	char text[512];
	struct minisign_secret_key sk;
	bool encrypted;
	struct bundle_diag diag = { { 0 } };

	/* minisign -G -W: no password, checksum left zero. */
	fixture_secret_key_text(&p, NULL, true, text, sizeof(text));
	assert_int_equal(
	    minisign_secret_key_parse(text, strlen(text), NULL, &sk, &encrypted, &diag), BUNDLE_OK);
	assert_false(encrypted);
	assert_memory_equal(&sk, &p.sk, sizeof(sk));

	/* With a password: none given, a wrong one, the right one. */
	fixture_secret_key_text(&p, "geheim", false, text, sizeof(text));
	assert_int_equal(
	    minisign_secret_key_parse(text, strlen(text), NULL, &sk, &encrypted, &diag),
	    BUNDLE_ERR_INVALID);
	assert_true(encrypted);
	assert_int_equal(
	    minisign_secret_key_parse(text, strlen(text), "falsch", &sk, &encrypted, &diag),
	    BUNDLE_ERR_CHECKSUM);
	assert_non_null(strstr(diag.message, "wrong password"));
	assert_int_equal(
	    minisign_secret_key_parse(text, strlen(text), "geheim", &sk, &encrypted, &diag),
	    BUNDLE_OK);
	assert_memory_equal(&sk, &p.sk, sizeof(sk));

	/* A damaged key without password: the halves no longer match. */
	struct fixture_pair broken = p;
	broken.sk.key[40] ^= 4;
	fixture_secret_key_text(&broken, NULL, true, text, sizeof(text));
	assert_int_equal(
	    minisign_secret_key_parse(text, strlen(text), NULL, &sk, &encrypted, &diag),
	    BUNDLE_ERR_CHECKSUM);
}

static void test_versions(void **state)
{
	(void)state;
	struct release_version a, b;
	assert_true(release_version_parse("2026-12-01.1", 12, &a));
	assert_int_equal(a.date, 20261201);
	assert_int_equal(a.counter, 1);
	assert_true(release_version_parse("2026-12-01.10", 13, &b));
	assert_true(release_version_compare(&a, &b) < 0); /* 10 after 1, not as text */
	assert_true(release_version_parse("2027-01-01.1", 12, &b));
	assert_true(release_version_compare(&b, &a) > 0);
	assert_int_equal(release_version_compare(&a, &a), 0);
	char out[RELEASE_VERSION_TEXT];
	release_version_format(&a, out);
	assert_string_equal(out, "2026-12-01.1");

	static const char *const bad[] = { "",
					   "2026-12-01",
					   "2026-12-01.",
					   "2026-13-01.1",
					   "2026-12-00.1",
					   "2026-12-01.0",
					   "2026-12-01.01",
					   "26-12-01.1",
					   "2026/12/01.1",
					   "2026-12-01.1x",
					   "2026-12-01.1234567",
					   "1999-12-01.1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(release_version_parse(bad[i], strlen(bad[i]), &a));

	const char *v;
	size_t n;
	assert_true(release_comment_field("timestamp:1\tfile:x foyer-version:2026-12-01.3\thashed",
					  RELEASE_FIELD_VERSION, &v, &n));
	assert_int_equal(n, 12);
	assert_memory_equal(v, "2026-12-01.3", 12);
	assert_false(
	    release_comment_field("my-foyer-version:2026-12-01.3", RELEASE_FIELD_VERSION, &v, &n));
	assert_false(release_comment_field("", RELEASE_FIELD_VERSION, &v, &n));
}

static void test_keyring(void **state)
{
	(void)state;
	char dir[] = "/tmp/foyer-keys-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct release_keyring ring;
	struct bundle_diag diag = { { 0 } };
	char path[128];

	/* No folder and an empty one: a kiosk without keys. */
	snprintf(path, sizeof(path), "%s/none", dir);
	assert_int_equal(release_keyring_load(path, &ring, &diag), BUNDLE_OK);
	assert_int_equal(ring.count, 0);
	assert_int_equal(release_keyring_load(dir, &ring, &diag), BUNDLE_OK);
	assert_int_equal(ring.count, 0);

	struct fixture_pair a, b;
	fixture_pair_make(&a);
	fixture_pair_make(&b);
	snprintf(path, sizeof(path), "%s/a.pub", dir);
	fixture_write(path, a.pub_text);
	snprintf(path, sizeof(path), "%s/b.pub", dir);
	fixture_write(path, b.pub_text);
	snprintf(path, sizeof(path), "%s/README", dir);
	fixture_write(path, "not a key, and not named *.pub\n");
	assert_int_equal(release_keyring_load(dir, &ring, &diag), BUNDLE_OK);
	assert_int_equal(ring.count, 2);
	assert_memory_equal(&ring.keys[0], &a.pk, sizeof(a.pk));

	/* One broken key file refuses the ring, naming the file. */
	snprintf(path, sizeof(path), "%s/c.pub", dir);
	fixture_write(path, "untrusted comment: half a key\nRWQ\n");
	assert_int_not_equal(release_keyring_load(dir, &ring, &diag), BUNDLE_OK);
	assert_int_equal(ring.count, 0);
	assert_non_null(strstr(diag.message, "c.pub"));

	const char *names[] = { "a.pub", "b.pub", "c.pub", "README" };
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = calloc(1, MINISIGN_MAX_FILE * 2 + 1);
	*len = fread(buf, 1, MINISIGN_MAX_FILE * 2, f);
	fclose(f);
	return buf;
}

/* Each NAME.pub / NAME.minisig / NAME.key must be refused, and the message must
 * contain the line of NAME.expect. */
static void test_corpus(void **state)
{
	(void)state;
	DIR *d = opendir(CORPUS_DIR);
	assert_non_null(d);
	struct dirent *e;
	int checked = 0, failures = 0;
	while ((e = readdir(d))) {
		const char *dot = strrchr(e->d_name, '.');
		if (e->d_name[0] == '.' || !dot || !strcmp(dot, ".expect") || !strcmp(dot, ".md"))
			continue;
		char path[512], expect_path[512], expect[256] = "";
		snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, e->d_name);
		snprintf(expect_path, sizeof(expect_path), "%s/%.*s.expect", CORPUS_DIR,
			 (int)(dot - e->d_name), e->d_name);
		size_t elen;
		char *exp = slurp(expect_path, &elen);
		snprintf(expect, sizeof(expect), "%s", exp);
		free(exp);
		expect[strcspn(expect, "\n")] = 0;
		size_t len;
		char *text = slurp(path, &len);
		struct bundle_diag diag = { { 0 } };
		int err;
		if (!strcmp(dot, ".pub")) {
			struct minisign_public_key k;
			err = minisign_public_key_parse(text, len, &k, &diag);
		} else if (!strcmp(dot, ".minisig")) {
			struct minisign_signature s;
			err = minisign_signature_parse(text, len, &s, &diag);
		} else {
			struct minisign_secret_key k;
			err = minisign_secret_key_parse(text, len, "x", &k, NULL, &diag);
		}
		free(text);
		checked++;
		if (err == BUNDLE_OK || !strstr(diag.message, expect)) {
			print_message("%s: %s, message \"%s\", expected \"%s\"\n", e->d_name,
				      err ? "refused" : "ACCEPTED", diag.message, expect);
			failures++;
		}
	}
	closedir(d);
	assert_true(checked >= 10);
	assert_int_equal(failures, 0);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_tampering_caught),
		cmocka_unit_test(test_secret_keys), cmocka_unit_test(test_versions),
		cmocka_unit_test(test_keyring),     cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
