/* focusini: reads an editor's images/NAME.focus, the side file that says what
 * matters in picture NAME, so the kiosk's crops keep it:
 *
 *   ; the focal point, in percent from the left and from the top
 *   focus = 50 35
 *   ; optional: what every crop must show, left top right bottom, in percent
 *   safe = 20 10 80 75
 */
#ifndef FOYER_PACK_FOCUSINI_H
#define FOYER_PACK_FOCUSINI_H

#include "bundle/focus.h"
#include "pack/report.h"

/* Parses path into out; every problem goes to r as path:line.  Returns 0 or -1. */
int focusini_load(const char *path, struct report *r, struct focus *out);

#endif
