/* snapshot: PNG files of the headless output; see snapshot.h. */
#include "snapshot.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sys/mman.h>

#include <png.h>

#include "bundle/picture.h"

#define HUGE_PAGE ((size_t)2 << 20)

/* The pixel bytes of a snapshot surface, which maps whole huge pages. */
static size_t mapped_size(int w, int h)
{
	return ((size_t)w * 4 * (size_t)h + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
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

/* The libpng part, apart so that nothing it changes lives across its setjmp. */
static int write_rows(FILE *f, const SDL_Surface *s)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return SDL_OutOfMemory();
	}
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		return SDL_SetError("libpng could not encode the picture");
	}
	png_init_io(png, f);
	/* screenshots are flat colours and text: the fastest level compresses them well */
	png_set_compression_level(png, 1);
	png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB_ALPHA,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < s->h; y++)
		png_write_row(png, (png_const_bytep)s->pixels + (size_t)y * (size_t)s->pitch);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return 0;
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
	rc = write_rows(f, rgba);
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
