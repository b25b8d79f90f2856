/* panel: millimetres to pixels; see panel.h. */
#include "panel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* 1.3 and 1.6 times: the first step is the smallest change a reader notices as
 * "larger" at a glance; the second keeps a 30-character line in a 1080 px wide
 * portrait column of the 21.5-inch panel. */
static const double text_scales[PANEL_TEXT_SCALES] = { 1.0, 1.3, 1.6 };

double panel_mm_per_px(const struct panel *p, int w, int h)
{
	double diag_px = hypot(w > 0 ? w : 1, h > 0 ? h : 1);
	double diag_mm = p && p->width_mm > 0 && p->height_mm > 0 ? hypot(p->width_mm, p->height_mm)
								  : PANEL_DIAGONAL_MM_DEFAULT;

	return diag_mm / diag_px;
}

double panel_min_text_px(const struct panel *p, int w, int h, double cap_em)
{
	double d = p && p->distance_mm > 0 ? p->distance_mm : PANEL_DISTANCE_MM_DEFAULT;
	double cap_mm = 2.0 * d * tan(PANEL_CAP_DEGREES / 2.0 * M_PI / 180.0);

	return cap_mm / (cap_em * panel_mm_per_px(p, w, h));
}

int panel_target_px(const struct panel *p, int w, int h)
{
	return (int)ceil(PANEL_TARGET_MM / panel_mm_per_px(p, w, h));
}

double panel_dpi(const struct panel *p, int w, int h)
{
	return 25.4 / panel_mm_per_px(p, w, h);
}

double panel_text_scale(int step)
{
	return step >= 1 && step <= PANEL_TEXT_SCALES ? text_scales[step - 1] : 1.0;
}

static bool parse_side(const char *s, char **end, double *out)
{
	double v = strtod(s, end);

	if (*end == s || !(v >= 10 && v <= PANEL_SIDE_MM_MAX))
		return false;
	*out = v;
	return true;
}

bool panel_parse_mm(const char *s, double *width_mm, double *height_mm)
{
	char *end;
	double w, h;

	if (!s || !parse_side(s, &end, &w) || (*end != 'x' && *end != 'X') ||
	    !parse_side(end + 1, &end, &h) || *end)
		return false;
	*width_mm = w;
	*height_mm = h;
	return true;
}
