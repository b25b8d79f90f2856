/* markdown: turns one page file (front matter + CommonMark, parsed by md4c) into
 * the bundle's page model, with hyphenation points inserted.  Links and pictures
 * are recorded as references so the caller can check that they resolve. */
#ifndef FOYER_PACK_MARKDOWN_H
#define FOYER_PACK_MARKDOWN_H

#include <stddef.h>

#include "bundle/page.h"
#include "pack/arena.h"
#include "pack/hyphenate.h"
#include "pack/report.h"

#define MARKDOWN_MAX_FILE (1u << 20) /* bytes in one page file */

enum markdown_ref_kind {
	REF_PAGE,  /* a link to a page id */
	REF_IMAGE, /* a picture file name in images/ */
};

struct markdown_ref {
	enum markdown_ref_kind kind;
	const char *target;
	unsigned line;
};

struct page_source {
	struct page page; /* strings and arrays live in the arena */
	const char *path;
	unsigned tile_line;  /* front matter line of "tile:", 0 if none */
	unsigned image_line; /* front matter line of "image:", 0 if none */
	unsigned notice_line, valid_from_line, valid_until_line; /* 0 if none */
	size_t ref_count;
	struct markdown_ref *refs;
	const char *text; /* the file as parsed: UTF-8, LF line ends, no BOM (arena) */
	size_t text_size;
};

/* The day foyer-pack counts as today, YYYYMMDD (local time): from
 * $SOURCE_DATE_EPOCH when set (reproducible builds, tests), else the clock.  A
 * notice that ended before it is reported as expired. */
uint32_t markdown_build_date(void);

/* Parses text[0..size) of the page file at path (path is only used in messages).
 * credit (may be NULL) is the site's credit for pictures whose Markdown names none.
 * Problems go to r; returns 0 when the page is usable, -1 otherwise. */
int markdown_parse(const char *path, const char *text, size_t size, const char *id,
		   const char *lang, const char *credit, struct hyphenator *h, struct arena *a,
		   struct report *r, struct page_source *out);

/* Reads the file and calls markdown_parse(). */
int markdown_load(const char *path, const char *id, const char *lang, const char *credit,
		  struct hyphenator *h, struct arena *a, struct report *r, struct page_source *out);

#endif
