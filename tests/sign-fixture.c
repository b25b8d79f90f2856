#include "sign-fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle-writer.h"
#include "bundle/page.h"
#include "bundle/site.h"

static void b64(const uint8_t *raw, size_t n, char *out, size_t cap)
{
	sodium_bin2base64(out, cap, raw, n, sodium_base64_VARIANT_ORIGINAL);
}

void fixture_pair_make(struct fixture_pair *p)
{
	assert_true(sodium_init() >= 0);
	randombytes_buf(p->sk.id, sizeof(p->sk.id));
	uint8_t pk[32];
	crypto_sign_keypair(pk, p->sk.key);
	minisign_public_of(&p->sk, &p->pk);
	assert_memory_equal(p->pk.key, pk, 32);
	uint8_t raw[42];
	memcpy(raw, "Ed", 2);
	memcpy(raw + 2, p->sk.id, 8);
	memcpy(raw + 10, pk, 32);
	char line[80], hex[17];
	b64(raw, sizeof(raw), line, sizeof(line));
	minisign_key_id_hex(p->sk.id, hex);
	snprintf(p->pub_text, sizeof(p->pub_text),
		 "untrusted comment: minisign public key %s\n%s\n", hex, line);
}

void fixture_secret_key_text(const struct fixture_pair *p, const char *password, bool zero_checksum,
			     char *out, size_t cap)
{
	uint8_t raw[158] = { 0 };
	memcpy(raw, "Ed", 2);
	memcpy(raw + 4, "B2", 2);
	memcpy(raw + 54, p->sk.id, 8);
	memcpy(raw + 62, p->sk.key, 64);
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, raw, 2);
	crypto_generichash_update(&st, raw + 54, 8);
	crypto_generichash_update(&st, raw + 62, 64);
	crypto_generichash_final(&st, raw + 126, 32);
	if (zero_checksum)
		memset(raw + 126, 0, 32);
	if (password) {
		memcpy(raw + 2, "Sc", 2);
		randombytes_buf(raw + 6, 32);
		uint64_t ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN;
		uint64_t mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN;
		for (int i = 0; i < 8; i++) {
			raw[38 + i] = (uint8_t)(ops >> (8 * i));
			raw[46 + i] = (uint8_t)(mem >> (8 * i));
		}
		uint8_t stream[104];
		assert_int_equal(crypto_pwhash_scryptsalsa208sha256(stream, sizeof(stream),
								    password, strlen(password),
								    raw + 6, ops, (size_t)mem),
				 0);
		for (int i = 0; i < 104; i++)
			raw[54 + i] ^= stream[i];
	}
	char line[260];
	b64(raw, sizeof(raw), line, sizeof(line));
	snprintf(out, cap, "untrusted comment: minisign encrypted secret key\n%s\n", line);
}

void fixture_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

void fixture_bundle(const char *path, const char *slogan, const struct fixture_pair *signer,
		    const char *version)
{
	struct site s = { 0 };
	s.lang_count = 2;
	s.langs[0] = "de";
	s.langs[1] = "en";
	s.name.text[0] = s.name.text[1] = "Fixture";
	s.slogan.text[0] = s.slogan.text[1] = slogan;
	s.start_page = "start";
	s.colors = (struct site_colors){ 0xffffff, 0x111111, 0x0b3a6e, 0xffffff, 0xe3e9f1,
					 0x0f2a4a, 0x565b63, 0x0b3a6e, 0xfff3b0 };
	s.high_contrast = site_default_high_contrast;
	struct page_span span = { 0, slogan, "" };
	struct page_block block = { .kind = PAGE_PARAGRAPH, .span_count = 1, .spans = &span };
	struct page p = { .id = "start",
			  .title = "Start",
			  .tile_title = "Start",
			  .summary = "",
			  .tile_image = "",
			  .block_count = 1,
			  .blocks = &block };
	struct bundle_writer *w = bundle_writer_new();
	struct bundle_diag diag = { { 0 } };
	uint8_t *bytes;
	size_t size;
	assert_int_equal(site_encode(&s, &bytes, &size, &diag), BUNDLE_OK);
	assert_int_equal(bundle_writer_add(w, BUNDLE_SITE, "site", bytes, size, 0, &diag),
			 BUNDLE_OK);
	free(bytes);
	static const char *const langs[] = { "de", "en" };
	for (int l = 0; l < 2; l++) {
		char name[32];
		p.lang = langs[l];
		snprintf(name, sizeof(name), "page/start/%s", langs[l]);
		assert_int_equal(page_encode(&p, &bytes, &size, &diag), BUNDLE_OK);
		assert_int_equal(bundle_writer_add(w, BUNDLE_PAGE, name, bytes, size, 0, &diag),
				 BUNDLE_OK);
		free(bytes);
	}
	assert_int_equal(bundle_writer_to_file(w, path, &diag), BUNDLE_OK);
	bundle_writer_free(w);
	if (!signer)
		return;
	uint8_t h[MINISIGN_PREHASH_SIZE];
	assert_int_equal(minisign_prehash_file(path, h, &diag), BUNDLE_OK);
	char comment[64], sig_path[512], *text;
	snprintf(comment, sizeof(comment), "foyer-version:%s", version);
	assert_int_equal(minisign_sign(&signer->sk, h, "fixture", comment, &text, &diag),
			 BUNDLE_OK);
	snprintf(sig_path, sizeof(sig_path), "%s.minisig", path);
	fixture_write(sig_path, text);
	free(text);
}
