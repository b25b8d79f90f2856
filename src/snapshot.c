/* snapshot: PNG files of the headless output; see snapshot.h. */
#include "snapshot.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <png.h>

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
