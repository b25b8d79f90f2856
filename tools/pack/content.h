/* content: reads and validates a whole content folder (site.ini, pages/, images/)
 * and, when asked, turns it into bundle entries.  Every problem is reported, not
 * just the first; nothing is written when there is any error. */
#ifndef FOYER_PACK_CONTENT_H
#define FOYER_PACK_CONTENT_H

#include "bundle/bundle-writer.h"
#include "pack/report.h"

#define CONTENT_MAX_PAGES 1000
#define CONTENT_MAX_IMAGES 1000

struct cache;

struct content_options {
	const char *font_dir;   /* NULL: $FOYER_FONT_DIR, else Debian's fonts-noto-core */
	const char *hyphen_dir; /* NULL: $FOYER_HYPHEN_DIR, else /usr/share/hyphen */
	struct cache *cache;    /* NULL: convert everything afresh (pack/cache.h) */
};

/* What a run found, for the closing summary. */
struct content_summary {
	size_t pages;     /* page folders */
	size_t languages; /* site languages */
	size_t pictures;  /* files in images/ */
};

/* Validates dir.  With w set, also adds every entry to w.  Returns 0 when there
 * were no errors (warnings allowed), -1 otherwise. */
int content_pack(const char *dir, const struct content_options *opt, struct report *r,
		 struct bundle_writer *w);
/* The same, filling *sum (may be NULL) with what it found. */
int content_pack_summary(const char *dir, const struct content_options *opt, struct report *r,
			 struct bundle_writer *w, struct content_summary *sum);

#endif
