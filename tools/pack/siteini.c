#include "pack/siteini.h"

#include <ctype.h>
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/page.h"
#include "bundle/wire.h"
#include "pack/readfile.h"

struct line_reader {
	FILE *f;
	unsigned line; /* number of the line last handed to inih */
	siteini_handler handler;
	void *user;
	unsigned *syntax_lines;
	size_t max_syntax;
	size_t n_syntax;
};

static char *read_line(char *buf, int size, void *stream)
{
	struct line_reader *lr = stream;
	char *s = fgets(buf, size, lr->f);
	if (s) {
		lr->line++;
		/* A line longer than inih's buffer would be split and misread: swallow the rest. */
		size_t n = strlen(s);
		if (n == (size_t)size - 1 && s[n - 1] != '\n') {
			int c;
			while ((c = fgetc(lr->f)) != EOF && c != '\n')
				;
		}
	}
	return s;
}

static int on_setting(void *user, const char *section, const char *name, const char *value)
{
	struct line_reader *lr = user;
	if (!name) /* a new section without keys: nothing to report yet */
		return 1;
	return lr->handler(lr->user, section, name, value, lr->line);
}

int siteini_parse_lines(const char *path, siteini_handler handler, void *user,
			unsigned *syntax_lines, size_t max_syntax, size_t *n_syntax, char *why,
			size_t why_size)
{
	struct line_reader lr = { .handler = handler,
				  .user = user,
				  .syntax_lines = syntax_lines,
				  .max_syntax = max_syntax };
	char *text;
	size_t size;
	if (readfile_text(path, SITEINI_MAX_FILE, &text, &size, why, why_size) != 0)
		return -1;
	lr.f = fmemopen(text, size ? size : 1, "r");
	if (!lr.f) {
		snprintf(why, why_size, "out of memory");
		free(text);
		return -1;
	}
	int rc = ini_parse_stream(read_line, &lr, on_setting, &lr);
	fclose(lr.f);
	free(text);
	if (n_syntax)
		*n_syntax = 0;
	/* inih reports only the first error line; handlers see the rest themselves. */
	if (rc > 0 && syntax_lines && max_syntax) {
		syntax_lines[0] = (unsigned)rc;
		if (n_syntax)
			*n_syntax = 1;
	}
	return rc;
}

struct raw_setting {
	char *section, *key, *value;
	unsigned line;
};

struct collect {
	struct arena *a;
	struct raw_setting *items;
	size_t count, cap;
};

static int collect_setting(void *user, const char *section, const char *key, const char *value,
			   unsigned line)
{
	struct collect *c = user;
	c->items = arena_grow(c->a, c->items, c->count, &c->cap, sizeof(*c->items));
	c->items[c->count++] =
	    (struct raw_setting){ arena_strdup(c->a, section), arena_strdup(c->a, key),
				  arena_strdup(c->a, value), line };
	return 1;
}

/* Splits a space- or comma-separated list into words (arena copies). */
static size_t split_words(struct arena *a, const char *v, const char **out, size_t max,
			  bool *overflow)
{
	size_t n = 0;
	*overflow = false;
	while (*v) {
		while (*v == ' ' || *v == ',' || *v == '\t')
			v++;
		const char *start = v;
		while (*v && *v != ' ' && *v != ',' && *v != '\t')
			v++;
		if (v > start) {
			if (n == max) {
				*overflow = true;
				break;
			}
			out[n++] = arena_strndup(a, start, (size_t)(v - start));
		}
	}
	return n;
}

static bool parse_color(const char *v, uint32_t *out)
{
	if (v[0] != '#' || strlen(v) != 7)
		return false;
	for (int i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)v[i]))
			return false;
	*out = (uint32_t)strtoul(v + 1, NULL, 16);
	return true;
}

/* [colors] is the normal theme, [colors.high-contrast] the one a visitor can
 * switch to; the index is the theme's in site_source.color_lines. */
static const char *const theme_sections[SITEINI_THEMES] = { "colors", "colors.high-contrast" };

static struct site_colors *theme_colors(struct site *s, size_t theme)
{
	return theme ? &s->high_contrast : &s->colors;
}

/* Colours site.ini may leave out: the normal theme's edge is its accent (the
 * colour the bar and the links already have), its highlight a pale yellow;
 * the high-contrast theme takes whatever it does not set from the default. */
static void default_colors(struct site_source *out)
{
	struct site *s = &out->site;
	struct site_colors fallback = site_default_high_contrast;
	if (!out->color_lines[0][SITE_COLOR_EDGE])
		s->colors.edge = s->colors.accent;
	if (!out->color_lines[0][SITE_COLOR_HIGHLIGHT])
		s->colors.highlight = SITE_DEFAULT_HIGHLIGHT;
	for (size_t i = 0; i < SITE_COLOR_COUNT; i++)
		if (!out->color_lines[1][i])
			*site_color_slot(&s->high_contrast, i) = *site_color_slot(&fallback, i);
}

static void load_color(struct site_source *out, struct report *r, size_t theme,
		       const struct raw_setting *st)
{
	size_t k = 0;
	while (k < SITE_COLOR_COUNT && strcmp(site_color_names[k], st->key) != 0)
		k++;
	if (k == SITE_COLOR_COUNT) {
		report_error(r, out->path, st->line,
			     "unknown colour '%s' (known: background, text, accent, accent_text, "
			     "tile, tile_text, muted, edge, highlight)",
			     st->key);
		return;
	}
	if (!parse_color(st->value, site_color_slot(theme_colors(&out->site, theme), k)))
		report_error(r, out->path, st->line, "colour '%s' must be written #rrggbb",
			     st->value);
	/* a bad value is reported once, not as missing too */
	out->color_lines[theme][k] = st->line;
}

/* Localised text: section [name]/[slogan]/[location.X], key = language code. */
static struct site_text *text_for(struct site_source *out, const char *section, bool *is_loc)
{
	*is_loc = false;
	if (strcmp(section, "name") == 0)
		return &out->site.name;
	if (strcmp(section, "slogan") == 0)
		return &out->site.slogan;
	if (strcmp(section, "credit") == 0)
		return &out->credit;
	if (strncmp(section, "location.", 9) == 0) {
		*is_loc = true;
		for (size_t i = 0; i < out->site.location_count; i++)
			if (strcmp(out->site.locations[i].id, section + 9) == 0)
				return &out->site.locations[i].name;
	}
	return NULL;
}

/* What the loaders of site.ini's settings share. */
struct site_load {
	const char *path;
	struct arena *a;
	struct report *r;
	struct site_source *out;
	unsigned lang_line; /* where [site] languages stands; 0: nowhere */
};

static void site_languages(struct site_load *ld, const struct raw_setting *st)
{
	struct site *s = &ld->out->site;
	bool over;

	ld->lang_line = st->line;
	s->lang_count = split_words(ld->a, st->value, s->langs, SITE_MAX_LANGS, &over);
	if (over)
		report_error(ld->r, ld->path, st->line, "at most %d languages", SITE_MAX_LANGS);
	for (size_t k = 0; k < s->lang_count; k++) {
		const char *l = s->langs[k];
		if (strlen(l) != 2 || !islower((unsigned char)l[0]) ||
		    !islower((unsigned char)l[1]))
			report_error(ld->r, ld->path, st->line,
				     "language '%s' is not a two-letter code such as de or en", l);
		for (size_t m = 0; m < k; m++)
			if (strcmp(s->langs[m], l) == 0)
				report_error(ld->r, ld->path, st->line,
					     "language '%s' is listed twice", l);
	}
}

static void site_start(struct site_load *ld, const struct raw_setting *st)
{
	ld->out->site.start_page = st->value;
	ld->out->start_line = st->line;
	if (!page_id_valid(st->value))
		report_error(ld->r, ld->path, st->line,
			     "start page '%s' is not a page id (a-z, 0-9, -)", st->value);
}

static void site_tiles(struct site_load *ld, const struct raw_setting *st)
{
	struct site *s = &ld->out->site;
	bool over;

	ld->out->tiles_line = st->line;
	s->tile_count = split_words(ld->a, st->value, s->tiles, SITE_MAX_TILES, &over);
	if (over)
		report_error(ld->r, ld->path, st->line, "at most %d tiles", SITE_MAX_TILES);
	for (size_t k = 0; k < s->tile_count; k++) {
		ld->out->tile_lines[k] = st->line;
		for (size_t m = 0; m < k; m++)
			if (strcmp(s->tiles[m], s->tiles[k]) == 0)
				report_error(ld->r, ld->path, st->line, "tile '%s' is listed twice",
					     s->tiles[k]);
	}
}

/* The keys of [site]; the unknown-key message lists them. */
static const struct {
	const char *key;
	void (*load)(struct site_load *ld, const struct raw_setting *st);
} site_keys[] = {
	{ "languages", site_languages },
	{ "start", site_start },
	{ "tiles", site_tiles },
};

/* A [location.ID] section seen for the first time makes a location. */
static void site_location(struct site_load *ld, const struct raw_setting *st)
{
	struct site *s = &ld->out->site;
	const char *id = st->section + 9;

	for (size_t k = 0; k < s->location_count; k++)
		if (strcmp(s->locations[k].id, id) == 0)
			return;
	if (!page_id_valid(id))
		report_error(ld->r, ld->path, st->line, "location id '%s' must be a-z, 0-9, -", id);
	else if (s->location_count == SITE_MAX_LOCATIONS)
		report_error(ld->r, ld->path, st->line, "at most %d locations", SITE_MAX_LOCATIONS);
	else
		s->locations[s->location_count++].id = id;
}

/* Pass 1: [site] and the location sections (the languages must be known before
 * any text in them is read). */
static void load_structure(struct site_load *ld, struct raw_setting *st)
{
	size_t k = 0;

	if (!wire_utf8_valid(st->value, strlen(st->value))) {
		report_error(ld->r, ld->path, st->line, "value is not valid UTF-8");
		st->value[0] = 0;
	}
	if (strncmp(st->section, "location.", 9) == 0) {
		site_location(ld, st);
		return;
	}
	if (strcmp(st->section, "site") != 0)
		return;
	while (k < sizeof(site_keys) / sizeof(site_keys[0]) && strcmp(st->key, site_keys[k].key))
		k++;
	if (k < sizeof(site_keys) / sizeof(site_keys[0]))
		site_keys[k].load(ld, st);
	else
		report_error(ld->r, ld->path, st->line,
			     "unknown setting '%s' in [site] (known: languages, start, tiles)",
			     st->key);
}

static void load_hyphenation(struct site_load *ld, const struct raw_setting *st, int li)
{
	struct siteini_hyphenation *hy = &ld->out->hyphenation[li];
	char end;

	if (sscanf(st->value, "%u %u %u %c", &hy->min_word, &hy->left, &hy->right, &end) != 3 ||
	    hy->min_word > 100 || hy->left < 1 || hy->left > 20 || hy->right < 1 || hy->right > 20)
		report_error(ld->r, ld->path, st->line,
			     "hyphenation for '%s' is three numbers: the shortest word that "
			     "breaks, the letters before and the letters after a break (e.g. "
			     "'6 3 3')",
			     st->key);
	else
		hy->set = true;
}

/* Pass 2: colours, hyphenation and the texts in each language. */
static void load_text(struct site_load *ld, const struct raw_setting *st)
{
	size_t theme = 0;
	bool is_loc, is_hyph = strcmp(st->section, "hyphenation") == 0;
	struct site_text *t;
	int li;

	if (strcmp(st->section, "site") == 0)
		return;
	while (theme < SITEINI_THEMES && strcmp(st->section, theme_sections[theme]) != 0)
		theme++;
	if (theme < SITEINI_THEMES) {
		load_color(ld->out, ld->r, theme, st);
		return;
	}
	t = is_hyph ? NULL : text_for(ld->out, st->section, &is_loc);
	if (!t && !is_hyph) {
		if (!is_loc)
			report_error(ld->r, ld->path, st->line,
				     "unknown section [%s] (known: site, name, slogan, credit, "
				     "hyphenation, colors, colors.high-contrast, location.ID)",
				     st->section);
		return;
	}
	li = site_lang_index(&ld->out->site, st->key);
	if (li < 0) {
		if (ld->lang_line)
			report_error(ld->r, ld->path, st->line,
				     "'%s' is not one of the site's languages (line %u)", st->key,
				     ld->lang_line);
		return;
	}
	if (is_hyph) {
		load_hyphenation(ld, st, li);
		return;
	}
	if (strlen(st->value) > SITE_MAX_STRING)
		report_error(ld->r, ld->path, st->line, "text longer than %d bytes",
			     SITE_MAX_STRING);
	t->text[li] = st->value;
}

/* What must be there once everything is read. */
static void check_complete(struct site_load *ld)
{
	struct site_source *out = ld->out;
	struct site *s = &out->site;

	/* The colours of the first format have no default: a site states its own. */
	for (size_t k = 0; k < SITE_COLOR_EDGE; k++)
		if (!out->color_lines[0][k])
			report_error(ld->r, ld->path, 0, "[colors] %s is missing",
				     site_color_names[k]);
	default_colors(out);
	for (size_t l = 0; l < s->lang_count; l++) {
		if (!s->name.text[l])
			report_error(ld->r, ld->path, 0, "[name] has no text for language '%s'",
				     s->langs[l]);
		if (!s->slogan.text[l])
			s->slogan.text[l] = "";
		for (size_t k = 0; k < s->location_count; k++)
			if (!s->locations[k].name.text[l])
				report_error(ld->r, ld->path, 0,
					     "[location.%s] has no name for language '%s'",
					     s->locations[k].id, s->langs[l]);
	}
}

int siteini_load(const char *path, struct arena *a, struct report *r, struct site_source *out)
{
	memset(out, 0, sizeof(*out));
	out->path = path;
	size_t errors_before = r->errors;
	struct collect c = { .a = a };
	struct site_load ld = { path, a, r, out, 0 };
	unsigned syntax[1];
	size_t nsyntax = 0;
	char why[256];
	int rc =
	    siteini_parse_lines(path, collect_setting, &c, syntax, 1, &nsyntax, why, sizeof(why));
	if (rc < 0) {
		report_error(r, path, 0,
			     "%s (every content folder needs a site.ini, the site "
			     "description)",
			     why);
		return -1;
	}
	if (nsyntax)
		report_error(r, path, syntax[0], "not a 'key = value' line or a [section] header");
	for (size_t i = 0; i < c.count; i++)
		load_structure(&ld, &c.items[i]);
	if (out->site.lang_count == 0)
		report_error(r, path, 0, "[site] languages is missing (e.g. 'languages = de en')");
	if (!out->site.start_page)
		report_error(r, path, 0, "[site] start is missing (the page id of the start page)");
	for (size_t i = 0; i < c.count; i++)
		load_text(&ld, &c.items[i]);
	check_complete(&ld);
	return r->errors > errors_before ? -1 : 0;
}
