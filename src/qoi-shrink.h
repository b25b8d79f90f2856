/* qoi-shrink: decodes QOI pictures (qoiformat.org) straight to the size they are drawn
 * at.  The stream is read row by row and box-filtered into the target, so the
 * full-size original (8 MB for 1920x1080) never exists in memory.  No SDL: the
 * output is plain 0xAARRGGBB words. */
#ifndef FOYER_QOI_SHRINK_H
#define FOYER_QOI_SHRINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/picture.h"

/* The part of a src_w x src_h picture that fills a w x h box: all of it, or
 * for cover the centred part with the box's aspect ratio. */
struct qoi_crop {
	int x, y, w, h;
};
struct qoi_crop qoi_crop(int src_w, int src_h, int w, int h, bool cover);

/* True when data is QOI and its crop for a w x h box is at least that large
 * (qoi_shrink_into only shrinks). */
bool qoi_fits(const void *data, size_t size, int w, int h, bool cover);

/* Decodes data into w x h pixels at pixels (rows pitch bytes apart), each the
 * rounded mean of the source pixels that fall on it.  Reads nothing outside
 * [data, data + size).  False (pixels partly written) when the picture is not
 * QOI, is broken before the last row it needs, would have to grow, or memory
 * runs out.  *alpha (may be NULL) tells whether any written pixel is not opaque. */
bool qoi_shrink_into(const void *data, size_t size, int w, int h, bool cover, uint32_t *pixels,
		     int pitch, bool *alpha);

#endif
