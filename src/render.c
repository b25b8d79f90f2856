/* render: SDL renderer drawing with texture caches; see render.h. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>

#include "crop.h"
#include "icon.h"
#include "qoi-shrink.h"

#define TEXT_BUCKETS 1024
#define PICTURES_MAX 16
/* A screen shows a handful of icons (bar, menu, focus); the oldest is redrawn
 * when a new one needs its place. */
#define ICONS_MAX 16

struct render_text {
	struct render_text *next;
	uint32_t hash;
	unsigned char size, face;
	SDL_Color color;
	char *text;
	SDL_Texture *texture;
	int w, h;
	uint64_t last_used;
};

/* A picture already scaled (and for covers, cropped) to the size it is drawn at:
 * decoding and filtering happen once, drawing is a 1:1 copy, and the texture
 * holds only the pixels on screen rather than the full-size original. */
struct render_picture {
	char name[BUNDLE_MAX_NAME + 1];
	int box_w, box_h;     /* the size asked for: part of the key */
	bool cover;           /* part of the key */
	SDL_Texture *texture; /* NULL with failed set: known bad, not retried */
	int x, y, w, h;       /* where the texture goes in the box (crop.h: letterbox) */
	bool failed;
	uint64_t last_used;
};

void render_set_focus(struct render *rd, render_focus_fn focus, void *ctx)
{
	rd->focus = focus;
	rd->focus_ctx = ctx;
}

struct render_icon {
	int icon, size; /* with color: the key */
	SDL_Color color;
	SDL_Texture *texture; /* NULL: a free slot */
	uint64_t last_used;
};

int render_init(struct render *rd, SDL_Renderer *renderer, struct layout_fonts *fonts,
		render_image_data_fn image_data, void *image_ctx, size_t budget_px)
{
	memset(rd, 0, sizeof(*rd));
	rd->renderer = renderer;
	rd->fonts = fonts;
	rd->image_data = image_data;
	rd->image_ctx = image_ctx;
	rd->budget_px = budget_px;
	{
		SDL_RendererInfo info;

		rd->software = SDL_GetRendererInfo(renderer, &info) == 0 && info.name &&
			       strcmp(info.name, "software") == 0;
	}
	rd->text_bucket_count = TEXT_BUCKETS;
	rd->text_buckets = calloc(TEXT_BUCKETS, sizeof(*rd->text_buckets));
	rd->pictures = calloc(PICTURES_MAX, sizeof(*rd->pictures));
	rd->icons = calloc(ICONS_MAX, sizeof(*rd->icons));
	if (!rd->text_buckets || !rd->pictures || !rd->icons) {
		free(rd->text_buckets);
		free(rd->pictures);
		free(rd->icons);
		return SDL_OutOfMemory();
	}
	for (int i = 0; i < LAYOUT_COLOR_COUNT; i++)
		rd->color[i] = (SDL_Color){ 0x80, 0x80, 0x80, 0xff };
	return 0;
}

static void text_free(struct render *rd, struct render_text *t)
{
	rd->text_px -= (size_t)t->w * (size_t)t->h;
	rd->text_count--;
	if (t->texture)
		SDL_DestroyTexture(t->texture);
	free(t->text);
	free(t);
}

static void picture_drop(struct render *rd, struct render_picture *p)
{
	if (p->texture) {
		SDL_DestroyTexture(p->texture);
		rd->picture_px -= (size_t)p->w * (size_t)p->h;
	}
	memset(p, 0, sizeof(*p));
}

void render_clear_cache(struct render *rd)
{
	for (size_t b = 0; b < rd->text_bucket_count; b++) {
		while (rd->text_buckets[b]) {
			struct render_text *t = rd->text_buckets[b];

			rd->text_buckets[b] = t->next;
			text_free(rd, t);
		}
	}
	for (size_t i = 0; i < PICTURES_MAX; i++)
		picture_drop(rd, &rd->pictures[i]);
	for (size_t i = 0; i < ICONS_MAX; i++) {
		if (rd->icons[i].texture)
			SDL_DestroyTexture(rd->icons[i].texture);
		rd->icons[i].texture = NULL;
	}
}

void render_free(struct render *rd)
{
	if (!rd->text_buckets)
		return;
	render_clear_cache(rd);
	free(rd->text_buckets);
	free(rd->pictures);
	free(rd->icons);
	rd->text_buckets = NULL;
	rd->pictures = NULL;
	rd->icons = NULL;
}

SDL_Color render_rgb(uint32_t rgb)
{
	return (SDL_Color){ (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 0xff };
}

void render_set_colors(struct render *rd, const struct site_colors *c)
{
	rd->color[LAYOUT_COLOR_TEXT] = render_rgb(c->text);
	rd->color[LAYOUT_COLOR_ACCENT] = render_rgb(c->accent);
	rd->color[LAYOUT_COLOR_ACCENT_TEXT] = render_rgb(c->accent_text);
	rd->color[LAYOUT_COLOR_TILE] = render_rgb(c->tile);
	rd->color[LAYOUT_COLOR_TILE_TEXT] = render_rgb(c->tile_text);
	rd->color[LAYOUT_COLOR_MUTED] = render_rgb(c->muted);
	rd->color[LAYOUT_COLOR_BACKGROUND] = render_rgb(c->background);
	rd->color[LAYOUT_COLOR_EDGE] = render_rgb(c->edge);
	rd->color[LAYOUT_COLOR_HIGHLIGHT] = render_rgb(c->highlight);
	rd->color[LAYOUT_COLOR_SHADE] = (SDL_Color){ 0, 0, 0, 0xa0 };
	/* a dark veil vanishes on a dark page (the high-contrast theme): lighten there */
	SDL_Color bg = rd->color[LAYOUT_COLOR_BACKGROUND];
	bool dark = bg.r * 2126 + bg.g * 7152 + bg.b * 722 < 128 * 10000;
	rd->color[LAYOUT_COLOR_PRESSED] =
	    dark ? (SDL_Color){ 0xff, 0xff, 0xff, 0x50 } : (SDL_Color){ 0, 0, 0, 0x38 };
	/* the closed screen, in either theme: dimmed, not dark: readable (8:1), but a
	 * fraction of a page's light */
	rd->color[LAYOUT_COLOR_DIM_BACKGROUND] = (SDL_Color){ 0, 0, 0, 0xff };
	rd->color[LAYOUT_COLOR_DIM_TEXT] = (SDL_Color){ 0xa0, 0xa0, 0xa0, 0xff };
}

void render_set_theme(struct render *rd, const struct site *s, bool high_contrast)
{
	render_set_colors(rd, high_contrast ? &s->high_contrast : &s->colors);
}

static void set_color(struct render *rd, enum layout_color color)
{
	SDL_Color c = rd->color[(unsigned)color < LAYOUT_COLOR_COUNT ? color : 0];

	SDL_SetRenderDrawBlendMode(rd->renderer,
				   c.a == 0xff ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(rd->renderer, c.r, c.g, c.b, c.a);
}

void render_clear(struct render *rd, enum layout_color color)
{
	set_color(rd, color);
	SDL_RenderClear(rd->renderer);
}

void render_fill(struct render *rd, SDL_Rect box, enum layout_color color)
{
	set_color(rd, color);
	SDL_RenderFillRect(rd->renderer, &box);
}

static uint32_t hash_text(const char *s, unsigned size, unsigned face)
{
	uint32_t h = 2166136261u ^ (size * 31u + face);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Text is rendered in its colour: an unmodulated alpha blit is the software
 * renderer's fast path (a colour-modulated one is about twice as slow). */
static struct render_text *text_get(struct render *rd, const char *text, unsigned size,
				    unsigned face, SDL_Color color)
{
	uint32_t h =
	    hash_text(text, size, face) ^ ((uint32_t)color.r << 16 | color.g << 8 | color.b);
	struct render_text **bucket = &rd->text_buckets[h % rd->text_bucket_count], *t;
	TTF_Font *font;
	SDL_Surface *surface;

	for (t = *bucket; t; t = t->next) {
		if (t->hash == h && t->size == size && t->face == face && t->color.r == color.r &&
		    t->color.g == color.g && t->color.b == color.b && strcmp(t->text, text) == 0) {
			t->last_used = rd->frame;
			return t;
		}
	}
	font = layout_font(rd->fonts, (enum layout_size)size, (enum layout_face)face);
	if (!font)
		return NULL;
	surface =
	    TTF_RenderUTF8_Blended(font, text, (SDL_Color){ color.r, color.g, color.b, 0xff });
	if (!surface)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		goto out_free_surface;
	t->text = strdup(text);
	if (!t->text)
		goto out_free_entry;
	t->texture = SDL_CreateTextureFromSurface(rd->renderer, surface);
	if (!t->texture)
		goto out_free_text;
	SDL_SetTextureBlendMode(t->texture, SDL_BLENDMODE_BLEND);
	t->hash = h;
	t->size = (unsigned char)size;
	t->face = (unsigned char)face;
	t->color = color;
	t->w = surface->w;
	t->h = surface->h;
	t->last_used = rd->frame;
	t->next = *bucket;
	*bucket = t;
	rd->text_px += (size_t)t->w * (size_t)t->h;
	rd->text_count++;
	SDL_FreeSurface(surface);
	return t;
out_free_text:
	free(t->text);
out_free_entry:
	free(t);
out_free_surface:
	SDL_FreeSurface(surface);
	return NULL;
}

/* What to decode for a picture in a w x h box: the plan (crop.h, around the
 * picture's focal point, from the full picture's size so the growth limit holds
 * for the picture, not its thumb), and the bytes: the thumb when its part is
 * still at least the drawn size, else the picture with the plan's part. */
struct picture_source {
	const void *data;
	size_t size;
	struct crop_plan plan;
	struct qoi_crop part; /* plan.src in the pixels of data */
};

static bool picture_source(struct render *rd, const char *name, int w, int h, bool cover,
			   struct picture_source *ps)
{
	struct focus focus;
	int full_w, full_h, tw, th;

	if (!rd->image_data || !rd->image_data(rd->image_ctx, name, false, &ps->data, &ps->size) ||
	    !qoi_size(ps->data, ps->size, &full_w, &full_h))
		return false;
	ps->plan = crop_choose(full_w, full_h, w, h, cover,
			       rd->focus && rd->focus(rd->focus_ctx, name, &focus) ? &focus : NULL);
	ps->part = ps->plan.src;
	{
		const void *data;
		size_t size;

		if (rd->image_data(rd->image_ctx, name, true, &data, &size) &&
		    qoi_size(data, size, &tw, &th)) {
			struct qoi_crop t = {
				(int)((int64_t)ps->plan.src.x * tw / full_w),
				(int)((int64_t)ps->plan.src.y * th / full_h),
				(int)((int64_t)ps->plan.src.w * tw / full_w),
				(int)((int64_t)ps->plan.src.h * th / full_h),
			};

			if (qoi_fits_crop(data, size, &t, ps->plan.w, ps->plan.h)) {
				ps->data = data;
				ps->size = size;
				ps->part = t;
			}
		}
	}
	return true;
}

/* Decodes into a new ARGB8888 surface of the plan's size; NULL when it cannot. */
static SDL_Surface *qoi_shrink(const struct picture_source *ps)
{
	SDL_Surface *dst;

	if (!qoi_fits_crop(ps->data, ps->size, &ps->part, ps->plan.w, ps->plan.h))
		return NULL;
	dst =
	    SDL_CreateRGBSurfaceWithFormat(0, ps->plan.w, ps->plan.h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (dst && !qoi_shrink_crop_into(ps->data, ps->size, &ps->part, ps->plan.w, ps->plan.h,
					 dst->pixels, dst->pitch, NULL)) {
		SDL_FreeSurface(dst);
		dst = NULL;
	}
	return dst;
}

/* Decodes the picture's part and scales it to the plan's size. */
static SDL_Surface *picture_scaled(const struct picture_source *ps)
{
	SDL_RWops *rw;
	SDL_Surface *src, *dst = qoi_shrink(ps);
	SDL_Rect crop = { ps->part.x, ps->part.y, ps->part.w, ps->part.h };

	if (dst)
		return dst;
	if (ps->size > INT32_MAX)
		return NULL;
	/* growing (at most CROP_MAX_GROWTH): SDL_image decodes the whole picture,
	 * then SDL's bilinear stretcher (one 32-bit format on both sides; QOI
	 * decodes to RGBA32) */
	rw = SDL_RWFromConstMem(ps->data, (int)ps->size);
	src = rw ? IMG_LoadTyped_RW(rw, 1, "QOI") : NULL;
	if (src && src->format->BytesPerPixel != 4) {
		SDL_Surface *c = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);

		SDL_FreeSurface(src);
		src = c;
	}
	if (!src)
		return NULL;
	dst = SDL_CreateRGBSurfaceWithFormat(0, ps->plan.w, ps->plan.h, 32, src->format->format);
	if (dst && SDL_SoftStretchLinear(src, &crop, dst, NULL) != 0) {
		SDL_FreeSurface(dst);
		dst = NULL;
	}
	SDL_FreeSurface(src);
	return dst;
}

static bool pixels_have_alpha(const void *pixels, int pitch, int w, int h)
{
	for (int y = 0; y < h; y++) {
		const Uint32 *p =
		    (const Uint32 *)((const Uint8 *)pixels + (size_t)y * (size_t)pitch);

		for (int x = 0; x < w; x++)
			if ((p[x] >> 24) != 0xff)
				return true;
	}
	return false;
}

static struct render_picture *picture_find(struct render *rd, const char *name, int w, int h,
					   bool cover)
{
	for (size_t i = 0; i < PICTURES_MAX; i++) {
		struct render_picture *p = &rd->pictures[i];

		if ((p->texture || p->failed) && p->box_w == w && p->box_h == h &&
		    p->cover == cover && strcmp(p->name, name) == 0)
			return p;
	}
	return NULL;
}

/* A slot for a new picture: a free one or the least recently used. */
static struct render_picture *picture_slot(struct render *rd, const char *name, int w, int h,
					   bool cover)
{
	struct render_picture *slot = NULL;

	for (size_t i = 0; i < PICTURES_MAX && !slot; i++)
		if (!rd->pictures[i].texture && !rd->pictures[i].failed)
			slot = &rd->pictures[i];
	if (!slot) {
		slot = &rd->pictures[0];
		for (size_t i = 1; i < PICTURES_MAX; i++)
			if (rd->pictures[i].last_used < slot->last_used)
				slot = &rd->pictures[i];
		picture_drop(rd, slot);
	}
	snprintf(slot->name, sizeof(slot->name), "%s", name);
	slot->box_w = w;
	slot->box_h = h;
	slot->cover = cover;
	slot->last_used = rd->frame;
	slot->failed = true; /* until a texture arrives */
	return slot;
}

static void picture_store(struct render *rd, struct render_picture *slot, SDL_Texture *texture,
			  const struct crop_plan *plan, bool alpha)
{
	/* a photo is opaque: a copy, not a per-pixel blend (3x faster in software) */
	SDL_SetTextureBlendMode(texture, alpha ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
	slot->texture = texture;
	slot->failed = false;
	slot->x = plan->x;
	slot->y = plan->y;
	slot->w = plan->w;
	slot->h = plan->h;
	rd->picture_px += (size_t)slot->w * (size_t)slot->h;
}

/* Software renderer: a streaming texture's lock is its own memory, so the picture
 * is decoded straight into it (no second copy of the pixels at any moment). */
static SDL_Texture *locked_texture(struct render *rd, int w, int h, void **pixels, int *pitch)
{
	SDL_Texture *t = SDL_CreateTexture(rd->renderer, SDL_PIXELFORMAT_ARGB8888,
					   SDL_TEXTUREACCESS_STREAMING, w, h);

	if (t && SDL_LockTexture(t, NULL, pixels, pitch) != 0) {
		SDL_DestroyTexture(t);
		t = NULL;
	}
	return t;
}

/* The cached texture of a picture at a size, made now if needed. */
static struct render_picture *picture_get(struct render *rd, const char *name, int w, int h,
					  bool cover)
{
	struct render_picture *slot = picture_find(rd, name, w, h, cover);
	struct picture_source ps;
	SDL_Surface *surface;

	if (slot) {
		slot->last_used = rd->frame;
		return slot->texture ? slot : NULL;
	}
	slot = picture_slot(rd, name, w, h, cover);
	if (!picture_source(rd, name, w, h, cover, &ps))
		return NULL;
	if (rd->software && qoi_fits_crop(ps.data, ps.size, &ps.part, ps.plan.w, ps.plan.h)) {
		void *pixels;
		int pitch;
		SDL_Texture *t = locked_texture(rd, ps.plan.w, ps.plan.h, &pixels, &pitch);

		if (t) {
			bool alpha = false;
			bool ok = qoi_shrink_crop_into(ps.data, ps.size, &ps.part, ps.plan.w,
						       ps.plan.h, pixels, pitch, &alpha);

			SDL_UnlockTexture(t);
			if (ok) {
				picture_store(rd, slot, t, &ps.plan, alpha);
				return slot;
			}
			SDL_DestroyTexture(t);
		}
	}
	surface = picture_scaled(&ps);
	if (!surface)
		return NULL;
	{
		SDL_Texture *t = SDL_CreateTextureFromSurface(rd->renderer, surface);

		if (t)
			picture_store(rd, slot, t, &ps.plan,
				      surface->format->Amask &&
					  pixels_have_alpha(surface->pixels, surface->pitch,
							    surface->w, surface->h));
	}
	SDL_FreeSurface(surface);
	return slot->texture ? slot : NULL;
}

struct decode_job {
	const char *name;
	struct picture_source ps;
	int w, h; /* the box: the cache key */
	bool cover;
	SDL_Texture *texture; /* software renderer: locked, decoded into */
	void *pixels;
	int pitch;
	SDL_Surface *out; /* other renderers: a surface uploaded afterwards */
	bool ok, alpha;
};

static int decode_worker(void *arg)
{
	struct decode_job *j = arg;

	if (j->texture)
		j->ok = qoi_shrink_crop_into(j->ps.data, j->ps.size, &j->ps.part, j->ps.plan.w,
					     j->ps.plan.h, j->pixels, j->pitch, &j->alpha);
	else
		j->ok = (j->out = qoi_shrink(&j->ps)) != NULL;
	return 0;
}

void render_prefetch(struct render *rd, const struct layout *l, int dx, int dy, SDL_Rect clip)
{
	struct decode_job jobs[PICTURES_MAX / 2];
	SDL_Thread *threads[PICTURES_MAX / 2];
	size_t n = 0;

	if (!rd->image_data)
		return;
	/* the bundle and the renderer are not thread-safe: look every picture up and
	 * make its texture here, decode in the threads */
	for (size_t i = 0; i < l->count && n < SDL_arraysize(jobs); i++) {
		const struct layout_item *it = &l->items[i];
		struct decode_job *j = &jobs[n];
		SDL_Rect box = { it->box.x + dx, it->box.y + dy, it->box.w, it->box.h };

		if (it->kind != LAYOUT_PICTURE || !SDL_HasIntersection(&box, &clip) || box.w <= 0 ||
		    box.h <= 0 || box.w > PIXEL_MAX_SIDE || box.h > PIXEL_MAX_SIDE ||
		    picture_find(rd, it->image, box.w, box.h, it->cover))
			continue;
		memset(j, 0, sizeof(*j));
		*j = (struct decode_job){
			.name = it->image, .w = box.w, .h = box.h, .cover = it->cover
		};
		if (!picture_source(rd, it->image, box.w, box.h, it->cover, &j->ps) ||
		    !qoi_fits_crop(j->ps.data, j->ps.size, &j->ps.part, j->ps.plan.w, j->ps.plan.h))
			continue;
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		if (rd->software)
			jobs[i].texture = locked_texture(rd, jobs[i].ps.plan.w, jobs[i].ps.plan.h,
							 &jobs[i].pixels, &jobs[i].pitch);
		threads[i] = SDL_CreateThread(decode_worker, "foyer-decode", &jobs[i]);
		if (!threads[i])
			decode_worker(&jobs[i]);
	}
	/* meanwhile this thread rasterises the visible text the frame will need */
	for (size_t i = 0; i < l->count; i++) {
		const struct layout_item *it = &l->items[i];
		SDL_Rect box = { it->box.x + dx, it->box.y + dy, it->box.w, it->box.h };

		if (it->kind == LAYOUT_TEXT && it->text && *it->text &&
		    SDL_HasIntersection(&box, &clip))
			text_get(rd, it->text, it->size, it->face,
				 rd->color[it->color < LAYOUT_COLOR_COUNT ? it->color : 0]);
	}
	for (size_t i = 0; i < n; i++) {
		struct decode_job *j = &jobs[i];
		struct render_picture *slot;

		if (threads[i])
			SDL_WaitThread(threads[i], NULL);
		if (j->texture)
			SDL_UnlockTexture(j->texture);
		if (!j->ok) {
			/* broken: render_layout tries again the slow way and marks it */
			if (j->texture)
				SDL_DestroyTexture(j->texture);
			SDL_FreeSurface(j->out);
			continue;
		}
		slot = picture_slot(rd, j->name, j->w, j->h, j->cover);
		if (j->texture) {
			picture_store(rd, slot, j->texture, &j->ps.plan, j->alpha);
		} else {
			SDL_Texture *t = SDL_CreateTextureFromSurface(rd->renderer, j->out);

			if (t)
				picture_store(rd, slot, t, &j->ps.plan,
					      pixels_have_alpha(j->out->pixels, j->out->pitch,
								j->out->w, j->out->h));
			SDL_FreeSurface(j->out);
		}
	}
}

bool render_picture(struct render *rd, const char *name, SDL_Rect box, bool cover)
{
	struct render_picture *p;

	if (box.w <= 0 || box.h <= 0 || box.w > PIXEL_MAX_SIDE || box.h > PIXEL_MAX_SIDE)
		return false;
	p = picture_get(rd, name, box.w, box.h, cover);
	if (!p)
		return false;
	box = (SDL_Rect){ box.x + p->x, box.y + p->y, p->w, p->h };
	return SDL_RenderCopy(rd->renderer, p->texture, NULL, &box) == 0;
}

/* Black modules on white, whatever the site's colours: what phone cameras read
 * best.  The quiet zone is the white border the box leaves around the code. */
static void render_qr(struct render *rd, const struct page_qr *qr, SDL_Rect box)
{
	int module = qr && qr->side ? box.w / ((int)qr->side + 8) : 0;
	int x0 = box.x + (box.w - module * (int)qr->side) / 2;
	int y0 = box.y + (box.h - module * (int)qr->side) / 2;
	SDL_Rect rects[PAGE_QR_MAX_SIDE];

	SDL_SetRenderDrawBlendMode(rd->renderer, SDL_BLENDMODE_NONE);
	SDL_SetRenderDrawColor(rd->renderer, 0xff, 0xff, 0xff, 0xff);
	SDL_RenderFillRect(rd->renderer, &box);
	if (module < 1)
		return;
	SDL_SetRenderDrawColor(rd->renderer, 0, 0, 0, 0xff);
	/* one row of runs at a time */
	for (unsigned y = 0; y < qr->side; y++) {
		int n = 0;

		for (unsigned x = 0; x < qr->side; x++) {
			unsigned end = x;

			if (!page_qr_dark(qr, x, y))
				continue;
			while (end + 1 < qr->side && page_qr_dark(qr, end + 1, y))
				end++;
			rects[n++] = (SDL_Rect){ x0 + (int)x * module, y0 + (int)y * module,
						 (int)(end - x + 1) * module, module };
			x = end;
		}
		if (n > 0)
			SDL_RenderFillRects(rd->renderer, rects, n);
	}
}

/* The cached texture of an icon at a size and colour, made on first use. */
static SDL_Texture *icon_texture(struct render *rd, int icon, int size, SDL_Color c)
{
	struct render_icon *slot = &rd->icons[0];
	SDL_Surface *s;

	for (size_t i = 0; i < ICONS_MAX; i++) {
		struct render_icon *ic = &rd->icons[i];

		if (ic->texture && ic->icon == icon && ic->size == size && ic->color.r == c.r &&
		    ic->color.g == c.g && ic->color.b == c.b && ic->color.a == c.a) {
			ic->last_used = rd->frame;
			return ic->texture;
		}
		if (!ic->texture || (slot->texture && ic->last_used < slot->last_used))
			slot = ic;
	}
	s = icon_render((enum icon)icon, size, c);
	if (!s)
		return NULL;
	if (slot->texture)
		SDL_DestroyTexture(slot->texture);
	*slot = (struct render_icon){ icon, size, c, SDL_CreateTextureFromSurface(rd->renderer, s),
				      rd->frame };
	SDL_FreeSurface(s);
	if (slot->texture)
		SDL_SetTextureBlendMode(slot->texture, SDL_BLENDMODE_BLEND);
	return slot->texture;
}

void render_icon(struct render *rd, int icon, SDL_Rect box, enum layout_color color)
{
	int size = box.w < box.h ? box.w : box.h;
	SDL_Texture *t;

	if (size <= 0 || size > PIXEL_MAX_SIDE)
		return;
	t = icon_texture(rd, icon, size,
			 rd->color[(unsigned)color < LAYOUT_COLOR_COUNT ? color : 0]);
	if (t)
		SDL_RenderCopy(rd->renderer, t, NULL,
			       &(SDL_Rect){ box.x + (box.w - size) / 2, box.y + (box.h - size) / 2,
					    size, size });
}

void render_layout(struct render *rd, const struct layout *l, int dx, int dy, SDL_Rect clip)
{
	SDL_RenderSetClipRect(rd->renderer, &clip);
	for (size_t i = 0; i < l->count; i++) {
		const struct layout_item *it = &l->items[i];
		SDL_Rect box = { it->box.x + dx, it->box.y + dy, it->box.w, it->box.h };

		if (box.y >= clip.y + clip.h || box.y + box.h <= clip.y)
			continue;
		switch (it->kind) {
		case LAYOUT_FILL:
			render_fill(rd, box, (enum layout_color)it->color);
			break;
		case LAYOUT_PICTURE:
			if (!render_picture(rd, it->image, box, it->cover))
				render_fill(rd, box, LAYOUT_COLOR_MUTED);
			break;
		case LAYOUT_QR:
			render_qr(rd, it->qr, box);
			break;
		case LAYOUT_ICON:
			render_icon(rd, it->icon, box, (enum layout_color)it->color);
			break;
		case LAYOUT_TEXT: {
			struct render_text *t;
			SDL_Color c = rd->color[it->color < LAYOUT_COLOR_COUNT ? it->color : 0];

			if (!it->text || !*it->text)
				break;
			t = text_get(rd, it->text, it->size, it->face, c);
			if (!t)
				break;
			box.w = t->w;
			box.h = t->h;
			SDL_RenderCopy(rd->renderer, t->texture, NULL, &box);
			break;
		}
		}
	}
	SDL_RenderSetClipRect(rd->renderer, NULL);
}

void render_trim(struct render *rd)
{
	for (size_t i = 0; i < PICTURES_MAX; i++) {
		struct render_picture *p = &rd->pictures[i];

		if (p->texture && rd->picture_px > rd->budget_px * 3 / 2 &&
		    p->last_used + 1 < rd->frame)
			picture_drop(rd, p);
	}
}

void render_frame_end(struct render *rd)
{
	/* evict the oldest text textures not used in this frame until under budget */
	while (rd->text_px > rd->budget_px) {
		struct render_text **oldest = NULL;

		for (size_t b = 0; b < rd->text_bucket_count; b++)
			for (struct render_text **t = &rd->text_buckets[b]; *t; t = &(*t)->next)
				if ((*t)->last_used < rd->frame &&
				    (!oldest || (*t)->last_used < (*oldest)->last_used))
					oldest = t;
		if (!oldest)
			break;
		{
			struct render_text *victim = *oldest;

			*oldest = victim->next;
			text_free(rd, victim);
		}
	}
	/* pictures: keep those of the last frames; the slot count bounds them */
	for (size_t i = 0; i < PICTURES_MAX; i++) {
		struct render_picture *p = &rd->pictures[i];

		if (p->texture && rd->picture_px > rd->budget_px * 3 / 2 &&
		    p->last_used < rd->frame)
			picture_drop(rd, p);
	}
	rd->frame++;
}
