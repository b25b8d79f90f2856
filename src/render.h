/* render: draws layouts with SDL's renderer API (the one drawing path for the
 * GLES2 renderer on the device and the software renderer headless).  Text runs
 * and pictures are cached as textures (text in its colour: an unmodulated
 * alpha blit is the software renderer's fast path).  The caches are bounded by a pixel budget and
 * evict what the last frames did not use. */
#ifndef FOYER_RENDER_H
#define FOYER_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "bundle/site.h"
#include "layout.h"

/* Returns a picture's encoded bytes (QOI), or false.  With thumb set, the small
 * copy of the picture if the bundle has one (entry "thumb/NAME"; proposed to
 * foyer-pack, optional): the kiosk uses it when it is still at least as large as
 * the box, so start-screen tiles decode a fraction of the pixels.  The bytes must
 * live as long as the render context may ask for them again (bundle data does). */
typedef bool (*render_image_data_fn)(void *ctx, const char *name, bool thumb, const void **data,
				     size_t *size);

struct render_text;
struct render_picture;
struct render_icon;

struct render {
	SDL_Renderer *renderer;
	struct layout_fonts *fonts;
	SDL_Color color[LAYOUT_COLOR_COUNT];
	render_image_data_fn image_data;
	void *image_ctx;
	uint64_t frame;   /* counts render_frame_end() calls */
	size_t budget_px; /* text texture pixels kept across frames; pictures 1.5x */
	bool software;    /* SDL's software renderer: textures are plain memory */
	/* private */
	struct render_text **text_buckets;
	size_t text_bucket_count;
	size_t text_px, text_count;
	struct render_picture *pictures;
	size_t picture_px;
	struct render_icon *icons;
};

/* Both pointers must outlive the context.  budget_px: text texture pixels kept
 * across frames (pictures get 1.5 times as many); the app gives one screen's worth. */
int render_init(struct render *rd, SDL_Renderer *renderer, struct layout_fonts *fonts,
		render_image_data_fn image_data, void *image_ctx, size_t budget_px);
void render_free(struct render *rd);
/* Drops all cached textures (after the fonts changed). */
void render_clear_cache(struct render *rd);

void render_set_colors(struct render *rd, const struct site_colors *c);
/* The site's normal or high-contrast theme (site.ini [colors] or
 * [colors.high-contrast]).  Text drawn in the old colours is not reused and
 * leaves the cache by its budget; the caller redraws everything. */
void render_set_theme(struct render *rd, const struct site *s, bool high_contrast);
SDL_Color render_rgb(uint32_t rgb);

void render_clear(struct render *rd, enum layout_color color);
void render_fill(struct render *rd, SDL_Rect box, enum layout_color color);
/* Draws every item of l that meets clip, moved by (dx, dy), clipped to clip. */
void render_layout(struct render *rd, const struct layout *l, int dx, int dy, SDL_Rect clip);
/* Draws icon (enum icon, icon.h) into the square box in color. */
void render_icon(struct render *rd, int icon, SDL_Rect box, enum layout_color color);
/* Draws picture `name` into box, cropped to cover it; false if it cannot be loaded. */
bool render_picture(struct render *rd, const char *name, SDL_Rect box, bool cover);
/* Decodes the pictures of l that will be visible and are not cached yet, in
 * parallel threads (one per picture) while this thread rasterises the visible
 * text: a new screen costs about one picture's decode time on a multi-core
 * board, not the sum of everything. */
void render_prefetch(struct render *rd, const struct layout *l, int dx, int dy, SDL_Rect clip);
/* Before decoding ahead (pictures no frame has asked for yet): drops the
 * pictures the last frame did not use while the cache is over its budget, so
 * the new ones take their place instead of adding to the peak. */
void render_trim(struct render *rd);
/* Ends a frame: evicts textures over the budget that this frame did not use. */
void render_frame_end(struct render *rd);

#endif
