/* sheet-draw: draws the preview sheet placed by sheet.c: the labels and
 * warnings in the bundle's own faces, and the thumbnails through the app and the
 * device's output path (headless.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "headless.h"
#include "sheet-private.h"

static const SDL_Color ink = { 0x1e, 0x1e, 0x1e, 0xff }, soft = { 0x55, 0x55, 0x55, 0xff },
		       white = { 0xff, 0xff, 0xff, 0xff }, mark = { SHEET_MARK_RGB, 0xff };
#define PAPER 0xe9, 0xe9, 0xe9 /* the sheet: pale grey, so white pages stand out */
#define EDGE 0x9a, 0x9a, 0x9a  /* a thin line around each thumbnail */
#define BADGE_H 24
#define BADGE_NUMBERS 6 /* numbers on one badge; "..." after them */

static TTF_Font *open_face(struct sheet *s, const char *entry, int px)
{
	const struct bundle_entry *e = bundle_find(s->b, entry);
	struct bundle_diag diag;
	const uint8_t *data;
	size_t size;
	SDL_RWops *rw;

	if (!e || bundle_entry_data(s->b, e, &data, &size, &diag) != BUNDLE_OK || size > INT32_MAX)
		return NULL;
	rw = SDL_RWFromConstMem(data, (int)size);
	return rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
}

int sheet_fonts_open(struct sheet *s, char *why, size_t n)
{
	if (TTF_WasInit() == 0 && TTF_Init() != 0) {
		snprintf(why, n, "cannot start SDL_ttf: %s", SDL_GetError());
		return -1;
	}
	s->text = open_face(s, "font/regular", SHEET_TEXT_PX);
	s->bold = open_face(s, "font/bold", SHEET_TEXT_PX);
	s->id = open_face(s, "font/bold", SHEET_ID_PX);
	s->title = open_face(s, "font/bold", SHEET_TITLE_PX);
	if (s->text && s->bold && s->id && s->title)
		return 0;
	snprintf(why, n, "the bundle's fonts cannot be opened: %s", SDL_GetError());
	return -1;
}

void sheet_fonts_close(struct sheet *s)
{
	TTF_Font **fonts[] = { &s->text, &s->bold, &s->id, &s->title };

	for (size_t i = 0; i < SDL_arraysize(fonts); i++) {
		if (*fonts[i])
			TTF_CloseFont(*fonts[i]);
		*fonts[i] = NULL;
	}
}

static SDL_Rect put(struct sheet *s, SDL_Surface *text, int x, int y)
{
	SDL_Rect r = { x, y, 0, 0 };

	if (!text)
		return r;
	r.w = text->w;
	r.h = text->h;
	SDL_BlitSurface(text, NULL, s->surface, &r);
	SDL_FreeSurface(text);
	return r;
}

/* One line of text at x, y; returns where it went (w, h 0 when it could not). */
static SDL_Rect text_at(struct sheet *s, TTF_Font *font, const char *text, int x, int y,
			SDL_Color color)
{
	return put(s, text[0] ? TTF_RenderUTF8_Blended(font, text, color) : NULL, x, y);
}

static void fill(struct sheet *s, SDL_Rect r, SDL_Color c)
{
	SDL_FillRect(s->surface, &r, SDL_MapRGB(s->surface->format, c.r, c.g, c.b));
}

/* A frame of width px around r, outside it. */
static void frame(struct sheet *s, const SDL_Rect *r, int px, SDL_Color c)
{
	fill(s, (SDL_Rect){ r->x - px, r->y - px, r->w + 2 * px, px }, c);
	fill(s, (SDL_Rect){ r->x - px, r->y + r->h, r->w + 2 * px, px }, c);
	fill(s, (SDL_Rect){ r->x - px, r->y, px, r->h }, c);
	fill(s, (SDL_Rect){ r->x + r->w, r->y, px, r->h }, c);
}

/* A badge with the warnings' numbers "1 2 3", white on the mark colour, at x, y;
 * returns its width. */
static int badge(struct sheet *s, const int *numbers, int count, int x, int y)
{
	char text[BADGE_NUMBERS * 12 + 4] = "";
	size_t len = 0;
	int w = 0, h = 0;

	for (int i = 0; i < count && i < BADGE_NUMBERS; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%d", i ? " " : "",
					numbers[i]);
	if (count > BADGE_NUMBERS)
		snprintf(text + len, sizeof(text) - len, " ...");
	TTF_SizeUTF8(s->bold, text, &w, &h);
	fill(s, (SDL_Rect){ x, y, w + 12, BADGE_H }, mark);
	text_at(s, s->bold, text, x + 6, y + (BADGE_H - h) / 2, white);
	return w + 12;
}

/* Where a row's warnings start, and how wide they may be. */
static int notes_x(int row)
{
	return row < 0 ? SHEET_MARGIN : SHEET_MARGIN + SHEET_LABEL_W;
}

static SDL_Surface *note_text(const struct sheet *s, const struct sheet_note *note, int width)
{
	char text[SHEET_NOTE_MAX + 8];
	const char *lang = note->lang >= 0 ? s->site.langs[note->lang] : "";
	size_t len = 0;

	for (; lang[len] && len < 3; len++)
		text[len] = (char)toupper((unsigned char)lang[len]);
	snprintf(text + len, sizeof(text) - len, "%s%s", len ? ": " : "", note->text);
	return TTF_RenderUTF8_Blended_Wrapped(s->text, text, ink, (Uint32)width);
}

static int note_width(const struct sheet *s, int row)
{
	return s->w - SHEET_MARGIN - notes_x(row) - 60; /* room for the badge */
}

/* Draws (when draw) the warnings of row from y down; returns their height. */
static int notes(struct sheet *s, int row, int y, bool draw)
{
	int h = 0;

	for (size_t i = 0; i < s->note_count; i++) {
		const struct sheet_note *note = &s->notes[i];
		SDL_Surface *t;
		int bw = 0, line_h;

		if (note->row != row)
			continue;
		t = note_text(s, note, note_width(s, row));
		if (!t)
			continue;
		line_h = (t->h > BADGE_H ? t->h : BADGE_H) + 4;
		if (draw) { /* put() takes the surface */
			bw = badge(s, &note->number, 1, notes_x(row), y + h);
			put(s, t, notes_x(row) + bw + 8, y + h + (BADGE_H - SHEET_LINE_H) / 2);
		} else {
			SDL_FreeSurface(t);
		}
		h += line_h;
	}
	return h;
}

int sheet_notes_height(const struct sheet *s, int row)
{
	int h = notes((struct sheet *)s, row, 0, false);

	return h ? h + SHEET_GAP / 2 : 0;
}

int sheet_header_height(const struct sheet *s)
{
	return SHEET_TITLE_PX + 12 + SHEET_LINE_H + SHEET_GAP + sheet_notes_height(s, -1) +
	       (s->notes_dropped || s->rows_dropped ? SHEET_LINE_H : 0);
}

/* "Dortmund in Europa", then what the sheet shows, in both languages' words. */
static void draw_header(struct sheet *s)
{
	char line[512];
	size_t len;
	int y = SHEET_MARGIN;

	text_at(s, s->title, s->site.name.text[0] ? s->site.name.text[0] : "?", SHEET_MARGIN, y,
		ink);
	y += SHEET_TITLE_PX + 12;
	len = (size_t)snprintf(line, sizeof(line),
			       "%zu Seiten / pages  ·  %zu Warnungen / warnings  ·",
			       s->row_count + s->rows_dropped, s->note_count + s->notes_dropped);
	for (size_t k = 0; k < s->size_count && len < sizeof(line); k++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "  %dx%d", s->sizes[k][0],
					s->sizes[k][1]);
	text_at(s, s->text, line, SHEET_MARGIN, y, soft);
	y += SHEET_LINE_H + SHEET_GAP;
	y += notes(s, -1, y, true);
	if (s->notes_dropped || s->rows_dropped) {
		snprintf(line, sizeof(line),
			 "+ %zu Warnungen / warnings, %zu Seiten / pages: nicht auf diesem Blatt "
			 "/ not on this sheet",
			 s->notes_dropped, s->rows_dropped);
		text_at(s, s->bold, line, SHEET_MARGIN, y, mark);
	}
}

static void draw_label(struct sheet *s, const struct sheet_row *row)
{
	SDL_Rect r = text_at(s, s->id, row->id, SHEET_MARGIN, row->y, ink);

	put(s, TTF_RenderUTF8_Blended_Wrapped(s->text, row->title, soft, SHEET_LABEL_W - SHEET_GAP),
	    SHEET_MARGIN, row->y + r.h + 4);
}

void sheet_draw_frame(struct sheet *s)
{
	SDL_FillRect(s->surface, NULL, SDL_MapRGB(s->surface->format, PAPER));
	draw_header(s);
	for (size_t i = 0; i < s->row_count; i++) {
		const struct sheet_row *row = &s->rows[i];

		if (i)
			fill(s,
			     (SDL_Rect){ SHEET_MARGIN, row->y - SHEET_GAP, s->w - 2 * SHEET_MARGIN,
					 1 },
			     (SDL_Color){ EDGE, 0xff });
		draw_label(s, row);
		notes(s, (int)i, row->y + SHEET_THUMB_H + SHEET_CAPTION_H + SHEET_GAP / 2, true);
	}
}

/* The panel's picture into r: halved while that stays above r's size (each
 * halving averages 2x2 pixels, so text does not break up into dots), then
 * scaled to r. */
static void shrink_into(SDL_Surface *panel, SDL_Surface *dst, SDL_Rect r)
{
	SDL_Surface *cur = panel;

	while (cur->h / 2 >= r.h && cur->w / 2 >= r.w) {
		SDL_Surface *half = SDL_CreateRGBSurfaceWithFormat(0, cur->w / 2, cur->h / 2, 32,
								   SDL_PIXELFORMAT_RGBA32);

		if (!half || SDL_SoftStretchLinear(cur, NULL, half, NULL) != 0) {
			SDL_FreeSurface(half);
			break;
		}
		if (cur != panel)
			SDL_FreeSurface(cur);
		cur = half;
	}
	SDL_SoftStretchLinear(cur, NULL, dst, &r);
	if (cur != panel)
		SDL_FreeSurface(cur);
}

/* "DE 1920x1080", and "1/3" when the page is three screens long. */
static void caption(struct sheet *s, const struct app_snapshot *snap, size_t l, size_t k,
		    SDL_Rect r)
{
	char text[64];
	int screens = 1;
	size_t len = 0;

	if (snap && snap->view.h > 0)
		screens = 1 + (int)((snap->scroll_max + snap->view.h - 1) / snap->view.h);
	for (const char *c = s->site.langs[l]; *c && len < 3; c++)
		text[len++] = (char)toupper((unsigned char)*c);
	len += (size_t)snprintf(text + len, sizeof(text) - len, " %dx%d", s->sizes[k][0],
				s->sizes[k][1]);
	if (!snap)
		snprintf(text + len, sizeof(text) - len, "  -");
	else if (screens > 1)
		snprintf(text + len, sizeof(text) - len, "  1/%d", screens);
	text_at(s, s->text, text, r.x, r.y + r.h + SHEET_FRAME + 2, soft);
}

static void marks(struct sheet *s, size_t row, size_t l, SDL_Rect r)
{
	int numbers[BADGE_NUMBERS + 1];
	int n = sheet_marks(s, row, l, numbers, BADGE_NUMBERS + 1);

	if (!n) {
		frame(s, &r, 1, (SDL_Color){ EDGE, 0xff });
		return;
	}
	frame(s, &r, SHEET_FRAME, mark);
	badge(s, numbers, n, r.x - SHEET_FRAME, r.y - SHEET_FRAME);
}

/* One page in one language: as the panel shows it, scaled into its place. */
static void draw_thumb(struct sheet *s, struct app *app, struct headless *h, size_t row, size_t l,
		       size_t k)
{
	SDL_Rect r = { s->col_x[l][k], s->rows[row].y, s->thumb_w[k], SHEET_THUMB_H };
	const char *lang = s->site.langs[l];
	struct app_snapshot snap;

	/* from the start screen, as a visitor comes: no history behind the page */
	app_show(app, s->site.start_page, lang, 0);
	if (app_show(app, s->rows[row].id, lang, 0)) {
		output_present(&h->out, app);
		shrink_into(h->surface, s->surface, r);
		app_snapshot(app, &snap);
		caption(s, &snap, l, k, r);
	} else {
		fill(s, r, (SDL_Color){ 0xcc, 0xcc, 0xcc, 0xff });
		caption(s, NULL, l, k, r);
	}
	marks(s, row, l, r);
}

int sheet_draw_thumbs(struct sheet *s, const struct sheet_options *o, size_t k, char *why, size_t n)
{
	struct app_options opt = *o->app;
	struct app_snapshot snap;
	struct headless h;
	struct app *app;
	bool broken;

	opt.bundle_path = o->bundle_path;
	if (headless_open(&h, s->sizes[k][0], s->sizes[k][1], ROTATION_0) != 0) {
		snprintf(why, n, "cannot set up a software renderer: %s", SDL_GetError());
		return -1;
	}
	app = app_new(&opt, h.renderer, h.out.w, h.out.h, 0);
	if (!app) {
		snprintf(why, n, "%s", SDL_GetError());
		headless_close(&h);
		return -1;
	}
	app_snapshot(app, &snap);
	broken = snap.broken != NULL;
	if (broken)
		snprintf(why, n, "%s: %s", o->bundle_path, snap.broken);
	for (size_t row = 0; row < s->row_count && !broken; row++)
		for (size_t l = 0; l < s->site.lang_count; l++)
			draw_thumb(s, app, &h, row, l, k);
	app_free(app);
	headless_close(&h);
	return broken ? -1 : 0;
}
