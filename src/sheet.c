/* sheet: the preview sheet; see sheet.h.  This file gathers what goes on it
 * (pages, titles, warnings) and places it; sheet-draw.c draws it. */
#include "sheet-private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle/page.h"
#include "bundle/picture.h"

static bool entry_bytes(struct sheet *s, const char *name, const uint8_t **data, size_t *size)
{
	const struct bundle_entry *e = bundle_find(s->b, name);
	struct bundle_diag diag;

	return e && bundle_entry_data(s->b, e, data, size, &diag) == BUNDLE_OK;
}

static int open_bundle(struct sheet *s, const char *path, char *why, size_t n)
{
	struct bundle_diag diag = { { 0 } };
	const uint8_t *data;
	size_t size;
	int rc = bundle_open(path, &s->b, &diag);

	if (rc != BUNDLE_OK) {
		snprintf(why, n, "%s: %s: %s", path, bundle_strerror(rc), diag.message);
		return -1;
	}
	if (!entry_bytes(s, "site", &data, &size) ||
	    site_decode(data, size, &s->site, &diag) != BUNDLE_OK) {
		snprintf(why, n, "%s: the bundle's site record cannot be read", path);
		return -1;
	}
	return 0;
}

/* The page's title in the site's first language, else its id. */
static void row_title(struct sheet *s, struct sheet_row *row)
{
	char name[BUNDLE_MAX_NAME + 1];
	struct bundle_diag diag;
	struct page *p = NULL;
	const uint8_t *data;
	size_t size;

	snprintf(row->title, sizeof(row->title), "%s", row->id);
	if (!page_entry_name(name, sizeof(name), row->id, s->site.langs[0]) ||
	    !entry_bytes(s, name, &data, &size) || page_decode(data, size, &p, &diag) != BUNDLE_OK)
		return;
	snprintf(row->title, sizeof(row->title), "%s", p->title);
	page_free(p);
}

static bool has_row(const struct sheet *s, const char *id, size_t len)
{
	for (size_t i = 0; i < s->row_count; i++)
		if (strlen(s->rows[i].id) == len && strncmp(s->rows[i].id, id, len) == 0)
			return true;
	return false;
}

static void add_row(struct sheet *s, const char *id, size_t len)
{
	struct sheet_row *row = &s->rows[s->row_count++];

	snprintf(row->id, sizeof(row->id), "%.*s", (int)len, id);
	row_title(s, row);
}

/* Rows as foyer-pack ls lists the pages: the start page, then by id (the
 * entries "page/ID/LANG" are sorted by name). */
static int collect_rows(struct sheet *s, char *why, size_t n)
{
	size_t count = bundle_entry_count(s->b);

	s->rows = calloc(count + 1, sizeof(*s->rows));
	if (!s->rows) {
		snprintf(why, n, "out of memory");
		return -1;
	}
	add_row(s, s->site.start_page, strlen(s->site.start_page));
	for (size_t i = 0; i < count; i++) {
		const struct bundle_entry *e = bundle_entry_at(s->b, i);
		const char *id, *slash;

		if (e->type != BUNDLE_PAGE || strncmp(e->name, "page/", 5) != 0)
			continue;
		id = e->name + 5;
		slash = strchr(id, '/');
		if (slash && (size_t)(slash - id) <= PAGE_ID_MAX &&
		    !has_row(s, id, (size_t)(slash - id)))
			add_row(s, id, (size_t)(slash - id));
	}
	return 0;
}

static int row_index(const struct sheet *s, const char *id)
{
	for (size_t i = 0; i < s->row_count; i++)
		if (strcmp(s->rows[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* One line "PAGE<TAB>LANG<TAB>text": a page this bundle does not have makes it
 * a note on the whole content, a language it does not have one on every
 * language of the page: never a lost one. */
static void add_note(struct sheet *s, char *line)
{
	char *lang = strchr(line, '\t'), *text = lang ? strchr(lang + 1, '\t') : NULL;
	struct sheet_note *note;

	if (!text)
		return;
	*lang++ = 0;
	*text++ = 0;
	text[strcspn(text, "\r\n")] = 0;
	if (s->note_count == SHEET_MAX_NOTES) {
		s->notes_dropped++;
		return;
	}
	note = &s->notes[s->note_count++];
	note->number = (int)s->note_count;
	note->row = row_index(s, line);
	note->lang = note->row < 0 ? -1 : site_lang_index(&s->site, lang);
	snprintf(note->text, sizeof(note->text), "%s", text);
}

static int read_notes(struct sheet *s, const char *path, char *why, size_t n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	if (!f) {
		snprintf(why, n, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) > 0)
		add_note(s, line);
	free(line);
	fclose(f);
	return 0;
}

int sheet_marks(const struct sheet *s, size_t row, size_t lang, int *numbers, int max)
{
	int n = 0;

	for (size_t i = 0; i < s->note_count; i++) {
		const struct sheet_note *note = &s->notes[i];

		if (note->row != (int)row || (note->lang >= 0 && note->lang != (int)lang))
			continue;
		if (n < max)
			numbers[n] = note->number;
		n++;
	}
	return n;
}

/* Columns: each language's sizes side by side, a wider gap between languages. */
static void place_columns(struct sheet *s)
{
	int x = SHEET_MARGIN + SHEET_LABEL_W;

	for (size_t l = 0; l < s->site.lang_count; l++) {
		for (size_t k = 0; k < s->size_count; k++) {
			s->col_x[l][k] = x;
			x += s->thumb_w[k] + SHEET_GAP;
		}
		x += SHEET_GAP;
	}
	s->w = x - 2 * SHEET_GAP + SHEET_MARGIN;
}

/* Rows top to bottom, each as tall as its thumbnails and its warnings; rows
 * that would make the picture taller than a PNG we write may be are left out
 * and counted. */
static void place_rows(struct sheet *s)
{
	int y = s->header_h;

	for (size_t i = 0; i < s->row_count; i++) {
		struct sheet_row *row = &s->rows[i];
		int h = SHEET_THUMB_H + SHEET_CAPTION_H + sheet_notes_height(s, (int)i) + SHEET_GAP;

		if (y + h + SHEET_MARGIN > PIXEL_MAX_SIDE) {
			s->rows_dropped = s->row_count - i;
			s->row_count = i;
			break;
		}
		row->y = y + SHEET_GAP / 2;
		row->h = h;
		y += h + SHEET_GAP;
	}
	s->h = y + SHEET_MARGIN;
}

static void place(struct sheet *s)
{
	for (size_t k = 0; k < s->size_count; k++)
		s->thumb_w[k] =
		    (s->sizes[k][0] * SHEET_THUMB_H + s->sizes[k][1] / 2) / s->sizes[k][1];
	place_columns(s);
	s->header_h = SHEET_MARGIN + sheet_header_height(s);
	place_rows(s);
}

static struct sheet *sheet_open(const struct sheet_options *o, char *why, size_t n)
{
	struct sheet *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(why, n, "out of memory");
		return NULL;
	}
	s->size_count = o->size_count < ARGS_MAX_SIZES ? o->size_count : ARGS_MAX_SIZES;
	memcpy(s->sizes, o->sizes, s->size_count * sizeof(s->sizes[0]));
	if (open_bundle(s, o->bundle_path, why, n) != 0 || collect_rows(s, why, n) != 0 ||
	    (o->notes_path && read_notes(s, o->notes_path, why, n) != 0) ||
	    sheet_fonts_open(s, why, n) != 0) {
		sheet_free(s);
		return NULL;
	}
	return s;
}

struct sheet *sheet_render(const struct sheet_options *o, char *why, size_t why_size)
{
	struct sheet *s = sheet_open(o, why, why_size);

	if (!s)
		return NULL;
	place(s);
	s->surface = snapshot_surface_new(s->w, s->h);
	if (!s->surface) {
		snprintf(why, why_size, "%s", SDL_GetError());
		goto out_free;
	}
	sheet_draw_frame(s);
	for (size_t k = 0; k < s->size_count; k++)
		if (sheet_draw_thumbs(s, o, k, why, why_size) != 0)
			goto out_free;
	return s;

out_free:
	sheet_free(s);
	return NULL;
}

void sheet_free(struct sheet *s)
{
	if (!s)
		return;
	snapshot_surface_free(s->surface);
	sheet_fonts_close(s);
	free(s->rows);
	if (s->b)
		bundle_close(s->b);
	free(s);
}

SDL_Surface *sheet_surface(const struct sheet *s)
{
	return s->surface;
}

bool sheet_thumb(const struct sheet *s, const char *page, const char *lang, size_t size,
		 SDL_Rect *r, int *marks)
{
	int row = row_index(s, page), l = site_lang_index(&s->site, lang);
	int numbers[1];

	if (row < 0 || (size_t)row >= s->row_count || l < 0 || size >= s->size_count)
		return false;
	*r = (SDL_Rect){ s->col_x[l][size], s->rows[row].y, s->thumb_w[size], SHEET_THUMB_H };
	*marks = sheet_marks(s, (size_t)row, (size_t)l, numbers, 1);
	return true;
}

/* The PNG is written beside its place under another name and renamed when
 * complete: a reader (an editor's picture viewer, a web page) never sees half. */
static int write_atomically(SDL_Surface *surface, const char *path, char *why, size_t n)
{
	char tmp[4096];

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= sizeof(tmp)) {
		snprintf(why, n, "%s: name too long", path);
		return -1;
	}
	if (snapshot_write_png(surface, tmp) != 0) {
		snprintf(why, n, "cannot write %s: %s", path, SDL_GetError());
		return -1;
	}
	if (rename(tmp, path) != 0) {
		snprintf(why, n, "cannot write %s: %s", path, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}

/* The kiosk's two mountings when no --size is given. */
static const int default_sizes[][2] = { { 1920, 1080 }, { 1080, 1920 } };

int sheet_run(const struct args *args, const struct app_options *opt, const struct logger *log)
{
	struct sheet_options so = {
		.bundle_path = opt->bundle_path,
		.sizes = args->size_count ? (const int(*)[2])args->sizes : default_sizes,
		.size_count = args->size_count ? args->size_count : SDL_arraysize(default_sizes),
		.notes_path = args->notes,
		.app = opt,
	};
	char why[512] = "";
	struct sheet *s = sheet_render(&so, why, sizeof(why));
	int rc = 2;

	if (s && write_atomically(s->surface, args->sheet, why, sizeof(why)) == 0)
		rc = 0;
	if (rc != 0)
		logger_printf(log, LOG_LEVEL_ERROR, "%s", why);
	sheet_free(s);
	return rc;
}
