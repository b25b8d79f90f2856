/* snapshot: PNG files of the headless output; see snapshot.h. */
#include "snapshot.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>

#include <libdeflate.h>
#include <png.h>

#include "bundle/picture.h"

#define HUGE_PAGE ((size_t)2 << 20)
/* Fastest of libdeflate's levels; screenshots are flat colours and text, which
 * it still packs to about 5 % of the pixel bytes. */
#define DEFLATE_LEVEL 1

/* What userdata of a surface from snapshot_surface_new() points at: its
 * mapping has room for the PNG rows' filter bytes (see rows_for_png). */
static const char snapshot_tag[] = "foyer snapshot surface";

/* The pixel bytes of a snapshot surface and one filter byte a row, rounded up
 * to whole huge pages. */
static size_t mapped_size(int w, int h)
{
	return ((size_t)w * 4 * (size_t)h + (size_t)h + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

SDL_Surface *snapshot_surface_new(int w, int h)
{
	size_t size, slack;
	uint8_t *map, *pixels;
	SDL_Surface *s;

	if (w <= 0 || h <= 0 || w > PIXEL_MAX_SIDE || h > PIXEL_MAX_SIDE) {
		SDL_SetError("snapshot: bad size %dx%d", w, h);
		return NULL;
	}
	size = mapped_size(w, h);
	/* one huge page more, to start on a huge-page boundary */
	map = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		   0);
	if (map == MAP_FAILED) {
		SDL_SetError("snapshot: %s", strerror(errno));
		return NULL;
	}
	pixels = (uint8_t *)(((uintptr_t)map + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	slack = (size_t)(pixels - map);
	if (slack)
		munmap(map, slack);
	munmap(pixels + size, HUGE_PAGE - slack);
	madvise(pixels, size, MADV_HUGEPAGE); /* a hint; fine when refused */
	s = SDL_CreateRGBSurfaceWithFormatFrom(pixels, w, h, 32, w * 4, SDL_PIXELFORMAT_RGBA32);
	if (!s)
		munmap(pixels, size);
	else
		s->userdata = (void *)snapshot_tag;
	return s;
}

void snapshot_surface_free(SDL_Surface *surface)
{
	void *pixels;
	size_t size;

	if (!surface)
		return;
	pixels = surface->pixels;
	size = mapped_size(surface->w, surface->h);
	SDL_FreeSurface(surface); /* SDL_PREALLOC: leaves the pixels alone */
	munmap(pixels, size);
}

/* PNG's rows: each starts with its filter byte (0, "None": the fastest, and
 * for flat colours the smallest after deflate), then the RGBA bytes.  A snapshot
 * surface is laid out so in place: rows move up by their index, last row first,
 * into the slack mapped for that (rows_restore undoes it); any other surface is
 * copied.  Returns the rows (size (4w + 1) h) or NULL with SDL_GetError() set. */
static uint8_t *rows_for_png(SDL_Surface *s, bool *in_place)
{
	size_t row = (size_t)s->w * 4, stride = row + 1;
	uint8_t *rows;

	*in_place = s->userdata == snapshot_tag;
	rows = *in_place ? s->pixels : malloc(stride * (size_t)s->h);
	if (!rows) {
		SDL_OutOfMemory();
		return NULL;
	}
	for (size_t y = (size_t)s->h; y-- > 0;) {
		const uint8_t *src = (const uint8_t *)s->pixels + y * (size_t)s->pitch;

		memmove(rows + y * stride + 1, src, row);
		rows[y * stride] = 0;
	}
	return rows;
}

/* Moves the pixels of a snapshot surface back where SDL expects them. */
static void rows_restore(SDL_Surface *s)
{
	size_t row = (size_t)s->w * 4;
	uint8_t *p = s->pixels;

	for (size_t y = 0; y < (size_t)s->h; y++)
		memmove(p + y * row, p + y * (row + 1) + 1, row);
}

/* The zlib stream of the rows: libdeflate, whole-buffer, 2-3 times faster
 * than zlib at level 1.  Returns its size (0 on failure) and *out (free it). */
static size_t deflate_rows(const uint8_t *rows, size_t size, uint8_t **out)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(DEFLATE_LEVEL);
	size_t bound, n = 0;

	*out = NULL;
	if (!c)
		return 0;
	/* as large as the rows, but only the pages written are ever touched */
	bound = libdeflate_zlib_compress_bound(c, size);
	*out = malloc(bound);
	if (*out)
		n = libdeflate_zlib_compress(c, rows, size, *out, bound);
	libdeflate_free_compressor(c);
	return n;
}

/* The PNG file around the compressed rows: libpng writes the signature, the
 * header and the chunks (with their CRCs).  Apart so that nothing it changes
 * lives across its setjmp. */
static int write_chunks(FILE *f, const SDL_Surface *s, const uint8_t *idat, size_t idat_size)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return SDL_OutOfMemory();
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return SDL_SetError("libpng could not write the picture");
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB_ALPHA,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	/* one IDAT: at most 16384 x (4 x 16384 + 1) bytes and their bound, < 2^31 */
	png_write_chunk(png, (png_const_bytep) "IDAT", idat, idat_size);
	png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
	png_destroy_write_struct(&png, &info);
	return 0;
}

static int write_png(FILE *f, SDL_Surface *s)
{
	size_t size = ((size_t)s->w * 4 + 1) * (size_t)s->h, idat_size = 0;
	uint8_t *idat = NULL, *rows;
	bool in_place;
	int rc;

	rows = rows_for_png(s, &in_place);
	if (!rows)
		return -1;
	idat_size = deflate_rows(rows, size, &idat);
	if (in_place)
		rows_restore(s);
	else
		free(rows);
	rc = idat_size ? write_chunks(f, s, idat, idat_size)
		       : SDL_SetError("libdeflate could not compress the picture");
	free(idat);
	return rc;
}

int snapshot_write_png(SDL_Surface *surface, const char *path)
{
	SDL_Surface *rgba = surface;
	FILE *f;
	int rc = -1;

	if (surface->format->format != SDL_PIXELFORMAT_RGBA32) {
		rgba = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_RGBA32, 0);
		if (!rgba)
			return -1;
	}
	if (SDL_MUSTLOCK(rgba) && SDL_LockSurface(rgba) != 0)
		goto out_free;
	f = fopen(path, "wb");
	if (!f) {
		SDL_SetError("%s", strerror(errno));
		goto out_unlock;
	}
	rc = write_png(f, rgba);
	if (fclose(f) != 0 && rc == 0)
		rc = SDL_SetError("%s", strerror(errno));
	if (rc != 0)
		remove(path);
out_unlock:
	if (SDL_MUSTLOCK(rgba))
		SDL_UnlockSurface(rgba);
out_free:
	if (rgba != surface)
		SDL_FreeSurface(rgba);
	return rc;
}
