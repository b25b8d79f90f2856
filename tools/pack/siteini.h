/* siteini: reads the content folder's site.ini (inih) into a struct site, with
 * the line of every setting kept so later checks can name the place. */
#ifndef FOYER_PACK_SITEINI_H
#define FOYER_PACK_SITEINI_H

#include "bundle/site.h"
#include "pack/arena.h"
#include "pack/report.h"

#define SITEINI_THEMES 2 /* [colors] and [colors.high-contrast] */

struct site_source {
	struct site site; /* strings live in the arena */
	const char *path;
	unsigned start_line; /* line of [site] start, for "start page missing" */
	unsigned tiles_line; /* line of [site] tiles */
	unsigned tile_lines[SITE_MAX_TILES];
	/* [credit]: the credit under pictures whose Markdown gives none ("Illustration:
	 * foyer-Projekt"); NULL per language when not set.  Not part of the site record:
	 * foyer-pack writes it into each picture block. */
	struct site_text credit;
	/* [hyphenation] LANG = shortest word, letters before, letters after a break */
	struct siteini_hyphenation {
		bool set;
		unsigned min_word, left, right;
	} hyphenation[SITE_MAX_LANGS];
	/* Line of each colour per theme ([colors], [colors.high-contrast]); 0 when
	 * site.ini leaves it to the default. */
	unsigned color_lines[SITEINI_THEMES][SITE_COLOR_COUNT];
};

/* Parses path; every problem goes to r.  Returns 0 when the site is usable, -1
 * otherwise (r then holds at least one error). */
int siteini_load(const char *path, struct arena *a, struct report *r, struct site_source *out);

/* site.ini is a few hundred bytes; anything near this is not a site description. */
#define SITEINI_MAX_FILE (256u << 10)

/* Reads one line-counted INI file (a UTF-8 BOM and CRLF line ends are fine),
 * calling handler(user, section, key, value, line) for every setting (Debian's
 * inih does not pass line numbers itself).  Returns 0, -1 with a sentence in why
 * when the file cannot be read, or the line of the first syntax error. */
typedef int (*siteini_handler)(void *user, const char *section, const char *key, const char *value,
			       unsigned line);
int siteini_parse_lines(const char *path, siteini_handler handler, void *user,
			unsigned *syntax_lines, size_t max_syntax, size_t *n_syntax, char *why,
			size_t why_size);

#endif
