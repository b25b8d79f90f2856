/* output: where the app's frames go.  A renderer (a window, the panel on
 * KMSDRM, or a software surface headless) and, when the panel is mounted turned,
 * a texture of the app's logical size that is drawn rotated onto it; touches on
 * the panel are mapped back the same way (rotation.h).  The platform loop and
 * the headless modes present through this one path. */
#ifndef FOYER_OUTPUT_H
#define FOYER_OUTPUT_H

#include <SDL.h>

#include "app.h"
#include "input.h"
#include "rotation.h"

struct output {
	SDL_Renderer *renderer; /* not owned */
	SDL_Texture *target;    /* the logical picture when rotated, else NULL */
	enum rotation rotation;
	int out_w, out_h; /* the panel, physical pixels */
	int w, h;         /* the app's logical size */
};

/* Reads the renderer's output size and makes the rotation target.  Returns 0,
 * or -1 with SDL_GetError() set (the output then works unrotated). */
int output_init(struct output *o, SDL_Renderer *renderer, enum rotation rotation);
/* After a resize or a lost renderer: reads the size again, makes a new target.
 * Returns 0 or -1 like output_init(). */
int output_update(struct output *o);
void output_close(struct output *o);

/* Draws the app (rotated if need be) and presents the frame. */
void output_present(struct output *o, struct app *app);

/* A touch in panel pixels to the app's logical pixels, in place. */
void output_map_touch(const struct output *o, struct input_event *ev);
/* Where a logical point appears on the panel (replay's tap-* commands). */
void output_unmap_point(const struct output *o, double lx, double ly, double *px, double *py);

#endif
