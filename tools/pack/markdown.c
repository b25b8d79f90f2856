#include "pack/markdown.h"

#include <ctype.h>
#include <md4c.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "bundle/wire.h"
#include "pack/readfile.h"

/* md4c needs quadratic time for brackets nested inside brackets (its issue #172:
 * 40,000 levels take 17 s); no real text nests them more than twice. */
#define MARKDOWN_MAX_BRACKET_DEPTH 32
/* A paragraph with more brackets than this cannot be encoded anyway (every link is
 * at least one span, PAGE_MAX_SPANS), and md4c slows down on thousands of links
 * spread over lines (its issue #236). */
#define MARKDOWN_MAX_BRACKETS (4 * PAGE_MAX_SPANS)

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

/* A warning that may repeat on every line of a page (a straight quote, an empty
 * heading): said once, at its first place, with how often it recurs. */
enum repeated { REPEAT_QUOTE, REPEAT_EMPTY_HEADING, REPEAT_VAGUE_LINK, REPEAT_RULE, REPEAT_COUNT };

struct repeat {
	unsigned line, count;
	char *message; /* of the first one, in the arena */
};

/* One list or block quote around the text being read, outermost first. */
struct container {
	bool quote;
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
	const char *credit;        /* the site's credit for pictures without one, or NULL */
	const size_t *line_starts; /* offset in doc of each line's first byte */
	size_t line_count;

	struct page_block *blocks;
	size_t nblocks, cap_blocks;
	struct markdown_ref *refs;
	size_t nrefs, cap_refs;

	bool open; /* a block (or a table cell) is being filled */
	struct page_block cur;
	unsigned block_line; /* file line of the open block's first text, 0 before */
	struct page_span *spans;
	size_t nspans, cap_spans;
	struct strbuf text;  /* text of the span being collected */
	unsigned text_style; /* style of that text */
	const char *text_target;
	bool block_reported; /* one message per block for HTML and limits */

	int bold, italic, code;
	const char *link_target; /* set inside a link */
	unsigned link_style;
	struct strbuf link_text; /* what a visitor reads as the link */
	unsigned link_line;

	struct container stack[PAGE_MAX_NESTING];
	unsigned depth, list_depth;
	bool nesting_reported;
	bool li_fresh; /* inside an LI whose first paragraph has not started */
	unsigned li_number, li_flags;
	int skip; /* inside an unsupported block: ignore its content */

	bool in_image; /* inside ![...](...) */
	struct strbuf alt;
	const char *image_src, *image_title;
	const char *image_link; /* the link around the picture, if any */
	unsigned image_link_style;
	unsigned image_line;
	bool block_has_image;

	bool in_table;
	unsigned table_columns, table_rows, row_cells, table_line;
	unsigned char table_align[PAGE_MAX_COLUMNS];
	struct page_cell *cells;
	size_t ncells, cap_cells;

	const char *pending_error; /* reported at the line of the next text */
	bool pending_above;        /* ... at the line above it (a code fence's) */
	bool in_code;              /* inside a refused code block, before its first text */
	bool in_html;              /* inside an HTML block, before its first text */
	bool in_contact;           /* inside ```contact */
	struct strbuf code_text;
	unsigned code_line;
	const char *code_end; /* just after the last text of the contact block */
	bool limit_reported;
	bool seen_text;        /* b->line is the line of some text already */
	unsigned heading_line; /* of the heading being read */
	unsigned found_line;   /* find_line() never searches above this again */
	struct repeat repeats[REPEAT_COUNT];
};

static void warn_repeated(struct builder *b, enum repeated kind, unsigned line, const char *fmt,
			  ...) __attribute__((format(printf, 4, 5)));

static void warn_repeated(struct builder *b, enum repeated kind, unsigned line, const char *fmt,
			  ...)
{
	struct repeat *rp = &b->repeats[kind];
	char msg[512];
	va_list ap;
	if (rp->count++)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rp->line = line;
	rp->message = arena_strdup(b->a, msg);
}

static void report_repeated(struct builder *b)
{
	for (int k = 0; k < REPEAT_COUNT; k++) {
		const struct repeat *rp = &b->repeats[k];
		if (rp->count == 1)
			report_warning(b->r, b->path, rp->line, "%s", rp->message);
		else if (rp->count > 1)
			report_warning(b->r, b->path, rp->line,
				       "%s (and %u more times on this page)", rp->message,
				       rp->count - 1);
	}
}

/* File line of p, a pointer into the body: a binary search of the line table, so
 * thousands of links on a page cost nothing (the old rescan from the top for each
 * one took 20 s for 50,000 links). */
static unsigned line_of(struct builder *b, const char *p)
{
	if (p < b->doc || p > b->doc + b->doc_size)
		return b->line;
	size_t off = (size_t)(p - b->doc), lo = 0, hi = b->line_count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return b->first_line + (unsigned)lo;
}

/* The text of body line `line` (file numbering) and its length without '\n'. */
static const char *line_text(const struct builder *b, unsigned line, size_t *len)
{
	size_t i = line - b->first_line;
	size_t end = i + 1 < b->line_count ? b->line_starts[i + 1] - 1 : b->doc_size;
	*len = end - b->line_starts[i];
	return b->doc + b->line_starts[i];
}

/* The first line from `from` on whose text, after up to three spaces, starts with
 * one of the characters in `marks`; `from` when there is none.  md4c gives no
 * position for blocks without text (a rule, an empty heading). */
static unsigned find_line(struct builder *b, unsigned from, const char *marks)
{
	/* blocks come in order: never search the same lines twice (100,000 empty
	 * headings would otherwise rescan the page for each) */
	if (from <= b->found_line)
		from = b->found_line + 1;
	for (unsigned l = from; l >= b->first_line && l - b->first_line < b->line_count; l++) {
		size_t len, i = 0;
		const char *t = line_text(b, l, &len);
		while (i < len && i < 3 && t[i] == ' ')
			i++;
		if (i < len && strchr(marks, t[i]))
			return b->found_line = l;
	}
	return from;
}

static void add_ref(struct builder *b, enum markdown_ref_kind kind, const char *target,
		    unsigned line)
{
	b->refs = arena_grow(b->a, b->refs, b->nrefs, &b->cap_refs, sizeof(*b->refs));
	b->refs[b->nrefs++] = (struct markdown_ref){ kind, target, line };
}

/* One message per block for limits: the rest of a too-long paragraph would only
 * repeat it. */
static void block_error(struct builder *b, const char *msg)
{
	if (b->block_reported)
		return;
	b->block_reported = true;
	report_error(b->r, b->path, b->block_line ? b->block_line : b->line, "%s", msg);
}

static void flush_span(struct builder *b)
{
	if (b->text.len == 0)
		return;
	if (b->text.len > PAGE_MAX_STRING) {
		block_error(b, "paragraph longer than 64 KiB: split it into several paragraphs");
		b->text.len = 0;
		return;
	}
	if (b->nspans == PAGE_MAX_SPANS) {
		char msg[128];
		snprintf(msg, sizeof(msg),
			 "paragraph with more than %d differently styled pieces: split it",
			 PAGE_MAX_SPANS);
		block_error(b, msg);
		b->text.len = 0;
		return;
	}
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

static unsigned quotes_mask(const struct builder *b)
{
	unsigned m = 0;
	for (unsigned i = 0; i < b->depth; i++)
		if (b->stack[i].quote)
			m |= 1u << i;
	return m;
}

static void start_block(struct builder *b, enum page_block_kind kind, unsigned level)
{
	b->open = true;
	b->cur = (struct page_block){ .kind = kind, .level = level };
	b->spans = NULL;
	b->nspans = b->cap_spans = 0;
	b->block_has_image = false;
	b->block_line = 0;
	b->block_reported = false;
}

/* Text arrived: open the block it belongs to, from the lists and quotes around it
 * (a tight list item has text without a paragraph). */
static void ensure_block(struct builder *b)
{
	if (b->open)
		return;
	if (b->depth == 0) {
		start_block(b, PAGE_PARAGRAPH, 0);
		return;
	}
	const struct container *in = &b->stack[b->depth - 1];
	if (in->quote) {
		start_block(b, PAGE_QUOTE, b->list_depth);
	} else if (b->li_fresh) {
		start_block(b, PAGE_LIST_ITEM, b->list_depth);
		b->cur.number = b->li_number;
		b->cur.flags = b->li_flags;
	} else {
		start_block(b, PAGE_PARAGRAPH, b->list_depth);
	}
	b->cur.quotes = quotes_mask(b);
	b->li_fresh = false;
}

static void push_block(struct builder *b, struct page_block bl)
{
	if (b->nblocks == PAGE_MAX_BLOCKS) {
		if (!b->limit_reported)
			report_error(b->r, b->path, b->line,
				     "more than %d blocks on one page: split the page",
				     PAGE_MAX_BLOCKS);
		b->limit_reported = true;
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
	if (!b->open || b->in_table)
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
	if (b->nspans == 0 || b->block_reported)
		return;
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

/* Another list or quote around what follows; false (reported once) when that
 * is deeper than a block can say. */
static bool push_container(struct builder *b, bool quote, bool ordered, unsigned start)
{
	if (b->depth == PAGE_MAX_NESTING || (!quote && b->list_depth == PAGE_MAX_LEVEL)) {
		if (!b->nesting_reported)
			b->pending_error =
			    arena_printf(b->a,
					 "lists and quotes nest at most %d levels deep (lists %d): "
					 "move the inner ones out",
					 PAGE_MAX_NESTING, PAGE_MAX_LEVEL);
		b->nesting_reported = true;
		b->skip = 1;
		return false;
	}
	b->stack[b->depth++] = (struct container){ quote, ordered, start };
	if (!quote)
		b->list_depth++;
	return true;
}

/* Refuses a block that has to stand on its own inside a list or quote. */
static bool outside_containers(struct builder *b, const char *what)
{
	if (b->depth == 0)
		return true;
	b->pending_error = what;
	b->skip = 1;
	return false;
}

static void start_table(struct builder *b, const MD_BLOCK_TABLE_DETAIL *d)
{
	b->in_table = true;
	b->table_columns = d->col_count;
	b->table_rows = 0;
	b->table_line = 0;
	b->cells = NULL;
	b->ncells = b->cap_cells = 0;
	memset(b->table_align, 0, sizeof(b->table_align));
	b->block_reported = false;
}

static void finish_table(struct builder *b)
{
	unsigned line = b->table_line ? b->table_line : b->line;
	b->in_table = false;
	b->open = false;
	if (b->table_columns > PAGE_MAX_COLUMNS) {
		report_error(b->r, b->path, line,
			     "a table with %u columns: at most %d fit on a kiosk screen "
			     "(split it, or make it a list)",
			     b->table_columns, PAGE_MAX_COLUMNS);
		return;
	}
	if (b->table_rows > PAGE_MAX_ROWS) {
		report_error(b->r, b->path, line,
			     "a table with %u rows: at most %d (split it into several tables)",
			     b->table_rows, PAGE_MAX_ROWS);
		return;
	}
	if (b->block_reported || b->table_rows == 0)
		return;
	unsigned char *align = arena_alloc(b->a, b->table_columns);
	memcpy(align, b->table_align, b->table_columns);
	struct page_block bl = { .kind = PAGE_TABLE,
				 .columns = b->table_columns,
				 .rows = b->table_rows,
				 .align = align,
				 .cells = b->cells };
	push_block(b, bl);
}

static void add_cell(struct builder *b, size_t span_count, const struct page_span *spans)
{
	if (b->row_cells >= b->table_columns || b->table_columns > PAGE_MAX_COLUMNS ||
	    b->table_rows > PAGE_MAX_ROWS)
		return; /* counted, refused in finish_table() */
	b->cells = arena_grow(b->a, b->cells, b->ncells, &b->cap_cells, sizeof(*b->cells));
	b->cells[b->ncells++] = (struct page_cell){ span_count, spans };
	b->row_cells++;
}

static const unsigned char md_align[] = {
	[MD_ALIGN_DEFAULT] = PAGE_ALIGN_DEFAULT,
	[MD_ALIGN_LEFT] = PAGE_ALIGN_LEFT,
	[MD_ALIGN_CENTER] = PAGE_ALIGN_CENTER,
	[MD_ALIGN_RIGHT] = PAGE_ALIGN_RIGHT,
};

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
		push_container(b, true, false, 0);
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		finish_block(b);
		push_container(b, false, type == MD_BLOCK_OL,
			       type == MD_BLOCK_OL ? ((MD_BLOCK_OL_DETAIL *)detail)->start : 0);
		break;
	case MD_BLOCK_LI: {
		MD_BLOCK_LI_DETAIL *d = detail;
		struct container *list = &b->stack[b->depth - 1];
		finish_block(b);
		b->li_fresh = true;
		b->li_number = list->ordered ? list->next++ : 0;
		b->li_flags = list->ordered ? PAGE_ORDERED : 0;
		if (d->is_task)
			b->li_flags |= PAGE_TASK | (d->task_mark != ' ' ? PAGE_TASK_DONE : 0);
		break;
	}
	case MD_BLOCK_H: {
		finish_block(b);
		unsigned level = ((MD_BLOCK_H_DETAIL *)detail)->level;
		if (!outside_containers(b, "a heading cannot stand inside a list or a quote"))
			break;
		start_block(b, PAGE_HEADING, level > 1 ? level - 1 : 1);
		b->heading_line = find_line(b, b->line + b->seen_text, "#");
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
		if (d->fence_char && d->info.size == 7 && memcmp(d->info.text, "contact", 7) == 0) {
			if (!outside_containers(b, "a contact block cannot stand inside a list or "
						   "a quote"))
				break;
			b->in_contact = true;
			b->code_text.len = 0;
			b->code_line = line_of(b, d->info.text) + 1;
			b->code_end = NULL;
			break;
		}
		/* reported at its first line of text, which md4c gives a position */
		b->pending_error =
		    d->fence_char
			? "code blocks are not shown on the kiosk (only ```contact blocks are)"
			: "text indented by 4 or more spaces is a code block, which the kiosk "
			  "does not show: remove the indentation";
		b->pending_above = d->fence_char != 0;
		b->in_code = true;
		b->skip = 1;
		break;
	}
	case MD_BLOCK_HR:
		finish_block(b);
		warn_repeated(b, REPEAT_RULE, find_line(b, b->line + b->seen_text, "-*_"),
			      "horizontal rules are not shown; use a "
			      "'##' heading to separate sections");
		break;
	case MD_BLOCK_HTML:
		finish_block(b);
		b->in_html = true; /* refused at its first text, which says what it is */
		b->block_reported = false;
		b->skip = 1;
		break;
	case MD_BLOCK_TABLE:
		finish_block(b);
		if (!outside_containers(b, "a table cannot stand inside a list or a quote"))
			break;
		start_table(b, detail);
		break;
	case MD_BLOCK_TR:
		b->row_cells = 0;
		b->table_rows++;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: {
		MD_BLOCK_TD_DETAIL *d = detail;
		if (b->table_rows == 1 && b->row_cells < PAGE_MAX_COLUMNS &&
		    (unsigned)d->align < sizeof(md_align))
			b->table_align[b->row_cells] = md_align[d->align];
		b->open = true;
		b->spans = NULL;
		b->nspans = b->cap_spans = 0;
		b->block_has_image = false;
		b->block_line = 0;
		break;
	}
	default: /* THEAD, TBODY */
		break;
	}
	return 0;
}

/* True when the closing fence follows the contact block's text: md4c ends an
 * unclosed fenced block at the end of the file without a word. */
static bool contact_closed(const struct builder *b)
{
	const char *p = b->code_end, *end = b->doc + b->doc_size;
	int spaces = 0, ticks = 0;
	if (!p)
		return true; /* empty block: nothing was swallowed */
	while (p < end && *p != '\n')
		p++;
	if (p < end)
		p++;
	while (p < end && *p == ' ' && spaces < 3) {
		p++;
		spaces++;
	}
	while (p < end && *p == '`') {
		p++;
		ticks++;
	}
	return ticks >= 3;
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
	const char *text = b->code_text.data ? b->code_text.data : "";
	const char *p;
	unsigned line;
	bool any = false;
	/* Another fence inside: this block was never closed and swallowed the next. */
	bool fence_inside = false;
	for (p = text; *p; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != 0))
		fence_inside |= strncmp(p, "```", 3) == 0;
	if (fence_inside || !contact_closed(b)) {
		report_error(b->r, b->path, b->code_line - 1,
			     "the contact block is not closed: end it with a line ``` %s",
			     fence_inside ? "before the next ``` line" : "after its last line");
		return;
	}
	line = b->code_line;
	for (p = text; *p;) {
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
		if (--b->skip == 0 && b->in_code && b->pending_error) {
			/* an empty code block: no text gave its line */
			report_error(b->r, b->path, b->line + 1, "%s", b->pending_error);
			b->pending_error = NULL;
		}
		if (b->skip == 0)
			b->in_code = false;
		return 0;
	}
	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		finish_block(b);
		if (!b->stack[b->depth - 1].quote)
			b->list_depth--;
		b->depth--;
		break;
	case MD_BLOCK_LI:
	case MD_BLOCK_P:
		finish_block(b);
		b->li_fresh = false;
		break;
	case MD_BLOCK_H:
		if (b->open && b->nspans == 0 && b->text.len == 0)
			warn_repeated(b, REPEAT_EMPTY_HEADING, b->heading_line,
				      "heading without text: write the heading or delete "
				      "the '#' line");
		finish_block(b);
		break;
	case MD_BLOCK_CODE:
		if (b->in_contact) {
			b->in_contact = false;
			finish_contact(b);
		}
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		flush_span(b);
		if (b->block_has_image)
			report_error(b->r, b->path, b->image_line,
				     "pictures cannot stand inside tables");
		add_cell(b, b->nspans, b->spans);
		b->open = false;
		break;
	case MD_BLOCK_TR:
		/* md4c pads short rows; this keeps the grid whole whatever it does */
		while (b->row_cells < b->table_columns && b->table_columns <= PAGE_MAX_COLUMNS)
			add_cell(b, 0, NULL);
		break;
	case MD_BLOCK_TABLE:
		finish_table(b);
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
		b->link_text.len = 0;
		b->link_line = line;
		break;
	}
	case MD_SPAN_IMG: {
		MD_SPAN_IMG_DETAIL *d = detail;
		b->in_image = true;
		b->alt.len = 0;
		b->image_src = attr_string(b, &d->src);
		b->image_title = d->title.size ? attr_string(b, &d->title) : "";
		b->image_line = line_of(b, d->src.text);
		b->image_link = b->link_target;
		b->image_link_style = b->link_target ? b->link_style : 0;
		break;
	}
	case MD_SPAN_DEL:
		b->pending_error = "struck-through text (~~...~~) is not shown on the kiosk: "
				   "delete the old text, or say in words what changed";
		break;
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
	if (b->in_table)
		return; /* refused when the cell closes */
	if (b->depth)
		report_error(b->r, b->path, b->image_line,
			     "pictures cannot stand inside lists or "
			     "quotes");
	if (!b->image_title[0] && !(b->credit && *b->credit))
		report_error(b->r, b->path, b->image_line,
			     "picture '%s' has no credit: write "
			     "![caption](%s \"who made it\"), or set one for all "
			     "pictures in site.ini's [credit]",
			     b->image_src, b->image_src);
	/* the caption is also what a visitor who cannot see the picture hears */
	if (!b->alt.data || !b->alt.data[strspn(b->alt.data, " \t")])
		report_error(b->r, b->path, b->image_line,
			     "picture '%s' has no caption: write ![what it shows](%s \"who made "
			     "it\"); a visitor who cannot see the picture hears the caption",
			     b->image_src, b->image_src);
	add_ref(b, REF_IMAGE, b->image_src, b->image_line);
	/* The page model refers to pictures by name without extension (stored as QOI). */
	const char *dot = strrchr(b->image_src, '.');
	const char *name =
	    dot ? arena_strndup(b->a, b->image_src, (size_t)(dot - b->image_src)) : b->image_src;
	struct page_block bl = { .kind = PAGE_PICTURE, .image = name, .link = "" };
	bl.caption = hyphenator_apply(b->h, b->a, b->alt.data ? b->alt.data : "");
	bl.credit = b->image_title[0]         ? hyphenator_apply(b->h, b->a, b->image_title)
		    : b->credit && *b->credit ? hyphenator_apply(b->h, b->a, b->credit)
					      : "?";
	if (b->image_link) {
		bl.link = b->image_link;
		bl.flags =
		    b->image_link_style == SPAN_LINK_PAGE ? PAGE_PICTURE_LINK : PAGE_PICTURE_WEB;
	}
	push_block(b, bl);
}

/* Link texts that say nothing about where they lead: a visitor who listens to the
 * page, or scans it for links, hears or sees only "here". */
static const char *const vague_link_texts[] = {
	"hier",       "hier klicken", "klicken sie hier", "mehr", "weiter", "link", "here",
	"click here", "more",         "read more",        "this",
};

static void check_link_text(struct builder *b)
{
	const char *t = b->link_text.data ? b->link_text.data : "";
	while (*t == ' ')
		t++;
	size_t n = strlen(t);
	while (n && (t[n - 1] == ' ' || t[n - 1] == '.' || t[n - 1] == ':'))
		n--;
	for (size_t i = 0; i < sizeof(vague_link_texts) / sizeof(vague_link_texts[0]); i++)
		if (strlen(vague_link_texts[i]) == n && strncasecmp(t, vague_link_texts[i], n) == 0)
			warn_repeated(b, REPEAT_VAGUE_LINK, b->link_line,
				      "link text '%.*s' does not say where it leads: name the "
				      "page instead (visitors who listen hear only the link text)",
				      (int)n, t);
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
		if (!b->block_has_image)
			check_link_text(b);
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
	if (b->link_target)
		sb_add(&b->link_text, s, n);
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
		warn_repeated(b, REPEAT_QUOTE, b->line, "straight quote \": write %s instead",
			      strcmp(b->lang, "de") == 0 ? "„…“" : "“…”");
}

/* s[0..n) for a message on one line: line breaks and tabs written as \n and \t,
 * cut after about 40 bytes (at a character boundary). */
static const char *snippet(struct builder *b, const char *s, size_t n)
{
	struct strbuf out = { 0 };
	size_t i = 0;
	for (; i < n && out.len < 40; i++) {
		if (s[i] == '\n')
			sb_add(&out, "\\n", 2);
		else if (s[i] == '\t')
			sb_add(&out, "\\t", 2);
		else
			sb_add(&out, s + i, 1);
	}
	while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
		sb_add(&out, s + i++, 1);
	if (i < n)
		sb_add(&out, "...", 3);
	const char *r = arena_strdup(b->a, out.data ? out.data : "");
	free(out.data);
	return r;
}

static void refuse_html(struct builder *b, const char *text, size_t size)
{
	if (b->block_reported)
		return; /* the rest of the same HTML would only repeat it */
	b->block_reported = true;
	if (size >= 4 && memcmp(text, "<!--", 4) == 0)
		report_error(b->r, b->path, b->line,
			     "HTML comments are not allowed in pages: delete the comment "
			     "(keep notes for editors outside the content folder)");
	else
		report_error(b->r, b->path, b->line, "HTML is not supported in pages: '%s'",
			     snippet(b, text, size));
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
	struct builder *b = user;
	b->line = line_of(b, text);
	b->seen_text = true;
	if (b->pending_error) {
		report_error(b->r, b->path, b->line - (b->pending_above ? 1 : 0), "%s",
			     b->pending_error);
		b->pending_error = NULL;
		b->pending_above = false;
		b->in_code = false;
	}
	if (b->in_html) {
		b->in_html = false;
		refuse_html(b, text, size);
	}
	if (b->in_contact) {
		sb_add(&b->code_text, text, size);
		/* md4c passes line ends of code as a string of its own, not the input */
		if (text >= b->doc && text + size <= b->doc + b->doc_size)
			b->code_end = text + size;
		return 0;
	}
	if (b->skip)
		return 0;
	ensure_block(b);
	if (!b->block_line)
		b->block_line = b->line;
	if (b->in_table && !b->table_line)
		b->table_line = b->line;
	char ent[8];
	switch (type) {
	case MD_TEXT_NORMAL: {
		/* a table whose second line is not |---|---| is a paragraph of pipes */
		if (size && text[0] == '|' && !b->in_table && !b->block_reported && text > b->doc &&
		    text[-1] == '\n') {
			b->block_reported = true;
			report_warning(b->r, b->path, b->line,
				       "this looks like a table but is shown as text: its second "
				       "line must be | --- | --- | (three dashes for each column)");
		}
		/* "<!-- a -- b -->" is not a comment to CommonMark: it would be shown */
		const char *c = size >= 4 ? memchr(text, '<', size) : NULL;
		while (c && c + 4 <= text + size && memcmp(c, "<!--", 4) != 0)
			c = memchr(c + 1, '<', (size_t)(text + size - c - 1));
		if (c && c + 4 <= text + size)
			refuse_html(b, c, (size_t)(text + size - c));
		check_quotes(b, text, size);
		add_text(b, text, size);
		break;
	}
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
		if (size && strspn(text, " \t\n") < size)
			refuse_html(b, text, size);
		break;
	default:
		add_text(b, text, size);
		break;
	}
	return 0;
}

/* A YAML-style quoted value ("…" or '…') without its quotes, as YAML reads it:
 * in double quotes \" and \\ stand for " and \, in single quotes '' for '. */
static void strip_yaml_quotes(char *v)
{
	size_t n = strlen(v);
	if (n < 2 || (v[0] != '"' && v[0] != '\'') || v[n - 1] != v[0])
		return;
	char q = v[0], *o = v;
	for (size_t i = 1; i + 1 < n; i++) {
		if (q == '"' && v[i] == '\\' && i + 2 < n && (v[i + 1] == '"' || v[i + 1] == '\\'))
			i++;
		else if (q == '\'' && v[i] == '\'' && i + 2 < n && v[i + 1] == '\'')
			i++;
		*o++ = v[i];
	}
	*o = 0;
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
		strip_yaml_quotes(value);
		struct page *p = &out->page;
#define KEY(k) (klen == strlen(k) && memcmp(ln, k, klen) == 0)
		if (strlen(value) > PAGE_MAX_STRING) {
			report_error(r, path, line, "value longer than 64 KiB");
		} else if (KEY("title")) {
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

/* md4c's slow cases, refused before it sees them (see the limits at the top):
 * per paragraph (lines up to a blank line), the bracket nesting and count. */
static bool check_brackets(struct builder *b)
{
	unsigned depth = 0, count = 0, line = b->first_line;
	for (size_t i = 0; i < b->doc_size; i++) {
		char c = b->doc[i];
		if (c == '\\' && i + 1 < b->doc_size) {
			i++;
			continue;
		}
		if (c == '\n') {
			line++;
			size_t k = i + 1;
			while (k < b->doc_size && (b->doc[k] == ' ' || b->doc[k] == '\t'))
				k++;
			if (k >= b->doc_size || b->doc[k] == '\n')
				depth = count = 0; /* a blank line ends the paragraph */
			continue;
		}
		if (c == '[' &&
		    (++count > MARKDOWN_MAX_BRACKETS || ++depth > MARKDOWN_MAX_BRACKET_DEPTH)) {
			report_error(
			    b->r, b->path, line,
			    count > MARKDOWN_MAX_BRACKETS
				? "more than %d links or brackets in one paragraph: split it"
				: "brackets nested more than %d deep: remove them",
			    count > MARKDOWN_MAX_BRACKETS ? MARKDOWN_MAX_BRACKETS
							  : MARKDOWN_MAX_BRACKET_DEPTH);
			return false;
		}
		if (c == ']' && depth)
			depth--;
	}
	return true;
}

/* Valid UTF-8 without a NUL byte, or an error at the line of the first bad
 * byte (one pass: a rescan per byte made a 1 MB file with a bad last byte
 * take minutes). */
static bool check_encoding(const char *path, const char *text, size_t size, struct report *r)
{
	size_t good = wire_utf8_valid_prefix(text, size);
	const char *nul = memchr(text, 0, size);
	const char *bad = good < size ? text + good : nul;
	unsigned line = 1;

	if (!bad)
		return true;
	for (const char *q = text; q < bad; q++)
		line += *q == '\n';
	if (good < size)
		report_error(r, path, line, "not valid UTF-8 (save the file as UTF-8)");
	else
		report_error(r, path, line, "NUL byte in the file (is it a text file?)");
	return false;
}

/* Where each line of the body starts, for messages with a line number. */
static void index_lines(struct builder *b, struct arena *a)
{
	size_t nlines = 1;
	for (size_t i = 0; i < b->doc_size; i++)
		nlines += b->doc[i] == '\n';
	size_t *starts = arena_alloc(a, nlines * sizeof(*starts));
	nlines = 1;
	for (size_t i = 0; i < b->doc_size; i++)
		if (b->doc[i] == '\n')
			starts[nlines++] = i + 1;
	b->line_starts = starts;
	b->line_count = nlines;
}

/* md4c over the body into b's blocks; its buffers freed. */
static void run_md4c(struct builder *b)
{
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_PERMISSIVEURLAUTOLINKS |
			 MD_FLAG_PERMISSIVEEMAILAUTOLINKS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
			 MD_FLAG_TASKLISTS,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = on_text,
	};
	int rc = md_parse(b->doc, (MD_SIZE)b->doc_size, &parser, b);
	finish_block(b);
	report_repeated(b);
	if (b->pending_error)
		report_error(b->r, b->path, b->line, "%s", b->pending_error);
	free(b->text.data);
	free(b->alt.data);
	free(b->code_text.data);
	free(b->link_text.data);
	if (rc != 0)
		report_error(b->r, b->path, 0, "the Markdown parser failed (out of memory?)");
}

/* The page's fields the front matter left out, and its tile picture's name as
 * the bundle stores it (no extension). */
static void complete_page(struct builder *b, struct page_source *out, struct arena *a)
{
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
	check_notice(b->path, out, b->r);
	if (p->tile_image) {
		add_ref(b, REF_IMAGE, p->tile_image, out->image_line);
		const char *dot = strrchr(p->tile_image, '.');
		if (dot)
			p->tile_image =
			    arena_strndup(a, p->tile_image, (size_t)(dot - p->tile_image));
	} else {
		p->tile_image = "";
	}
	p->blocks = b->blocks;
	p->block_count = b->nblocks;
	out->refs = b->refs;
	out->ref_count = b->nrefs;
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
	/* Windows files: no BOM, LF only from here on (the model keeps this copy) */
	char *copy = arena_strndup(a, text, size);
	readfile_normalise(copy, &size);
	text = copy;
	if (!check_encoding(path, text, size, r))
		return -1;
	/* valid UTF-8 without NUL from here: the fonts' check may read it */
	out->text = copy;
	out->text_size = size;
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
	index_lines(&b, a);
	if (!check_brackets(&b))
		return -1;
	run_md4c(&b);
	complete_page(&b, out, a);
	if (b.nblocks == 0 && r->errors == errors_before)
		report_error(r, path, body_line > 1 ? body_line - 1 : 1,
			     "the page has no text: write at least one paragraph below the "
			     "front matter");
	return r->errors > errors_before ? -1 : 0;
}

int markdown_load(const char *path, const char *id, const char *lang, const char *credit,
		  struct hyphenator *h, struct arena *a, struct report *r, struct page_source *out)
{
	char why[256];
	uint8_t *text;
	size_t size;
	if (readfile_load(path, MARKDOWN_MAX_FILE, &text, &size, why, sizeof(why)) != 0) {
		memset(out, 0, sizeof(*out));
		report_error(r, path, 0, "%s", why);
		return -1;
	}
	int rc = markdown_parse(path, (const char *)text, size, id, lang, credit, h, a, r, out);
	free(text);
	return rc;
}
