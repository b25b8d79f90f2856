/* snapshot: writes what the headless renderer drew as a PNG file, for
 * --screenshot and the replay's `shot`.  libpng directly: SDL_image would do
 * the same, but linking it brings its codec libraries (TIFF, WebP, JPEG, and
 * libstdc++ behind them) into every start of the kiosk, about 3 ms of dynamic
 * loading before the first frame. */
#ifndef FOYER_SNAPSHOT_H
#define FOYER_SNAPSHOT_H

#include <SDL.h>

/* Writes surface (any format; RGBA32 is written without a copy) to path as an
 * 8-bit RGBA PNG.  Returns 0, or -1 with SDL_GetError() set and no file left. */
int snapshot_write_png(SDL_Surface *surface, const char *path);

#endif
