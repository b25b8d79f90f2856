/* layout: line breaking and page layout; see layout.h and docs/kiosk.md. */
#include "layout.h"

#include "crop.h"
#include "ui-text.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The type scale, in multiples of the body size. */
static const double size_factor[LAYOUT_SIZE_COUNT] = {
	[LAYOUT_SIZE_BODY] = 1.0, [LAYOUT_SIZE_SMALL] = 0.9, [LAYOUT_SIZE_H3] = 1.2,
	[LAYOUT_SIZE_H2] = 1.45,  [LAYOUT_SIZE_H1] = 1.8,    [LAYOUT_SIZE_DISPLAY] = 2.3,
};

/* The smallest class, which must meet the angle rule (panel.h). */
#define SMALLEST LAYOUT_SIZE_SMALL

int layout_body_px(double min_text_px, double text_scale)
{
	double base = ceil(min_text_px / size_factor[SMALLEST]);

	if (!(base >= LAYOUT_BODY_MIN_PX)) /* also NaN */
		base = LAYOUT_BODY_MIN_PX;
	if (!(text_scale >= 1) || text_scale > 4)
		text_scale = 1;
	return (int)lround(base * text_scale);
}

void layout_fonts_set_target(struct layout_fonts *f, int target_px)
{
	f->target_px = target_px > 0 ? target_px : 0;
}

void layout_text_column(int width, int body_px, int *x, int *w)
{
	int max = (int)lround(body_px * 34.0);
	int column = width - 2 * body_px - (int)lround(body_px * 0.6);

	*w = column > max ? max : column;
	*x = (width - *w) / 2;
}

int layout_fonts_init(struct layout_fonts *f, const void *const data[LAYOUT_FACE_COUNT],
		      const size_t size[LAYOUT_FACE_COUNT], int body_px)
{
	memset(f, 0, sizeof(*f));
	for (int i = 0; i < LAYOUT_FACE_COUNT; i++) {
		f->data[i] = data[i];
		f->data_size[i] = size[i];
	}
	for (int s = 0; s < LAYOUT_SIZE_COUNT; s++)
		f->px[s] = (int)lround(body_px * size_factor[s]);
	if (!f->data[LAYOUT_REGULAR]) {
		SDL_SetError("no regular font");
		return -1;
	}
	/* Open the body face now so a broken font is found at start, not mid-draw. */
	if (!layout_font(f, LAYOUT_SIZE_BODY, LAYOUT_REGULAR) || f->failed)
		return -1;
	return 0;
}

void layout_fonts_set_loader(struct layout_fonts *f, layout_face_data_fn load, void *ctx)
{
	f->load = load;
	f->load_ctx = ctx;
}

static TTF_Font *open_face(struct layout_fonts *f, enum layout_face face, int px)
{
	SDL_RWops *rw;

	if (!f->data[face] && f->load && !f->load_asked[face]) {
		const void *data;
		size_t size;

		f->load_asked[face] = true;
		if (f->load(f->load_ctx, face, &data, &size)) {
			f->data[face] = data;
			f->data_size[face] = size;
		}
	}
	if (!f->data[face] || f->data_size[face] > INT32_MAX)
		return NULL;
	rw = SDL_RWFromConstMem(f->data[face], (int)f->data_size[face]);
	if (!rw)
		return NULL;
	return TTF_OpenFontRW(rw, 1, px);
}

TTF_Font *layout_font(struct layout_fonts *f, enum layout_size size, enum layout_face face)
{
	TTF_Font *font;

	if ((unsigned)size >= LAYOUT_SIZE_COUNT || (unsigned)face >= LAYOUT_FACE_COUNT)
		return NULL;
	font = f->font[size][face];
	if (font)
		return font;
	font = open_face(f, face, f->px[size]);
	if (!font && face != LAYOUT_REGULAR) {
		/* bold-italic falls back to bold, the others to regular */
		if (face == LAYOUT_BOLDITALIC)
			font = layout_font(f, size, LAYOUT_BOLD);
		else
			font = layout_font(f, size, LAYOUT_REGULAR);
		return font; /* shared, not stored: close frees each slot once */
	}
	if (!font) {
		f->failed = true;
		return NULL;
	}
	f->font[size][face] = font;
	return font;
}

void layout_fonts_close(struct layout_fonts *f)
{
	for (int s = 0; s < LAYOUT_SIZE_COUNT; s++) {
		for (int i = 0; i < LAYOUT_FACE_COUNT; i++) {
			if (f->font[s][i])
				TTF_CloseFont(f->font[s][i]);
			f->font[s][i] = NULL;
		}
	}
}

static int text_width(TTF_Font *font, const char *text)
{
	int w = 0, h = 0;

	if (!font || !*text)
		return 0;
	if (TTF_SizeUTF8(font, text, &w, &h) != 0)
		return 0;
	return w;
}

/* ---- the item list ---- */

void layout_init(struct layout *l, struct layout_fonts *fonts, layout_image_size_fn image_size,
		 void *image_ctx)
{
	memset(l, 0, sizeof(*l));
	l->fonts = fonts;
	l->image_size = image_size;
	l->image_ctx = image_ctx;
}

void layout_reset(struct layout *l)
{
	for (size_t i = 0; i < l->string_count; i++)
		free(l->strings[i]);
	l->string_count = 0;
	l->count = 0;
	l->height = 0;
	free(l->block_top);
	l->block_top = NULL;
	l->block_count = 0;
	l->nomem = false;
	l->line_count = 0;
	l->flow_serial = 0;
}

void layout_free(struct layout *l)
{
	layout_reset(l);
	free(l->items);
	free(l->strings);
	free(l->lines);
	l->lines = NULL;
	l->line_cap = 0;
	l->items = NULL;
	l->strings = NULL;
	l->cap = 0;
	l->string_cap = 0;
}

static struct layout_item *add_item(struct layout *l, enum layout_kind kind)
{
	struct layout_item *it;

	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct layout_item *items = realloc(l->items, cap * sizeof(*items));

		if (!items) {
			l->nomem = true;
			return NULL;
		}
		l->items = items;
		l->cap = cap;
	}
	it = &l->items[l->count++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->target = "";
	return it;
}

/* Takes ownership of s (malloc'd); returns it, or NULL (and frees it) on failure. */
static char *keep_string(struct layout *l, char *s)
{
	if (!s)
		goto out_nomem;
	if (l->string_count == l->string_cap) {
		size_t cap = l->string_cap ? l->string_cap * 2 : 256;
		char **strings = realloc(l->strings, cap * sizeof(*strings));

		if (!strings)
			goto out_free;
		l->strings = strings;
		l->string_cap = cap;
	}
	l->strings[l->string_count++] = s;
	return s;
out_free:
	free(s);
out_nomem:
	l->nomem = true;
	return NULL;
}

int layout_add_fill(struct layout *l, SDL_Rect box, enum layout_color color)
{
	struct layout_item *it = add_item(l, LAYOUT_FILL);

	if (!it)
		return -1;
	it->box = box;
	it->color = (unsigned char)color;
	return (int)(it - l->items);
}

int layout_add_text(struct layout *l, int x, int y, const char *text, enum layout_size size,
		    enum layout_face face, enum layout_color color)
{
	TTF_Font *font = layout_font(l->fonts, size, face);
	char *copy = keep_string(l, strdup(text));
	struct layout_item *it;
	int w = 0, h = 0;

	if (!copy)
		return -1;
	if (font && *copy)
		TTF_SizeUTF8(font, copy, &w, &h);
	else if (font)
		h = TTF_FontHeight(font);
	it = add_item(l, LAYOUT_TEXT);
	if (!it)
		return -1;
	it->box = (SDL_Rect){ x, y, w, h };
	it->size = (unsigned char)size;
	it->face = (unsigned char)face;
	it->color = (unsigned char)color;
	it->text = copy;
	return (int)(it - l->items);
}

int layout_add_icon(struct layout *l, SDL_Rect box, int icon, enum layout_color color)
{
	struct layout_item *it = add_item(l, LAYOUT_ICON);

	if (!it)
		return -1;
	it->box = box;
	it->icon = (unsigned char)icon;
	it->color = (unsigned char)color;
	return (int)(it - l->items);
}

int layout_add_picture(struct layout *l, SDL_Rect box, const char *image, bool cover)
{
	struct layout_item *it = add_item(l, LAYOUT_PICTURE);

	if (!it)
		return -1;
	it->box = box;
	it->image = image;
	it->cover = cover;
	return (int)(it - l->items);
}

/* ---- line breaking ---- */

/* What may happen after a fragment. */
enum brk {
	BRK_NONE,    /* a style change inside a word: no break */
	BRK_SPACE,   /* a space: break, or a space's width */
	BRK_SOFT,    /* a soft hyphen: break with a hyphen drawn, else nothing */
	BRK_HARD,    /* after a visible hyphen: break, else nothing */
	BRK_CUT,     /* emergency split inside a word: break with a hyphen */
	BRK_ZW,      /* a zero width space (web addresses): break, else nothing */
	BRK_NBSP,    /* a no-break space inside a name: a space, broken only when
			nothing else fits */
	BRK_NEWLINE, /* a forced break */
	BRK_END,
};

struct frag {
	char *text; /* no soft hyphens; owned */
	size_t len;
	enum layout_face face;
	bool link;     /* a tappable link: to a page, or to a web address's QR code */
	bool external; /* the link is a web address */
	const char *target;
	int w;
	enum brk brk;
	bool joint; /* BRK_SOFT where a compound's parts join (U+00AD U+034F) */
};

struct flow_state {
	struct frag *frags;
	size_t count, cap;
	bool nomem;
};

static bool frag_push(struct flow_state *fs, const char *text, size_t len, enum layout_face face,
		      const struct page_span *span)
{
	struct frag *f;

	if (fs->count == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 64;
		struct frag *frags = realloc(fs->frags, cap * sizeof(*frags));

		if (!frags)
			return false;
		fs->frags = frags;
		fs->cap = cap;
	}
	f = &fs->frags[fs->count];
	f->text = malloc(len + 1);
	if (!f->text)
		return false;
	memcpy(f->text, text, len);
	f->text[len] = '\0';
	f->len = len;
	f->face = face;
	f->link = span && (span->style & (SPAN_LINK_PAGE | SPAN_LINK_EXTERNAL)) && span->target &&
		  *span->target;
	f->external = f->link && (span->style & SPAN_LINK_EXTERNAL);
	f->target = f->link ? span->target : "";
	f->w = 0;
	f->brk = BRK_NONE;
	f->joint = false;
	fs->count++;
	return true;
}

static void flow_state_free(struct flow_state *fs)
{
	for (size_t i = 0; i < fs->count; i++)
		free(fs->frags[i].text);
	free(fs->frags);
	memset(fs, 0, sizeof(*fs));
}

/* Marks the break after the last fragment, unless a stronger one is there. */
static void set_break(struct flow_state *fs, enum brk brk)
{
	struct frag *last;

	if (fs->count == 0)
		return;
	last = &fs->frags[fs->count - 1];
	if (last->brk == BRK_NONE || brk == BRK_NEWLINE)
		last->brk = brk;
}

static bool is_word_byte(unsigned char c)
{
	return c != ' ' && c != '\t' && c != '\n' && c != '-';
}

/* Splits the spans into fragments at every break opportunity and style change. */
static bool tokenize(struct flow_state *fs, const struct page_span *spans, size_t n,
		     enum layout_face base)
{
	char *buf = NULL;
	size_t cap = 0;

	for (size_t s = 0; s < n; s++) {
		const char *t = spans[s].text ? spans[s].text : "";
		size_t len = strlen(t), blen = 0;
		unsigned face = (unsigned)base;

		if (spans[s].style & SPAN_BOLD)
			face |= LAYOUT_BOLD;
		if (spans[s].style & SPAN_ITALIC)
			face |= LAYOUT_ITALIC;
		if (spans[s].style & SPAN_CODE) /* set apart by its typeface */
			face = LAYOUT_MONO;
		if (len + 1 > cap) {
			char *nb = realloc(buf, len + 1);

			if (!nb)
				goto out_free;
			buf = nb;
			cap = len + 1;
		}
		for (size_t i = 0; i <= len; i++) {
			unsigned char c = i < len ? (unsigned char)t[i] : 0;
			enum brk brk = BRK_NONE;
			bool end = false, joint = false;

			if (c == ' ' || c == '\t' || c == '\r') {
				brk = BRK_SPACE;
				end = true;
			} else if (c == '\n') {
				brk = BRK_NEWLINE;
				end = true;
			} else if (c == 0xc2 && i + 1 < len && (unsigned char)t[i + 1] == 0xad) {
				brk = BRK_SOFT;
				end = true;
				i++;
				if (i + 2 < len && (unsigned char)t[i + 1] == 0xcd &&
				    (unsigned char)t[i + 2] == 0x8f) {
					joint = true;
					i += 2;
				}
			} else if (c == 0xc2 && i + 1 < len && (unsigned char)t[i + 1] == 0xa0) {
				brk = BRK_NBSP;
				end = true;
				i++;
			} else if (c == 0xe2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80 &&
				   (unsigned char)t[i + 2] == 0x8b) {
				brk = BRK_ZW;
				end = true;
				i += 2;
			} else if (c == 0xcd && i + 1 < len && (unsigned char)t[i + 1] == 0x8f) {
				i++; /* a joiner anywhere else: invisible, nothing to do */
				continue;
			} else if (c == 0) {
				end = true;
			} else {
				buf[blen++] = (char)c;
				/* a hyphen between word characters is a break opportunity */
				if (c == '-' && blen > 1 &&
				    is_word_byte((unsigned char)buf[blen - 2]) && i + 1 < len &&
				    is_word_byte((unsigned char)t[i + 1])) {
					brk = BRK_HARD;
					end = true;
				}
			}
			if (!end)
				continue;
			if (blen > 0) {
				if (!frag_push(fs, buf, blen, (enum layout_face)face, &spans[s]))
					goto out_free;
				blen = 0;
			}
			if (brk != BRK_NONE)
				set_break(fs, brk);
			if (joint && fs->count > 0 && fs->frags[fs->count - 1].brk == BRK_SOFT)
				fs->frags[fs->count - 1].joint = true;
		}
	}
	free(buf);
	return true;
out_free:
	free(buf);
	return false;
}

struct line_ctx {
	struct layout *l;
	const struct layout_flow *flow;
	struct flow_state *fs;
	int x, width;
	int space_w[LAYOUT_FACE_COUNT]; /* per face, -1 until measured */
	int hyphen_w[LAYOUT_FACE_COUNT];
};

static TTF_Font *frag_font(struct line_ctx *c, const struct frag *f)
{
	return layout_font(c->l->fonts, c->flow->size, f->face);
}

static int space_width(struct line_ctx *c, const struct frag *f)
{
	if (c->space_w[f->face] < 0)
		c->space_w[f->face] = text_width(frag_font(c, f), " ");
	return c->space_w[f->face];
}

static int hyphen_width(struct line_ctx *c, const struct frag *f)
{
	if (c->hyphen_w[f->face] < 0)
		c->hyphen_w[f->face] = text_width(frag_font(c, f), "-");
	return c->hyphen_w[f->face];
}

static bool ends_with_hyphen(enum brk b)
{
	return b == BRK_SOFT || b == BRK_CUT;
}

static bool breakable(enum brk b)
{
	return b != BRK_NONE;
}

/* A link's tappable area: its line, grown to the smallest touch target around
 * its centre. */
static SDL_Rect link_target(int target, int x, int y, int w, int h)
{
	SDL_Rect r = { x, y, w, h };

	if (r.h < target) {
		r.y -= (target - r.h) / 2;
		r.h = target;
	}
	if (r.w < target) {
		r.x -= (target - r.w) / 2;
		r.w = target;
	}
	return r;
}

/* Builds the runs of line [i, k] (fragments of one face and link joined, with
 * spaces); when emit is set adds them as items at y.  Returns the real width. */
static int build_line(struct line_ctx *c, size_t i, size_t k, int y, bool emit)
{
	struct flow_state *fs = c->fs;
	TTF_Font *body = layout_font(c->l->fonts, c->flow->size, c->flow->face);
	int lh = (int)lround(c->l->fonts->px[c->flow->size] * c->flow->line_height);
	int x = 0;
	size_t j = i;

	while (j <= k) {
		size_t end = j, len = 0;
		char *run;
		TTF_Font *font = frag_font(c, &fs->frags[j]);
		const struct frag *first = &fs->frags[j];

		/* extend the run while face and link stay the same */
		while (end < k && fs->frags[end + 1].face == first->face &&
		       fs->frags[end + 1].link == first->link &&
		       strcmp(fs->frags[end + 1].target, first->target) == 0)
			end++;
		for (size_t m = j; m <= end; m++)
			len += fs->frags[m].len + 2;
		run = malloc(len + 2);
		if (!run) {
			c->l->nomem = true;
			return x;
		}
		len = 0;
		for (size_t m = j; m <= end; m++) {
			memcpy(run + len, fs->frags[m].text, fs->frags[m].len);
			len += fs->frags[m].len;
			if (m < end && fs->frags[m].brk == BRK_SPACE)
				run[len++] = ' ';
			if (m < end && fs->frags[m].brk == BRK_NBSP) {
				run[len++] = (char)0xc2;
				run[len++] = (char)0xa0;
			}
		}
		if (end == k && ends_with_hyphen(fs->frags[k].brk))
			run[len++] = '-';
		run[len] = '\0';
		if (emit) {
			/* one baseline for every face (the mono face's ascent differs) */
			int top = y + (lh - TTF_FontHeight(body)) / 2 + TTF_FontAscent(body) -
				  TTF_FontAscent(font);
			enum layout_color color =
			    first->link ? c->flow->link_color : c->flow->color;
			int idx = layout_add_text(c->l, c->x + x, top, run, c->flow->size,
						  first->face, color);

			if (idx >= 0) {
				struct layout_item *it = &c->l->items[idx];

				x += it->box.w;
				if (first->link) {
					int thick = c->l->fonts->px[c->flow->size] / 16;
					int base = top + TTF_FontAscent(font) + thick + 1;

					/* a web address cannot open offline: its QR code does */
					enum layout_action action =
					    first->external ? LAYOUT_ACTION_QR : LAYOUT_ACTION_PAGE;

					it->action = action;
					it->target = first->target;
					it->hit = link_target(c->l->fonts->target_px, it->box.x, y,
							      it->box.w, lh);
					idx =
					    layout_add_fill(c->l,
							    (SDL_Rect){ it->box.x, base, it->box.w,
									thick < 2 ? 2 : thick },
							    c->flow->link_color);
					if (idx >= 0) {
						c->l->items[idx].action = action;
						c->l->items[idx].target = first->target;
						c->l->items[idx].hit = link_target(
						    c->l->fonts->target_px, c->l->items[idx].box.x,
						    y, c->l->items[idx].box.w, lh);
					}
				}
			}
		} else {
			x += text_width(font, run);
		}
		free(run);
		if (end < k && (fs->frags[end].brk == BRK_SPACE || fs->frags[end].brk == BRK_NBSP))
			x += text_width(font, " ");
		j = end + 1;
	}
	return x;
}

/* Adds line [i, k] at y, and notes it when the layout keeps a line log. */
static void emit_line(struct line_ctx *c, size_t i, size_t k, int y)
{
	struct layout *l = c->l;
	struct flow_state *fs = c->fs;
	size_t first = l->count;
	struct layout_line *line;
	size_t len = 0, o = 0;
	char *text;

	int width = build_line(c, i, k, y, true);

	if (!l->keep_lines)
		return;
	if (l->line_count == l->line_cap) {
		size_t cap = l->line_cap ? l->line_cap * 2 : 64;
		struct layout_line *lines = realloc(l->lines, cap * sizeof(*lines));

		if (!lines) {
			l->nomem = true;
			return;
		}
		l->lines = lines;
		l->line_cap = cap;
	}
	for (size_t m = i; m <= k; m++)
		len += fs->frags[m].len + 2;
	text = keep_string(l, malloc(len + 2));
	if (!text)
		return;
	line = &l->lines[l->line_count++];
	memset(line, 0, sizeof(*line));
	for (size_t m = i; m <= k; m++) {
		memcpy(text + o, fs->frags[m].text, fs->frags[m].len);
		o += fs->frags[m].len;
		if (m < k && (fs->frags[m].brk == BRK_SPACE || fs->frags[m].brk == BRK_NBSP)) {
			text[o++] = ' ';
			line->words++;
		}
	}
	line->words++;
	if (ends_with_hyphen(fs->frags[k].brk))
		text[o++] = '-';
	text[o] = '\0';
	line->text = text;
	line->flow = l->flow_serial;
	line->hyphen = ends_with_hyphen(fs->frags[k].brk);
	line->last = fs->frags[k].brk == BRK_NEWLINE || fs->frags[k].brk == BRK_END;
	line->in_name = fs->frags[k].brk == BRK_NBSP;
	line->y = y;
	line->width = width;
	line->column = c->width;
	line->item = first;
}

/* Byte length of the first n code points of s (UTF-8). */
static size_t utf8_prefix(const char *s, size_t len, size_t n)
{
	size_t i = 0;

	while (i < len && n > 0) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		n--;
	}
	return i;
}

static size_t utf8_count(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Splits the unit starting at fragment i so that its first part plus a hyphen fits
 * `width`.  Returns 1 when it split, 0 when nothing is left to split (a single
 * glyph wider than the column), -1 when out of memory. */
static int split_unit(struct line_ctx *c, size_t i, int width)
{
	struct flow_state *fs = c->fs;
	int used = 0;
	size_t m = i;

	for (;; m++) {
		struct frag *f = &fs->frags[m];
		int hyphen = text_width(frag_font(c, f), "-");

		if (used + f->w + hyphen > width || breakable(f->brk) || m + 1 == fs->count)
			break;
		used += f->w;
	}
	{
		struct frag *f = &fs->frags[m];
		TTF_Font *font = frag_font(c, f);
		int hyphen = text_width(font, "-");
		size_t n = utf8_count(f->text, f->len), keep = 0, bytes;
		char *rest;

		/* the longest prefix that fits with its hyphen (widths grow with the prefix) */
		for (size_t k = 1; k < n; k++) {
			size_t b = utf8_prefix(f->text, f->len, k);
			char save = f->text[b];
			int w;

			f->text[b] = '\0';
			w = text_width(font, f->text);
			f->text[b] = save;
			if (used + w + hyphen > width)
				break;
			keep = k;
		}
		if (keep == 0 && m > i && fs->frags[m - 1].brk == BRK_NONE) {
			/* break between the previous fragment and this one */
			fs->frags[m - 1].brk = BRK_CUT;
			return 1;
		}
		if (keep == 0)
			keep = 1;
		if (keep >= n)
			return 0;
		bytes = utf8_prefix(f->text, f->len, keep);
		if (fs->count == fs->cap) {
			size_t cap = fs->cap * 2;
			struct frag *frags = realloc(fs->frags, cap * sizeof(*frags));

			if (!frags)
				return -1;
			fs->frags = frags;
			fs->cap = cap;
			f = &fs->frags[m];
		}
		rest = malloc(f->len - bytes + 1);
		if (!rest)
			return -1;
		memcpy(rest, f->text + bytes, f->len - bytes + 1);
		memmove(&fs->frags[m + 2], &fs->frags[m + 1], (fs->count - m - 1) * sizeof(*f));
		fs->count++;
		fs->frags[m + 1] = *f;
		fs->frags[m + 1].text = rest;
		fs->frags[m + 1].len = f->len - bytes;
		{
			int whole = f->w;

			f->text[bytes] = '\0';
			f->len = bytes;
			f->w = text_width(font, f->text);
			/* estimated (kerning at the cut aside): shaping a long rest again for
			 * every line would make a hostile 20000-letter word quadratic; the
			 * real width is checked when the line is built */
			fs->frags[m + 1].w = whole > f->w ? whole - f->w : 0;
		}
		/* a hyphen only when it fits (a column narrower than two glyphs gets none) */
		f->brk = used + f->w + hyphen <= width ? BRK_CUT : BRK_HARD;
		return 1;
	}
}

/* Typesetters' rule: the last word of a paragraph is not hyphenated (a last
 * line of "der" reads as a stray syllable), unless it is wider than the column. */
static void keep_last_word_whole(struct line_ctx *c)
{
	struct flow_state *fs = c->fs;
	size_t first = fs->count - 1;
	int w = fs->frags[first].w;

	while (first > 0 && fs->frags[first - 1].brk != BRK_SPACE &&
	       fs->frags[first - 1].brk != BRK_NEWLINE) {
		first--;
		w += fs->frags[first].w;
	}
	if (w > c->width)
		return;
	for (size_t j = first; j + 1 < fs->count; j++)
		if (fs->frags[j].brk == BRK_SOFT)
			fs->frags[j].brk = BRK_NONE;
}

/* The width a break adds when the line does not end there: a space's. */
static int glue_width(struct line_ctx *c, const struct frag *f)
{
	return f->brk == BRK_SPACE || f->brk == BRK_NBSP ? space_width(c, f) : 0;
}

/* ---- total-fit line breaking (Knuth and Plass, "Breaking paragraphs into
 * lines", 1981), for ragged-right text ----
 *
 * Every way of breaking a paragraph at its break opportunities is scored, and
 * the one with the least demerits is set.  Demerits are in units of a line
 * left 10 % empty (100): the numbers below are what the Dortmund pages needed
 * for no hyphen ladders and no widows at all four screen sizes
 * (docs/kiosk.md, "Line breaking", has the measurements). */
enum {
	KP_LINE = 100,              /* every line: fewer lines when all else is equal */
	KP_SLACK = 10000,           /* times (empty share of the line)^2 */
	KP_HYPHEN = 700,            /* a soft hyphen inside a word part */
	KP_HYPHEN_JOINT = 250,      /* a soft hyphen where compound parts join */
	KP_HYPHEN_HEADING = 50000,  /* headings hyphenate only what fits nowhere */
	KP_HARD = 150,              /* after a visible hyphen ("Kooperations-") */
	KP_ZW = 150,                /* inside a web address */
	KP_NBSP = 40000,            /* inside a name: only when nothing else fits */
	KP_CUT = 100000,            /* between two letters: the last resort */
	KP_TWO_HYPHENS = 2000,      /* a second hyphenated line in a row */
	KP_THREE_HYPHENS = 1000000, /* a third: never, while there is another way */
	KP_LAST_FULL_HYPHEN = 3000, /* a hyphen on the line before the last */
	KP_WIDOW = 20000,           /* one short word alone on the last line */
	KP_LONG_WORD_LAST = 2000,   /* one long word (a third of the line and more) */
	KP_SHORT_LAST = 2000,       /* a last line under a sixth of the column */
	KP_UNEVEN = 1500,           /* a line much looser than the one before */
	KP_LONE_SIGN = 5000,        /* the next line starts with a lone "/", "–", "|", "·" */
};
#define KP_HYPHEN_RUN 3 /* states: 0, 1, 2 hyphenated lines in a row so far */
#define KP_FITNESS 4    /* tight, normal, loose, very loose (empty share) */
#define KP_STATES (KP_HYPHEN_RUN * KP_FITNESS)

struct kp_node {
	double demerits; /* < 0: not reached */
	int from;        /* index of the previous breakpoint's node, -1 at the start */
};

static int kp_fitness(double empty)
{
	return empty < 0.1 ? 0 : empty < 0.25 ? 1 : empty < 0.45 ? 2 : 3;
}

/* "Kulturaustausch / Städtepartnerschaften": the sign belongs to the line before. */
static bool is_lone_sign(const struct frag *f)
{
	static const char *const signs[] = { "/", "\xe2\x80\x93", "\xe2\x80\x94", "|", "\xc2\xb7" };

	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
		if (strcmp(f->text, signs[i]) == 0)
			return true;
	return false;
}

static int kp_penalty(const struct frag *f, bool heading)
{
	switch (f->brk) {
	case BRK_SOFT:
		return heading ? KP_HYPHEN_HEADING : f->joint ? KP_HYPHEN_JOINT : KP_HYPHEN;
	case BRK_HARD:
		return KP_HARD;
	case BRK_ZW:
		return KP_ZW;
	case BRK_NBSP:
		return KP_NBSP;
	case BRK_CUT:
		return KP_CUT;
	default:
		return 0;
	}
}

/* Splits every unbreakable run of frags [i, *end] wider than the column (the
 * emergency breaks), so the total fit has a way through; *end follows the new
 * fragments.  False when out of memory. */
static bool split_wide_units(struct line_ctx *c, size_t i, size_t *end)
{
	struct flow_state *fs = c->fs;

	while (i <= *end) {
		size_t k = i, before = fs->count;
		int w = fs->frags[i].w, split;

		while (k < *end && !breakable(fs->frags[k].brk)) {
			k++;
			w += fs->frags[k].w;
		}
		if (ends_with_hyphen(fs->frags[k].brk))
			w += hyphen_width(c, &fs->frags[k]);
		if (w <= c->width) {
			i = k + 1;
			continue;
		}
		split = split_unit(c, i, c->width);
		if (split < 0)
			return false;
		*end += fs->count - before;
		/* split: the unit at i now ends earlier and fits; else a glyph wider
		 * than the column, left to the greedy fallback */
		if (split == 0)
			i = k + 1 + (fs->count - before);
	}
	return true;
}

/* Chooses the breaks of frags [from, end] (end is a forced break or the end)
 * for a column of `width`; breaks[] gets the frag index of each line's last
 * fragment; returns the line count, 0 when out of memory. */
static size_t kp_breaks(struct line_ctx *c, size_t from, size_t end, int width, bool heading,
			size_t *breaks)
{
	struct flow_state *fs = c->fs;
	size_t n = end - from + 1, lines = 0;
	double *pos = malloc((n + 1) * sizeof(*pos));  /* width before frag from + m */
	int *words = malloc((n + 1) * sizeof(*words)); /* spaces before frag from + m */
	struct kp_node *node = malloc((n + 1) * KP_STATES * sizeof(*node));
	int best = -1;

	if (!pos || !words || !node)
		goto out_free;
	pos[0] = 0;
	words[0] = 0;
	for (size_t m = 0; m < n; m++) {
		const struct frag *f = &fs->frags[from + m];

		pos[m + 1] = pos[m] + f->w + glue_width(c, f);
		words[m + 1] = words[m] + (f->brk == BRK_SPACE);
	}
	/* node index b * KP_STATES + state: a line ends after frag from + b - 1; b = 0
	 * is the start of the paragraph */
	for (size_t i = 0; i < (n + 1) * KP_STATES; i++)
		node[i] = (struct kp_node){ -1, -1 };
	node[0 * KP_STATES + 1] = (struct kp_node){ 0, -1 }; /* normal fitness */
	{
		size_t first = 0; /* earliest start that can still reach this far */

		for (size_t b = 1; b <= n; b++) {
			const struct frag *f = &fs->frags[from + b - 1];
			bool last = b == n, hyphen = ends_with_hyphen(f->brk);
			int hw = hyphen ? hyphen_width(c, f) : 0;
			/* the rest fits on one line: this is the last full line */
			bool before_last = !last && pos[n] - pos[b] <= width;

			if (!breakable(f->brk) && !last)
				continue;
			for (size_t a = first; a < b; a++) {
				double w = pos[b] - pos[a] - glue_width(c, f) + hw;
				double empty, cost;
				int fit;

				if (pos[b] - pos[a] - glue_width(c, f) > width) {
					if (a == first)
						first++;
					continue;
				}
				if (w > width)
					continue;
				empty = (double)(width - w) / width;
				fit = kp_fitness(empty);
				cost = KP_LINE + kp_penalty(f, heading);
				if (!last && is_lone_sign(&fs->frags[from + b]))
					cost += KP_LONE_SIGN;
				if (!last || heading)
					cost += KP_SLACK * empty * empty;
				if (hyphen && before_last)
					cost += KP_LAST_FULL_HYPHEN;
				if (last && a > 0 && words[b] - words[a] == 0)
					cost += empty > 2.0 / 3 ? KP_WIDOW : KP_LONG_WORD_LAST;
				if (last && a > 0 && empty > 5.0 / 6)
					cost += KP_SHORT_LAST;
				for (int st = 0; st < KP_STATES; st++) {
					const struct kp_node *prev = &node[a * KP_STATES + st];
					int run = st / KP_FITNESS, pfit = st % KP_FITNESS, nrun;
					double d;

					if (prev->demerits < 0)
						continue;
					d = prev->demerits + cost;
					nrun = hyphen ? run + 1 : 0;
					if (nrun == 2)
						d += KP_TWO_HYPHENS;
					if (nrun >= 3) {
						d += KP_THREE_HYPHENS;
						nrun = 2;
					}
					if (!last && abs(fit - pfit) > 1)
						d += KP_UNEVEN;
					{
						int ns = nrun * KP_FITNESS + (last ? pfit : fit);
						struct kp_node *to = &node[b * KP_STATES + ns];

						if (to->demerits < 0 || d < to->demerits) {
							to->demerits = d;
							to->from = (int)(a * KP_STATES + st);
						}
					}
				}
			}
		}
	}
	for (int st = 0; st < KP_STATES; st++)
		if (node[n * KP_STATES + st].demerits >= 0 &&
		    (best < 0 || node[n * KP_STATES + st].demerits < node[best].demerits))
			best = (int)(n * KP_STATES + st);
	if (best < 0)
		goto out_free;
	for (int at = best; at >= 0 && at / KP_STATES > 0; at = node[at].from)
		lines++;
	{
		size_t k = lines;

		for (int at = best; at >= 0 && at / KP_STATES > 0; at = node[at].from)
			breaks[--k] = from + (size_t)(at / KP_STATES) - 1;
	}
out_free:
	free(pos);
	free(words);
	free(node);
	return lines;
}

/* The greedy breaker: the fallback when the real (shaped) width of a chosen line
 * is wider than its estimate.  Returns the y below the last line. */
static int flow_greedy(struct line_ctx *c, size_t *from, int y, bool avoid_hyphens)
{
	size_t i = *from;
	struct flow_state *fs = c->fs;
	int lh = (int)lround(c->l->fonts->px[c->flow->size] * c->flow->line_height);
	int width = c->width;

	while (i < fs->count) {
		size_t best = SIZE_MAX, best_plain = SIZE_MAX;
		int acc = 0; /* estimated width of [i, k]: fragment widths plus spaces */

		for (size_t k = i; k < fs->count; k++) {
			const struct frag *f = &fs->frags[k];
			int hyphen = ends_with_hyphen(f->brk) ? hyphen_width(c, f) : 0;

			if (k > i)
				acc += glue_width(c, &fs->frags[k - 1]);
			acc += f->w;
			if (breakable(f->brk) && acc + hyphen <= width) {
				best = k;
				if (!ends_with_hyphen(f->brk))
					best_plain = k;
			}
			if (f->brk == BRK_NEWLINE || f->brk == BRK_END)
				break;
			if (best != SIZE_MAX && acc > width)
				break;
			if (best == SIZE_MAX && breakable(f->brk))
				break; /* the first unit does not fit: split it below */
		}
		/* headings break words only when a whole word does not fit on a line */
		if (avoid_hyphens && best_plain != SIZE_MAX)
			best = best_plain;
		/* the real width (kerning, shaping across fragments) has the last word */
		while (best != SIZE_MAX && build_line(c, i, best, y, false) > width) {
			size_t k = best;

			while (k > i && !breakable(fs->frags[k - 1].brk))
				k--;
			best = k > i ? k - 1 : SIZE_MAX;
		}
		if (best == SIZE_MAX) {
			int split = split_unit(c, i, width);

			if (split < 0) {
				c->l->nomem = true;
				*from = fs->count;
				return y;
			}
			if (split > 0)
				continue;
			/* one glyph wider than the column: it goes on a line of its own */
			best = i;
			while (best + 1 < fs->count && !breakable(fs->frags[best].brk))
				best++;
		}
		emit_line(c, i, best, y);
		y += lh;
		i = best + 1;
		if (fs->frags[best].brk == BRK_NEWLINE || fs->frags[best].brk == BRK_END)
			break;
	}
	*from = i;
	return y;
}

int layout_flow_spans(struct layout *l, const struct layout_flow *flow,
		      const struct page_span *spans, size_t span_count, int x, int y, int width)
{
	struct flow_state fs = { 0 };
	struct line_ctx c = {
		l, flow, &fs, x, width, { -1, -1, -1, -1, -1 }, { -1, -1, -1, -1, -1 }
	};
	int lh = (int)lround(l->fonts->px[flow->size] * flow->line_height);
	bool heading = flow->size != LAYOUT_SIZE_BODY || (flow->face & LAYOUT_BOLD);
	size_t i = 0, *breaks = NULL;

	if (width < 1)
		width = c.width = 1;
	if (!tokenize(&fs, spans, span_count, flow->face)) {
		l->nomem = true;
		goto out_free;
	}
	if (fs.count == 0)
		goto out_free;
	fs.frags[fs.count - 1].brk = BRK_END;
	for (size_t j = 0; j < fs.count; j++)
		fs.frags[j].w = text_width(frag_font(&c, &fs.frags[j]), fs.frags[j].text);
	keep_last_word_whole(&c);
	l->flow_serial++;

	/* one paragraph (up to a forced break) at a time */
	while (i < fs.count) {
		size_t end = i, lines;
		int est = width;
		bool fits = false;

		while (end + 1 < fs.count && fs.frags[end].brk != BRK_NEWLINE)
			end++;
		if (!split_wide_units(&c, i, &end)) {
			l->nomem = true;
			goto out_free;
		}
		breaks = realloc(breaks, (end - i + 1) * sizeof(*breaks));
		if (!breaks) {
			l->nomem = true;
			goto out_free;
		}
		/* estimates are sums of fragment widths; if a line's shaped width is
		 * wider, break again for a column that much narrower */
		for (int attempt = 0; attempt < 3 && !fits; attempt++) {
			int over = 0;

			lines = kp_breaks(&c, i, end, est, heading, breaks);
			if (lines == 0)
				break;
			fits = true;
			for (size_t k = 0, from = i; k < lines; from = breaks[k] + 1, k++) {
				int real = build_line(&c, from, breaks[k], y, false);

				if (real > width) {
					fits = false;
					if (real - width > over)
						over = real - width;
				}
			}
			est -= over + 1;
		}
		if (!fits) {
			y = flow_greedy(&c, &i, y, heading);
			continue;
		}
		for (size_t k = 0, from = i; k < lines; from = breaks[k] + 1, k++) {
			emit_line(&c, from, breaks[k], y);
			y += lh;
		}
		i = end + 1;
	}
out_free:
	free(breaks);
	flow_state_free(&fs);
	return y;
}

int layout_flow_text(struct layout *l, const struct layout_flow *flow, const char *text, int x,
		     int y, int width)
{
	struct page_span span = { 0, text, "" };

	return layout_flow_spans(l, flow, &span, 1, x, y, width);
}

/* ---- pages ---- */

static const struct layout_flow flow_body = {
	LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_TEXT, LAYOUT_COLOR_ACCENT, 1.45,
};

static int em(const struct layout *l, double n)
{
	return (int)lround(l->fonts->px[LAYOUT_SIZE_BODY] * n);
}

static bool is_german(const char *lang)
{
	return lang && strcmp(lang, "de") == 0;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int layout_picture_block(struct layout *l, const struct page *p, const struct page_block *b,
				int x, int y, int width, int max_h)
{
	struct layout_flow caption = { LAYOUT_SIZE_SMALL, LAYOUT_REGULAR, LAYOUT_COLOR_TEXT,
				       LAYOUT_COLOR_ACCENT, 1.4 };
	int iw = 0, ih = 0;
	size_t first = l->count;
	SDL_Rect picture = { x, y, width, 0 };

	if (b->image && l->image_size && l->image_size(l->image_ctx, b->image, &iw, &ih) &&
	    iw > 0 && ih > 0) {
		int w = width, h = (int)((int64_t)width * ih / iw);

		/* a small picture is not blown up (crop.h says why 1.25) */
		if (w > iw * CROP_MAX_GROWTH) {
			w = (int)(iw * CROP_MAX_GROWTH);
			h = (int)((int64_t)w * ih / iw);
		}
		if (h > max_h) {
			h = max_h;
			w = (int)((int64_t)h * iw / ih);
		}
		/* at the column's left edge, like the text and the caption below it: a
		 * centred picture narrower than the column stood a few pixels in from
		 * both (issue 12) */
		picture = (SDL_Rect){ x, y, w, h };
		layout_add_picture(l, picture, b->image, false);
		y += h + em(l, 0.35);
	}
	if (b->caption && *b->caption)
		y = layout_flow_text(l, &caption, b->caption, x, y, width);
	if (b->credit && *b->credit) {
		const char *prefix = is_german(p->lang) ? "Foto: " : "Photo: ";
		size_t n = strlen(prefix) + strlen(b->credit) + 1;
		char *text = malloc(n);

		/* "Zeichnung: ...", "Bild: ...", "© ...": the credit says what it is */
		if (strchr(b->credit, ':') || has_prefix(b->credit, "\xc2\xa9"))
			prefix = "";
		if (text) {
			snprintf(text, n, "%s%s", prefix, b->credit);
			caption.face = LAYOUT_ITALIC;
			caption.color = LAYOUT_COLOR_MUTED;
			y = layout_flow_text(l, &caption, text, x, y, width);
			free(text);
		} else {
			l->nomem = true;
		}
	}
	if ((b->flags & PAGE_PICTURE_WEB) && b->link && *b->link) {
		/* offline: the address is shown for visitors to note down */
		caption.face = LAYOUT_REGULAR;
		caption.color = LAYOUT_COLOR_ACCENT;
		y = layout_flow_text(l, &caption, b->link, x, y, width);
	}
	if ((b->flags & PAGE_PICTURE_LINK) && b->link && *b->link) {
		/* the picture and its caption open the page, as the link around it said */
		SDL_Rect hit = { picture.x, picture.y, picture.w, y - picture.y };

		for (size_t i = first; i < l->count; i++) {
			l->items[i].action = LAYOUT_ACTION_PAGE;
			l->items[i].target = b->link;
			l->items[i].hit = hit;
		}
	}
	return y;
}

static int layout_contact_block(struct layout *l, const struct page *p,
				const struct page_contact *ct, int x, int y, int width)
{
	int pad = em(l, 0.9), bar = em(l, 0.25);
	int card = layout_add_fill(l, (SDL_Rect){ x, y, width, 0 }, LAYOUT_COLOR_TILE);
	int accent = layout_add_fill(l, (SDL_Rect){ x, y, bar, 0 }, LAYOUT_COLOR_ACCENT);
	int ix = x + bar + pad, iw = width - bar - 2 * pad, top = y;
	struct layout_flow f = flow_body;
	char line[512];

	f.color = LAYOUT_COLOR_TILE_TEXT;
	f.line_height = 1.35;
	/* the page's picture across the card's top: a card, not a line of text on
	 * an empty screen (issue 12) */
	{
		int iw_px, ih_px;

		if (p->tile_image && *p->tile_image && l->image_size &&
		    l->image_size(l->image_ctx, p->tile_image, &iw_px, &ih_px)) {
			int h =
			    (width - bar) * 2 / 5 < em(l, 10) ? (width - bar) * 2 / 5 : em(l, 10);

			layout_add_picture(l, (SDL_Rect){ x + bar, y, width - bar, h },
					   p->tile_image, true);
			y += h;
		}
	}
	y += pad;
	if (ct->heading && *ct->heading) {
		f.face = LAYOUT_BOLD;
		f.color = LAYOUT_COLOR_ACCENT;
		y = layout_flow_text(l, &f, ct->heading, ix, y, iw) + em(l, 0.3);
		f.color = LAYOUT_COLOR_TILE_TEXT;
	}
	if (ct->name && *ct->name) {
		f.size = LAYOUT_SIZE_H3;
		f.face = LAYOUT_BOLD;
		y = layout_flow_text(l, &f, ct->name, ix, y, iw);
		f.size = LAYOUT_SIZE_BODY;
	}
	if (ct->role && *ct->role) {
		f.face = LAYOUT_ITALIC;
		y = layout_flow_text(l, &f, ct->role, ix, y, iw);
	}
	f.face = LAYOUT_REGULAR;
	if (ct->organisation && *ct->organisation)
		y = layout_flow_text(l, &f, ct->organisation, ix, y + em(l, 0.3), iw);
	if (ct->address && *ct->address)
		y = layout_flow_text(l, &f, ct->address, ix, y + em(l, 0.3), iw);
	/* the page's front matter fills what the block leaves out (docs/editors) */
	{
		static const enum ui_text_id labels[] = { UI_ROOM, UI_PHONE, UI_EMAIL };
		const char *values[] = { p->room, ct->phone && *ct->phone ? ct->phone : p->phone,
					 ct->email && *ct->email ? ct->email : p->email };
		int gap = em(l, 0.3);

		for (size_t k = 0; k < sizeof(values) / sizeof(values[0]); k++) {
			if (!values[k] || !*values[k])
				continue;
			snprintf(line, sizeof(line), "%s\xc2\xa0%s", ui_text(p->lang, labels[k]),
				 values[k]);
			y = layout_flow_text(l, &f, line, ix, y + gap, iw);
			gap = 0;
		}
	}
	y += pad;
	if (card >= 0)
		l->items[card].box.h = y - top;
	if (accent >= 0)
		l->items[accent].box.h = y - top;
	return y;
}

/* The marker before a list item: "N." in an ordered list (even "0."), else a
 * bullet, "–" for nested ones.  Tasks get a box instead (list_task_box()). */
static char *list_marker(const struct page_block *b)
{
	char buf[16];

	if (b->flags & PAGE_ORDERED)
		snprintf(buf, sizeof(buf), "%u.", b->number);
	else
		snprintf(buf, sizeof(buf), "%s", b->level > 1 ? "\xe2\x80\x93" : "\xe2\x80\xa2");
	return strdup(buf);
}

static int page_blocks(struct layout *l, const struct page *p, int x, int y, int width,
		       int max_picture_h, bool pictures);
/* A task's box, ending at right: an outline, filled inside when done, so done
 * and open differ by shape and not by colour alone. */
static void list_task_box(struct layout *l, const struct page_block *b, int right, int y, int lh)
{
	int side = em(l, 0.8), t = em(l, 0.09) < 2 ? 2 : em(l, 0.09);
	int x = right - side, top = y + (lh - side) / 2;

	layout_add_fill(l, (SDL_Rect){ x, top, side, t }, LAYOUT_COLOR_ACCENT);
	layout_add_fill(l, (SDL_Rect){ x, top + side - t, side, t }, LAYOUT_COLOR_ACCENT);
	layout_add_fill(l, (SDL_Rect){ x, top, t, side }, LAYOUT_COLOR_ACCENT);
	layout_add_fill(l, (SDL_Rect){ x + side - t, top, t, side }, LAYOUT_COLOR_ACCENT);
	if (b->flags & PAGE_TASK_DONE)
		layout_add_fill(l, (SDL_Rect){ x + 2 * t, top + 2 * t, side - 4 * t, side - 4 * t },
				LAYOUT_COLOR_ACCENT);
}

/* Where a block's lists and quotes put its text: the x of each container's
 * start (for quote bars and list markers) and of the text itself. */
struct nesting {
	unsigned depth;
	int start[PAGE_MAX_NESTING + 1]; /* start[i]: container i; start[depth]: text */
};

static void nesting_of(const struct layout *l, const struct page_block *b, int x, int width,
		       struct nesting *n)
{
	unsigned depth = page_block_depth(b);

	n->depth = depth > PAGE_MAX_NESTING ? PAGE_MAX_NESTING : depth;
	n->start[0] = x;
	for (unsigned i = 0; i < n->depth; i++) {
		int step = (b->quotes >> i & 1) ? em(l, 1.2) : em(l, 1.6);

		/* deep nesting in a narrow column: never more than half of it */
		if (n->start[i] + step - x > width / 2)
			step = 0;
		n->start[i + 1] = n->start[i] + step;
	}
}

/* True when block b is inside the same quote at container k as block a. */
static bool same_quote(const struct page_block *a, const struct page_block *b, unsigned k)
{
	unsigned mask = (2u << k) - 1;

	return a && b && page_block_depth(a) > k && page_block_depth(b) > k &&
	       (a->quotes & mask) == (b->quotes & mask) && (a->quotes >> k & 1);
}

static bool in_containers(const struct page_block *b)
{
	return b && (b->kind == PAGE_LIST_ITEM || b->kind == PAGE_QUOTE ||
		     (b->kind == PAGE_PARAGRAPH && page_block_depth(b) > 0));
}

/* A paragraph, quote or list item inside its lists and quotes.  bars[k] is the
 * quote bar of container k, carried to the next block of the same quote so the
 * bar runs on without a gap. */
static int layout_nested_block(struct layout *l, const struct page_block *b,
			       const struct page_block *prev, int x, int y, int width, int bars[])
{
	struct layout_flow f = flow_body;
	struct nesting n;
	int text_x, lh = (int)lround(l->fonts->px[LAYOUT_SIZE_BODY] * f.line_height);

	nesting_of(l, b, x, width, &n);
	text_x = n.start[n.depth];
	for (unsigned k = 0; k < PAGE_MAX_NESTING; k++) {
		if (k < n.depth && (b->quotes >> k & 1)) {
			if (bars[k] >= 0 && same_quote(prev, b, k))
				continue; /* the previous block's bar is stretched below */
			bars[k] = layout_add_fill(
			    l, (SDL_Rect){ n.start[k] + em(l, 0.3), y, em(l, 0.2), 0 },
			    LAYOUT_COLOR_ACCENT);
		} else {
			bars[k] = -1;
		}
	}
	if (b->kind == PAGE_LIST_ITEM) {
		int right = text_x - em(l, 0.45);

		if (b->flags & PAGE_TASK) {
			list_task_box(l, b, right, y, lh);
		} else {
			char *marker = list_marker(b);
			TTF_Font *font = layout_font(l->fonts, LAYOUT_SIZE_BODY, LAYOUT_REGULAR);

			if (marker) {
				layout_add_text(l, right - text_width(font, marker),
						y + (lh - TTF_FontHeight(font)) / 2, marker,
						LAYOUT_SIZE_BODY, LAYOUT_REGULAR,
						LAYOUT_COLOR_ACCENT);
				free(marker);
			} else {
				l->nomem = true;
			}
		}
	}
	if (b->kind == PAGE_QUOTE)
		f.face = LAYOUT_ITALIC;
	y = layout_flow_spans(l, &f, b->spans, b->span_count, text_x, y, x + width - text_x);
	for (unsigned k = 0; k < n.depth; k++)
		if (bars[k] >= 0)
			l->items[bars[k]].box.h = y - l->items[bars[k]].box.y;
	return y;
}

/* The gap after a block inside lists or quotes: small between the items of one
 * list, a paragraph's otherwise; a quote bar stretches over it. */
static int nested_gap(struct layout *l, const struct page_block *b, const struct page_block *next,
		      int bars[], int y)
{
	int gap = next && in_containers(next) &&
			  (next->kind == PAGE_LIST_ITEM || page_block_depth(next) > 0) &&
			  b->kind == PAGE_LIST_ITEM
		      ? em(l, 0.3)
		      : em(l, 0.8);

	for (unsigned k = 0; k < PAGE_MAX_NESTING; k++) {
		if (bars[k] < 0)
			continue;
		if (in_containers(next) && same_quote(b, next, k))
			l->items[bars[k]].box.h = y + gap - l->items[bars[k]].box.y;
		else
			bars[k] = -1;
	}
	return gap;
}

int layout_page(struct layout *l, const struct page *p, int x, int width, int max_picture_h)
{
	struct layout_flow title = { LAYOUT_SIZE_H1, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT,
				     LAYOUT_COLOR_ACCENT, 1.2 };
	int y = em(l, 0.9);

	layout_reset(l);
	if (p->block_count > 0) {
		l->block_top = calloc(p->block_count, sizeof(*l->block_top));
		if (!l->block_top)
			return -1;
		l->block_count = p->block_count;
	}
	if (max_picture_h < em(l, 4))
		max_picture_h = em(l, 4);
	y = layout_flow_text(l, &title, p->title ? p->title : "", x, y, width) + em(l, 0.6);
	y = page_blocks(l, p, x, y, width, max_picture_h, true);
	y = layout_take_home(l, p, x, y, width);
	l->height = y + em(l, 1.5);
	return l->nomem ? -1 : 0;
}

int layout_page_text(struct layout *l, const struct page *p, int x, int y, int width)
{
	int *keep_top = l->block_top;
	size_t keep_count = l->block_count;

	/* block_top belongs to the layout's own page; this text only borrows room */
	l->block_top = calloc(p->block_count ? p->block_count : 1, sizeof(*l->block_top));
	if (!l->block_top) {
		l->block_top = keep_top;
		l->nomem = true;
		return y;
	}
	y = page_blocks(l, p, x, y, width, 0, false);
	free(l->block_top);
	l->block_top = keep_top;
	l->block_count = keep_count;
	return y;
}

/* The blocks of p from y down (pictures only when asked); returns the y below. */
static int page_blocks(struct layout *l, const struct page *p, int x, int y, int width,
		       int max_picture_h, bool pictures)
{
	int bars[PAGE_MAX_NESTING]; /* the quote bars running on (layout_nested_block) */

	for (unsigned k = 0; k < PAGE_MAX_NESTING; k++)
		bars[k] = -1;
	for (size_t i = 0; i < p->block_count; i++) {
		const struct page_block *b = &p->blocks[i];
		const struct page_block *prev = i > 0 ? &p->blocks[i - 1] : NULL;
		const struct page_block *next = i + 1 < p->block_count ? &p->blocks[i + 1] : NULL;
		struct layout_flow f = flow_body;

		if (in_containers(b)) {
			l->block_top[i] = y;
			y = layout_nested_block(l, b, prev, x, y, width, bars);
			y += nested_gap(l, b, next, bars, y);
			continue;
		}
		switch (b->kind) {
		case PAGE_HEADING:
			f.face = LAYOUT_BOLD;
			f.color = LAYOUT_COLOR_ACCENT;
			f.line_height = 1.25;
			f.size = b->level <= 1   ? LAYOUT_SIZE_H2
				 : b->level == 2 ? LAYOUT_SIZE_H3
						 : LAYOUT_SIZE_BODY;
			if (i > 0)
				y += em(l, 0.6);
			l->block_top[i] = y;
			y = layout_flow_spans(l, &f, b->spans, b->span_count, x, y, width) +
			    em(l, 0.35);
			break;
		case PAGE_PICTURE:
			if (!pictures)
				break;
			y += em(l, 0.2);
			l->block_top[i] = y;
			y = layout_picture_block(l, p, b, x, y, width, max_picture_h) + em(l, 0.9);
			break;
		case PAGE_CONTACT:
			y += em(l, 0.3);
			l->block_top[i] = y;
			y = layout_contact_block(l, p, &b->contact, x, y, width) + em(l, 0.9);
			break;
		case PAGE_TABLE:
			y += em(l, 0.2);
			l->block_top[i] = y;
			y = layout_table(l, b, x, y, width) + em(l, 0.9);
			break;
		case PAGE_PARAGRAPH:
		default:
			l->block_top[i] = y;
			y = layout_flow_spans(l, &f, b->spans, b->span_count, x, y, width) +
			    em(l, 0.75);
			break;
		}
	}
	return y;
}

/* ---- web addresses to take home: QR codes ---- */

/* A QR code needs 4 light modules around it to scan (ISO/IEC 18004). */
#define QR_QUIET 4

void layout_short_address(const char *url, char *buf, size_t size)
{
	static const char *const schemes[] = { "https://", "http://", "mailto:" };
	size_t n;

	for (size_t i = 0; url && i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (has_prefix(url, schemes[i]))
			url += strlen(schemes[i]);
	snprintf(buf, size, "%s", url ? url : "");
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == '/')
		buf[n - 1] = '\0';
}

/* The QR code with its quiet zone, modules of `module` px, at x, y; returns the
 * side in px. */
static int add_qr(struct layout *l, const struct page_qr *qr, int x, int y, int module)
{
	int side = ((int)qr->side + 2 * QR_QUIET) * module;
	struct layout_item *it = add_item(l, LAYOUT_QR);

	if (it) {
		it->box = (SDL_Rect){ x, y, side, side };
		it->qr = qr;
	}
	return side;
}

/* Modules of at least 3 px and a code of about `want` px: a phone at arm's
 * length reads 25 x 25 modules of 1 mm and up. */
static int qr_module(const struct page_qr *qr, int want)
{
	int m = want / ((int)qr->side + 2 * QR_QUIET);

	return m < 3 ? 3 : m;
}

int layout_take_home(struct layout *l, const struct page *p, int x, int y, int width)
{
	struct layout_flow say = { LAYOUT_SIZE_SMALL, LAYOUT_REGULAR, LAYOUT_COLOR_TILE_TEXT,
				   LAYOUT_COLOR_TILE_TEXT, 1.35 };
	struct layout_flow where = { LAYOUT_SIZE_BODY, LAYOUT_BOLD, LAYOUT_COLOR_TILE_TEXT,
				     LAYOUT_COLOR_TILE_TEXT, 1.3 };
	const struct page_qr *qr = page_qr_find(p, p->url);
	int pad = em(l, 0.9), top = y + em(l, 0.4), side, card, tx, tw, ty;
	char address[512];

	if (!qr)
		return y;
	card = layout_add_fill(l, (SDL_Rect){ x, top, width, 0 }, LAYOUT_COLOR_TILE);
	side = add_qr(l, qr, x + pad, top + pad, qr_module(qr, em(l, 6)));
	tx = x + pad + side + pad;
	tw = x + width - pad - tx;
	ty = top + pad;
	if (tw < em(l, 8)) {
		/* narrow: the words go under the code */
		tx = x + pad;
		tw = width - 2 * pad;
		ty = top + pad + side + em(l, 0.4);
	}
	layout_short_address(p->url, address, sizeof(address));
	ty = layout_flow_text(l, &say, ui_text(p->lang, UI_TAKE_HOME), tx, ty, tw);
	ty = layout_flow_text(l, &where, address, tx, ty + em(l, 0.2), tw);
	y = (ty > top + pad + side ? ty : top + pad + side) + pad;
	if (card >= 0)
		l->items[card].box.h = y - top;
	return y + em(l, 0.9);
}

int layout_contact_card(struct layout *l, const struct page *p, int x, int y, int width)
{
	for (size_t i = 0; i < p->block_count; i++)
		if (p->blocks[i].kind == PAGE_CONTACT)
			return layout_contact_block(l, p, &p->blocks[i].contact, x, y, width);
	return y;
}

int layout_qr_overlay(struct layout *l, const struct page *p, const char *url, int screen_w,
		      int screen_h)
{
	struct layout_flow say = { LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_TILE_TEXT,
				   LAYOUT_COLOR_TILE_TEXT, 1.35 };
	struct layout_flow where = { LAYOUT_SIZE_H3, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT,
				     LAYOUT_COLOR_ACCENT, 1.25 };
	struct layout_flow close = { LAYOUT_SIZE_SMALL, LAYOUT_REGULAR, LAYOUT_COLOR_MUTED,
				     LAYOUT_COLOR_MUTED, 1.3 };
	const struct page_qr *qr = page_qr_find(p, url);
	int pad = em(l, 1.2), shorter = screen_w < screen_h ? screen_w : screen_h;
	int card_w = screen_w - 2 * em(l, 1) < em(l, 22) ? screen_w - 2 * em(l, 1) : em(l, 22);
	int module, side, card_x, y, card, first_text;
	char address[512];

	layout_reset(l);
	if (!qr)
		return -1;
	/* half the shorter side: large enough to scan from a step away */
	module = qr_module(qr, shorter / 2 < card_w - 2 * pad ? shorter / 2 : card_w - 2 * pad);
	side = ((int)qr->side + 2 * QR_QUIET) * module;
	card_x = (screen_w - card_w) / 2;
	layout_add_fill(l, (SDL_Rect){ 0, 0, screen_w, screen_h }, LAYOUT_COLOR_SHADE);
	card = layout_add_fill(l, (SDL_Rect){ card_x, 0, card_w, 0 }, LAYOUT_COLOR_TILE);
	first_text = (int)l->count;
	y = layout_flow_text(l, &say, ui_text(p->lang, UI_LINK_QR), card_x + pad, pad,
			     card_w - 2 * pad);
	add_qr(l, qr, (screen_w - side) / 2, y + em(l, 0.5), module);
	y += em(l, 0.5) + side + em(l, 0.5);
	layout_short_address(url, address, sizeof(address));
	y = layout_flow_text(l, &where, address, card_x + pad, y, card_w - 2 * pad);
	y = layout_flow_text(l, &close, ui_text(p->lang, UI_QR_CLOSE), card_x + pad, y + em(l, 0.4),
			     card_w - 2 * pad) +
	    pad;
	/* centred on the screen (scrolled into it when taller) */
	{
		int dy = screen_h > y ? (screen_h - y) / 2 : 0;

		if (card >= 0)
			l->items[card].box = (SDL_Rect){ card_x, dy, card_w, y };
		for (size_t i = (size_t)first_text; i < l->count; i++)
			l->items[i].box.y += dy;
	}
	for (size_t i = 0; i < l->count; i++) {
		l->items[i].action = LAYOUT_ACTION_CLOSE;
		l->items[i].hit = (SDL_Rect){ 0, 0, screen_w, screen_h };
	}
	l->height = screen_h;
	return l->nomem ? -1 : 0;
}

/* ---- start screen tiles ---- */

void layout_grid_choose(struct layout_grid *g, size_t n, int width, int height, int body_px)
{
	int gap = body_px * 3 / 4;
	int min_w = body_px * 10, min_h = body_px * 4;
	double best_score = -1e9;

	memset(g, 0, sizeof(*g));
	g->gap = gap;
	if (n == 0)
		return;
	/* a screen smaller than one tile still gets one column (it scrolls) */
	g->cols = 1;
	g->rows = (int)n;
	g->tile_w = width > 1 ? width : 1;
	g->tile_h = min_h;
	for (int cols = 1; cols <= 6 && (size_t)cols <= n; cols++) {
		int tile_w = (width - (cols - 1) * gap) / cols;
		int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
		int tile_h = (height - (rows - 1) * gap) / rows;
		double score;

		if (tile_w < min_w && cols > 1)
			break;
		/* never much taller than wide: a picture cropped to a strip */
		if (tile_h > tile_w * 5 / 4)
			tile_h = tile_w * 5 / 4;
		if (tile_h < min_h)
			tile_h = min_h;
		/* near 3:2, using the screen, without holes, without scrolling */
		score = -0.5 * fabs(log((double)tile_w / tile_h / 1.45));
		score += (double)n * tile_w * tile_h / ((double)width * height);
		if (rows * tile_h + (rows - 1) * gap > height) /* scrolls: the less the better */
			score -= 10 + (double)(rows * tile_h + (rows - 1) * gap - height) / height;
		score -= 0.25 * (double)((size_t)(rows * cols) - n);
		if (score > best_score + 1e-9) {
			best_score = score;
			g->cols = cols;
			g->rows = rows;
			g->tile_w = tile_w;
			g->tile_h = tile_h;
		}
	}
}

static void shift_items(struct layout *l, size_t from, int dy)
{
	for (size_t i = from; i < l->count; i++) {
		l->items[i].box.y += dy;
		l->items[i].hit.y += dy;
	}
}

/* A tile's edge: 3:1 and more against the page (WCAG 1.4.11), where the tile's
 * fill alone stood 1.12:1 against it. */
static void add_edge(struct layout *l, SDL_Rect box)
{
	int t = em(l, 0.08) < 2 ? 2 : em(l, 0.08);

	layout_add_fill(l, (SDL_Rect){ box.x, box.y, box.w, t }, LAYOUT_COLOR_MUTED);
	layout_add_fill(l, (SDL_Rect){ box.x, box.y + box.h - t, box.w, t }, LAYOUT_COLOR_MUTED);
	layout_add_fill(l, (SDL_Rect){ box.x, box.y, t, box.h }, LAYOUT_COLOR_MUTED);
	layout_add_fill(l, (SDL_Rect){ box.x + box.w - t, box.y, t, box.h }, LAYOUT_COLOR_MUTED);
}

/* Title (the label instead when the title takes more than one line and there is
 * one) and summary at x, 0 in a column of w; drops the summary when the text
 * would be taller than avail.  Returns the text's height. */
static int tile_text(struct layout *l, const struct page *p, int x, int w, int avail, bool compact)
{
	struct layout_flow title = { LAYOUT_SIZE_H3, LAYOUT_BOLD, LAYOUT_COLOR_TILE_TEXT,
				     LAYOUT_COLOR_TILE_TEXT, 1.2 };
	struct layout_flow summary = { LAYOUT_SIZE_SMALL, LAYOUT_REGULAR, LAYOUT_COLOR_TILE_TEXT,
				       LAYOUT_COLOR_TILE_TEXT, 1.35 };
	const char *name = p->tile_title && *p->tile_title ? p->tile_title : p->title;
	int one_line, h, gap = compact ? 0 : em(l, 0.2);
	size_t from = l->count, summary_from;

	if (compact) {
		/* a low tile: lines closer together, so the summary stays */
		title.line_height = 1.1;
		summary.line_height = 1.2;
	}
	one_line = (int)lround(l->fonts->px[LAYOUT_SIZE_H3] * title.line_height);
	h = layout_flow_text(l, &title, name ? name : "", x, 0, w);

	if (compact && h > one_line && p->label && *p->label) {
		l->count = from;
		h = layout_flow_text(l, &title, p->label, x, 0, w);
	}
	summary_from = l->count;
	if (p->summary && *p->summary) {
		int sh = layout_flow_text(l, &summary, p->summary, x, h + gap, w);

		if (sh > avail)
			l->count = summary_from; /* no room: the title alone */
		else
			h = sh;
	}
	return h;
}

int layout_tile(struct layout *l, const struct page *p, SDL_Rect box)
{
	int pad = em(l, 0.6), iw, ih;
	size_t first = l->count, text_from;
	int text_h, avail = box.h - 2 * pad, image_h;
	bool picture = p->tile_image && *p->tile_image && l->image_size &&
		       l->image_size(l->image_ctx, p->tile_image, &iw, &ih);

	layout_add_fill(l, box, LAYOUT_COLOR_TILE);
	text_from = l->count;
	/* lay the text out at y = 0 first, then decide what fits and move it */
	text_h = tile_text(l, p, box.x + pad, box.w - 2 * pad, avail, false);
	image_h = box.h - text_h - 2 * pad;
	if (picture && image_h >= em(l, 2.5)) {
		shift_items(l, text_from, box.y + image_h + pad);
		layout_add_picture(l, (SDL_Rect){ box.x, box.y, box.w, image_h }, p->tile_image,
				   true);
	} else if (picture && box.w >= box.h * 2) {
		/* too low for a picture above the text (800x480): a narrow one beside
		 * it, and a little less padding, so title and summary both fit */
		int side = box.h * 2 / 5 < box.w / 8 ? box.h * 2 / 5 : box.w / 8;
		int tight = em(l, 0.3), tx = box.x + side + tight, tw = box.w - side - 2 * tight;

		l->count = text_from;
		text_h = tile_text(l, p, tx, tw, box.h - 2 * tight, true);
		shift_items(l, text_from, box.y + (box.h - text_h) / 2);
		layout_add_picture(l, (SDL_Rect){ box.x, box.y, side, box.h }, p->tile_image, true);
	} else {
		/* no picture: the text sits at the bottom like a caption (calm and even) */
		int dy = text_h < avail ? box.y + box.h - pad - text_h : box.y + pad;

		shift_items(l, text_from, dy);
	}
	add_edge(l, box);
	for (size_t i = first; i < l->count; i++) {
		l->items[i].action = LAYOUT_ACTION_PAGE;
		l->items[i].target = p->id;
		l->items[i].hit = box;
	}
	return l->nomem ? -1 : 0;
}

/* ---- reading position across languages ---- */

int layout_map_scroll(const struct layout *from, int from_scroll, int from_view_h,
		      const struct layout *to, int to_view_h)
{
	int from_max = from->height - from_view_h, to_max = to->height - to_view_h, y;

	if (to_max <= 0)
		return 0;
	if (from_scroll <= 0 || from_max <= 0)
		return 0;
	if (from_scroll >= from_max)
		return to_max;
	if (from->block_count > 0 && from->block_count == to->block_count) {
		size_t i = 0;
		int top, bottom, ttop, tbottom;
		double frac;

		while (i + 1 < from->block_count && from->block_top[i + 1] <= from_scroll)
			i++;
		top = i == 0 && from_scroll < from->block_top[0] ? 0 : from->block_top[i];
		bottom = i + 1 < from->block_count ? from->block_top[i + 1] : from->height;
		ttop = i == 0 && from_scroll < from->block_top[0] ? 0 : to->block_top[i];
		tbottom = i + 1 < to->block_count ? to->block_top[i + 1] : to->height;
		frac = bottom > top ? (double)(from_scroll - top) / (bottom - top) : 0;
		y = ttop + (int)lround(frac * (tbottom - ttop));
	} else {
		y = (int)lround((double)from_scroll / from_max * to_max);
	}
	return y < 0 ? 0 : y > to_max ? to_max : y;
}
