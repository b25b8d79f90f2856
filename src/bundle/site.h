/* site: the site description stored in the "site" entry: languages, start page and
 * its tiles, colours, the kiosk locations.  Wire layout: docs/bundle-format.md. */
#ifndef FOYER_BUNDLE_SITE_H
#define FOYER_BUNDLE_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"

#define SITE_MAX_LANGS 4
#define SITE_MAX_TILES 32
#define SITE_MAX_LOCATIONS 32
#define SITE_MAX_STRING 4096

/* One text in every language of the site, indexed like site.langs. */
struct site_text {
	const char *text[SITE_MAX_LANGS];
};

struct site_location {
	const char *id;        /* e.g. "friedensplatz"; foyer.conf names one */
	struct site_text name; /* e.g. "Friedensplatz" */
};

/* Colours are 0xRRGGBB.  Which pairs are drawn on each other, and the contrast
 * foyer-pack requires of them, is tools/pack/contrast.c's table. */
struct site_colors {
	uint32_t background;  /* page background */
	uint32_t text;        /* body text */
	uint32_t accent;      /* headings, links, the bar */
	uint32_t accent_text; /* text on the accent colour */
	uint32_t tile;        /* tile background */
	uint32_t tile_text;   /* tile text */
	uint32_t muted;       /* captions, credits, secondary text */
	uint32_t edge;        /* the outline of tiles and controls against the page */
	uint32_t highlight;   /* behind the passage being read aloud */
};

/* The colours in wire order (docs/bundle-format.md), with their site.ini names. */
enum site_color {
	SITE_COLOR_BACKGROUND,
	SITE_COLOR_TEXT,
	SITE_COLOR_ACCENT,
	SITE_COLOR_ACCENT_TEXT,
	SITE_COLOR_TILE,
	SITE_COLOR_TILE_TEXT,
	SITE_COLOR_MUTED,
	SITE_COLOR_EDGE,      /* new in site record version 2 */
	SITE_COLOR_HIGHLIGHT, /* new in site record version 2 */
	SITE_COLOR_COUNT
};
extern const char *const site_color_names[SITE_COLOR_COUNT];
/* Colour i (wire order) of c; i < SITE_COLOR_COUNT. */
uint32_t *site_color_slot(struct site_colors *c, size_t i);
/* A pale yellow, the marker-pen colour readers know, behind the passage being
 * read aloud where site.ini sets none; dark text keeps more than 4.5:1 on it. */
#define SITE_DEFAULT_HIGHLIGHT 0xfff3b0u
/* The high-contrast theme a site gets where site.ini does not set one. */
extern const struct site_colors site_default_high_contrast;

struct site {
	size_t lang_count;                 /* 1..SITE_MAX_LANGS */
	const char *langs[SITE_MAX_LANGS]; /* two-letter codes, first is the default */
	struct site_text name;             /* the site's title, e.g. "Dortmund in Europa" */
	struct site_text slogan;           /* e.g. "Dortmund überrascht. Dich.", may be "" */
	const char *start_page;            /* page id of the start page */
	size_t tile_count;
	const char *tiles[SITE_MAX_TILES]; /* page ids shown as tiles, in order */
	struct site_colors colors;         /* the normal theme */
	struct site_colors high_contrast;  /* the theme a visitor can switch to */
	size_t location_count;
	struct site_location locations[SITE_MAX_LOCATIONS];
};

/* Encodes s into a malloc'd buffer (caller frees). */
int site_encode(const struct site *s, uint8_t **out, size_t *size, struct bundle_diag *diag);
/* Decodes into *out; strings point into data, which must outlive *out. */
int site_decode(const uint8_t *data, size_t size, struct site *out, struct bundle_diag *diag);
/* Index of lang in s->langs, or -1. */
int site_lang_index(const struct site *s, const char *lang);

#endif
