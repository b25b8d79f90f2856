/* sheet-private: what sheet.c (gathering, placing) and sheet-draw.c (drawing)
 * share.  Not for anyone else: the sheet's API is sheet.h. */
#ifndef FOYER_SHEET_PRIVATE_H
#define FOYER_SHEET_PRIVATE_H

#include <SDL_ttf.h>

#include "bundle/bundle.h"
#include "bundle/page.h"
#include "bundle/site.h"
#include "sheet.h"
#include "snapshot.h"

/* Layout in sheet pixels. */
#define SHEET_MARGIN 24
#define SHEET_GAP 20       /* between thumbnails, and between rows */
#define SHEET_LABEL_W 240  /* the page id and title left of a row */
#define SHEET_CAPTION_H 26 /* language, size and length under a thumbnail */
#define SHEET_FRAME 5      /* the warning frame's width */
#define SHEET_TEXT_PX 15
#define SHEET_LINE_H 21 /* one line of SHEET_TEXT_PX text */
#define SHEET_ID_PX 20
#define SHEET_TITLE_PX 26
/* Warnings drawn on one sheet; past that one line counts the rest (foyer-pack
 * prints them all): a sheet is for seeing where, the terminal for reading. */
#define SHEET_MAX_NOTES 200
#define SHEET_NOTE_MAX 400 /* bytes of one warning kept */
#define SHEET_TITLE_MAX 160

struct sheet_note {
	int row;    /* index into rows; -1: the whole content */
	int lang;   /* index into site.langs; -1: every language */
	int number; /* 1, 2, ...: the badge on the thumbnails and in the list */
	char text[SHEET_NOTE_MAX];
};

struct sheet_row {
	char id[PAGE_ID_MAX + 1];
	char title[SHEET_TITLE_MAX]; /* in the site's first language */
	int y, h;                    /* top of the thumbnails, height of the row */
};

struct sheet {
	struct bundle *b;
	struct site site; /* points into b */
	struct sheet_row *rows;
	size_t row_count, rows_dropped; /* rows left out: the picture would be too tall */
	struct sheet_note notes[SHEET_MAX_NOTES];
	size_t note_count, notes_dropped;
	int sizes[ARGS_MAX_SIZES][2];
	size_t size_count;
	int thumb_w[ARGS_MAX_SIZES];
	int col_x[SITE_MAX_LANGS][ARGS_MAX_SIZES]; /* left edge of each thumbnail */
	int w, h, header_h;
	TTF_Font *text, *bold, *id, *title; /* from the bundle's own faces */
	SDL_Surface *surface;
};

/* Up to max numbers of the warnings marking row's thumbnails in lang; returns
 * how many there are. */
int sheet_marks(const struct sheet *s, size_t row, size_t lang, int *numbers, int max);

/* sheet-draw.c */
int sheet_fonts_open(struct sheet *s, char *why, size_t n);
void sheet_fonts_close(struct sheet *s);
/* Heights of the title block (with the warnings on the whole content) and of
 * a row's warnings (row -1: the whole content's). */
int sheet_header_height(const struct sheet *s);
int sheet_notes_height(const struct sheet *s, int row);
/* Everything but the thumbnails: background, header, labels, warnings. */
void sheet_draw_frame(struct sheet *s);
/* Every page in every language at sizes[size], through the app and the output
 * path of the device, with captions and marks.  0, or -1 with why filled. */
int sheet_draw_thumbs(struct sheet *s, const struct sheet_options *o, size_t size, char *why,
		      size_t n);

#endif
