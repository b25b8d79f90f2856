/* panel: the physical panel and the visitor in front of it.  foyer sizes its
 * type and touch targets in millimetres, not pixels: the same page reads the
 * same from the same distance on a 10-inch and a 22-inch panel.
 *
 * Body text: the capital H of the smallest text on screen (captions, credits,
 * tile summaries) is at least PANEL_CAP_DEGREES high seen from the stated
 * viewing distance (EN 301 549 V3.2.1, 5.1.4), body text larger by the type
 * scale's ratio (layout.c).  Touch targets: at least PANEL_TARGET_MM.  The panel's
 * size comes from foyer.conf (panel_mm), else the display's EDID (libdrm, on
 * the device), else PANEL_DIAGONAL_MM_DEFAULT at the output's aspect ratio. */
#ifndef FOYER_PANEL_H
#define FOYER_PANEL_H

#include <stdbool.h>

#include "logger.h"
/* An adult standing at a stele reads at about arm's length, where the finger
 * touches: 500 mm, the distance foyer states for its sizes (foyer.conf:
 * viewing_distance_mm). */
#define PANEL_DISTANCE_MM_DEFAULT 500.0
#define PANEL_DISTANCE_MM_MIN 200.0  /* closer than a hand held at the face is no kiosk */
#define PANEL_DISTANCE_MM_MAX 5000.0 /* a wall screen read across a room */
/* Without a size from foyer.conf or the display: a 21.5-inch panel, the most
 * common size of the town hall's steles. */
#define PANEL_DIAGONAL_MM_DEFAULT (21.5 * 25.4)
#define PANEL_SIDE_MM_MAX 5000.0 /* a panel's side: a 200-inch video wall at most */
/* EN 301 549 V3.2.1, 5.1.4: characters subtend at least 0.7 degrees (capital H)
 * at the viewing distance the supplier states. */
#define PANEL_CAP_DEGREES 0.7
/* The smallest touch target DESIGN.md allows (ISO 9241-9 and the kiosk
 * guidance: a fingertip's contact patch). */
#define PANEL_TARGET_MM 9.0
/* Large text in two steps above the default (1, 2, 3). */
#define PANEL_TEXT_SCALES 3

struct panel {
	double width_mm, height_mm; /* 0 x 0: not known (the default diagonal applies) */
	double distance_mm;         /* 0: PANEL_DISTANCE_MM_DEFAULT */
};

/* Millimetres per pixel for an output of w x h pixels on this panel (square
 * pixels: the diagonal decides, so a turned panel gives the same pitch). */
double panel_mm_per_px(const struct panel *p, int w, int h);
/* The smallest text size class in pixels that meets PANEL_CAP_DEGREES, for a
 * font whose capital H is cap_em of its size. */
double panel_min_text_px(const struct panel *p, int w, int h, double cap_em);
/* PANEL_TARGET_MM in pixels, rounded up. */
int panel_target_px(const struct panel *p, int w, int h);
/* Pixels per inch, for the gesture recogniser's slop and fling speeds. */
double panel_dpi(const struct panel *p, int w, int h);
/* The multiplier of text scale step 1..PANEL_TEXT_SCALES (others: 1). */
double panel_text_scale(int step);

/* The connected display's size from its EDID (libdrm, /dev/dri/card*), into p;
 * logs what it found.  False (p unchanged) when no display reports one. */
bool panel_read_drm(struct panel *p, const struct logger *log);

/* Parses "476x268" (millimetres, decimals allowed); false for anything else or
 * a side outside 10..PANEL_SIDE_MM_MAX. */
bool panel_parse_mm(const char *s, double *width_mm, double *height_mm);

#endif
