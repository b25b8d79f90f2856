/* app-overlay: text over the screen for the editor at foyer --watch (the
 * messages of a failed build, path:line first).  Drawn with a system font, not
 * the bundle's: it must show on the out-of-order screen too, when the very
 * first build failed and there is no bundle at all. */
#include "app-private.h"

#include "outoforder.h"

/* A dark red box, white text: it reads as "something is wrong" on any page. */
#define OVERLAY_BOX 0x8a, 0x10, 0x10, 0xf0
#define OVERLAY_MAX_SHARE 2 /* the box covers at most half of the screen */

static void blit(SDL_Renderer *r, SDL_Surface *s, int x, int y)
{
	SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);

	if (t) {
		SDL_Rect dst = { x, y, s->w, s->h };

		SDL_RenderCopy(r, t, NULL, &dst);
		SDL_DestroyTexture(t);
	}
}

void overlay_draw(struct app *a)
{
	int shorter = a->w < a->h ? a->w : a->h;
	int px = shorter / 45 > 13 ? shorter / 45 : 13, pad = px;
	SDL_Color white = { 0xff, 0xff, 0xff, 0xff };
	TTF_Font *font;
	SDL_Surface *text;
	SDL_Rect box;

	if (!a->overlay_text)
		return;
	font = outoforder_system_font(px);
	text = font ? TTF_RenderUTF8_Blended_Wrapped(font, a->overlay_text, white,
						     (Uint32)(a->w - 4 * pad))
		    : NULL;
	box.h = text ? text->h + 2 * pad : 4 * pad;
	if (box.h > a->h / OVERLAY_MAX_SHARE)
		box.h = a->h / OVERLAY_MAX_SHARE;
	box = (SDL_Rect){ pad, a->h - box.h - pad, a->w - 2 * pad, box.h };
	SDL_SetRenderDrawBlendMode(a->renderer, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(a->renderer, OVERLAY_BOX);
	SDL_RenderFillRect(a->renderer, &box);
	if (text) {
		/* the first lines when they do not all fit: the first error matters most */
		SDL_RenderSetClipRect(a->renderer, &box);
		blit(a->renderer, text, box.x + pad, box.y + pad);
		SDL_RenderSetClipRect(a->renderer, NULL);
		SDL_FreeSurface(text);
	}
	if (font)
		TTF_CloseFont(font);
}
