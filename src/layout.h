/* layout: our own text and page layout for the kiosk.  Turns a struct page (or
 * the start screen's tiles, or the screen chrome) into a flat list of
 * positioned items: text runs, filled rectangles and pictures, each inside the
 * box it was given.  Line breaking is greedy and ragged-right; it breaks at
 * spaces, after explicit hyphens, and at the bundle's soft hyphens (U+00AD),
 * drawing a hyphen there.  A word that fits nowhere is broken between any two
 * characters, so nothing ever overflows its column.
 *
 * Layout measures text with SDL_ttf but draws nothing; render.c draws the items.
 * Rules and the type scale: docs/kiosk.md. */
#ifndef FOYER_LAYOUT_H
#define FOYER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "bundle/page.h"
#include "bundle/site.h"

/* Noto Sans' capital height in em (sCapHeight 714 of its 1000 units per em);
 * test-layout measures the bundle's face against it. */
#define LAYOUT_CAP_EM 0.714
/* Body text is never smaller than this many pixels, whatever the panel: the
 * smallest size the layouts and goldens are checked at (800x480). */
#define LAYOUT_BODY_MIN_PX 26

/* Size classes of the type scale, as multiples of the body size (layout.c). */
enum layout_size {
	LAYOUT_SIZE_BODY,
	LAYOUT_SIZE_SMALL, /* captions, credits, tile summaries */
	LAYOUT_SIZE_H3,
	LAYOUT_SIZE_H2,
	LAYOUT_SIZE_H1,      /* page titles */
	LAYOUT_SIZE_DISPLAY, /* start screen and attract screen titles */
	LAYOUT_SIZE_COUNT
};

/* The faces the bundle carries: "font/regular", "font/bold", "font/italic",
 * "font/bolditalic" (bit 0 bold, bit 1 italic) and "font/mono" for inline code. */
enum layout_face {
	LAYOUT_REGULAR = 0,
	LAYOUT_BOLD = 1,
	LAYOUT_ITALIC = 2,
	LAYOUT_BOLDITALIC = 3,
	LAYOUT_MONO = 4,
	LAYOUT_FACE_COUNT
};

/* Colour roles; render.c maps them to the site's colours. */
enum layout_color {
	LAYOUT_COLOR_TEXT,
	LAYOUT_COLOR_ACCENT,
	LAYOUT_COLOR_ACCENT_TEXT,
	LAYOUT_COLOR_TILE,
	LAYOUT_COLOR_TILE_TEXT,
	LAYOUT_COLOR_MUTED,
	LAYOUT_COLOR_BACKGROUND,
	LAYOUT_COLOR_SHADE,          /* translucent dark band over pictures */
	LAYOUT_COLOR_PRESSED,        /* translucent veil over what a finger is on */
	LAYOUT_COLOR_EDGE,           /* outline of tiles and controls against the page */
	LAYOUT_COLOR_HIGHLIGHT,      /* behind the passage being read aloud */
	LAYOUT_COLOR_DIM_BACKGROUND, /* the closed screen: black */
	LAYOUT_COLOR_DIM_TEXT,       /* the closed screen's text: grey, 8:1 on black */
	LAYOUT_COLOR_COUNT
};

enum layout_action {
	LAYOUT_ACTION_NONE,
	LAYOUT_ACTION_PAGE, /* open page `target` */
	LAYOUT_ACTION_BACK,
	LAYOUT_ACTION_HOME,
	LAYOUT_ACTION_LANG,    /* switch to language index `arg` */
	LAYOUT_ACTION_SCROLL,  /* a page down (arg 1) or up (arg -1) */
	LAYOUT_ACTION_ACCESS,  /* open or close the accessibility menu */
	LAYOUT_ACTION_SETTING, /* an accessibility setting: arg = enum access_setting (app) */
	LAYOUT_ACTION_READ,    /* read aloud: arg 0 pause or go on, 1 stop */
	LAYOUT_ACTION_QR,      /* show the QR code of web address `target` (layout_qr_overlay) */
	LAYOUT_ACTION_CLOSE,   /* close what is shown on top (the QR overlay) */
};

/* Fetches the TTF bytes of a face the first time it is needed; false when
 * there are none.  The bytes must live until layout_fonts_close(). */
typedef bool (*layout_face_data_fn)(void *ctx, enum layout_face face, const void **data,
				    size_t *size);

/* The fonts of one type scale.  Faces are opened lazily, per size, from TTF
 * bytes the caller keeps alive until layout_fonts_close(). */
struct layout_fonts {
	const void *data[LAYOUT_FACE_COUNT]; /* NULL: ask load, else fall back to regular */
	size_t data_size[LAYOUT_FACE_COUNT];
	layout_face_data_fn load; /* optional, see layout_fonts_set_loader() */
	void *load_ctx;
	bool load_asked[LAYOUT_FACE_COUNT]; /* load is asked once per face */
	int px[LAYOUT_SIZE_COUNT];          /* pixel size of each class */
	int target_px;                      /* the smallest touch target (panel.h) */
	TTF_Font *font[LAYOUT_SIZE_COUNT][LAYOUT_FACE_COUNT];
	bool failed; /* a face could not be opened */
};

/* Sets up the scale for a body size in pixels.  data[LAYOUT_REGULAR] is required.
 * Returns 0, or -1 with SDL_GetError() set when the regular face does not open. */
int layout_fonts_init(struct layout_fonts *f, const void *const data[LAYOUT_FACE_COUNT],
		      const size_t size[LAYOUT_FACE_COUNT], int body_px);
/* The font for a size and face (opening it on first use); never NULL after a
 * successful init: a missing or broken face falls back to regular. */
/* Faces without bytes at init are fetched through load when first used (a
 * start screen needs no italics: their bytes are never unpacked). */
void layout_fonts_set_loader(struct layout_fonts *f, layout_face_data_fn load, void *ctx);
TTF_Font *layout_font(struct layout_fonts *f, enum layout_size size, enum layout_face face);
void layout_fonts_close(struct layout_fonts *f);

/* Sets the smallest touch target, in pixels; in-text links are at least this
 * large.  0 (the default after init): the line's own size. */
void layout_fonts_set_target(struct layout_fonts *f, int target_px);

/* Body size in pixels when the smallest size class must be at least min_text_px
 * (panel_min_text_px()), scaled by text_scale (panel_text_scale()); never below
 * LAYOUT_BODY_MIN_PX.  docs/kiosk.md gives the reasoning. */
int layout_body_px(double min_text_px, double text_scale);
/* The content column of a screen `width` wide: at most 34 em (a readable line),
 * with a body size margin each side and room for the position indicator,
 * centred. */
void layout_text_column(int width, int body_px, int *x, int *w);

enum layout_kind {
	LAYOUT_TEXT,    /* text (UTF-8, no soft hyphens) drawn with its top-left at box */
	LAYOUT_FILL,    /* a filled rectangle */
	LAYOUT_PICTURE, /* image `image` scaled into box (cover: cropped to fill it) */
	LAYOUT_ICON,    /* icon `icon` (icon.h) filling the square box */
	LAYOUT_QR,      /* QR code `qr`: dark modules on white filling box (quiet zone
			   included) */
};

struct layout_item {
	enum layout_kind kind;
	SDL_Rect box;        /* where it is drawn, in layout coordinates */
	SDL_Rect hit;        /* the tappable area when action != NONE */
	unsigned char size;  /* enum layout_size (text) */
	unsigned char face;  /* enum layout_face (text) */
	unsigned char color; /* enum layout_color (text, fill) */
	bool cover;          /* picture: crop to fill the box instead of fitting */
	unsigned char icon;  /* icon: enum icon */
	const char *text;    /* text: owned by the layout */
	const char *image;   /* picture: image name; lives as long as the page */
	enum layout_action action;
	const char *target;       /* page id for LAYOUT_ACTION_PAGE, web address for
				     LAYOUT_ACTION_QR; lives as long as the page */
	int arg;                  /* language index for LAYOUT_ACTION_LANG */
	const struct page_qr *qr; /* LAYOUT_QR; lives as long as the page */
};

/* One line of text as laid out, for typographic measurements (tools/typeset):
 * kept only while layout.keep_lines is set. */
struct layout_line {
	const char *text; /* as drawn, with its hyphen; owned by the layout */
	unsigned flow;    /* which layout_flow_* call set it, counting from 1 */
	unsigned words;   /* space-separated words on it */
	int y;
	int width, column; /* of the line as drawn, and of its column */
	size_t item;       /* index of its first item */
	bool hyphen;       /* ends at a hyphenation point or a cut, with a hyphen drawn */
	bool last;         /* the last line of its paragraph or heading */
	bool in_name;      /* ends at a no-break space (inside a listed name) */
};

/* Returns an image's size in pixels, or false when it does not exist. */
typedef bool (*layout_image_size_fn)(void *ctx, const char *name, int *w, int *h);

struct layout {
	struct layout_item *items;
	size_t count, cap;
	int height;     /* bottom of the lowest item plus the bottom margin */
	int *block_top; /* page layouts: y of each block, block_count entries */
	size_t block_count;
	/* private */
	struct layout_fonts *fonts;
	layout_image_size_fn image_size;
	void *image_ctx;
	char **strings; /* text owned by the layout */
	size_t string_count, string_cap;
	bool nomem;      /* an allocation failed; the layout is incomplete */
	bool keep_lines; /* set by measuring tools: fill lines[] */
	struct layout_line *lines;
	size_t line_count, line_cap;
	unsigned flow_serial; /* layout_flow_* calls since the last reset */
};

void layout_init(struct layout *l, struct layout_fonts *fonts, layout_image_size_fn image_size,
		 void *image_ctx);
/* Drops all items (keeps the buffers). */
void layout_reset(struct layout *l);
void layout_free(struct layout *l);

/* Appends items; return the item's index or -1 when out of memory. */
int layout_add_fill(struct layout *l, SDL_Rect box, enum layout_color color);
int layout_add_text(struct layout *l, int x, int y, const char *text, enum layout_size size,
		    enum layout_face face, enum layout_color color);
int layout_add_picture(struct layout *l, SDL_Rect box, const char *image, bool cover);
/* icon is an enum icon (icon.h); box should be square. */
int layout_add_icon(struct layout *l, SDL_Rect box, int icon, enum layout_color color);

/* Flows styled spans into the column [x, x + width) starting at y, breaking lines
 * as described above.  Every item's action is `action`/`target` unless a span is
 * a page link.  Returns the y below the last line. */
struct layout_flow {
	enum layout_size size;
	enum layout_face face; /* base face: bold for headings */
	enum layout_color color;
	enum layout_color link_color;
	double line_height; /* in multiples of the font size */
};
int layout_flow_spans(struct layout *l, const struct layout_flow *flow,
		      const struct page_span *spans, size_t span_count, int x, int y, int width);
/* The same for one plain string. */
int layout_flow_text(struct layout *l, const struct layout_flow *flow, const char *text, int x,
		     int y, int width);

/* Lays out a page's title and blocks into a column of `width` at `x`; pictures
 * are at most max_picture_h tall.  Fills block_top.  Returns 0 or -1 (no memory). */
int layout_page(struct layout *l, const struct page *p, int x, int width, int max_picture_h);

/* The blocks of p without its title and pictures, from y down in a column of
 * `width` at x (the start screen shows its start page's text so); returns the y
 * below.  Leaves the layout's block_top alone. */
int layout_page_text(struct layout *l, const struct page *p, int x, int y, int width);

/* When p has a web address (front matter url:): its QR code with the short
 * address and a line saying what to do, from y down; returns the y below (y when
 * there is none).  layout_page() ends every page with it. */
int layout_take_home(struct layout *l, const struct page *p, int x, int y, int width);

/* The first contact block of p as a card (with p's phone, e-mail and room from
 * its front matter), from y down; returns the y below (y when p has none). */
int layout_contact_card(struct layout *l, const struct page *p, int x, int y, int width);

/* The QR code of web address url (one of p's, page_qr_find) centred on a
 * screen_w x screen_h screen over a dark veil, with the short address and how
 * to close it; every item closes it (LAYOUT_ACTION_CLOSE).  Resets l first.
 * Returns 0, or -1 when p has no QR code for url or memory ran out. */
int layout_qr_overlay(struct layout *l, const struct page *p, const char *url, int screen_w,
		      int screen_h);

/* "www.kulturbuero.dortmund.de" for "https://www.kulturbuero.dortmund.de/":
 * what a visitor types, into buf. */
void layout_short_address(const char *url, char *buf, size_t size);

/* Lays out a table block (layout-table.c) into [x, x + width) from y; returns the
 * y below it.  Never wider than width: cells wrap. */
int layout_table(struct layout *l, const struct page_block *b, int x, int y, int width);

/* A tile grid: its geometry for n tiles in a width x height area (layout.c
 * explains the choice).  Tiles are never narrower than min_w. */
struct layout_grid {
	int cols, rows;
	int tile_w, tile_h, gap;
};
void layout_grid_choose(struct layout_grid *g, size_t n, int width, int height, int body_px);
/* One start-screen tile for page p (its tile title, summary and tile image) in box;
 * the whole tile opens the page.  A tile has an edge visible against the page
 * (3:1 and more); one too low for its picture above the text shows a small
 * picture beside it, and its front matter label when the title needs two lines. */
int layout_tile(struct layout *l, const struct page *p, SDL_Rect box);

/* Maps a reading position across two layouts of the same page (another language):
 * the block at the top of the view and the fraction scrolled into it, or the
 * relative position when the block structures differ.  Returns the new offset. */
int layout_map_scroll(const struct layout *from, int from_scroll, int from_view_h,
		      const struct layout *to, int to_view_h);

#endif
