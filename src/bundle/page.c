#include "bundle/page.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

#define PAGE_MAGIC 0x45474150u /* "PAGE" */
/* 2 added the notice and its dates, url, label, contact fields and QR codes;
 * version 1 records still read */
#define PAGE_WIRE_VERSION 2

static bool has_spans(enum page_block_kind k)
{
	return k == PAGE_HEADING || k == PAGE_PARAGRAPH || k == PAGE_LIST_ITEM || k == PAGE_QUOTE;
}

bool page_id_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > PAGE_ID_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

static bool lang_valid(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z';
}

bool page_date_valid(uint32_t date)
{
	static const unsigned days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned y = date / 10000, m = date / 100 % 100, d = date % 100;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 2000 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return !(m == 2 && d == 29 && !leap);
}

bool page_date_parse(const char *text, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < 10; i++) {
		bool dash = i == 4 || i == 7;

		if (dash ? text[i] != '-' : !(text[i] >= '0' && text[i] <= '9'))
			return false;
		if (!dash)
			v = v * 10 + (uint32_t)(text[i] - '0');
	}
	if (text[10] != '\0' || !page_date_valid(v))
		return false;
	*out = v;
	return true;
}

int page_entry_name(char *buf, size_t size, const char *id, const char *lang)
{
	int n = snprintf(buf, size, "page/%s/%s", id, lang);
	return n > 0 && (size_t)n < size;
}

static size_t str_len(const char *s)
{
	return s ? strlen(s) : 0;
}

int page_encode(const struct page *p, uint8_t **out, size_t *size, struct bundle_diag *diag)
{
	if (p->block_count > PAGE_MAX_BLOCKS)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "page '%s': %zu blocks, the limit is %d",
				   p->id, p->block_count, PAGE_MAX_BLOCKS);
	const char *head[] = { p->id, p->lang, p->title, p->tile_title, p->summary, p->tile_image };
	struct wire_buf b = { 0 };
	wire_buf_u32(&b, PAGE_MAGIC);
	wire_buf_u16(&b, PAGE_WIRE_VERSION);
	wire_buf_u16(&b, 0);
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
		if (str_len(head[i]) > PAGE_MAX_STRING)
			goto out_limit;
		wire_buf_str(&b, head[i]);
	}
	if (str_len(p->notice) > PAGE_MAX_STRING)
		goto out_limit;
	wire_buf_str(&b, p->notice);
	wire_buf_u32(&b, p->valid_from);
	wire_buf_u32(&b, p->valid_until);
	wire_buf_u32(&b, (uint32_t)p->block_count);
	for (size_t i = 0; i < p->block_count; i++) {
		const struct page_block *bl = &p->blocks[i];
		wire_buf_u8(&b, (uint8_t)bl->kind);
		wire_buf_u8(&b, (uint8_t)bl->level);
		wire_buf_u16(&b, 0);
		wire_buf_u32(&b, bl->number);
		const char *fields[7];
		size_t nfields = 0;
		if (has_spans(bl->kind)) {
			if (bl->span_count > PAGE_MAX_SPANS)
				goto out_limit;
			wire_buf_u32(&b, (uint32_t)bl->span_count);
			for (size_t s = 0; s < bl->span_count; s++) {
				const struct page_span *sp = &bl->spans[s];
				if (str_len(sp->text) > PAGE_MAX_STRING ||
				    str_len(sp->target) > PAGE_MAX_STRING)
					goto out_limit;
				wire_buf_u8(&b, (uint8_t)sp->style);
				wire_buf_str(&b, sp->text);
				wire_buf_str(&b, sp->target);
			}
		} else if (bl->kind == PAGE_PICTURE) {
			fields[nfields++] = bl->image;
			fields[nfields++] = bl->caption;
			fields[nfields++] = bl->credit;
		} else if (bl->kind == PAGE_CONTACT) {
			const struct page_contact *c = &bl->contact;
			fields[nfields++] = c->heading;
			fields[nfields++] = c->name;
			fields[nfields++] = c->role;
			fields[nfields++] = c->organisation;
			fields[nfields++] = c->address;
			fields[nfields++] = c->phone;
			fields[nfields++] = c->email;
		}
		for (size_t f = 0; f < nfields; f++) {
			if (str_len(fields[f]) > PAGE_MAX_STRING)
				goto out_limit;
			wire_buf_str(&b, fields[f]);
		}
	}
	const char *extra[] = { p->url, p->label, p->phone, p->email, p->room };
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		if (str_len(extra[i]) > PAGE_MAX_STRING)
			goto out_limit;
		wire_buf_str(&b, extra[i]);
	}
	if (p->qr_count > PAGE_MAX_QR)
		goto out_limit;
	wire_buf_u16(&b, (uint16_t)p->qr_count);
	for (size_t i = 0; i < p->qr_count; i++) {
		const struct page_qr *q = &p->qrs[i];
		if (str_len(q->url) > PAGE_MAX_STRING || q->side < 21 || q->side > PAGE_QR_MAX_SIDE)
			goto out_limit;
		wire_buf_str(&b, q->url);
		wire_buf_u8(&b, (uint8_t)q->side);
		wire_buf_append(&b, q->modules, (q->side * q->side + 7) / 8);
	}
	if (b.failed) {
		wire_buf_release(&b);
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "page '%s': out of memory", p->id);
	}
	*out = b.data;
	*size = b.len;
	return BUNDLE_OK;

out_limit:
	wire_buf_release(&b);
	return bundle_fail(diag, BUNDLE_ERR_LIMIT,
			   "page '%s': a string or span list exceeds the limits", p->id);
}

/* One pass over the wire data.  With page == NULL it only validates and counts the
 * spans; with page set it fills the blocks and spans arrays sized by the first pass. */
static int decode_pass(const uint8_t *data, size_t size, struct page *page, struct page_span *spans,
		       size_t *span_total, size_t *block_total, size_t *qr_total,
		       struct bundle_diag *diag)
{
	struct wire_cursor c;
	wire_cursor_init(&c, data, size);
	struct page tmp = { 0 };
	struct page *p = page ? page : &tmp;
	if (wire_read_u32(&c) != PAGE_MAGIC || c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "page record: wrong magic");
	unsigned version = wire_read_u16(&c);
	if (version < 1 || version > PAGE_WIRE_VERSION)
		return bundle_fail(diag, BUNDLE_ERR_VERSION,
				   "page record: version %u, expected 1 to %d", version,
				   PAGE_WIRE_VERSION);
	if (wire_read_u16(&c) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page record: reserved field is not zero");
	const char **head[] = { &p->id,         &p->lang,    &p->title,
				&p->tile_title, &p->summary, &p->tile_image };
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		*head[i] = wire_read_str(&c, PAGE_MAX_STRING);
	if (c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "page header at byte %zu: %s", c.pos,
				   c.why);
	if (!page_id_valid(p->id) || !lang_valid(p->lang))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page header: invalid page id or language");
	p->notice = "";
	p->valid_from = p->valid_until = PAGE_DATE_NONE;
	if (version >= 2) {
		p->notice = wire_read_str(&c, PAGE_MAX_STRING);
		p->valid_from = wire_read_u32(&c);
		p->valid_until = wire_read_u32(&c);
		if (c.failed)
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "page '%s' notice at byte %zu: %s", p->id, c.pos, c.why);
		/* a notice has an end; dates only with a notice, in order */
		if ((p->notice[0] && !page_date_valid(p->valid_until)) ||
		    (!p->notice[0] && (p->valid_from || p->valid_until)) ||
		    (p->valid_from && !page_date_valid(p->valid_from)) ||
		    (p->valid_from && p->valid_from > p->valid_until))
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "page '%s': notice dates %u..%u are not a valid period",
					   p->id, p->valid_from, p->valid_until);
	}
	uint32_t nblocks = wire_read_u32(&c);
	if (nblocks > PAGE_MAX_BLOCKS)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "page '%s': %u blocks, the limit is %d",
				   p->id, nblocks, PAGE_MAX_BLOCKS);
	/* Each block takes at least 8 bytes: reject counts the data cannot hold before
	 * anything is allocated for them. */
	if ((size_t)nblocks * 8 > size - c.pos)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s': %u blocks cannot fit in %zu bytes", p->id, nblocks,
				   size);
	struct page_block *blocks = page ? (struct page_block *)page->blocks : NULL;
	size_t nspans = 0;
	for (uint32_t i = 0; i < nblocks; i++) {
		size_t at = c.pos;
		struct page_block bl = { 0 };
		bl.kind = wire_read_u8(&c);
		bl.level = wire_read_u8(&c);
		uint16_t reserved = wire_read_u16(&c);
		bl.number = wire_read_u32(&c);
		if (c.failed)
			break;
		if (reserved != 0 || bl.kind < PAGE_HEADING || bl.kind > PAGE_QUOTE)
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "page '%s' block %u (byte %zu): unknown "
					   "block kind %d",
					   p->id, i, at, (int)bl.kind);
		if (bl.level > PAGE_MAX_LEVEL ||
		    ((bl.kind == PAGE_HEADING || bl.kind == PAGE_LIST_ITEM) && bl.level == 0))
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "page '%s' block %u (byte %zu): level %u "
					   "out of range",
					   p->id, i, at, bl.level);
		if (has_spans(bl.kind)) {
			uint32_t n = wire_read_u32(&c);
			if (n > PAGE_MAX_SPANS)
				return bundle_fail(diag, BUNDLE_ERR_LIMIT,
						   "page '%s' block %u: %u spans, "
						   "the limit is %d",
						   p->id, i, n, PAGE_MAX_SPANS);
			bl.span_count = n;
			bl.spans = spans ? spans + nspans : NULL;
			for (uint32_t s = 0; s < n && !c.failed; s++) {
				struct page_span sp;
				sp.style = wire_read_u8(&c);
				sp.text = wire_read_str(&c, PAGE_MAX_STRING);
				sp.target = wire_read_str(&c, PAGE_MAX_STRING);
				if (c.failed)
					break;
				bool link = sp.style & (SPAN_LINK_PAGE | SPAN_LINK_EXTERNAL);
				if ((sp.style & ~SPAN_KNOWN_STYLES) ||
				    link != (sp.target[0] != 0) ||
				    ((sp.style & SPAN_LINK_PAGE) &&
				     (sp.style & SPAN_LINK_EXTERNAL)) ||
				    ((sp.style & SPAN_LINK_PAGE) && !page_id_valid(sp.target)))
					return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
							   "page '%s' block %u span "
							   "%u: inconsistent style or link",
							   p->id, i, s);
				if (spans)
					spans[nspans] = sp;
				nspans++;
			}
		} else if (bl.kind == PAGE_PICTURE) {
			bl.image = wire_read_str(&c, PAGE_MAX_STRING);
			bl.caption = wire_read_str(&c, PAGE_MAX_STRING);
			bl.credit = wire_read_str(&c, PAGE_MAX_STRING);
			if (!c.failed && (!bl.image[0] || !bl.credit[0]))
				return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
						   "page '%s' block %u: picture "
						   "without image or credit",
						   p->id, i);
		} else {
			struct page_contact *ct = &bl.contact;
			const char **f[] = { &ct->heading, &ct->name,  &ct->role, &ct->organisation,
					     &ct->address, &ct->phone, &ct->email };
			for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
				*f[k] = wire_read_str(&c, PAGE_MAX_STRING);
		}
		if (c.failed)
			break;
		if (blocks)
			blocks[i] = bl;
	}
	size_t nqr = 0;
	p->url = p->label = p->phone = p->email = p->room = "";
	if (version >= 2 && !c.failed) {
		const char **extra[] = { &p->url, &p->label, &p->phone, &p->email, &p->room };
		for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
			*extra[i] = wire_read_str(&c, PAGE_MAX_STRING);
		nqr = wire_read_u16(&c);
		if (!c.failed && nqr > PAGE_MAX_QR)
			return bundle_fail(diag, BUNDLE_ERR_LIMIT,
					   "page '%s': %zu QR codes, the limit is %d", p->id, nqr,
					   PAGE_MAX_QR);
		for (size_t i = 0; i < nqr && !c.failed; i++) {
			struct page_qr q;
			q.url = wire_read_str(&c, PAGE_MAX_STRING);
			q.side = wire_read_u8(&c);
			if (c.failed)
				break;
			size_t n = (q.side * q.side + 7) / 8;
			if (q.side < 21 || q.side > PAGE_QR_MAX_SIDE || !q.url[0] ||
			    n > size - c.pos)
				return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
						   "page '%s' QR code %zu: no address, or %u "
						   "modules a side (21..%d), or cut short",
						   p->id, i, q.side, PAGE_QR_MAX_SIDE);
			q.modules = data + c.pos;
			c.pos += n;
			if (page)
				((struct page_qr *)page->qrs)[i] = q;
		}
	}
	if (c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "page '%s' at byte %zu: %s", p->id,
				   c.pos, c.why);
	if (c.pos != size)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s': %zu bytes of trailing data", p->id, size - c.pos);
	*span_total = nspans;
	*block_total = nblocks;
	*qr_total = nqr;
	return BUNDLE_OK;
}

int page_decode(const uint8_t *data, size_t size, struct page **out, struct bundle_diag *diag)
{
	*out = NULL;
	size_t nspans, nblocks, nqr;
	int err = decode_pass(data, size, NULL, NULL, &nspans, &nblocks, &nqr, diag);
	if (err)
		return err;
	/* One allocation: the page, its QR codes, its blocks, then all spans. */
	size_t bytes = sizeof(struct page) + nqr * sizeof(struct page_qr) +
		       nblocks * sizeof(struct page_block) + nspans * sizeof(struct page_span);
	struct page *p = calloc(1, bytes);
	if (!p)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory for a page");
	struct page_qr *qrs = (struct page_qr *)(p + 1);
	struct page_block *blocks = (struct page_block *)(qrs + nqr);
	struct page_span *spans = (struct page_span *)(blocks + nblocks);
	p->qrs = qrs;
	p->qr_count = nqr;
	p->blocks = blocks;
	p->block_count = nblocks;
	err = decode_pass(data, size, p, spans, &nspans, &nblocks, &nqr, diag);
	if (err) {
		free(p);
		return err;
	}
	*out = p;
	return BUNDLE_OK;
}

void page_free(struct page *p)
{
	free(p);
}

const struct page_qr *page_qr_find(const struct page *p, const char *url)
{
	for (size_t i = 0; url && *url && i < p->qr_count; i++)
		if (strcmp(p->qrs[i].url, url) == 0)
			return &p->qrs[i];
	return NULL;
}

bool page_qr_dark(const struct page_qr *qr, unsigned x, unsigned y)
{
	size_t bit = (size_t)y * qr->side + x;

	return x < qr->side && y < qr->side && (qr->modules[bit / 8] >> (7 - bit % 8) & 1);
}
