/* notice: see notice.h. */
#include "notice.h"

#include <math.h>

bool notice_shown(const struct page *p, bool clock_trusted, time_t now)
{
	struct tm tm;
	uint32_t today;

	if (!p || !p->notice || !p->notice[0] || !clock_trusted || !localtime_r(&now, &tm))
		return false;
	today = (uint32_t)(tm.tm_year + 1900) * 10000u + (uint32_t)(tm.tm_mon + 1) * 100u +
		(uint32_t)tm.tm_mday;
	return (p->valid_from == PAGE_DATE_NONE || today >= p->valid_from) &&
	       today <= p->valid_until;
}

int notice_layout(struct layout *l, const struct page *p, int x, int y, int width, int body_px)
{
	struct layout_flow flow = { LAYOUT_SIZE_H3, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT,
				    LAYOUT_COLOR_ACCENT_TEXT, 1.3 };
	int pad = (int)lround(body_px * 0.6), edge = body_px / 5 > 3 ? body_px / 5 : 3;
	int band = layout_add_fill(l, (SDL_Rect){ x, y, width, 0 }, LAYOUT_COLOR_ACCENT);
	/* an edge in the text colour marks it as a notice without relying on colour */
	int mark = layout_add_fill(l, (SDL_Rect){ x, y, edge, 0 }, LAYOUT_COLOR_ACCENT_TEXT);
	int bottom =
	    layout_flow_text(l, &flow, p->notice, x + edge + pad, y + pad, width - edge - 2 * pad) +
	    pad;

	if (band >= 0)
		l->items[band].box.h = bottom - y;
	if (mark >= 0)
		l->items[mark].box.h = bottom - y;
	return bottom;
}
