/* icon: the kiosk's few symbols (the accessibility figure, page up and down,
 * read aloud, explore by touch, a check mark), described as data: discs, rings,
 * strokes and triangles in a unit square.  They are rasterised with exact
 * coverage from signed distances, so they are smooth at every size and the same
 * pixels on the software renderer and on the GPU (goldens hold on both).  No
 * font carries them all, and no picture file is needed. */
#ifndef FOYER_ICON_H
#define FOYER_ICON_H

#include <SDL.h>

enum icon {
	ICON_ACCESS,   /* the accessibility figure (person with open arms, in a ring) */
	ICON_UP,       /* page up */
	ICON_DOWN,     /* page down */
	ICON_SPEAKER,  /* read aloud */
	ICON_HAND,     /* explore by touch: a pointing finger */
	ICON_CONTRAST, /* high contrast: a circle half filled */
	ICON_CHECK,    /* a setting that is on */
	ICON_BACK,     /* the page before, when the bar has no room for words */
	ICON_HOME,     /* the start screen, likewise */
	ICON_PLAY,     /* read aloud: go on */
	ICON_PAUSE,    /* read aloud: hold */
	ICON_STOP,     /* read aloud: end it */
	ICON_COUNT
};

/* A size x size surface (ARGB8888, straight alpha) of the icon in color, or NULL
 * with SDL_GetError() set.  The caller frees it. */
SDL_Surface *icon_render(enum icon icon, int size, SDL_Color color);

#endif
