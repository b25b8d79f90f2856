/* picture: what every reader of a bundle picture needs before it decodes one:
 * the QOI header (qoiformat.org) and the size limit.  Shared by the kiosk's
 * decoder, its layout, foyer-pack and the tests, so the header is parsed in one
 * place. */
#ifndef FOYER_BUNDLE_PICTURE_H
#define FOYER_BUNDLE_PICTURE_H

#include <stdbool.h>
#include <stddef.h>

#define QOI_HEADER 14 /* "qoif", u32 BE width, u32 BE height, channels, colorspace */
#define QOI_PADDING 8 /* the end marker: seven 0x00, one 0x01 */

/* The largest side, in pixels, of anything foyer decodes, scales, draws or writes:
 * bundle pictures, layout boxes, outputs and screenshots.  A row of RGBA is then
 * at most 64 KiB (its pitch fits an int) and one picture at most 1 GiB. */
#define PIXEL_MAX_SIDE 16384

/* Reads width and height from a QOI header; false when data is not QOI, is too
 * short to hold a picture, or a side is 0 or above PIXEL_MAX_SIDE. */
bool qoi_size(const void *data, size_t size, int *width, int *height);

#endif
