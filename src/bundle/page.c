#include "bundle/page.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

#define PAGE_MAGIC 0x45474150u /* "PAGE" */
/* 2 added the notice and its dates, block quotes and flags (nesting, ordered,
 * tasks), tables, picture links, url, label, contact fields and QR codes;
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

unsigned page_block_depth(const struct page_block *b)
{
	return b->level + (unsigned)__builtin_popcount(b->quotes & 0xffu);
}

/* The containers and flags a block of this kind may have (see page.h). */
static bool nesting_valid(const struct page_block *bl)
{
	unsigned depth = page_block_depth(bl);
	bool innermost_quote = depth > 0 && (bl->quotes >> (depth - 1) & 1);
	unsigned flags_allowed = 0;
	if (depth > PAGE_MAX_NESTING || (bl->quotes >> depth) != 0)
		return false;
	switch (bl->kind) {
	case PAGE_LIST_ITEM:
		flags_allowed = PAGE_ORDERED | PAGE_TASK | PAGE_TASK_DONE;
		if (bl->level == 0 || innermost_quote ||
		    ((bl->flags & PAGE_TASK_DONE) && !(bl->flags & PAGE_TASK)))
			return false;
		break;
	case PAGE_QUOTE:
		if (!innermost_quote)
			return false;
		break;
	case PAGE_PARAGRAPH:
		if (innermost_quote)
			return false;
		break;
	case PAGE_PICTURE:
		flags_allowed = PAGE_PICTURE_LINK | PAGE_PICTURE_WEB;
		if (bl->quotes || bl->level ||
		    (bl->flags & flags_allowed) == (PAGE_PICTURE_LINK | PAGE_PICTURE_WEB))
			return false;
		break;
	default: /* headings, contacts, tables stand outside lists and quotes */
		if (bl->quotes || (bl->kind != PAGE_HEADING && bl->level))
			return false;
		break;
	}
	if ((bl->flags & ~flags_allowed) != 0)
		return false;
	return bl->number == 0 || (bl->flags & PAGE_ORDERED);
}

/* Writes one run of spans; false when it exceeds the limits. */
static bool encode_spans(struct wire_buf *b, const struct page_span *spans, size_t n)
{
	if (n > PAGE_MAX_SPANS)
		return false;
	wire_buf_u32(b, (uint32_t)n);
	for (size_t s = 0; s < n; s++) {
		const struct page_span *sp = &spans[s];
		if (str_len(sp->text) > PAGE_MAX_STRING || str_len(sp->target) > PAGE_MAX_STRING)
			return false;
		wire_buf_u8(b, (uint8_t)sp->style);
		wire_buf_str(b, sp->text);
		wire_buf_str(b, sp->target);
	}
	return true;
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
		if (!nesting_valid(bl)) {
			wire_buf_release(&b);
			return bundle_fail(diag, BUNDLE_ERR_LIMIT,
					   "page '%s' block %zu: impossible nesting, number or "
					   "flags",
					   p->id, i);
		}
		wire_buf_u8(&b, (uint8_t)bl->kind);
		wire_buf_u8(&b, (uint8_t)bl->level);
		wire_buf_u8(&b, (uint8_t)bl->quotes);
		wire_buf_u8(&b, (uint8_t)bl->flags);
		wire_buf_u32(&b, bl->number);
		const char *fields[7];
		size_t nfields = 0;
		if (has_spans(bl->kind)) {
			if (!encode_spans(&b, bl->spans, bl->span_count))
				goto out_limit;
		} else if (bl->kind == PAGE_PICTURE) {
			fields[nfields++] = bl->image;
			fields[nfields++] = bl->caption;
			fields[nfields++] = bl->credit;
			fields[nfields++] = bl->link;
		} else if (bl->kind == PAGE_CONTACT) {
			const struct page_contact *c = &bl->contact;
			fields[nfields++] = c->heading;
			fields[nfields++] = c->name;
			fields[nfields++] = c->role;
			fields[nfields++] = c->organisation;
			fields[nfields++] = c->address;
			fields[nfields++] = c->phone;
			fields[nfields++] = c->email;
		} else if (bl->kind == PAGE_TABLE) {
			if (bl->columns > PAGE_MAX_COLUMNS || bl->rows > PAGE_MAX_ROWS)
				goto out_limit;
			wire_buf_u32(&b, bl->columns);
			wire_buf_u32(&b, bl->rows);
			for (unsigned c = 0; c < bl->columns; c++)
				wire_buf_u8(&b, bl->align ? bl->align[c] : PAGE_ALIGN_DEFAULT);
			for (size_t c = 0; c < (size_t)bl->columns * bl->rows; c++)
				if (!encode_spans(&b, bl->cells[c].spans, bl->cells[c].span_count))
					goto out_limit;
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

/* Where decode_pass() puts what it reads: with every pointer NULL it only
 * validates and counts; the second pass fills arrays sized by the first. */
struct decode_out {
	struct page *page;
	struct page_block *blocks;
	struct page_span *spans;
	struct page_cell *cells;
	unsigned char *align;
	struct page_qr *qrs;
	size_t nblocks, nspans, ncells, nalign, nqr; /* counts so far */
};

/* Reads one run of spans (a block's or a cell's) into o; BUNDLE_OK or the error. */
static int decode_spans(struct wire_cursor *c, struct decode_out *o, const char *id, uint32_t i,
			size_t *count, const struct page_span **first, struct bundle_diag *diag)
{
	uint32_t n = wire_read_u32(c);
	if (n > PAGE_MAX_SPANS)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "page '%s' block %u: %u spans, the limit is %d", id, i, n,
				   PAGE_MAX_SPANS);
	/* Each span takes at least 11 bytes: refuse counts the data cannot hold. */
	if (!c->failed && (size_t)n * 11 > c->len - c->pos)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s' block %u: %u spans cannot fit", id, i, n);
	*count = n;
	*first = o->spans ? o->spans + o->nspans : NULL;
	for (uint32_t s = 0; s < n && !c->failed; s++) {
		struct page_span sp;
		sp.style = wire_read_u8(c);
		sp.text = wire_read_str(c, PAGE_MAX_STRING);
		sp.target = wire_read_str(c, PAGE_MAX_STRING);
		if (c->failed)
			break;
		bool link = sp.style & (SPAN_LINK_PAGE | SPAN_LINK_EXTERNAL);
		if ((sp.style & ~SPAN_KNOWN_STYLES) || link != (sp.target[0] != 0) ||
		    ((sp.style & SPAN_LINK_PAGE) && (sp.style & SPAN_LINK_EXTERNAL)) ||
		    ((sp.style & SPAN_LINK_PAGE) && !page_id_valid(sp.target)))
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "page '%s' block %u span %u: inconsistent style or link",
					   id, i, s);
		if (o->spans)
			o->spans[o->nspans] = sp;
		o->nspans++;
	}
	return BUNDLE_OK;
}

/* The record's head: magic, version, the page's strings and its notice.
 * Returns BUNDLE_OK with *version set, or the error. */
static int decode_header(struct wire_cursor *c, struct page *p, unsigned *version,
			 struct bundle_diag *diag)
{
	if (wire_read_u32(c) != PAGE_MAGIC || c->failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "page record: wrong magic");
	*version = wire_read_u16(c);
	if (*version < 1 || *version > PAGE_WIRE_VERSION)
		return bundle_fail(diag, BUNDLE_ERR_VERSION,
				   "page record: version %u, expected 1 to %d", *version,
				   PAGE_WIRE_VERSION);
	if (wire_read_u16(c) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page record: reserved field is not zero");
	const char **head[] = { &p->id,         &p->lang,    &p->title,
				&p->tile_title, &p->summary, &p->tile_image };
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		*head[i] = wire_read_str(c, PAGE_MAX_STRING);
	if (c->failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "page header at byte %zu: %s", c->pos,
				   c->why);
	if (!page_id_valid(p->id) || !lang_valid(p->lang))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page header: invalid page id or language");
	p->notice = "";
	p->valid_from = p->valid_until = PAGE_DATE_NONE;
	if (*version < 2)
		return BUNDLE_OK;
	p->notice = wire_read_str(c, PAGE_MAX_STRING);
	p->valid_from = wire_read_u32(c);
	p->valid_until = wire_read_u32(c);
	if (c->failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "page '%s' notice at byte %zu: %s",
				   p->id, c->pos, c->why);
	/* a notice has an end; dates only with a notice, in order */
	if ((p->notice[0] && !page_date_valid(p->valid_until)) ||
	    (!p->notice[0] && (p->valid_from || p->valid_until)) ||
	    (p->valid_from && !page_date_valid(p->valid_from)) ||
	    (p->valid_from && p->valid_from > p->valid_until))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s': notice dates %u..%u are not a valid period", p->id,
				   p->valid_from, p->valid_until);
	return BUNDLE_OK;
}

/* A picture block's strings after its head. */
static int decode_picture(struct wire_cursor *c, struct page_block *bl, unsigned version,
			  const char *id, uint32_t i, struct bundle_diag *diag)
{
	bl->image = wire_read_str(c, PAGE_MAX_STRING);
	bl->caption = wire_read_str(c, PAGE_MAX_STRING);
	bl->credit = wire_read_str(c, PAGE_MAX_STRING);
	bl->link = version >= 2 ? wire_read_str(c, PAGE_MAX_STRING) : "";
	bool linked = bl->flags & (PAGE_PICTURE_LINK | PAGE_PICTURE_WEB);
	if (!c->failed && (!bl->image[0] || !bl->credit[0] || linked != (bl->link[0] != 0) ||
			   ((bl->flags & PAGE_PICTURE_LINK) && !page_id_valid(bl->link))))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s' block %u: picture without image or credit, or a bad "
				   "link",
				   id, i);
	return BUNDLE_OK;
}

/* A table block after its head: size, column alignments, cells row by row. */
static int decode_table(struct wire_cursor *c, struct decode_out *o, struct page_block *bl,
			const char *id, uint32_t i, struct bundle_diag *diag)
{
	uint32_t cols = wire_read_u32(c), rows = wire_read_u32(c);
	if (!c->failed &&
	    (cols == 0 || cols > PAGE_MAX_COLUMNS || rows == 0 || rows > PAGE_MAX_ROWS))
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "page '%s' block %u: a table of %u x %u cells (at most %d "
				   "columns, %d rows)",
				   id, i, cols, rows, PAGE_MAX_COLUMNS, PAGE_MAX_ROWS);
	bl->columns = cols;
	bl->rows = rows;
	bl->align = o->align ? o->align + o->nalign : NULL;
	for (uint32_t k = 0; k < cols && !c->failed; k++) {
		uint8_t a = wire_read_u8(c);
		if (a > PAGE_ALIGN_RIGHT)
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "page '%s' block %u: column alignment %u", id, i, a);
		if (o->align)
			o->align[o->nalign] = a;
		o->nalign++;
	}
	bl->cells = o->cells ? o->cells + o->ncells : NULL;
	for (uint32_t k = 0; k < cols * rows && !c->failed; k++) {
		struct page_cell cell;
		int err = decode_spans(c, o, id, i, &cell.span_count, &cell.spans, diag);
		if (err)
			return err;
		if (o->cells)
			o->cells[o->ncells] = cell;
		o->ncells++;
	}
	return BUNDLE_OK;
}

/* Block i: its head, then what its kind carries.  A cut-short record leaves
 * c->failed set and returns BUNDLE_OK: the caller reports where. */
static int decode_block(struct wire_cursor *c, struct decode_out *o, unsigned version,
			const char *id, uint32_t i, struct page_block *bl, struct bundle_diag *diag)
{
	size_t at = c->pos;
	bl->kind = wire_read_u8(c);
	bl->level = wire_read_u8(c);
	bl->quotes = wire_read_u8(c);
	bl->flags = wire_read_u8(c);
	bl->number = wire_read_u32(c);
	if (c->failed)
		return BUNDLE_OK;
	if (bl->kind < PAGE_HEADING || bl->kind > PAGE_TABLE)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s' block %u (byte %zu): unknown block kind %d", id, i,
				   at, (int)bl->kind);
	if (bl->level > PAGE_MAX_LEVEL ||
	    ((bl->kind == PAGE_HEADING || bl->kind == PAGE_LIST_ITEM) && bl->level == 0))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s' block %u (byte %zu): level %u out of range", id, i,
				   at, bl->level);
	if (!nesting_valid(bl))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s' block %u (byte %zu): impossible nesting, number or "
				   "flags",
				   id, i, at);
	if (has_spans(bl->kind))
		return decode_spans(c, o, id, i, &bl->span_count, &bl->spans, diag);
	if (bl->kind == PAGE_PICTURE)
		return decode_picture(c, bl, version, id, i, diag);
	if (bl->kind == PAGE_TABLE)
		return decode_table(c, o, bl, id, i, diag);
	/* PAGE_CONTACT */
	struct page_contact *ct = &bl->contact;
	const char **f[] = { &ct->heading, &ct->name,  &ct->role, &ct->organisation,
			     &ct->address, &ct->phone, &ct->email };
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
		*f[k] = wire_read_str(c, PAGE_MAX_STRING);
	return BUNDLE_OK;
}

/* Version 2's tail: the page's web address and contact, and its QR codes. */
static int decode_extras(struct wire_cursor *c, const uint8_t *data, size_t size,
			 struct decode_out *o, struct page *p, size_t *nqr,
			 struct bundle_diag *diag)
{
	const char **extra[] = { &p->url, &p->label, &p->phone, &p->email, &p->room };
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		*extra[i] = wire_read_str(c, PAGE_MAX_STRING);
	*nqr = wire_read_u16(c);
	if (!c->failed && *nqr > PAGE_MAX_QR)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "page '%s': %zu QR codes, the limit is %d", p->id, *nqr,
				   PAGE_MAX_QR);
	for (size_t i = 0; i < *nqr && !c->failed; i++) {
		struct page_qr q;
		q.url = wire_read_str(c, PAGE_MAX_STRING);
		q.side = wire_read_u8(c);
		if (c->failed)
			break;
		size_t n = (q.side * q.side + 7) / 8;
		if (q.side < 21 || q.side > PAGE_QR_MAX_SIDE || !q.url[0] || n > size - c->pos)
			return bundle_fail(
			    diag, BUNDLE_ERR_CORRUPT,
			    "page '%s' QR code %zu: no address, or %u modules a side "
			    "(21..%d), or cut short",
			    p->id, i, q.side, PAGE_QR_MAX_SIDE);
		q.modules = data + c->pos;
		c->pos += n;
		if (o->qrs)
			o->qrs[i] = q;
	}
	return BUNDLE_OK;
}

/* One pass over the wire data; see struct decode_out. */
static int decode_pass(const uint8_t *data, size_t size, struct decode_out *o,
		       struct bundle_diag *diag)
{
	struct wire_cursor c;
	wire_cursor_init(&c, data, size);
	struct page tmp = { 0 };
	struct page *p = o->page ? o->page : &tmp;
	unsigned version = 0;
	int err = decode_header(&c, p, &version, diag);
	if (err)
		return err;
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
	for (uint32_t i = 0; i < nblocks && !c.failed; i++) {
		struct page_block bl = { 0 };
		err = decode_block(&c, o, version, p->id, i, &bl, diag);
		if (err)
			return err;
		if (!c.failed && o->blocks)
			o->blocks[i] = bl;
	}
	size_t nqr = 0;
	p->url = p->label = p->phone = p->email = p->room = "";
	if (version >= 2 && !c.failed) {
		err = decode_extras(&c, data, size, o, p, &nqr, diag);
		if (err)
			return err;
	}
	if (c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "page '%s' at byte %zu: %s", p->id,
				   c.pos, c.why);
	if (c.pos != size)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "page '%s': %zu bytes of trailing data", p->id, size - c.pos);
	o->nblocks = nblocks;
	o->nqr = nqr;
	return BUNDLE_OK;
}

int page_decode(const uint8_t *data, size_t size, struct page **out, struct bundle_diag *diag)
{
	*out = NULL;
	struct decode_out count = { 0 };
	int err = decode_pass(data, size, &count, diag);
	if (err)
		return err;
	/* One allocation: the page, its QR codes, its blocks, all spans, all cells,
	 * then the alignment bytes (which need no alignment themselves). */
	size_t bytes = sizeof(struct page) + count.nqr * sizeof(struct page_qr) +
		       count.nblocks * sizeof(struct page_block) +
		       count.nspans * sizeof(struct page_span) +
		       count.ncells * sizeof(struct page_cell) + count.nalign;
	struct page *p = calloc(1, bytes);
	if (!p)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory for a page");
	struct decode_out fill = { .page = p };
	fill.qrs = (struct page_qr *)(p + 1);
	fill.blocks = (struct page_block *)(fill.qrs + count.nqr);
	fill.spans = (struct page_span *)(fill.blocks + count.nblocks);
	fill.cells = (struct page_cell *)(fill.spans + count.nspans);
	fill.align = (unsigned char *)(fill.cells + count.ncells);
	p->qrs = fill.qrs;
	p->qr_count = count.nqr;
	p->blocks = fill.blocks;
	p->block_count = count.nblocks;
	err = decode_pass(data, size, &fill, diag);
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
