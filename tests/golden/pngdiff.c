/* pngdiff: compares two PNGs for the golden-image test.
 *
 *   pngdiff [--delta N] [--percent P] [--out DIFF.png] EXPECTED.png ACTUAL.png
 *
 * Passes (exit 0) when the sizes match and at most P percent of the pixels have a
 * channel differing by more than N (defaults: 8 and 0.2: font rasterisers and
 * scalers of other library versions move edges a little; a layout change moves
 * far more).  Exit 1 on a difference, 2 on a usage or read error.  --out writes
 * the differing pixels in red over a faded copy of the expected image.
 *
 *   pngdiff --not-black FILE.png
 *
 * Passes when at most half of the pixels are (nearly) black: the out-of-order
 * screen must never be a black screen.
 *
 *   pngdiff --dim FILE.png
 *
 * Passes for the closed screen: dark overall (mean brightness below 40 of 255),
 * yet not blank (at least 0.5 % of the pixels are text, brighter than 96). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

static SDL_Surface *load(const char *path)
{
	SDL_Surface *s = IMG_Load(path), *c;

	if (!s) {
		fprintf(stderr, "pngdiff: %s: %s\n", path, IMG_GetError());
		return NULL;
	}
	c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	SDL_FreeSurface(s);
	if (!c)
		fprintf(stderr, "pngdiff: %s: %s\n", path, SDL_GetError());
	return c;
}

int main(int argc, char **argv)
{
	double percent = 0.2;
	int delta = 8, argi = 1, rc = 2;
	const char *out = NULL;
	SDL_Surface *a = NULL, *b = NULL;
	unsigned long bad = 0, total;

	if (argc == 3 && strcmp(argv[1], "--not-black") == 0) {
		unsigned long dark = 0;

		a = load(argv[2]);
		if (!a)
			return 2;
		for (int y = 0; y < a->h; y++) {
			Uint32 *p = (Uint32 *)((Uint8 *)a->pixels + y * a->pitch);

			for (int x = 0; x < a->w; x++)
				if (((p[x] >> 16) & 0xff) < 24 && ((p[x] >> 8) & 0xff) < 24 &&
				    (p[x] & 0xff) < 24)
					dark++;
		}
		total = (unsigned long)a->w * (unsigned long)a->h;
		printf("%lu of %lu pixels are black\n", dark, total);
		rc = dark * 2 <= total ? 0 : 1;
		SDL_FreeSurface(a);
		return rc;
	}
	if (argc == 3 && strcmp(argv[1], "--dim") == 0) {
		unsigned long light = 0;
		double sum = 0;

		a = load(argv[2]);
		if (!a)
			return 2;
		for (int y = 0; y < a->h; y++) {
			Uint32 *p = (Uint32 *)((Uint8 *)a->pixels + y * a->pitch);

			for (int x = 0; x < a->w; x++) {
				unsigned r = (p[x] >> 16) & 0xff, g = (p[x] >> 8) & 0xff,
					 bl = p[x] & 0xff;
				unsigned m = r > g ? (r > bl ? r : bl) : (g > bl ? g : bl);

				sum += (r + g + bl) / 3.0;
				light += m > 96;
			}
		}
		total = (unsigned long)a->w * (unsigned long)a->h;
		printf("mean brightness %.1f, %lu of %lu pixels light\n", sum / (double)total,
		       light, total);
		rc = sum / (double)total < 40 && light * 200 >= total ? 0 : 1;
		SDL_FreeSurface(a);
		return rc;
	}
	for (; argi + 1 < argc && strncmp(argv[argi], "--", 2) == 0; argi += 2) {
		if (strcmp(argv[argi], "--delta") == 0)
			delta = atoi(argv[argi + 1]);
		else if (strcmp(argv[argi], "--percent") == 0)
			percent = atof(argv[argi + 1]);
		else if (strcmp(argv[argi], "--out") == 0)
			out = argv[argi + 1];
		else
			break;
	}
	if (argc - argi != 2) {
		fprintf(stderr, "usage: pngdiff [--delta N] [--percent P] [--out DIFF.png] "
				"EXPECTED.png ACTUAL.png\n");
		return 2;
	}
	a = load(argv[argi]);
	b = load(argv[argi + 1]);
	if (!a || !b)
		goto out_free;
	if (a->w != b->w || a->h != b->h) {
		printf("size differs: %dx%d expected, %dx%d rendered\n", a->w, a->h, b->w, b->h);
		rc = 1;
		goto out_free;
	}
	total = (unsigned long)a->w * (unsigned long)a->h;
	for (int y = 0; y < a->h; y++) {
		Uint32 *pa = (Uint32 *)((Uint8 *)a->pixels + y * a->pitch);
		Uint32 *pb = (Uint32 *)((Uint8 *)b->pixels + y * b->pitch);

		for (int x = 0; x < a->w; x++) {
			int worst = 0;

			for (int sh = 0; sh < 32; sh += 8) {
				int d =
				    abs((int)((pa[x] >> sh) & 0xff) - (int)((pb[x] >> sh) & 0xff));

				if (d > worst)
					worst = d;
			}
			if (worst > delta) {
				bad++;
				pa[x] = 0xffff0000u;
			} else {
				/* fade the expected picture so the red stands out */
				Uint32 p = pa[x], r = ((p >> 16) & 0xff) / 4 + 0xbf,
				       g = ((p >> 8) & 0xff) / 4 + 0xbf, bl = (p & 0xff) / 4 + 0xbf;

				pa[x] = 0xff000000u | r << 16 | g << 8 | bl;
			}
		}
	}
	printf("%lu of %lu pixels (%.3f%%) differ by more than %d; limit %.3f%%\n", bad, total,
	       100.0 * (double)bad / (double)total, delta, percent);
	rc = 100.0 * (double)bad / (double)total <= percent ? 0 : 1;
	if (rc && out && IMG_SavePNG(a, out) != 0)
		fprintf(stderr, "pngdiff: %s: %s\n", out, SDL_GetError());
out_free:
	SDL_FreeSurface(a);
	SDL_FreeSurface(b);
	return rc;
}
