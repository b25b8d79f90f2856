/* libbundle: writer -> reader round trips for every entry type, determinism,
 * and hostile bytes: every truncation and every single-bit flip of a valid
 * bundle is refused (at open, or when the damaged entry is read) with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include "bundle/bundle-writer.h"
#include "bundle/bundle.h"
#include "bundle/focus.h"
#include "bundle/page.h"
#include "bundle/site.h"
#include "bundle/speech.h"
#include "bundle/wire.h"

static const char font_bytes[] = "\0\1\0\0 pretend this is a TrueType font, repeated repeated "
				 "repeated repeated repeated repeated repeated repeated";

static struct site sample_site(void)
{
	struct site s = { 0 };
	s.lang_count = 2;
	s.langs[0] = "de";
	s.langs[1] = "en";
	s.name.text[0] = "Dortmund in Europa";
	s.name.text[1] = "Dortmund in Europe";
	s.slogan.text[0] = "Dortmund überrascht. Dich.";
	s.slogan.text[1] = "Dortmund surprises. You.";
	s.start_page = "start";
	s.tile_count = 2;
	s.tiles[0] = "kultur";
	s.tiles[1] = "kontakt";
	s.colors = (struct site_colors){ 0xffffff, 0x111111, 0x0b3a6e, 0xffffff, 0xe3e9f1,
					 0x0f2a4a, 0x565b63, 0x0b3a6e, 0xfff3b0 };
	s.high_contrast = site_default_high_contrast;
	s.high_contrast.highlight = 0x123456;
	s.location_count = 1;
	s.locations[0].id = "friedensplatz";
	s.locations[0].name.text[0] = "Friedensplatz";
	s.locations[0].name.text[1] = "Friedensplatz";
	return s;
}

static const struct page_span spans[] = {
	{ 0, "Das Kul\u00adtur\u00adbüro or\u00adga\u00adni\u00adsiert ", "" },
	{ SPAN_BOLD, "Festivals", "" },
	{ SPAN_ITALIC | SPAN_LINK_PAGE, "Kontakt", "kontakt" },
	{ SPAN_LINK_EXTERNAL, "www.kulturbuero.dortmund.de",
	  "https://www.kulturbuero.dortmund.de" },
};

static struct page sample_page(struct page_block *blocks)
{
	blocks[0] = (struct page_block){
		.kind = PAGE_HEADING, .level = 1, .span_count = 1, .spans = spans + 1
	};
	blocks[1] = (struct page_block){ .kind = PAGE_PARAGRAPH, .span_count = 4, .spans = spans };
	blocks[2] = (struct page_block){ .kind = PAGE_LIST_ITEM,
					 .level = 2,
					 .number = 3,
					 .flags = PAGE_ORDERED,
					 .span_count = 1,
					 .spans = spans };
	blocks[3] = (struct page_block){ .kind = PAGE_PICTURE,
					 .image = "friedensplatz",
					 .caption = "Der Friedensplatz",
					 .credit = "Zeichnung: foyer",
					 .link = "kontakt",
					 .flags = PAGE_PICTURE_LINK };
	blocks[4] = (struct page_block){ .kind = PAGE_CONTACT,
					 .contact = { "Ansprechpartnerin", "Angela Märtin",
						      "Ansprech"
						      "partnerin",
						      "Amt", "", "", "" } };
	blocks[5] =
	    (struct page_block){ .kind = PAGE_QUOTE, .quotes = 1, .span_count = 2, .spans = spans };
	/* a task in a list in a quote: quote, then list */
	blocks[6] = (struct page_block){ .kind = PAGE_LIST_ITEM,
					 .level = 1,
					 .quotes = 1,
					 .flags = PAGE_TASK | PAGE_TASK_DONE,
					 .span_count = 1,
					 .spans = spans + 1 };
	static const unsigned char align[] = { PAGE_ALIGN_LEFT, PAGE_ALIGN_RIGHT };
	static const struct page_cell cells[] = {
		{ 1, spans + 1 },
		{ 0, NULL },
		{ 1, spans + 2 },
		{ 2, spans },
	};
	blocks[7] = (struct page_block){
		.kind = PAGE_TABLE, .columns = 2, .rows = 2, .align = align, .cells = cells
	};
	return (struct page){ .id = "kultur",
			      .lang = "de",
			      .title = "Kulturelle Projekte",
			      .tile_title = "Kultur",
			      .summary = "Festivals",
			      .tile_image = "festival",
			      .block_count = 8,
			      .blocks = blocks };
}

/* Builds a bundle with one entry of every type; caller frees *out. */
static void build_sample(uint8_t **out, size_t *size, int reverse)
{
	struct bundle_writer *w = bundle_writer_new();
	assert_non_null(w);
	struct bundle_diag diag;
	struct site s = sample_site();
	struct page_block blocks[8];
	struct page p = sample_page(blocks);
	uint8_t *site_bytes, *page_bytes;
	size_t site_size, page_size;
	assert_int_equal(site_encode(&s, &site_bytes, &site_size, &diag), BUNDLE_OK);
	assert_int_equal(page_encode(&p, &page_bytes, &page_size, &diag), BUNDLE_OK);
	uint8_t image[300];
	memcpy(image, "qoif\0\0\0\x10\0\0\0\x10\3\0", 14);
	for (size_t i = 14; i < sizeof(image); i++)
		image[i] = (uint8_t)(i * 7);
	struct {
		enum bundle_entry_type type;
		const char *name;
		const void *data;
		size_t size;
		unsigned flags;
	} entries[] = {
		{ BUNDLE_SITE, "site", site_bytes, site_size, 0 },
		{ BUNDLE_PAGE, "page/kultur/de", page_bytes, page_size, BUNDLE_ADD_COMPRESS },
		{ BUNDLE_IMAGE, "image/friedensplatz", image, sizeof(image), 0 },
		{ BUNDLE_FONT, "font/regular", font_bytes, sizeof(font_bytes),
		  BUNDLE_ADD_COMPRESS },
		{ BUNDLE_PAGE, "page/leer/de", "", 0, 0 },
	};
	size_t n = sizeof(entries) / sizeof(entries[0]);
	for (size_t k = 0; k < n; k++) {
		size_t i = reverse ? n - 1 - k : k;
		assert_int_equal(bundle_writer_add(w, entries[i].type, entries[i].name,
						   entries[i].data, entries[i].size,
						   entries[i].flags, &diag),
				 BUNDLE_OK);
	}
	assert_int_equal(bundle_writer_to_memory(w, out, size, &diag), BUNDLE_OK);
	bundle_writer_free(w);
	free(site_bytes);
	free(page_bytes);
}

static void test_round_trip(void **state)
{
	(void)state;
	uint8_t *data;
	size_t size;
	build_sample(&data, &size, 0);
	struct bundle *b;
	struct bundle_diag diag = { { 0 } };
	assert_int_equal(bundle_open_memory(data, size, &b, &diag), BUNDLE_OK);
	assert_int_equal(bundle_entry_count(b), 5);
	/* Sorted by name, so binary search works. */
	assert_string_equal(bundle_entry_at(b, 0)->name, "font/regular");
	assert_string_equal(bundle_entry_at(b, 4)->name, "site");
	assert_null(bundle_find(b, "page/kultur/en"));

	const struct bundle_entry *e = bundle_find(b, "font/regular");
	assert_non_null(e);
	assert_int_equal(e->type, BUNDLE_FONT);
	assert_true(e->flags & BUNDLE_ENTRY_ZSTD); /* repetitive: compression kept */
	const uint8_t *bytes;
	size_t n;
	assert_int_equal(bundle_entry_data(b, e, &bytes, &n, &diag), BUNDLE_OK);
	assert_int_equal(n, sizeof(font_bytes));
	assert_memory_equal(bytes, font_bytes, n);

	e = bundle_find(b, "site");
	assert_int_equal(bundle_entry_data(b, e, &bytes, &n, &diag), BUNDLE_OK);
	struct site s;
	assert_int_equal(site_decode(bytes, n, &s, &diag), BUNDLE_OK);
	assert_int_equal(s.lang_count, 2);
	assert_string_equal(s.langs[1], "en");
	assert_string_equal(s.slogan.text[0], "Dortmund überrascht. Dich.");
	assert_string_equal(s.tiles[1], "kontakt");
	assert_int_equal(s.colors.accent, 0x0b3a6e);
	assert_int_equal(s.colors.highlight, 0xfff3b0);
	assert_int_equal(s.high_contrast.text, 0xffffff);
	assert_int_equal(s.high_contrast.highlight, 0x123456);
	assert_string_equal(s.locations[0].id, "friedensplatz");
	assert_int_equal(site_lang_index(&s, "en"), 1);
	assert_int_equal(site_lang_index(&s, "fr"), -1);

	e = bundle_find(b, "page/kultur/de");
	assert_int_equal(bundle_entry_data(b, e, &bytes, &n, &diag), BUNDLE_OK);
	struct page *p;
	assert_int_equal(page_decode(bytes, n, &p, &diag), BUNDLE_OK);
	assert_string_equal(p->title, "Kulturelle Projekte");
	assert_string_equal(p->tile_image, "festival");
	assert_int_equal(p->block_count, 8);
	assert_int_equal(p->blocks[1].span_count, 4);
	assert_string_equal(p->blocks[1].spans[0].text, spans[0].text);
	assert_int_equal(p->blocks[1].spans[2].style, SPAN_ITALIC | SPAN_LINK_PAGE);
	assert_string_equal(p->blocks[1].spans[2].target, "kontakt");
	assert_int_equal(p->blocks[2].number, 3);
	assert_int_equal(p->blocks[2].level, 2);
	assert_string_equal(p->blocks[3].credit, "Zeichnung: foyer");
	assert_string_equal(p->blocks[4].contact.name, "Angela Märtin");
	assert_int_equal(p->blocks[5].kind, PAGE_QUOTE);
	assert_int_equal(p->blocks[2].flags, PAGE_ORDERED);
	assert_string_equal(p->blocks[3].link, "kontakt");
	assert_int_equal(p->blocks[3].flags, PAGE_PICTURE_LINK);
	assert_int_equal(p->blocks[6].quotes, 1);
	assert_int_equal(page_block_depth(&p->blocks[6]), 2);
	assert_int_equal(p->blocks[6].flags, PAGE_TASK | PAGE_TASK_DONE);
	assert_int_equal(p->blocks[7].kind, PAGE_TABLE);
	assert_int_equal(p->blocks[7].columns, 2);
	assert_int_equal(p->blocks[7].rows, 2);
	assert_int_equal(p->blocks[7].align[1], PAGE_ALIGN_RIGHT);
	assert_int_equal(p->blocks[7].cells[1].span_count, 0);
	assert_int_equal(p->blocks[7].cells[3].span_count, 2);
	assert_string_equal(p->blocks[7].cells[2].spans[0].target, "kontakt");
	page_free(p);

	e = bundle_find(b, "image/friedensplatz");
	assert_int_equal(bundle_entry_data(b, e, &bytes, &n, &diag), BUNDLE_OK);
	assert_int_equal(n, 300);
	assert_memory_equal(bytes, "qoif", 4);

	e = bundle_find(b, "page/leer/de");
	assert_int_equal(bundle_entry_data(b, e, &bytes, &n, &diag), BUNDLE_OK);
	assert_int_equal(n, 0);
	assert_int_equal(bundle_verify_all(b, &diag), BUNDLE_OK);
	bundle_close(b);
	free(data);
}

/* A site record of version 1 (seven colours, no high-contrast theme), as
 * bundles before the high-contrast theme have it, still opens. */
static void test_site_version_1(void **state)
{
	static const uint32_t colors[7] = { 0xffffff, 0x111111, 0x0b3a6e, 0xffffff,
					    0xe3e9f1, 0x0f2a4a, 0x565b63 };
	struct wire_buf b = { 0 };
	struct bundle_diag diag = { { 0 } };
	struct site s;
	(void)state;
	wire_buf_u32(&b, 0x45544953u);
	wire_buf_u16(&b, 1);
	wire_buf_u16(&b, 0);
	wire_buf_u8(&b, 1);
	wire_buf_str(&b, "de");
	wire_buf_str(&b, "Name");
	wire_buf_str(&b, "");
	wire_buf_str(&b, "start");
	wire_buf_u8(&b, 0);
	for (size_t i = 0; i < 7; i++)
		wire_buf_u32(&b, colors[i]);
	wire_buf_u8(&b, 0);
	assert_false(b.failed);
	assert_int_equal(site_decode(b.data, b.len, &s, &diag), BUNDLE_OK);
	assert_int_equal(s.colors.muted, 0x565b63);
	assert_int_equal(s.colors.edge, 0x0b3a6e);
	assert_int_equal(s.colors.highlight, SITE_DEFAULT_HIGHLIGHT);
	assert_int_equal(s.high_contrast.background, site_default_high_contrast.background);
	assert_int_equal(s.high_contrast.accent, site_default_high_contrast.accent);
	/* version 3 is not known */
	b.data[4] = 3;
	assert_int_equal(site_decode(b.data, b.len, &s, &diag), BUNDLE_ERR_VERSION);
	wire_buf_release(&b);
}

/* A speech record: framed packets round-trip, keys are found, and every
 * truncation or a packet length that runs past its utterance is refused. */
static void test_speech_record(void **state)
{
	/* two packets of 3 and 2 bytes; 480-sample frames at 24 kHz cover 900 + 60 */
	static const uint8_t packets[] = { 3, 0, 0xaa, 0xbb, 0xcc, 2, 0, 0xdd, 0xee };
	struct speech_utterance u[2] = {
		{ "block/1", "Hallo", 900, 2, packets, sizeof(packets) },
		{ "title", "Titel", 400, 1, packets, 5 },
	};
	struct speech rec = { 24000, 480, 60, "de", "espeak-ng test", 2, u };
	struct bundle_diag diag = { { 0 } };
	uint8_t *data;
	size_t size;
	struct speech *back;
	(void)state;
	assert_int_equal(speech_encode(&rec, &data, &size, &diag), BUNDLE_OK);
	assert_int_equal(speech_decode(data, size, &back, &diag), BUNDLE_OK);
	assert_int_equal(back->count, 2);
	assert_int_equal(back->pre_skip, 60);
	assert_string_equal(back->voice, "espeak-ng test");
	const struct speech_utterance *t = speech_find(back, "title");
	assert_non_null(t);
	assert_string_equal(t->text, "Titel");
	assert_null(speech_find(back, "block/2"));
	size_t pos = 0, n;
	const uint8_t *pk;
	assert_true(speech_next_packet(speech_find(back, "block/1"), &pos, &pk, &n));
	assert_int_equal(n, 3);
	assert_int_equal(pk[0], 0xaa);
	speech_free(back);
	for (size_t cut = 0; cut < size; cut++)
		assert_int_not_equal(speech_decode(data, cut, &back, &diag), BUNDLE_OK);
	/* the first packet claims 4 bytes: framing no longer matches the count */
	uint8_t *bad = malloc(size);
	assert_non_null(bad);
	memcpy(bad, data, size);
	size_t at = 0;
	while (at + sizeof(packets) <= size && memcmp(bad + at, packets, sizeof(packets)) != 0)
		at++;
	assert_true(at + sizeof(packets) <= size);
	bad[at] = 4;
	assert_int_equal(speech_decode(bad, size, &back, &diag), BUNDLE_ERR_CORRUPT);
	free(bad);
	free(data);
	/* out of order keys, or samples the packets cannot hold, are not written */
	struct speech_utterance swapped[2] = { u[1], u[0] };
	rec.utterances = swapped;
	assert_int_equal(speech_encode(&rec, &data, &size, &diag), BUNDLE_ERR_INVALID);
	u[0].samples = 2000;
	rec.utterances = u;
	assert_int_equal(speech_encode(&rec, &data, &size, &diag), BUNDLE_ERR_INVALID);
}

static void test_deterministic(void **state)
{
	(void)state;
	uint8_t *a, *b;
	size_t na, nb;
	build_sample(&a, &na, 0);
	build_sample(&b, &nb, 1);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	free(a);
	free(b);
}

static void test_every_truncation_refused(void **state)
{
	(void)state;
	uint8_t *data;
	size_t size;
	build_sample(&data, &size, 0);
	for (size_t len = 0; len < size; len++) {
		/* A fresh heap copy of exactly len bytes, so ASan sees any overread. */
		uint8_t *copy = malloc(len ? len : 1);
		memcpy(copy, data, len);
		struct bundle *b = (struct bundle *)1;
		struct bundle_diag diag = { { 0 } };
		int rc = bundle_open_memory(copy, len, &b, &diag);
		assert_int_not_equal(rc, BUNDLE_OK);
		assert_null(b);
		assert_true(strlen(diag.message) > 10);
		free(copy);
	}
	free(data);
}

static void test_every_bit_flip_detected(void **state)
{
	(void)state;
	uint8_t *data;
	size_t size;
	build_sample(&data, &size, 0);
	uint8_t *copy = malloc(size);
	size_t refused_at_open = 0, refused_on_read = 0;
	for (size_t byte = 0; byte < size; byte++) {
		for (int bit = 0; bit < 8; bit++) {
			memcpy(copy, data, size);
			copy[byte] ^= (uint8_t)(1u << bit);
			struct bundle *b;
			struct bundle_diag diag = { { 0 } };
			int rc = bundle_open_memory(copy, size, &b, &diag);
			if (rc != BUNDLE_OK) {
				assert_true(strlen(diag.message) > 10);
				refused_at_open++;
				continue;
			}
			rc = bundle_verify_all(b, &diag);
			/* Only padding between entries is not covered by any hash. */
			if (rc == BUNDLE_OK) {
				bool padding = true;
				for (size_t i = 0; i < bundle_entry_count(b); i++) {
					const struct bundle_entry *e = bundle_entry_at(b, i);
					if (byte >= e->offset && byte < e->offset + e->stored_size)
						padding = false;
				}
				assert_true(padding);
			} else {
				assert_non_null(strstr(diag.message, "entry '"));
				refused_on_read++;
			}
			bundle_close(b);
		}
	}
	/* Header, TOC and string table are hashed at open: they are most of the refusals. */
	assert_true(refused_at_open >= 8 * (128 + 5 * 80));
	assert_true(refused_on_read > 0);
	free(copy);
	free(data);
}

static void test_unknown_major_version(void **state)
{
	(void)state;
	uint8_t *data;
	size_t size;
	build_sample(&data, &size, 0);
	data[8] = 2; /* major version, u16 LE at offset 8 */
	struct bundle *b;
	struct bundle_diag diag = { { 0 } };
	assert_int_equal(bundle_open_memory(data, size, &b, &diag), BUNDLE_ERR_VERSION);
	assert_non_null(strstr(diag.message, "version 2."));
	free(data);
}

static void test_writer_rejects_bad_names(void **state)
{
	(void)state;
	struct bundle_writer *w = bundle_writer_new();
	struct bundle_diag diag;
	assert_int_equal(bundle_writer_add(w, BUNDLE_PAGE, "../etc/passwd", "x", 1, 0, &diag),
			 BUNDLE_ERR_INVALID);
	assert_int_equal(bundle_writer_add(w, BUNDLE_PAGE, "Page/Upper", "x", 1, 0, &diag),
			 BUNDLE_ERR_INVALID);
	assert_int_equal(bundle_writer_add(w, BUNDLE_PAGE, "", "x", 1, 0, &diag),
			 BUNDLE_ERR_INVALID);
	assert_int_equal(bundle_writer_add(w, BUNDLE_PAGE, "a//b", "x", 1, 0, &diag),
			 BUNDLE_ERR_INVALID);
	assert_int_equal(bundle_writer_add(w, BUNDLE_PAGE, "a", "x", 1, 0, &diag), BUNDLE_OK);
	assert_int_equal(bundle_writer_add(w, BUNDLE_PAGE, "a", "y", 1, 0, &diag),
			 BUNDLE_ERR_INVALID);
	assert_non_null(strstr(diag.message, "twice"));
	bundle_writer_free(w);
}

static size_t count_files(const char *dir)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void test_file_write_is_atomic(void **state)
{
	(void)state;
	char dir[] = "/tmp/foyer-test-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/content.fpk", dir);
	struct bundle_writer *w = bundle_writer_new();
	struct bundle_diag diag = { { 0 } };
	assert_int_equal(bundle_writer_add(w, BUNDLE_FONT, "font/regular", font_bytes,
					   sizeof(font_bytes), 0, &diag),
			 BUNDLE_OK);
	assert_int_equal(bundle_writer_to_file(w, path, &diag), BUNDLE_OK);
	assert_int_equal(count_files(dir), 1); /* no temporary left behind */
	struct bundle *b;
	assert_int_equal(bundle_open(path, &b, &diag), BUNDLE_OK);
	assert_int_equal(bundle_entry_count(b), 1);
	bundle_close(b);

	/* A target in a missing folder fails cleanly and names the place. */
	char bad[160];
	snprintf(bad, sizeof(bad), "%s/missing/content.fpk", dir);
	assert_int_equal(bundle_writer_to_file(w, bad, &diag), BUNDLE_ERR_IO);
	assert_non_null(strstr(diag.message, "missing"));
	assert_int_equal(count_files(dir), 1);
	bundle_writer_free(w);

	/* Opening something that is not there, or not a bundle, says so. */
	snprintf(bad, sizeof(bad), "%s/none.fpk", dir);
	assert_int_equal(bundle_open(bad, &b, &diag), BUNDLE_ERR_IO);
	assert_null(b);
	assert_int_equal(bundle_open(dir, &b, &diag), BUNDLE_ERR_IO);
	unlink(path);
	rmdir(dir);
}

/* Version 2 adds the page's web address, tile label, contact fields and QR
 * codes; version 1 records (without them) still decode. */
/* Where a page record's six header strings end (the notice begins there). */
static size_t page_header_size(const uint8_t *rec)
{
	size_t at = 8; /* magic, version, reserved */

	for (int i = 0; i < 6; i++)
		at += 4 +
		      ((size_t)rec[at] | (size_t)rec[at + 1] << 8 | (size_t)rec[at + 2] << 16 |
		       (size_t)rec[at + 3] << 24) +
		      1;
	return at;
}

static void test_page_extras_round_trip(void **state)
{
	struct page_block blocks[8];
	struct page p = sample_page(blocks), *out;
	static const uint8_t modules[(21 * 21 + 7) / 8] = { 0xfe, 0x03, 0x80 };
	struct page_qr qr = { "https://www.kulturbuero.dortmund.de", 21, modules };
	struct bundle_diag diag;
	uint8_t *bytes, *v1;
	size_t n, notice_at;

	(void)state;
	p.url = qr.url;
	p.label = "Kultur";
	p.phone = "";
	p.email = "";
	p.room = "Raum 1";
	p.qrs = &qr;
	p.qr_count = 1;
	assert_int_equal(page_encode(&p, &bytes, &n, &diag), BUNDLE_OK);
	assert_int_equal(page_decode(bytes, n, &out, &diag), BUNDLE_OK);
	assert_string_equal(out->url, qr.url);
	assert_string_equal(out->label, "Kultur");
	assert_string_equal(out->room, "Raum 1");
	assert_int_equal(out->qr_count, 1);
	assert_ptr_equal(page_qr_find(out, qr.url), &out->qrs[0]);
	assert_null(page_qr_find(out, "https://example.org"));
	assert_int_equal(out->qrs[0].side, 21);
	assert_true(page_qr_dark(&out->qrs[0], 0, 0));
	assert_false(page_qr_dark(&out->qrs[0], 7, 0));
	assert_true(page_qr_dark(&out->qrs[0], 16, 0));
	page_free(out);
	free(bytes);
	/* version 1: the same record without the extras */
	p.url = p.label = p.phone = p.email = p.room = "";
	p.qr_count = 0;
	/* only the heading and the paragraph: version 1 had no block quotes, flags,
	 * tables or picture links */
	p.block_count = 2;
	assert_int_equal(page_encode(&p, &bytes, &n, &diag), BUNDLE_OK);
	/* without the extras at the end, nor the notice after the header (an empty
	 * string and two dates, 13 bytes) */
	v1 = malloc(n);
	assert_non_null(v1);
	notice_at = page_header_size(bytes);
	memcpy(v1, bytes, notice_at);
	memcpy(v1 + notice_at, bytes + notice_at + 13, n - notice_at - 13);
	v1[4] = 1;
	assert_int_equal(page_decode(v1, n - 13 - 5 * 5 - 2, &out, &diag), BUNDLE_OK);
	assert_string_equal(out->url, "");
	assert_int_equal(out->qr_count, 0);
	page_free(out);
	free(v1); /* the page's strings pointed into it */
	/* a QR code that does not fit the record is refused */
	bytes[4] = 2;
	bytes[n - 2] = 1;
	assert_int_not_equal(page_decode(bytes, n, &out, &diag), BUNDLE_OK);
	free(bytes);
}

static void test_focus_round_trip(void **state)
{
	struct focus f = { 0.46, 0.33, 0.26, 0.13, 0.68, 0.56 }, out;
	struct bundle_diag diag;
	uint8_t *bytes;
	size_t n;

	(void)state;
	assert_int_equal(focus_encode(&f, &bytes, &n, &diag), BUNDLE_OK);
	assert_int_equal(n, 20);
	assert_int_equal(focus_decode(bytes, n, &out, &diag), BUNDLE_OK);
	assert_true(out.x > 0.4599 && out.x < 0.4601 && out.safe_y1 > 0.5599 &&
		    out.safe_y1 < 0.5601);
	/* out of range, truncated, inverted: refused */
	bytes[8] = 0xff;
	bytes[9] = 0xff;
	assert_int_equal(focus_decode(bytes, n, &out, &diag), BUNDLE_ERR_CORRUPT);
	assert_int_equal(focus_decode(bytes, n - 1, &out, &diag), BUNDLE_ERR_CORRUPT);
	free(bytes);
	f.safe_x1 = 0.1;
	assert_int_equal(focus_encode(&f, &bytes, &n, &diag), BUNDLE_ERR_INVALID);
}

static void test_page_decode_hostile(void **state)
{
	(void)state;
	struct page_block blocks[8];
	struct page p = sample_page(blocks);
	uint8_t *bytes;
	size_t n;
	struct bundle_diag diag;
	assert_int_equal(page_encode(&p, &bytes, &n, &diag), BUNDLE_OK);
	for (size_t len = 0; len < n; len++) {
		uint8_t *copy = malloc(len ? len : 1);
		memcpy(copy, bytes, len);
		struct page *out = (struct page *)1;
		assert_int_not_equal(page_decode(copy, len, &out, &diag), BUNDLE_OK);
		assert_null(out);
		free(copy);
	}
	/* Bit flips either decode to a consistent page or are refused; never a crash. */
	uint8_t *copy = malloc(n);
	for (size_t i = 0; i < n * 8; i++) {
		memcpy(copy, bytes, n);
		copy[i / 8] ^= (uint8_t)(1u << (i % 8));
		struct page *out;
		if (page_decode(copy, n, &out, &diag) == BUNDLE_OK) {
			for (size_t k = 0; k < out->block_count; k++)
				assert_true(out->blocks[k].kind >= PAGE_HEADING &&
					    out->blocks[k].kind <= PAGE_TABLE);
			page_free(out);
		}
	}
	free(copy);
	free(bytes);
}

/* The writer refuses what a reader would: a model the page record cannot say. */
static void test_page_encode_refuses_impossible(void **state)
{
	(void)state;
	struct page_span span = { 0, "Text", "" };
	struct page_block bad[] = {
		/* a number without an ordered list */
		{ .kind = PAGE_LIST_ITEM,
		  .level = 1,
		  .number = 2,
		  .span_count = 1,
		  .spans = &span },
		/* a quote paragraph outside any quote */
		{ .kind = PAGE_QUOTE, .span_count = 1, .spans = &span },
		/* a table inside a quote */
		{ .kind = PAGE_TABLE, .quotes = 1, .columns = 1, .rows = 1 },
		/* deeper than PAGE_MAX_NESTING */
		{ .kind = PAGE_PARAGRAPH,
		  .level = 6,
		  .quotes = 0x7,
		  .span_count = 1,
		  .spans = &span },
		/* a task ticked without being a task */
		{ .kind = PAGE_LIST_ITEM,
		  .level = 1,
		  .flags = PAGE_TASK_DONE,
		  .span_count = 1,
		  .spans = &span },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct page p = { .id = "x", .lang = "de", .block_count = 1, .blocks = &bad[i] };
		uint8_t *bytes = NULL;
		size_t n;
		struct bundle_diag diag;
		assert_int_equal(page_encode(&p, &bytes, &n, &diag), BUNDLE_ERR_LIMIT);
		assert_null(bytes);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_site_version_1),
		cmocka_unit_test(test_speech_record),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_every_truncation_refused),
		cmocka_unit_test(test_every_bit_flip_detected),
		cmocka_unit_test(test_unknown_major_version),
		cmocka_unit_test(test_writer_rejects_bad_names),
		cmocka_unit_test(test_file_write_is_atomic),
		cmocka_unit_test(test_page_decode_hostile),
		cmocka_unit_test(test_page_extras_round_trip),
		cmocka_unit_test(test_focus_round_trip),
		cmocka_unit_test(test_page_encode_refuses_impossible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
