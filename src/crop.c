#include "crop.h"

#include <math.h>

/* The start of a span of `len` inside [0, total) centred on `at`, kept inside,
 * and moved to hold [keep0, keep1) when that fits. */
static int place(int total, int len, double at, double keep0, double keep1)
{
	double start = at - len / 2.0;

	if (keep1 - keep0 <= len) {
		if (start > keep0)
			start = keep0;
		if (start + len < keep1)
			start = keep1 - len;
	}
	if (start > total - len)
		start = total - len;
	if (start < 0)
		start = 0;
	return (int)lround(start);
}

struct crop_plan crop_choose(int src_w, int src_h, int box_w, int box_h, bool cover,
			     const struct focus *focus)
{
	const struct focus *f = focus ? focus : &focus_centre;
	bool safe = f->safe_x1 > f->safe_x0 && f->safe_y1 > f->safe_y0;
	double fit = fmin((double)box_w / src_w, (double)box_h / src_h);
	double scale = cover ? fmax((double)box_w / src_w, (double)box_h / src_h) : fit;
	double safe_w = (f->safe_x1 - f->safe_x0) * src_w,
	       safe_h = (f->safe_y1 - f->safe_y0) * src_h;
	struct crop_plan p;

	/* the safe area must fit in the box: crop less (smaller scale), not lose it */
	if (cover && safe)
		scale = fmin(scale, fmax(fit, fmin(box_w / safe_w, box_h / safe_h)));
	if (scale > CROP_MAX_GROWTH)
		scale = CROP_MAX_GROWTH;
	p.src.w = (int)lround(box_w / scale);
	p.src.h = (int)lround(box_h / scale);
	if (p.src.w > src_w)
		p.src.w = src_w;
	if (p.src.h > src_h)
		p.src.h = src_h;
	if (p.src.w < 1)
		p.src.w = 1;
	if (p.src.h < 1)
		p.src.h = 1;
	p.src.x = place(src_w, p.src.w, f->x * src_w, (safe ? f->safe_x0 : f->x) * src_w,
			(safe ? f->safe_x1 : f->x) * src_w);
	p.src.y = place(src_h, p.src.h, f->y * src_h, (safe ? f->safe_y0 : f->y) * src_h,
			(safe ? f->safe_y1 : f->y) * src_h);
	p.w = (int)lround(p.src.w * scale);
	p.h = (int)lround(p.src.h * scale);
	if (p.w > box_w)
		p.w = box_w;
	if (p.h > box_h)
		p.h = box_h;
	if (p.w < 1)
		p.w = 1;
	if (p.h < 1)
		p.h = 1;
	p.x = (box_w - p.w) / 2;
	p.y = (box_h - p.h) / 2;
	return p;
}
