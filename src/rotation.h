/* rotation: one setting turns picture and touch together.  SDL's KMSDRM backend
 * cannot rotate the output, so the app draws into a texture of the logical size and
 * that texture is drawn rotated onto the output; touches are mapped back the same way.
 *
 * The setting says how the panel is mounted, in degrees clockwise as seen from the
 * front (the wording of board/firmware/foyer.conf): ROTATION_90 is a landscape panel
 * turned a quarter clockwise into portrait, so its own top edge is now on the right.
 * The app then draws its picture turned 90 degrees counter-clockwise on the panel, so
 * it appears upright, and the app's top-left corner lies at the panel's own
 * bottom-left pixel (0, out_h). */
#ifndef FOYER_ROTATION_H
#define FOYER_ROTATION_H

#include <stdbool.h>

enum rotation {
	ROTATION_0 = 0,
	ROTATION_90 = 90,
	ROTATION_180 = 180,
	ROTATION_270 = 270,
};

/* True for 0, 90, 180 and 270. */
bool rotation_is_valid(int degrees);

/* The app's (logical) size for an output of out_w x out_h physical pixels:
 * swapped for 90 and 270. */
void rotation_logical_size(enum rotation r, int out_w, int out_h, int *log_w, int *log_h);

/* A physical output point (touch) to the logical point under it.  Continuous
 * coordinates: the output's corner (0,0) maps to a corner of the logical area. */
void rotation_map_point(enum rotation r, int out_w, int out_h, double px, double py, double *lx,
			double *ly);
/* The inverse: where a logical point appears on the output (replay, tests). */
void rotation_unmap_point(enum rotation r, int out_w, int out_h, double lx, double ly, double *px,
			  double *py);

/* How to draw the logical render target onto the output with
 * SDL_RenderCopyExF(renderer, texture, NULL, &(SDL_FRect){x, y, w, h}, angle, NULL, flip):
 * the rectangle is centred on the output and rotated about its centre. */
struct rotation_blit {
	float x, y, w, h; /* destination rectangle before rotation */
	double angle;     /* degrees clockwise */
	int flip;         /* SDL_RendererFlip bits: 1 horizontal, 2 vertical */
};
void rotation_blit_params(enum rotation r, int out_w, int out_h, struct rotation_blit *b);

#endif
