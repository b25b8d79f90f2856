/* page: the compact page model stored in BUNDLE_PAGE entries, so the kiosk never
 * parses Markdown.  foyer-pack fills a struct page and encodes it; the kiosk
 * decodes it.  Wire layout: docs/bundle-format.md, "Page entries".
 *
 * Text is UTF-8.  Allowed hyphenation points are stored in the text itself as
 * U+00AD SOFT HYPHEN (computed by foyer-pack with libhyphen): invisible unless a
 * line breaks there, in which case a hyphen is drawn.  Typographic quotes and
 * dashes are already in the text. */
#ifndef FOYER_BUNDLE_PAGE_H
#define FOYER_BUNDLE_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"

#define PAGE_MAX_BLOCKS 4096
#define PAGE_MAX_SPANS 1024   /* per block */
#define PAGE_MAX_STRING 65536 /* bytes in one string */
#define PAGE_MAX_LEVEL 6      /* heading level / list depth */
#define PAGE_ID_MAX 48        /* page ids: [a-z0-9-], 1..PAGE_ID_MAX bytes */
#define PAGE_MAX_QR 64        /* QR codes in one page: its address and its links */
#define PAGE_QR_MAX_SIDE 177  /* modules: QR version 40, the largest there is */
/* Lists and quotes around one block: each level indents a column that is
 * already narrow in portrait; 8 levels leave half of it. */
#define PAGE_MAX_NESTING 8
/* Tables: a kiosk column holds about 8 readable columns at 1920 px; 12 is the
 * most that still gets a few letters each, and 256 rows is many screens. */
#define PAGE_MAX_COLUMNS 12
#define PAGE_MAX_ROWS 256

enum page_block_kind {
	PAGE_HEADING = 1, /* level 1..3 (page title is separate, see struct page) */
	PAGE_PARAGRAPH = 2,
	PAGE_LIST_ITEM = 3, /* level = nesting depth from 1; number 0 = bullet */
	PAGE_PICTURE = 4,
	PAGE_CONTACT = 5,
	PAGE_QUOTE = 6, /* a paragraph set apart (block quote) */
	PAGE_TABLE = 7, /* rows of cells; the first row is the header row */
};

/* Block flags (struct page_block.flags). */
enum page_block_flag {
	PAGE_ORDERED = 0x1,      /* list item of an ordered list: number shown, even 0 */
	PAGE_TASK = 0x2,         /* list item is a task: a box is drawn before it */
	PAGE_TASK_DONE = 0x4,    /* ... and the box is ticked */
	PAGE_PICTURE_LINK = 0x8, /* picture: link is a page id, the picture is tappable */
	PAGE_PICTURE_WEB = 0x10, /* picture: link is a web address, shown below it */
	PAGE_KNOWN_FLAGS = 0x1f,
};

/* Column alignment of a table (struct page_block.align). */
enum page_align {
	PAGE_ALIGN_DEFAULT = 0, /* start of the line */
	PAGE_ALIGN_LEFT = 1,
	PAGE_ALIGN_CENTER = 2,
	PAGE_ALIGN_RIGHT = 3,
};

enum page_span_style {
	SPAN_BOLD = 0x1,
	SPAN_ITALIC = 0x2,
	SPAN_LINK_PAGE = 0x4,     /* target is a page id in this bundle: tappable */
	SPAN_LINK_EXTERNAL = 0x8, /* target is a web address: shown, not tappable offline */
	SPAN_CODE = 0x10,
	SPAN_KNOWN_STYLES = 0x1f,
};

struct page_span {
	unsigned style;     /* enum page_span_style bits */
	const char *text;   /* never NULL */
	const char *target; /* page id or URL for links, "" otherwise */
};

/* One table cell: a run of styled text like a paragraph's. */
struct page_cell {
	size_t span_count;
	const struct page_span *spans;
};

struct page_contact {
	const char *heading; /* e.g. 'Ansprechpartnerin "Internationales Hochschulmarketing"' */
	const char *name;
	const char *role;
	const char *organisation;
	const char *address; /* may contain '\n' */
	const char *phone;
	const char *email;
};

struct page_block {
	enum page_block_kind kind;
	unsigned level;  /* heading level; list depth of a list item or paragraph */
	unsigned number; /* ordered-list number (see PAGE_ORDERED), else 0 */
	/* The lists and quotes around a paragraph, quote or list item, outermost
	 * first: level + popcount(quotes) containers, bit i set when container i is a
	 * block quote (the others are lists).  A quote's innermost container is a
	 * quote; a list item's and an indented paragraph's is a list. */
	unsigned quotes;
	unsigned flags;    /* enum page_block_flag bits */
	size_t span_count; /* heading, paragraph, list item, quote */
	const struct page_span *spans;
	const char *image;             /* picture: image name, entry "image/NAME" */
	const char *caption;           /* picture: may be "" */
	const char *credit;            /* picture: who made it, never "" */
	const char *link;              /* picture: page id or web address, "" if none */
	struct page_contact contact;   /* contact */
	unsigned columns, rows;        /* table: 1..PAGE_MAX_COLUMNS, 1..PAGE_MAX_ROWS */
	const unsigned char *align;    /* table: columns entries, enum page_align */
	const struct page_cell *cells; /* table: rows x columns, row by row */
};

/* A QR code for a web address, made by foyer-pack (libqrencode): the modules,
 * row by row, a set bit (most significant first) is dark.  Readers draw it
 * with a quiet zone of 4 modules around it. */
struct page_qr {
	const char *url;        /* what it encodes: the page's url or a link's target */
	unsigned side;          /* modules per side, 21..PAGE_QR_MAX_SIDE */
	const uint8_t *modules; /* (side * side + 7) / 8 bytes */
};
/* A calendar date as the decimal number YYYYMMDD (20261224), comparable as a
 * number; 0 for none. */
#define PAGE_DATE_NONE 0u
/* Containers (lists and quotes) around a block: level + popcount(quotes). */
unsigned page_block_depth(const struct page_block *b);

struct page {
	const char *id;         /* stable ASCII id, from the content folder name */
	const char *lang;       /* "de", "en", ... */
	const char *title;      /* shown at the top of the page */
	const char *tile_title; /* shorter title for the start page tile */
	const char *summary;    /* one line under the tile title, may be "" */
	const char *tile_image; /* image name for the tile, may be "" */
	/* A notice shown on this page (the start page's on the start screen) from
	 * valid_from to valid_until, both days included, local time; "" for none.
	 * A notice always has a valid_until; valid_from may be PAGE_DATE_NONE. */
	const char *notice;
	uint32_t valid_from, valid_until; /* YYYYMMDD or PAGE_DATE_NONE */
	size_t block_count;
	const struct page_block *blocks;
	/* from page record version 2 on, "" / 0 in older records */
	const char *url;   /* the page's own web address ("https://..."), may be "" */
	const char *label; /* a tile label shorter than tile_title, may be "" */
	const char *phone; /* the contact's phone, e-mail and room, each may be "" */
	const char *email;
	const char *room;
	size_t qr_count; /* QR codes of url and of every external link */
	const struct page_qr *qrs;
};

/* The QR code for url in p, or NULL. */
const struct page_qr *page_qr_find(const struct page *p, const char *url);
/* Whether module (x, y) of qr is dark. */
bool page_qr_dark(const struct page_qr *qr, unsigned x, unsigned y);

/* Encodes p into a malloc'd buffer (caller frees).  BUNDLE_ERR_LIMIT when a count
 * or string exceeds the PAGE_MAX_* limits. */
int page_encode(const struct page *p, uint8_t **out, size_t *size, struct bundle_diag *diag);

/* Decodes an entry's bytes.  *out is one allocation (free with page_free()) whose
 * strings point into data, so data must outlive it (bundle data lives until
 * bundle_close()).  Any inconsistency is BUNDLE_ERR_CORRUPT with the place in diag. */
int page_decode(const uint8_t *data, size_t size, struct page **out, struct bundle_diag *diag);
void page_free(struct page *p);

/* True for a page id: [a-z0-9-], 1..PAGE_ID_MAX bytes.  Also the rule for picture
 * names and location ids. */
bool page_id_valid(const char *s);

/* True for a real calendar date YYYYMMDD, years 2000-2199. */
bool page_date_valid(uint32_t date);
/* Parses "YYYY-MM-DD" (the whole string) into *out; false if it is not a valid
 * date. */
bool page_date_parse(const char *text, uint32_t *out);

/* Entry name for a page: "page/ID/LANG" into buf; false if it does not fit. */
int page_entry_name(char *buf, size_t size, const char *id, const char *lang);

#endif
