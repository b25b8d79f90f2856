/* notice: an editor's notice with a validity period ("Am 24. Dezember
 * geschlossen"), from a page's front matter (notice, valid_from, valid_until;
 * docs/editors.*.md).  The kiosk shows the start page's notice on the start
 * screen only inside that period, local time, and only when its clock can be
 * trusted (clock.h): a kiosk without a real-time clock does not know the date,
 * and an old notice is worse than none. */
#ifndef FOYER_NOTICE_H
#define FOYER_NOTICE_H

#include <stdbool.h>
#include <time.h>

#include "bundle/page.h"
#include "layout.h"

/* Is p's notice to be shown at now?  False without a notice, outside its
 * period, or with a clock that cannot be trusted. */
bool notice_shown(const struct page *p, bool clock_trusted, time_t now);

/* Lays the notice out as a band across the column [x, x + width) from y:
 * accent-coloured, bold, with room around it.  Returns the y below it. */
int notice_layout(struct layout *l, const struct page *p, int x, int y, int width, int body_px);

#endif
