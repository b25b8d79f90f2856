/* focus: a picture's focal point and safe area, stored in BUNDLE_FOCUS entries
 * ("focus/NAME", beside "image/NAME") so every crop of the picture keeps what
 * matters.  foyer-pack fills it from the editor's images/NAME.focus; the kiosk
 * decodes it (src/crop.h uses it).  Wire layout: docs/bundle-format.md, "Focus
 * records". */
#ifndef FOYER_BUNDLE_FOCUS_H
#define FOYER_BUNDLE_FOCUS_H

#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"

/* Coordinates are fractions of the picture's width and height, 0..1, stored in
 * ten-thousandths. */
#define FOCUS_SCALE 10000

struct focus {
	double x, y; /* the focal point: crops are centred on it as far as they can be */
	/* the safe area every crop must show whole, if it can; safe_x1 <= safe_x0:
	 * none */
	double safe_x0, safe_y0, safe_x1, safe_y1;
};

/* The centre, no safe area: what a picture without a focus record gets. */
extern const struct focus focus_centre;

/* Encodes f into a malloc'd buffer (caller frees).  BUNDLE_ERR_INVALID when a
 * coordinate is outside 0..1 or the safe area is inverted. */
int focus_encode(const struct focus *f, uint8_t **out, size_t *size, struct bundle_diag *diag);
/* Decodes an entry's bytes; BUNDLE_ERR_CORRUPT with the reason in diag. */
int focus_decode(const uint8_t *data, size_t size, struct focus *out, struct bundle_diag *diag);

#endif
