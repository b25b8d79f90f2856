/* closed: the screen outside opening hours (foyer.conf's closed_screen = dim).
 * Dark, so an empty foyer is not lit up at night, but never black, so nobody
 * takes it for a fault: "Geschlossen / Closed", why today is closed (a public
 * holiday or a closed date), when the kiosk opens again, the weekly hours, and
 * "Bitte berühren / Please touch" in both languages (a touch wakes the kiosk and
 * does nothing else).  Words from ui-text.h, in the kiosk's default language;
 * no SDL drawing here except closed_draw(). */
#ifndef FOYER_CLOSED_H
#define FOYER_CLOSED_H

#include <time.h>

#include "layout.h"
#include "render.h"
#include "schedule.h"

/* Lays the closed screen out into l (reset first) for a w x h screen with body
 * text of body_px, for lang ("de", else English), as it is at `now` (local
 * time).  Every item lies inside the screen's width; the block is centred
 * vertically, made more compact (and at last without the weekly table) until it
 * fits the height.  Returns 0, or -1 when out of
 * memory (l is then incomplete). */
int closed_layout(struct layout *l, const struct schedule *s, time_t now, const char *lang, int w,
		  int h, int body_px);

/* Draws it: the dim background, then l. */
void closed_draw(struct render *rd, const struct layout *l, int w, int h);

#endif
