/* outoforder: see outoforder.h. */
#include "outoforder.h"

#include <stdio.h>
#include <string.h>

#include <SDL_ttf.h>

#define NOTE_MAX 160

static char note[NOTE_MAX];

void outoforder_set_note(const char *text)
{
	snprintf(note, sizeof(note), "%s", text ? text : "");
}

/* Fonts the SD image and Debian desktops ship; the first that opens is used. */
static const char *const system_fonts[] = {
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"/usr/share/fonts/truetype/freefont/FreeSans.ttf",
	"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
};

TTF_Font *outoforder_system_font(int px)
{
	for (size_t i = 0; i < SDL_arraysize(system_fonts); i++) {
		TTF_Font *f = TTF_OpenFont(system_fonts[i], px);

		if (f)
			return f;
	}
	return NULL;
}

static void draw_centered(SDL_Renderer *r, TTF_Font *font, const char *text, int cx, int y,
			  SDL_Color color)
{
	SDL_Surface *s = TTF_RenderUTF8_Blended(font, text, color);
	SDL_Texture *t;

	if (!s)
		return;
	t = SDL_CreateTextureFromSurface(r, s);
	if (t) {
		SDL_Rect dst = { cx - s->w / 2, y, s->w, s->h };

		SDL_RenderCopy(r, t, NULL, &dst);
		SDL_DestroyTexture(t);
	}
	SDL_FreeSurface(s);
}

/* A "pause" sign: a rounded-looking square with two bars, readable in any language. */
static void draw_symbol(SDL_Renderer *r, int cx, int cy, int size)
{
	SDL_Rect square = { cx - size / 2, cy - size / 2, size, size };
	SDL_Rect bar1 = { cx - size / 4, cy - size / 4, size / 6, size / 2 };
	SDL_Rect bar2 = { cx + size / 4 - size / 6, cy - size / 4, size / 6, size / 2 };

	SDL_SetRenderDrawColor(r, 0x5b, 0x7a, 0x99, 0xff);
	SDL_RenderFillRect(r, &square);
	SDL_SetRenderDrawColor(r, 0xf4, 0xf1, 0xea, 0xff);
	SDL_RenderFillRect(r, &bar1);
	SDL_RenderFillRect(r, &bar2);
}

bool outoforder_draw(SDL_Renderer *r, int w, int h)
{
	int shorter = w < h ? w : h;
	int big_px = shorter / 11 > 24 ? shorter / 11 : 24;
	int small_px = big_px * 2 / 5 > 16 ? big_px * 2 / 5 : 16;
	SDL_Color ink = { 0x2b, 0x3a, 0x4a, 0xff }, soft = { 0x5b, 0x6b, 0x7b, 0xff };
	bool ttf_was_up = TTF_WasInit() > 0;
	TTF_Font *big = NULL, *small = NULL;
	int symbol = shorter / 5;
	bool text = false;

	SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
	SDL_SetRenderDrawColor(r, 0xf4, 0xf1, 0xea, 0xff); /* warm paper, never black */
	SDL_RenderClear(r);
	if (ttf_was_up || TTF_Init() == 0) {
		big = outoforder_system_font(big_px);
		small = outoforder_system_font(small_px);
	}
	if (big && small) {
		int line = TTF_FontLineSkip(big), sline = TTF_FontLineSkip(small);
		int total = symbol + line / 2 + 2 * line + sline / 2 + 2 * sline +
			    (note[0] ? 3 * sline : 0);
		int y = (h - total) / 2;

		draw_symbol(r, w / 2, y + symbol / 2, symbol);
		y += symbol + line / 2;
		draw_centered(r, big,
			      "Au\xc3\x9f"
			      "er Betrieb",
			      w / 2, y, ink);
		draw_centered(r, big, "Out of order", w / 2, y + line, ink);
		y += 2 * line + sline / 2;
		draw_centered(r, small, "Wir k\xc3\xbcmmern uns darum.", w / 2, y, soft);
		draw_centered(r, small, "We are taking care of it.", w / 2, y + sline, soft);
		if (note[0]) {
			/* one line per language, as above */
			char first[NOTE_MAX];
			const char *nl = strchr(note, '\n');

			snprintf(first, sizeof(first), "%.*s",
				 (int)(nl ? (size_t)(nl - note) : strlen(note)), note);
			draw_centered(r, small, first, w / 2, y + 3 * sline, soft);
			if (nl)
				draw_centered(r, small, nl + 1, w / 2, y + 4 * sline, soft);
		}
		text = true;
	} else {
		draw_symbol(r, w / 2, h / 2, symbol * 2);
	}
	if (small)
		TTF_CloseFont(small);
	if (big)
		TTF_CloseFont(big);
	if (!ttf_was_up && TTF_WasInit())
		TTF_Quit();
	return text;
}
