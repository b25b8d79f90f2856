/* layout: line breaking and page layout; see layout.h and docs/kiosk.md. */
#include "layout.h"

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
}

void layout_free(struct layout *l)
{
	layout_reset(l);
	free(l->items);
	free(l->strings);
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
	BRK_NEWLINE, /* a forced break */
	BRK_END,
};

struct frag {
	char *text; /* no soft hyphens; owned */
	size_t len;
	enum layout_face face;
	bool link; /* a tappable page link */
	const char *target;
	int w;
	enum brk brk;
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
	f->link = span && (span->style & SPAN_LINK_PAGE) && span->target && *span->target;
	f->target = f->link ? span->target : "";
	f->w = 0;
	f->brk = BRK_NONE;
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
			bool end = false;

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
			len += fs->frags[m].len + 1;
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
		}
		if (end == k && ends_with_hyphen(fs->frags[k].brk))
			run[len++] = '-';
		run[len] = '\0';
		if (emit) {
			int top = y + (lh - TTF_FontHeight(body)) / 2;
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

					it->action = LAYOUT_ACTION_PAGE;
					it->target = first->target;
					it->hit = link_target(c->l->fonts->target_px, it->box.x, y,
							      it->box.w, lh);
					idx =
					    layout_add_fill(c->l,
							    (SDL_Rect){ it->box.x, base, it->box.w,
									thick < 2 ? 2 : thick },
							    c->flow->link_color);
					if (idx >= 0) {
						c->l->items[idx].action = LAYOUT_ACTION_PAGE;
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
		if (end < k && fs->frags[end].brk == BRK_SPACE)
			x += text_width(font, " ");
		j = end + 1;
	}
	return x;
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

int layout_flow_spans(struct layout *l, const struct layout_flow *flow,
		      const struct page_span *spans, size_t span_count, int x, int y, int width)
{
	struct flow_state fs = { 0 };
	struct line_ctx c = { l, flow, &fs, x, width, { -1, -1, -1, -1 }, { -1, -1, -1, -1 } };
	int lh = (int)lround(l->fonts->px[flow->size] * flow->line_height);
	bool avoid_hyphens = flow->size != LAYOUT_SIZE_BODY || (flow->face & LAYOUT_BOLD);
	size_t i = 0;

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

	while (i < fs.count) {
		size_t best = SIZE_MAX, best_plain = SIZE_MAX;
		int acc = 0; /* estimated width of [i, k]: fragment widths plus spaces */

		for (size_t k = i; k < fs.count; k++) {
			const struct frag *f = &fs.frags[k];
			int hyphen = ends_with_hyphen(f->brk) ? hyphen_width(&c, f) : 0;

			if (k > i && fs.frags[k - 1].brk == BRK_SPACE)
				acc += space_width(&c, &fs.frags[k - 1]);
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
		while (best != SIZE_MAX && build_line(&c, i, best, y, false) > width) {
			size_t k = best;

			while (k > i && !breakable(fs.frags[k - 1].brk))
				k--;
			best = k > i ? k - 1 : SIZE_MAX;
		}
		if (best == SIZE_MAX) {
			int split = split_unit(&c, i, width);

			if (split < 0) {
				l->nomem = true;
				goto out_free;
			}
			if (split > 0)
				continue;
			/* one glyph wider than the column: it goes on a line of its own */
			best = i;
			while (best + 1 < fs.count && !breakable(fs.frags[best].brk))
				best++;
		}
		build_line(&c, i, best, y, true);
		y += lh;
		i = best + 1;
	}
out_free:
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

	if (b->image && l->image_size && l->image_size(l->image_ctx, b->image, &iw, &ih) &&
	    iw > 0 && ih > 0) {
		int w = width, h = (int)((int64_t)width * ih / iw);

		if (h > max_h) {
			h = max_h;
			w = (int)((int64_t)h * iw / ih);
		}
		/* the caption lines up with the picture, not with a column it does not fill */
		x += (width - w) / 2;
		width = w;
		layout_add_picture(l, (SDL_Rect){ x, y, w, h }, b->image, false);
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
	return y;
}

static int layout_contact_block(struct layout *l, const struct page *p,
				const struct page_contact *ct, int x, int y, int width)
{
	bool de = is_german(p->lang);
	int pad = em(l, 0.9), bar = em(l, 0.25);
	int card = layout_add_fill(l, (SDL_Rect){ x, y, width, 0 }, LAYOUT_COLOR_TILE);
	int accent = layout_add_fill(l, (SDL_Rect){ x, y, bar, 0 }, LAYOUT_COLOR_ACCENT);
	int ix = x + bar + pad, iw = width - bar - 2 * pad, top = y;
	struct layout_flow f = flow_body;
	char line[512];

	f.color = LAYOUT_COLOR_TILE_TEXT;
	f.line_height = 1.35;
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
	if (ct->phone && *ct->phone) {
		snprintf(line, sizeof(line), "%s\xc2\xa0%s", de ? "Telefon:" : "Phone:", ct->phone);
		y = layout_flow_text(l, &f, line, ix, y + em(l, 0.3), iw);
	}
	if (ct->email && *ct->email) {
		snprintf(line, sizeof(line), "%s\xc2\xa0%s", de ? "E-Mail:" : "Email:", ct->email);
		y = layout_flow_text(l, &f, line, ix, y, iw);
	}
	y += pad;
	if (card >= 0)
		l->items[card].box.h = y - top;
	if (accent >= 0)
		l->items[accent].box.h = y - top;
	return y;
}

static char *list_marker(const struct page_block *b)
{
	char buf[16];

	if (b->number > 0)
		snprintf(buf, sizeof(buf), "%u.", b->number);
	else
		snprintf(buf, sizeof(buf), "%s", b->level > 1 ? "\xe2\x80\x93" : "\xe2\x80\xa2");
	return strdup(buf);
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

	for (size_t i = 0; i < p->block_count; i++) {
		const struct page_block *b = &p->blocks[i];
		const struct page_block *next = i + 1 < p->block_count ? &p->blocks[i + 1] : NULL;
		struct layout_flow f = flow_body;

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
		case PAGE_LIST_ITEM: {
			unsigned level = b->level < 1                ? 1
					 : b->level > PAGE_MAX_LEVEL ? PAGE_MAX_LEVEL
								     : b->level;
			int indent = em(l, 1.6 * level);
			char *marker = list_marker(b);

			if (indent > width / 2)
				indent = width / 2;
			l->block_top[i] = y;
			if (marker) {
				TTF_Font *font =
				    layout_font(l->fonts, LAYOUT_SIZE_BODY, LAYOUT_REGULAR);
				int mw = text_width(font, marker);
				int lh =
				    (int)lround(l->fonts->px[LAYOUT_SIZE_BODY] * f.line_height);
				int top = y + (lh - TTF_FontHeight(font)) / 2;

				layout_add_text(l, x + indent - em(l, 0.45) - mw, top, marker,
						LAYOUT_SIZE_BODY, LAYOUT_REGULAR,
						LAYOUT_COLOR_ACCENT);
				free(marker);
			} else {
				l->nomem = true;
			}
			y = layout_flow_spans(l, &f, b->spans, b->span_count, x + indent, y,
					      width - indent);
			y += next && next->kind == PAGE_LIST_ITEM ? em(l, 0.3) : em(l, 0.8);
			break;
		}
		case PAGE_QUOTE: {
			int indent = em(l, 1.4), top = y;
			int bar = layout_add_fill(l, (SDL_Rect){ x + em(l, 0.3), y, em(l, 0.2), 0 },
						  LAYOUT_COLOR_ACCENT);

			l->block_top[i] = y;
			f.face = LAYOUT_ITALIC;
			y = layout_flow_spans(l, &f, b->spans, b->span_count, x + indent, y,
					      width - indent);
			if (bar >= 0)
				l->items[bar].box.h = y - top;
			y += em(l, 0.8);
			break;
		}
		case PAGE_PICTURE:
			y += em(l, 0.2);
			l->block_top[i] = y;
			y = layout_picture_block(l, p, b, x, y, width, max_picture_h) + em(l, 0.9);
			break;
		case PAGE_CONTACT:
			y += em(l, 0.3);
			l->block_top[i] = y;
			y = layout_contact_block(l, p, &b->contact, x, y, width) + em(l, 0.9);
			break;
		case PAGE_PARAGRAPH:
		default:
			l->block_top[i] = y;
			y = layout_flow_spans(l, &f, b->spans, b->span_count, x, y, width) +
			    em(l, 0.75);
			break;
		}
	}
	l->height = y + em(l, 1.5);
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

int layout_tile(struct layout *l, const struct page *p, SDL_Rect box)
{
	struct layout_flow title = { LAYOUT_SIZE_H3, LAYOUT_BOLD, LAYOUT_COLOR_TILE_TEXT,
				     LAYOUT_COLOR_TILE_TEXT, 1.2 };
	struct layout_flow summary = { LAYOUT_SIZE_SMALL, LAYOUT_REGULAR, LAYOUT_COLOR_TILE_TEXT,
				       LAYOUT_COLOR_TILE_TEXT, 1.35 };
	int pad = em(l, 0.6), iw, ih;
	size_t first = l->count, text_from, summary_from;
	int text_h, avail = box.h - 2 * pad, image_h;
	const char *name = p->tile_title && *p->tile_title ? p->tile_title : p->title;

	layout_add_fill(l, box, LAYOUT_COLOR_TILE);
	text_from = l->count;
	/* lay the text out at y = 0 first, then decide what fits and move it */
	text_h = layout_flow_text(l, &title, name ? name : "", box.x + pad, 0, box.w - 2 * pad);
	summary_from = l->count;
	if (p->summary && *p->summary) {
		int h = layout_flow_text(l, &summary, p->summary, box.x + pad, text_h + em(l, 0.2),
					 box.w - 2 * pad);

		if (h > avail)
			l->count = summary_from; /* no room: the title alone */
		else
			text_h = h;
	}
	image_h = box.h - text_h - 2 * pad;
	if (p->tile_image && *p->tile_image && l->image_size &&
	    l->image_size(l->image_ctx, p->tile_image, &iw, &ih) && image_h >= em(l, 2.5)) {
		shift_items(l, text_from, box.y + image_h + pad);
		layout_add_picture(l, (SDL_Rect){ box.x, box.y, box.w, image_h }, p->tile_image,
				   true);
	} else {
		/* no picture: the text sits at the bottom like a caption (calm and even) */
		int dy = text_h < avail ? box.y + box.h - pad - text_h : box.y + pad;

		shift_items(l, text_from, dy);
	}
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
