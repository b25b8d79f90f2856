#include "pack/markdown.h"

#include <ctype.h>
#include <md4c.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle/wire.h"

/* A growable string in the arena's spirit but on the heap, reset per use. */
struct strbuf {
	char *data;
	size_t len, cap;
};

static void sb_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d) {
			fputs("foyer-pack: out of memory\n", stderr);
			abort();
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
}

struct list_level {
	bool ordered;
	unsigned next; /* number of the next item of an ordered list */
};

struct builder {
	struct arena *a;
	struct report *r;
	struct hyphenator *h;
	const char *path;
	const char *doc; /* the Markdown body (after the front matter) */
	size_t doc_size;
	unsigned first_line; /* file line of doc[0] */
	unsigned line;       /* best-known file line of what is being parsed */
	const char *lang;
	const char *credit; /* the site's credit for pictures without one, or NULL */

	struct page_block *blocks;
	size_t nblocks, cap_blocks;
	struct markdown_ref *refs;
	size_t nrefs, cap_refs;

	bool open; /* a block is being filled */
	struct page_block cur;
	struct page_span *spans;
	size_t nspans, cap_spans;
	struct strbuf text;  /* text of the span being collected */
	unsigned text_style; /* style of that text */
	const char *text_target;

	int bold, italic, code;
	const char *link_target; /* set inside a link */
	unsigned link_style;

	struct list_level lists[PAGE_MAX_LEVEL + 1];
	int list_depth;
	bool li_fresh; /* inside an LI whose first paragraph has not started */
	unsigned li_number;
	int quote_depth;
	int skip; /* inside an unsupported block: ignore its content */

	bool in_image; /* inside ![...](...) */
	struct strbuf alt;
	const char *image_src, *image_title;
	unsigned image_line;
	bool block_has_image;

	const char *pending_error; /* reported at the line of the next text */
	bool in_contact;           /* inside ```contact */
	struct strbuf code_text;
	unsigned code_line;

	const char *scan_at; /* line_of() memo: newlines before scan_at ... */
	unsigned scan_line;  /* ... put it on this file line */
};

/* md4c reports text in document order, so counting on from the last position
 * keeps this linear; a pointer behind it (rare) starts over. */
static unsigned line_of(struct builder *b, const char *p)
{
	if (p < b->doc || p > b->doc + b->doc_size)
		return b->line;
	if (!b->scan_at || p < b->scan_at) {
		b->scan_at = b->doc;
		b->scan_line = b->first_line;
	}
	for (const char *q = b->scan_at; q < p; q++)
		b->scan_line += *q == '\n';
	b->scan_at = p;
	return b->scan_line;
}

static void add_ref(struct builder *b, enum markdown_ref_kind kind, const char *target,
		    unsigned line)
{
	b->refs = arena_grow(b->a, b->refs, b->nrefs, &b->cap_refs, sizeof(*b->refs));
	b->refs[b->nrefs++] = (struct markdown_ref){ kind, target, line };
}

static void flush_span(struct builder *b)
{
	if (b->text.len == 0)
		return;
	b->spans = arena_grow(b->a, b->spans, b->nspans, &b->cap_spans, sizeof(*b->spans));
	const char *t = b->text_style & SPAN_CODE ? arena_strdup(b->a, b->text.data)
						  : hyphenator_apply(b->h, b->a, b->text.data);
	b->spans[b->nspans++] =
	    (struct page_span){ b->text_style, t, b->text_target ? b->text_target : "" };
	b->text.len = 0;
	b->text.data[0] = 0;
}

static unsigned current_style(struct builder *b)
{
	unsigned s = 0;
	if (b->bold)
		s |= SPAN_BOLD;
	if (b->italic)
		s |= SPAN_ITALIC;
	if (b->code)
		s |= SPAN_CODE;
	return s | (b->link_target ? b->link_style : 0);
}

static void start_block(struct builder *b, enum page_block_kind kind, unsigned level)
{
	b->open = true;
	b->cur = (struct page_block){ .kind = kind, .level = level };
	b->spans = NULL;
	b->nspans = b->cap_spans = 0;
	b->block_has_image = false;
}

/* Text arrived outside any paragraph (tight list items): open the right block. */
static void ensure_block(struct builder *b)
{
	if (b->open)
		return;
	if (b->list_depth > 0) {
		start_block(b, PAGE_LIST_ITEM, (unsigned)b->list_depth);
		b->cur.number = b->li_fresh ? b->li_number : 0;
		if (!b->li_fresh)
			b->cur.kind = PAGE_PARAGRAPH;
		b->li_fresh = false;
	} else {
		start_block(b, b->quote_depth ? PAGE_QUOTE : PAGE_PARAGRAPH, 0);
	}
}

static void push_block(struct builder *b, struct page_block bl)
{
	if (b->nblocks == PAGE_MAX_BLOCKS) {
		report_error(b->r, b->path, b->line, "more than %d blocks on one page",
			     PAGE_MAX_BLOCKS);
		return;
	}
	b->blocks = arena_grow(b->a, b->blocks, b->nblocks, &b->cap_blocks, sizeof(*b->blocks));
	b->blocks[b->nblocks++] = bl;
}

static bool spans_blank(const struct page_span *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *p = s[i].text; *p; p++)
			if (!isspace((unsigned char)*p))
				return false;
	return true;
}

static void finish_block(struct builder *b)
{
	if (!b->open)
		return;
	flush_span(b);
	b->open = false;
	if (b->block_has_image) {
		if (!spans_blank(b->spans, b->nspans))
			report_error(b->r, b->path, b->image_line,
				     "a picture must stand in a "
				     "paragraph of its own, without text around it");
		return; /* the picture block was pushed when the image closed */
	}
	if (b->nspans == 0)
		return;
	if (b->nspans > PAGE_MAX_SPANS) {
		report_error(b->r, b->path, b->line,
			     "paragraph with more than %d differently "
			     "styled pieces",
			     PAGE_MAX_SPANS);
		return;
	}
	b->cur.spans = b->spans;
	b->cur.span_count = b->nspans;
	push_block(b, b->cur);
}

static const char *attr_string(struct builder *b, const MD_ATTRIBUTE *attr)
{
	return arena_strndup(b->a, attr->text, attr->size);
}

static bool looks_like_web(const char *s)
{
	return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0 ||
	       strncmp(s, "mailto:", 7) == 0 || strncmp(s, "www.", 4) == 0;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	struct builder *b = user;
	if (b->skip) {
		b->skip++;
		return 0;
	}
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		finish_block(b);
		b->quote_depth++;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		finish_block(b);
		if (b->list_depth == PAGE_MAX_LEVEL) {
			report_error(b->r, b->path, b->line, "lists nest at most %d levels deep",
				     PAGE_MAX_LEVEL);
			b->skip = 1;
			break;
		}
		b->list_depth++;
		b->lists[b->list_depth].ordered = type == MD_BLOCK_OL;
		b->lists[b->list_depth].next =
		    type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0;
		break;
	case MD_BLOCK_LI:
		finish_block(b);
		b->li_fresh = true;
		b->li_number = b->lists[b->list_depth].ordered ? b->lists[b->list_depth].next++ : 0;
		break;
	case MD_BLOCK_H: {
		finish_block(b);
		unsigned level = ((MD_BLOCK_H_DETAIL *)detail)->level;
		start_block(b, PAGE_HEADING, level > 1 ? level - 1 : 1);
		if (level == 1)
			b->pending_error = "use '##' for headings: the page title comes from the "
					   "front matter's title";
		break;
	}
	case MD_BLOCK_P:
		finish_block(b);
		ensure_block(b);
		break;
	case MD_BLOCK_CODE: {
		finish_block(b);
		MD_BLOCK_CODE_DETAIL *d = detail;
		if (d->info.size == 7 && memcmp(d->info.text, "contact", 7) == 0) {
			b->in_contact = true;
			b->code_text.len = 0;
			b->code_line = line_of(b, d->info.text) + 1;
		} else {
			report_error(
			    b->r, b->path, line_of(b, d->info.text),
			    "code blocks are not shown on the kiosk (only ```contact blocks "
			    "are supported)");
			b->skip = 1;
		}
		break;
	}
	case MD_BLOCK_HR:
		finish_block(b);
		report_warning(b->r, b->path, b->line + 1,
			       "horizontal rules are not shown; use a "
			       "'##' heading to separate sections");
		break;
	case MD_BLOCK_HTML:
		finish_block(b);
		b->pending_error = "HTML is not supported in pages";
		b->skip = 1;
		break;
	default:
		finish_block(b);
		b->pending_error = "tables are not supported in pages";
		b->skip = 1;
		break;
	}
	return 0;
}

static void finish_contact(struct builder *b)
{
	struct page_block bl = { .kind = PAGE_CONTACT };
	struct page_contact *c = &bl.contact;
	struct {
		const char *key;
		const char **field;
	} keys[] = { { "heading", &c->heading }, { "name", &c->name },
		     { "role", &c->role },       { "organisation", &c->organisation },
		     { "address", &c->address }, { "phone", &c->phone },
		     { "email", &c->email } };
	const char *p = b->code_text.data ? b->code_text.data : "";
	unsigned line = b->code_line;
	bool any = false;
	while (*p) {
		const char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *colon = memchr(p, ':', n);
		bool blank = true;
		for (size_t i = 0; i < n; i++)
			blank &= isspace((unsigned char)p[i]) != 0;
		if (!blank) {
			size_t k = 0, nk = sizeof(keys) / sizeof(keys[0]);
			size_t klen = colon ? (size_t)(colon - p) : 0;
			while (k < nk &&
			       !(strlen(keys[k].key) == klen && !memcmp(keys[k].key, p, klen)))
				k++;
			if (!colon || k == nk) {
				report_error(
				    b->r, b->path, line,
				    "contact line must be 'key: value' with "
				    "key one of heading, name, role, organisation, address, "
				    "phone, email");
			} else {
				const char *v = colon + 1;
				while (v < p + n && *v == ' ')
					v++;
				const char *val = arena_strndup(b->a, v, (size_t)(p + n - v));
				if (*keys[k].field && strcmp(keys[k].key, "address") == 0)
					val = arena_printf(b->a, "%s\n%s", *keys[k].field, val);
				else if (*keys[k].field)
					report_error(b->r, b->path, line, "'%s' given twice",
						     keys[k].key);
				*keys[k].field = val;
				any = true;
			}
		}
		p += n + (end ? 1 : 0);
		line++;
	}
	if (!any || !c->name)
		report_error(b->r, b->path, b->code_line - 1,
			     "a contact block needs at least a "
			     "'name:' line");
	const char **fields[] = { &c->heading, &c->name,  &c->role, &c->organisation,
				  &c->address, &c->phone, &c->email };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		*fields[i] = *fields[i] ? hyphenator_apply(b->h, b->a, *fields[i]) : "";
	push_block(b, bl);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	(void)detail;
	struct builder *b = user;
	if (b->skip) {
		b->skip--;
		return 0;
	}
	switch (type) {
	case MD_BLOCK_QUOTE:
		finish_block(b);
		b->quote_depth--;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		finish_block(b);
		b->list_depth--;
		break;
	case MD_BLOCK_LI:
	case MD_BLOCK_H:
	case MD_BLOCK_P:
		finish_block(b);
		b->li_fresh = false;
		break;
	case MD_BLOCK_CODE:
		if (b->in_contact) {
			b->in_contact = false;
			finish_contact(b);
		}
		break;
	default:
		break;
	}
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
	struct builder *b = user;
	if (b->skip)
		return 0;
	ensure_block(b);
	switch (type) {
	case MD_SPAN_EM:
		b->italic++;
		break;
	case MD_SPAN_STRONG:
		b->bold++;
		break;
	case MD_SPAN_CODE:
		b->code++;
		break;
	case MD_SPAN_A: {
		MD_SPAN_A_DETAIL *d = detail;
		const char *href = attr_string(b, &d->href);
		unsigned line = line_of(b, d->href.text);
		if (looks_like_web(href)) {
			b->link_style = SPAN_LINK_EXTERNAL;
		} else if (page_id_valid(href)) {
			b->link_style = SPAN_LINK_PAGE;
			add_ref(b, REF_PAGE, href, line);
		} else {
			report_error(b->r, b->path, line,
				     "link target '%s' is neither a page id (the "
				     "name of a folder in pages/) nor a web address (https://...)",
				     href);
			b->link_style = 0;
			href = NULL;
		}
		b->link_target = href;
		break;
	}
	case MD_SPAN_IMG: {
		MD_SPAN_IMG_DETAIL *d = detail;
		b->in_image = true;
		b->alt.len = 0;
		b->image_src = attr_string(b, &d->src);
		b->image_title = d->title.size ? attr_string(b, &d->title) : "";
		b->image_line = line_of(b, d->src.text);
		break;
	}
	default:
		report_error(b->r, b->path, b->line, "unsupported Markdown span");
		break;
	}
	return 0;
}

static void finish_image(struct builder *b)
{
	b->in_image = false;
	b->block_has_image = true;
	if (b->list_depth || b->quote_depth)
		report_error(b->r, b->path, b->image_line,
			     "pictures cannot stand inside lists or "
			     "quotes");
	if (!b->image_title[0] && !(b->credit && *b->credit))
		report_error(b->r, b->path, b->image_line,
			     "picture '%s' has no credit: write "
			     "![caption](%s \"who made it\"), or set one for all "
			     "pictures in site.ini's [credit]",
			     b->image_src, b->image_src);
	add_ref(b, REF_IMAGE, b->image_src, b->image_line);
	/* The page model refers to pictures by name without extension (stored as QOI). */
	const char *dot = strrchr(b->image_src, '.');
	const char *name =
	    dot ? arena_strndup(b->a, b->image_src, (size_t)(dot - b->image_src)) : b->image_src;
	struct page_block bl = { .kind = PAGE_PICTURE, .image = name };
	bl.caption = hyphenator_apply(b->h, b->a, b->alt.data ? b->alt.data : "");
	bl.credit = b->image_title[0]         ? hyphenator_apply(b->h, b->a, b->image_title)
		    : b->credit && *b->credit ? hyphenator_apply(b->h, b->a, b->credit)
					      : "?";
	push_block(b, bl);
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
	(void)detail;
	struct builder *b = user;
	if (b->skip)
		return 0;
	switch (type) {
	case MD_SPAN_EM:
		b->italic--;
		break;
	case MD_SPAN_STRONG:
		b->bold--;
		break;
	case MD_SPAN_CODE:
		b->code--;
		break;
	case MD_SPAN_A:
		b->link_target = NULL;
		b->link_style = 0;
		break;
	case MD_SPAN_IMG:
		finish_image(b);
		break;
	default:
		break;
	}
	return 0;
}

static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
	{ "&amp;", "&" },         { "&lt;", "<" },         { "&gt;", ">" },
	{ "&quot;", "\"" },       { "&apos;", "'" },       { "&nbsp;", "\u00a0" },
	{ "&shy;", "\u00ad" },    { "&ndash;", "\u2013" }, { "&mdash;", "\u2014" },
	{ "&hellip;", "\u2026" }, { "&bdquo;", "\u201e" }, { "&ldquo;", "\u201c" },
	{ "&rdquo;", "\u201d" },  { "&sbquo;", "\u201a" }, { "&lsquo;", "\u2018" },
	{ "&rsquo;", "\u2019" },  { "&euro;", "\u20ac" },  { "&auml;", "\u00e4" },
	{ "&ouml;", "\u00f6" },   { "&uuml;", "\u00fc" },  { "&Auml;", "\u00c4" },
	{ "&Ouml;", "\u00d6" },   { "&Uuml;", "\u00dc" },  { "&szlig;", "\u00df" },
};

static bool decode_entity(const char *s, size_t n, char out[8])
{
	for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
		if (strlen(entities[i].name) == n && !memcmp(entities[i].name, s, n)) {
			strcpy(out, entities[i].utf8);
			return true;
		}
	if (n >= 4 && s[1] == '#') {
		char num[16];
		if (n - 3 >= sizeof(num))
			return false;
		memcpy(num, s + 2, n - 3);
		num[n - 3] = 0;
		char *end;
		unsigned long cp = (num[0] == 'x' || num[0] == 'X') ? strtoul(num + 1, &end, 16)
								    : strtoul(num, &end, 10);
		if (*end || cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		char *o = out;
		if (cp < 0x80) {
			*o++ = (char)cp;
		} else if (cp < 0x800) {
			*o++ = (char)(0xc0 | cp >> 6);
			*o++ = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			*o++ = (char)(0xe0 | cp >> 12);
			*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
			*o++ = (char)(0x80 | (cp & 0x3f));
		} else {
			*o++ = (char)(0xf0 | cp >> 18);
			*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
			*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
			*o++ = (char)(0x80 | (cp & 0x3f));
		}
		*o = 0;
		return true;
	}
	return false;
}

static void add_text(struct builder *b, const char *s, size_t n)
{
	if (b->in_image) {
		sb_add(&b->alt, s, n);
		return;
	}
	unsigned style = current_style(b);
	const char *target = b->link_target;
	if (b->text.len && (style != b->text_style || target != b->text_target))
		flush_span(b);
	b->text_style = style;
	b->text_target = target;
	sb_add(&b->text, s, n);
}

static void check_quotes(struct builder *b, const char *s, size_t n)
{
	if (memchr(s, '"', n))
		report_warning(b->r, b->path, b->line, "straight quote \": write %s instead",
			       strcmp(b->lang, "de") == 0 ? "„…“" : "“…”");
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
	struct builder *b = user;
	b->line = line_of(b, text);
	if (b->pending_error) {
		report_error(b->r, b->path, b->line, "%s", b->pending_error);
		b->pending_error = NULL;
	}
	if (b->in_contact) {
		sb_add(&b->code_text, text, size);
		return 0;
	}
	if (b->skip)
		return 0;
	ensure_block(b);
	char ent[8];
	switch (type) {
	case MD_TEXT_NORMAL:
		check_quotes(b, text, size);
		add_text(b, text, size);
		break;
	case MD_TEXT_CODE:
		add_text(b, text, size);
		break;
	case MD_TEXT_SOFTBR:
		add_text(b, " ", 1);
		break;
	case MD_TEXT_BR:
		add_text(b, "\n", 1);
		break;
	case MD_TEXT_NULLCHAR:
		report_error(b->r, b->path, b->line, "NUL character in the text");
		break;
	case MD_TEXT_ENTITY:
		if (decode_entity(text, size, ent))
			add_text(b, ent, strlen(ent));
		else
			report_error(b->r, b->path, b->line,
				     "unknown character entity '%.*s': write "
				     "the character itself",
				     (int)size, text);
		break;
	case MD_TEXT_HTML:
		report_error(b->r, b->path, b->line, "HTML is not supported in pages: '%.*s'",
			     (int)(size > 40 ? 40 : size), text);
		break;
	default:
		add_text(b, text, size);
		break;
	}
	return 0;
}

/* Front matter: "---" on line 1, "key: value" lines, "---".  Fills out's page
 * header fields and returns the offset of the body, or 0 after reporting. */
static size_t parse_front_matter(const char *path, const char *text, size_t size, struct arena *a,
				 struct report *r, struct hyphenator *h, struct page_source *out,
				 unsigned *body_line)
{
	if (size < 4 || memcmp(text, "---\n", 4) != 0) {
		report_error(r, path, 1,
			     "a page starts with front matter: '---', 'title: ...', "
			     "'---'");
		return 0;
	}
	size_t pos = 4;
	unsigned line = 2;
	unsigned title_line = 0;
	while (pos < size) {
		const char *ln = text + pos;
		const char *nl = memchr(ln, '\n', size - pos);
		size_t n = nl ? (size_t)(nl - ln) : size - pos;
		if (n && ln[n - 1] == '\r')
			n--;
		pos += (nl ? (size_t)(nl - ln) + 1 : size - pos);
		if (n == 3 && memcmp(ln, "---", 3) == 0) {
			*body_line = line + 1;
			if (!title_line)
				report_error(r, path, line, "front matter has no 'title:'");
			return pos;
		}
		const char *colon = memchr(ln, ':', n);
		if (n == 0 || ln[0] == '#') {
			line++;
			continue;
		}
		if (!colon) {
			report_error(r, path, line, "front matter line must be 'key: value'");
			line++;
			continue;
		}
		size_t klen = (size_t)(colon - ln);
		const char *v = colon + 1;
		while (v < ln + n && (*v == ' ' || *v == '\t'))
			v++;
		char *value = arena_strndup(a, v, (size_t)(ln + n - v));
		for (size_t e = strlen(value); e && (value[e - 1] == ' ' || value[e - 1] == '\t');
		     e--)
			value[e - 1] = 0;
		struct page *p = &out->page;
#define KEY(k) (klen == strlen(k) && memcmp(ln, k, klen) == 0)
		if (KEY("title")) {
			title_line = line;
			p->title = hyphenator_apply(h, a, value);
			if (!value[0])
				report_error(r, path, line, "title is empty");
		} else if (KEY("tile")) {
			out->tile_line = line;
			p->tile_title = hyphenator_apply(h, a, value);
		} else if (KEY("summary")) {
			p->summary = hyphenator_apply(h, a, value);
		} else if (KEY("image")) {
			out->image_line = line;
			p->tile_image = value;
		} else if (KEY("label")) {
			p->label = hyphenator_apply(h, a, value);
		} else if (KEY("url")) {
			/* a QR code takes the visitor there: a real web address only */
			if (value[0] && strncmp(value, "https://", 8) &&
			    strncmp(value, "http://", 7))
				report_error(r, path, line,
					     "url must be a web address starting with https:// "
					     "(or left empty)");
			p->url = value;
		} else if (KEY("phone") || KEY("email") || KEY("room")) {
			*(KEY("phone")   ? &p->phone
			  : KEY("email") ? &p->email
					 : &p->room) = hyphenator_apply(h, a, value);
		} else if (KEY("notice")) {
			out->notice_line = line;
			p->notice = hyphenator_apply(h, a, value);
			if (!value[0])
				report_error(r, path, line, "notice is empty");
		} else if (KEY("valid_from") || KEY("valid_until")) {
			bool from = KEY("valid_from");

			*(from ? &out->valid_from_line : &out->valid_until_line) = line;
			if (!page_date_parse(value, from ? &p->valid_from : &p->valid_until))
				report_error(r, path, line,
					     "%s '%s' is not a date like 2026-12-24 "
					     "(year-month-day)",
					     from ? "valid_from" : "valid_until", value);
		} else {
			report_error(
			    r, path, line,
			    "unknown front matter key '%.*s' (known: title, "
			    "tile, label, summary, image, url, phone, email, room, notice, "
			    "valid_from, valid_until)",
			    (int)klen, ln);
		}
#undef KEY
		line++;
	}
	report_error(r, path, line - 1, "front matter is not closed with '---'");
	return 0;
}

uint32_t markdown_build_date(void)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (env && *env) {
		char *end;
		long long v = strtoll(env, &end, 10);

		if (!*end && v >= 0)
			t = (time_t)v;
	}
	if (!localtime_r(&t, &tm))
		return PAGE_DATE_NONE;
	return (uint32_t)(tm.tm_year + 1900) * 10000u + (uint32_t)(tm.tm_mon + 1) * 100u +
	       (uint32_t)tm.tm_mday;
}

/* A notice's period: an end it must have, an order, and an end not yet passed. */
static void check_notice(const char *path, struct page_source *out, struct report *r)
{
	struct page *p = &out->page;

	if (!p->notice) {
		if (out->valid_from_line || out->valid_until_line)
			report_error(r, path,
				     out->valid_from_line ? out->valid_from_line
							  : out->valid_until_line,
				     "valid_from and valid_until belong to a notice: add 'notice: "
				     "...' or remove them");
		p->notice = "";
		p->valid_from = p->valid_until = PAGE_DATE_NONE;
		return;
	}
	if (!out->valid_until_line) {
		report_error(r, path, out->notice_line,
			     "a notice needs 'valid_until: YYYY-MM-DD', the last day it is shown");
		return;
	}
	if (p->valid_from && p->valid_until && p->valid_from > p->valid_until) {
		report_error(r, path, out->valid_until_line,
			     "valid_until is before valid_from: the notice would never be shown");
		return;
	}
	if (p->valid_until && p->valid_until < markdown_build_date())
		report_warning(r, path, out->valid_until_line,
			       "the notice ended on %04u-%02u-%02u (valid_until): the kiosk will "
			       "not show it; remove it or give it new dates",
			       p->valid_until / 10000, p->valid_until / 100 % 100,
			       p->valid_until % 100);
}

int markdown_parse(const char *path, const char *text, size_t size, const char *id,
		   const char *lang, const char *credit, struct hyphenator *h, struct arena *a,
		   struct report *r, struct page_source *out)
{
	size_t errors_before = r->errors;
	memset(out, 0, sizeof(*out));
	out->path = path;
	out->page.id = id;
	out->page.lang = lang;
	if (!wire_utf8_valid(text, size)) {
		size_t good = 0;
		while (good < size && wire_utf8_valid(text, good + 1))
			good++;
		/* Find the first bad byte's line for the message. */
		unsigned line = 1;
		for (size_t i = 0; i < good && i < size; i++)
			line += text[i] == '\n';
		report_error(r, path, line, "not valid UTF-8 (save the file as UTF-8)");
		return -1;
	}
	if (memchr(text, 0, size)) {
		report_error(r, path, 0, "file contains NUL bytes (not a text file?)");
		return -1;
	}
	unsigned body_line = 1;
	size_t body = parse_front_matter(path, text, size, a, r, h, out, &body_line);
	if (!body)
		return -1;

	struct builder b = { .a = a,
			     .r = r,
			     .h = h,
			     .path = path,
			     .doc = text + body,
			     .doc_size = size - body,
			     .first_line = body_line,
			     .line = body_line,
			     .lang = lang,
			     .credit = credit };
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_FLAG_NOHTML | MD_FLAG_PERMISSIVEWWWAUTOLINKS |
			 MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEEMAILAUTOLINKS,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = on_text,
	};
	/* MD_FLAG_NOHTML makes raw HTML plain text; report it ourselves instead. */
	parser.flags &= ~(unsigned)MD_FLAG_NOHTML;
	int rc = md_parse(b.doc, (MD_SIZE)b.doc_size, &parser, &b);
	finish_block(&b);
	if (b.pending_error)
		report_error(r, path, b.line, "%s", b.pending_error);
	free(b.text.data);
	free(b.alt.data);
	free(b.code_text.data);
	if (rc != 0)
		report_error(r, path, 0, "the Markdown parser failed (out of memory?)");

	struct page *p = &out->page;
	if (!p->title)
		p->title = "";
	if (!p->tile_title)
		p->tile_title = p->title;
	if (!p->summary)
		p->summary = "";
	const char **optional[] = { &p->label, &p->url, &p->phone, &p->email, &p->room };
	for (size_t i = 0; i < sizeof(optional) / sizeof(optional[0]); i++)
		if (!*optional[i])
			*optional[i] = "";
	check_notice(path, out, r);
	if (p->tile_image) {
		add_ref(&b, REF_IMAGE, p->tile_image, out->image_line);
		const char *dot = strrchr(p->tile_image, '.');
		if (dot)
			p->tile_image =
			    arena_strndup(a, p->tile_image, (size_t)(dot - p->tile_image));
	} else {
		p->tile_image = "";
	}
	p->blocks = b.blocks;
	p->block_count = b.nblocks;
	out->refs = b.refs;
	out->ref_count = b.nrefs;
	return r->errors > errors_before ? -1 : 0;
}

int markdown_load(const char *path, const char *id, const char *lang, const char *credit,
		  struct hyphenator *h, struct arena *a, struct report *r, struct page_source *out)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		report_error(r, path, 0, "cannot read the page file");
		return -1;
	}
	char *buf = malloc(MARKDOWN_MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		report_error(r, path, 0, "out of memory");
		return -1;
	}
	size_t n = fread(buf, 1, MARKDOWN_MAX_FILE + 1, f);
	bool err = ferror(f);
	fclose(f);
	int rc = -1;
	if (err)
		report_error(r, path, 0, "cannot read the page file");
	else if (n > MARKDOWN_MAX_FILE)
		report_error(r, path, 0, "page file is larger than %u bytes", MARKDOWN_MAX_FILE);
	else
		rc = markdown_parse(path, arena_strndup(a, buf, n), n, id, lang, credit, h, a, r,
				    out);
	free(buf);
	return rc;
}
