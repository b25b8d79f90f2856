#include "pack/contrast.h"

#include <math.h>
#include <stdio.h>

/* WCAG 2.x success criteria the minimums come from. */
#define TEXT_MIN 4.5    /* 1.4.3: text below 18 pt (14 pt bold) */
#define NONTEXT_MIN 3.0 /* 1.4.11: what identifies a control against its surroundings */

/* Every pair the kiosk draws one colour on the other (src/layout.c, src/app.c).
 * Large text (titles, headings, the slogan) shares each of its pairs with
 * body-size text (links, the bar's labels, tile summaries), so no pair gets
 * the 3:1 that large text alone would be allowed. */
static const struct pair {
	enum site_color fg, bg;
	double min;
	const char *what; /* what is drawn so, for the message */
	const char *sc;   /* the WCAG success criterion */
} pairs[] = {
	{ SITE_COLOR_TEXT, SITE_COLOR_BACKGROUND, TEXT_MIN, "body text", "1.4.3" },
	{ SITE_COLOR_ACCENT, SITE_COLOR_BACKGROUND, TEXT_MIN, "titles, headings and links",
	  "1.4.3" },
	{ SITE_COLOR_MUTED, SITE_COLOR_BACKGROUND, TEXT_MIN, "captions and credits", "1.4.3" },
	{ SITE_COLOR_ACCENT_TEXT, SITE_COLOR_ACCENT, TEXT_MIN,
	  "the bar's buttons and the language switch", "1.4.3" },
	{ SITE_COLOR_TILE_TEXT, SITE_COLOR_TILE, TEXT_MIN,
	  "tile titles, summaries and contact cards", "1.4.3" },
	{ SITE_COLOR_ACCENT, SITE_COLOR_TILE, TEXT_MIN,
	  "the contact card's heading and the scroll bar", "1.4.3" },
	{ SITE_COLOR_TEXT, SITE_COLOR_HIGHLIGHT, TEXT_MIN, "the passage being read aloud",
	  "1.4.3" },
	{ SITE_COLOR_ACCENT, SITE_COLOR_HIGHLIGHT, TEXT_MIN, "links in the passage being read",
	  "1.4.3" },
	{ SITE_COLOR_TILE_TEXT, SITE_COLOR_HIGHLIGHT, TEXT_MIN, "a contact card being read",
	  "1.4.3" },
	{ SITE_COLOR_EDGE, SITE_COLOR_BACKGROUND, NONTEXT_MIN, "the edge of tiles and controls",
	  "1.4.11" },
};

static const char *const theme_names[SITEINI_THEMES] = { "[colors]", "[colors.high-contrast]" };

static double channel(unsigned v)
{
	double c = v / 255.0;
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double contrast_luminance(uint32_t rgb)
{
	return 0.2126 * channel((rgb >> 16) & 0xff) + 0.7152 * channel((rgb >> 8) & 0xff) +
	       0.0722 * channel(rgb & 0xff);
}

double contrast_ratio(uint32_t a, uint32_t b)
{
	double la = contrast_luminance(a), lb = contrast_luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static const char *how_set(unsigned line)
{
	return line ? "" : " (default)";
}

int contrast_check(const struct site_source *src, struct report *r)
{
	const struct site_colors *themes[SITEINI_THEMES] = { &src->site.colors,
							     &src->site.high_contrast };
	int failed = 0;
	for (size_t t = 0; t < SITEINI_THEMES; t++) {
		struct site_colors c = *themes[t];
		const unsigned *lines = src->color_lines[t];
		for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			const struct pair *p = &pairs[i];
			uint32_t fg = *site_color_slot(&c, p->fg), bg = *site_color_slot(&c, p->bg);
			double ratio = contrast_ratio(fg, bg);
			if (ratio >= p->min)
				continue;
			unsigned line = lines[p->fg] > lines[p->bg] ? lines[p->fg] : lines[p->bg];
			/* rounded down: a pair that fails never reads as meeting the minimum */
			report_error(r, src->path, line,
				     "%s %s #%06x%s on %s #%06x%s: contrast %.2f:1, at least "
				     "%.1f:1 is needed for %s (WCAG %s)",
				     theme_names[t], site_color_names[p->fg], (unsigned)fg,
				     how_set(lines[p->fg]), site_color_names[p->bg], (unsigned)bg,
				     how_set(lines[p->bg]), floor(ratio * 100) / 100, p->min,
				     p->what, p->sc);
			failed++;
		}
	}
	return failed;
}
