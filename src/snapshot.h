/* snapshot: writes what the headless renderer drew as a PNG file, for
 * --screenshot and the replay's `shot`.  libdeflate compresses the rows (no
 * filter, level 1) and libpng writes the chunks around them: at 1920x1080 about
 * a fifth of libpng's own encoder's time (its per-row filter search and zlib),
 * the same pixels, a smaller file (tools/bench/png-encoders.c compares them). */
#ifndef FOYER_SNAPSHOT_H
#define FOYER_SNAPSHOT_H

#include <SDL.h>

/* A zeroed w x h RGBA32 surface for the headless renderer (free it with
 * snapshot_surface_free()), or NULL with SDL_GetError() set.  Its pixels are
 * an anonymous mapping that asks for transparent huge pages: 8 MB for
 * 1920x1080 then fault in 4 pieces instead of 2025 and are not cleared twice
 * (SDL clears what it allocates, the first frame clears again), about 4 ms of
 * the headless first frame.  Without huge pages it is an ordinary mapping. */
SDL_Surface *snapshot_surface_new(int w, int h);
void snapshot_surface_free(SDL_Surface *surface);

/* Writes surface (any format; RGBA32 is written without a copy) to path as an
 * 8-bit RGBA PNG.  A surface from snapshot_surface_new() lends its own pixels
 * for the encoder's rows and gets them back unchanged before this returns;
 * others are copied.  Returns 0, or -1 with SDL_GetError() set and no file left. */
int snapshot_write_png(SDL_Surface *surface, const char *path);

#endif
