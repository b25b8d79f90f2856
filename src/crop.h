/* crop: which part of a picture fills a box, and where in the box it is drawn.
 * Every cropped picture (start tiles, the attract screen) goes through here, so a
 * picture's focal point and safe area (foyer-pack's images/NAME.focus, entry
 * "focus/NAME") are kept in every crop, and no picture is ever enlarged more
 * than CROP_MAX_GROWTH: past that the crop is smaller than the box and the rest
 * of the box stays as it was (letterbox).  No SDL. */
#ifndef FOYER_CROP_H
#define FOYER_CROP_H

#include <stdbool.h>

#include "bundle/focus.h"
#include "qoi-shrink.h"

/* Enlarging a picture more than this shows its pixels at a reading distance:
 * 1.25 is the step of the next screen size up (1536 -> 1920 px). */
#define CROP_MAX_GROWTH 1.25

struct crop_plan {
	struct qoi_crop src; /* the part of the picture, in its pixels */
	int x, y, w, h;      /* where it is drawn, relative to the box's top left */
};

/* The plan for a src_w x src_h picture in a box_w x box_h box.  cover: fill the
 * box (cropping), else fit it whole.  focus may be NULL (the centre). */
struct crop_plan crop_choose(int src_w, int src_h, int box_w, int box_h, bool cover,
			     const struct focus *focus);

#endif
