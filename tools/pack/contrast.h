/* contrast: the WCAG 2.x contrast of every colour pair the kiosk draws, in the
 * normal and the high-contrast theme, checked before anything is packed.  A
 * pair below its minimum is an error naming the site.ini line. */
#ifndef FOYER_PACK_CONTRAST_H
#define FOYER_PACK_CONTRAST_H

#include <stdint.h>

#include "pack/report.h"
#include "pack/siteini.h"

/* WCAG 2.x relative luminance of 0xRRGGBB, 0 (black) to 1 (white). */
double contrast_luminance(uint32_t rgb);
/* (lighter + 0.05) / (darker + 0.05): 1 to 21, the same either way round. */
double contrast_ratio(uint32_t a, uint32_t b);

/* Reports every pair of src's two themes below its minimum to r, at the line of
 * the colour site.ini sets (the later one when it sets both).  Returns the
 * number of failing pairs. */
int contrast_check(const struct site_source *src, struct report *r);

#endif
