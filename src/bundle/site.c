#include "bundle/site.h"

#include "bundle/page.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

#define SITE_MAGIC 0x45544953u /* "SITE" */
/* Version 2 added the edge and highlight colours and the high-contrast theme. */
#define SITE_WIRE_VERSION 2
#define SITE_V1_COLOR_COUNT SITE_COLOR_EDGE

const char *const site_color_names[SITE_COLOR_COUNT] = {
	"background", "text",  "accent", "accent_text", "tile",
	"tile_text",  "muted", "edge",   "highlight",
};

/* White text on black, yellow for what is accented and tappable: the scheme
 * screen readers' users know from Windows' high-contrast mode.  Every pair is
 * 7:1 or more (tests/test-contrast.c). */
const struct site_colors site_default_high_contrast = {
	.background = 0x000000,
	.text = 0xffffff,
	.accent = 0xffd500,
	.accent_text = 0x000000,
	.tile = 0x000000,
	.tile_text = 0xffffff,
	.muted = 0xe6e6e6,
	.edge = 0xffffff,
	.highlight = 0x002b80,
};

uint32_t *site_color_slot(struct site_colors *c, size_t i)
{
	uint32_t *slots[SITE_COLOR_COUNT] = { &c->background,  &c->text, &c->accent,
					      &c->accent_text, &c->tile, &c->tile_text,
					      &c->muted,       &c->edge, &c->highlight };
	return slots[i];
}

int site_lang_index(const struct site *s, const char *lang)
{
	for (size_t i = 0; lang && i < s->lang_count; i++)
		if (strcmp(s->langs[i], lang) == 0)
			return (int)i;
	return -1;
}

static void put_text(struct wire_buf *b, const struct site *s, const struct site_text *t)
{
	for (size_t i = 0; i < s->lang_count; i++)
		wire_buf_str(b, t->text[i]);
}

int site_encode(const struct site *s, uint8_t **out, size_t *size, struct bundle_diag *diag)
{
	if (s->lang_count == 0 || s->lang_count > SITE_MAX_LANGS ||
	    s->tile_count > SITE_MAX_TILES || s->location_count > SITE_MAX_LOCATIONS)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "site: too many or no languages, tiles or locations");
	struct wire_buf b = { 0 };
	wire_buf_u32(&b, SITE_MAGIC);
	wire_buf_u16(&b, SITE_WIRE_VERSION);
	wire_buf_u16(&b, 0);
	wire_buf_u8(&b, (uint8_t)s->lang_count);
	for (size_t i = 0; i < s->lang_count; i++)
		wire_buf_str(&b, s->langs[i]);
	put_text(&b, s, &s->name);
	put_text(&b, s, &s->slogan);
	wire_buf_str(&b, s->start_page);
	wire_buf_u8(&b, (uint8_t)s->tile_count);
	for (size_t i = 0; i < s->tile_count; i++)
		wire_buf_str(&b, s->tiles[i]);
	struct site_colors themes[2] = { s->colors, s->high_contrast };
	for (size_t t = 0; t < 2; t++)
		for (size_t i = 0; i < SITE_COLOR_COUNT; i++)
			wire_buf_u32(&b, *site_color_slot(&themes[t], i));
	wire_buf_u8(&b, (uint8_t)s->location_count);
	for (size_t i = 0; i < s->location_count; i++) {
		wire_buf_str(&b, s->locations[i].id);
		put_text(&b, s, &s->locations[i].name);
	}
	if (b.failed) {
		wire_buf_release(&b);
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "site: out of memory");
	}
	*out = b.data;
	*size = b.len;
	return BUNDLE_OK;
}

static void read_text(struct wire_cursor *c, const struct site *s, struct site_text *t)
{
	for (size_t i = 0; i < s->lang_count; i++)
		t->text[i] = wire_read_str(c, SITE_MAX_STRING);
}

/* Version 1 had seven colours and no high-contrast theme: its edge is the
 * accent (what the bar and links already use), the rest are the defaults. */
static int read_colors(struct wire_cursor *c, unsigned version, struct site *s)
{
	struct site_colors *themes[2] = { &s->colors, &s->high_contrast };
	size_t theme_count = version == 1 ? 1 : 2;
	size_t count = version == 1 ? SITE_V1_COLOR_COUNT : SITE_COLOR_COUNT;
	s->high_contrast = site_default_high_contrast;
	for (size_t t = 0; t < theme_count; t++)
		for (size_t i = 0; i < count; i++) {
			uint32_t v = wire_read_u32(c);
			if (v > 0xffffff)
				return -1;
			*site_color_slot(themes[t], i) = v;
		}
	if (version == 1) {
		s->colors.edge = s->colors.accent;
		s->colors.highlight = SITE_DEFAULT_HIGHLIGHT;
	}
	return 0;
}

int site_decode(const uint8_t *data, size_t size, struct site *s, struct bundle_diag *diag)
{
	struct wire_cursor c;
	wire_cursor_init(&c, data, size);
	memset(s, 0, sizeof(*s));
	if (wire_read_u32(&c) != SITE_MAGIC || c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "site record: wrong magic");
	unsigned version = wire_read_u16(&c);
	if (version < 1 || version > SITE_WIRE_VERSION)
		return bundle_fail(diag, BUNDLE_ERR_VERSION,
				   "site record: version %u, expected 1 to %d", version,
				   SITE_WIRE_VERSION);
	if (wire_read_u16(&c) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "site record: reserved field is not zero");
	s->lang_count = wire_read_u8(&c);
	if (s->lang_count == 0 || s->lang_count > SITE_MAX_LANGS)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "site record: %zu languages (1..%d allowed)", s->lang_count,
				   SITE_MAX_LANGS);
	for (size_t i = 0; i < s->lang_count; i++) {
		s->langs[i] = wire_read_str(&c, 2);
		if (!c.failed &&
		    (strlen(s->langs[i]) != 2 || site_lang_index(s, s->langs[i]) != (int)i))
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "site record: language %zu is invalid "
					   "or repeated",
					   i);
	}
	read_text(&c, s, &s->name);
	read_text(&c, s, &s->slogan);
	s->start_page = wire_read_str(&c, 64);
	s->tile_count = wire_read_u8(&c);
	if (s->tile_count > SITE_MAX_TILES)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "site record: %zu tiles, the limit is %d", s->tile_count,
				   SITE_MAX_TILES);
	for (size_t i = 0; i < s->tile_count; i++)
		s->tiles[i] = wire_read_str(&c, 64);
	if (read_colors(&c, version, s) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "site record: a colour is out of range");
	s->location_count = wire_read_u8(&c);
	if (s->location_count > SITE_MAX_LOCATIONS)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "site record: %zu locations, the limit is %d", s->location_count,
				   SITE_MAX_LOCATIONS);
	for (size_t i = 0; i < s->location_count && !c.failed; i++) {
		s->locations[i].id = wire_read_str(&c, 64);
		read_text(&c, s, &s->locations[i].name);
	}
	if (c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "site record at byte %zu: %s", c.pos,
				   c.why);
	if (c.pos != size)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "site record: %zu bytes of trailing data", size - c.pos);
	if (!page_id_valid(s->start_page))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "site record: invalid start page id");
	for (size_t i = 0; i < s->tile_count; i++)
		if (!page_id_valid(s->tiles[i]))
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "site record: tile %zu has an invalid "
					   "page id",
					   i);
	for (size_t i = 0; i < s->location_count; i++)
		if (!page_id_valid(s->locations[i].id))
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					   "site record: location %zu has an "
					   "invalid id",
					   i);
	return BUNDLE_OK;
}
