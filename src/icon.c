/* icon: shapes in a unit square, rasterised by signed distance; see icon.h. */
#include "icon.h"

#include <math.h>
#include <stdbool.h>

#define ICON_MAX_SHAPES 10 /* the longest list and its SHAPE_END */

enum shape_kind {
	SHAPE_END,
	SHAPE_DISC,   /* a: centre, r: radius */
	SHAPE_RING,   /* a: centre, r: radius of the middle line, w: width */
	SHAPE_STROKE, /* a to b, w: width, round ends */
	SHAPE_TRI,    /* a, b, c: corners */
	SHAPE_ARC,
	/* a: centre, r: radius, w: width, b.x to b.y: angles (radians, round ends) */
	SHAPE_HALF, /* the right half of a disc: a: centre, r: radius */
	SHAPE_BOX,  /* a: centre, b: half width and height, r: corner radius */
};

struct point {
	double x, y;
};

struct shape {
	enum shape_kind kind;
	struct point a, b, c;
	double r, w;
};

#define DISC(x, y, rad)                                                                            \
	{                                                                                          \
		SHAPE_DISC, { x, y }, { 0, 0 }, { 0, 0 }, rad, 0                                   \
	}
#define RING(x, y, rad, wid)                                                                       \
	{                                                                                          \
		SHAPE_RING, { x, y }, { 0, 0 }, { 0, 0 }, rad, wid                                 \
	}
#define STROKE(x1, y1, x2, y2, wid)                                                                \
	{                                                                                          \
		SHAPE_STROKE, { x1, y1 }, { x2, y2 }, { 0, 0 }, 0, wid                             \
	}
#define TRI(x1, y1, x2, y2, x3, y3)                                                                \
	{                                                                                          \
		SHAPE_TRI, { x1, y1 }, { x2, y2 }, { x3, y3 }, 0, 0                                \
	}
#define ARC(x, y, rad, wid, from, to)                                                              \
	{                                                                                          \
		SHAPE_ARC, { x, y }, { from, to }, { 0, 0 }, rad, wid                              \
	}

#define HALF(x, y, rad)                                                                            \
	{                                                                                          \
		SHAPE_HALF, { x, y }, { 0, 0 }, { 0, 0 }, rad, 0                                   \
	}

#define BOX(x, y, hw, hh, rad)                                                                     \
	{                                                                                          \
		SHAPE_BOX, { x, y }, { hw, hh }, { 0, 0 }, rad, 0                                  \
	}

static const struct shape icons[ICON_COUNT][ICON_MAX_SHAPES] = {
	/* after the United Nations' accessibility logo: a figure with open arms */
	[ICON_ACCESS] = {
		RING(0.5, 0.5, 0.44, 0.07),
		DISC(0.5, 0.25, 0.075),
		STROKE(0.24, 0.39, 0.76, 0.39, 0.075),
		STROKE(0.5, 0.39, 0.5, 0.6, 0.1),
		STROKE(0.5, 0.6, 0.38, 0.8, 0.075),
		STROKE(0.5, 0.6, 0.62, 0.8, 0.075),
	},
	[ICON_UP] = { TRI(0.5, 0.2, 0.86, 0.74, 0.14, 0.74) },
	[ICON_DOWN] = { TRI(0.14, 0.26, 0.86, 0.26, 0.5, 0.8) },
	/* a loudspeaker and two sound waves */
	[ICON_SPEAKER] = {
		STROKE(0.14, 0.5, 0.22, 0.5, 0.24),
		TRI(0.16, 0.5, 0.48, 0.14, 0.48, 0.86),
		ARC(0.5, 0.5, 0.16, 0.07, -0.8, 0.8),
		ARC(0.5, 0.5, 0.32, 0.07, -0.8, 0.8),
	},
	/* a hand with the index finger pointing up */
	[ICON_HAND] = {
		STROKE(0.42, 0.12, 0.42, 0.6, 0.14),
		STROKE(0.48, 0.68, 0.64, 0.68, 0.34),
		STROKE(0.3, 0.52, 0.36, 0.68, 0.12),
	},
	/* a circle half dark, half light: high contrast */
	[ICON_CONTRAST] = {
		RING(0.5, 0.5, 0.4, 0.08),
		HALF(0.5, 0.5, 0.33),
	},	[ICON_BACK] = {
		STROKE(0.62, 0.2, 0.32, 0.5, 0.12),
		STROKE(0.32, 0.5, 0.62, 0.8, 0.12),
	},
	/* a house: roof and walls, a door left open */
	[ICON_HOME] = {
		TRI(0.5, 0.14, 0.9, 0.52, 0.1, 0.52),
		STROKE(0.24, 0.5, 0.24, 0.84, 0.1),
		STROKE(0.76, 0.5, 0.76, 0.84, 0.1),
		STROKE(0.24, 0.84, 0.42, 0.84, 0.1),
		STROKE(0.58, 0.84, 0.76, 0.84, 0.1),
	},	[ICON_PLAY] = { TRI(0.26, 0.16, 0.86, 0.5, 0.26, 0.84) },
	[ICON_PAUSE] = {
		STROKE(0.34, 0.22, 0.34, 0.78, 0.16),
		STROKE(0.66, 0.22, 0.66, 0.78, 0.16),
	},	[ICON_STOP] = { BOX(0.5, 0.5, 0.3, 0.3, 0.06) },
	[ICON_CHECK] = {
		STROKE(0.18, 0.52, 0.4, 0.74, 0.12),
		STROKE(0.4, 0.74, 0.82, 0.26, 0.12),
	},
};

static double seg_dist(struct point p, struct point a, struct point b)
{
	double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
	double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;

	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/* Which side of the edge a->b the point lies on (positive: left). */
static double cross(struct point a, struct point b, struct point p)
{
	return (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
}

/* Signed distance from p to the shape, in unit-square units: negative inside. */
static double distance(const struct shape *s, struct point p)
{
	double d;

	switch (s->kind) {
	case SHAPE_DISC:
		return hypot(p.x - s->a.x, p.y - s->a.y) - s->r;
	case SHAPE_RING:
		return fabs(hypot(p.x - s->a.x, p.y - s->a.y) - s->r) - s->w / 2;
	case SHAPE_STROKE:
		return seg_dist(p, s->a, s->b) - s->w / 2;
	case SHAPE_TRI: {
		double c1 = cross(s->a, s->b, p), c2 = cross(s->b, s->c, p),
		       c3 = cross(s->c, s->a, p);
		bool inside = (c1 >= 0 && c2 >= 0 && c3 >= 0) || (c1 <= 0 && c2 <= 0 && c3 <= 0);

		d = fmin(seg_dist(p, s->a, s->b),
			 fmin(seg_dist(p, s->b, s->c), seg_dist(p, s->c, s->a)));
		return inside ? -d : d;
	}
	case SHAPE_ARC: {
		double angle = atan2(p.y - s->a.y, p.x - s->a.x);
		struct point from = { s->a.x + s->r * cos(s->b.x), s->a.y + s->r * sin(s->b.x) };
		struct point to = { s->a.x + s->r * cos(s->b.y), s->a.y + s->r * sin(s->b.y) };

		if (angle >= s->b.x && angle <= s->b.y)
			return fabs(hypot(p.x - s->a.x, p.y - s->a.y) - s->r) - s->w / 2;
		return fmin(hypot(p.x - from.x, p.y - from.y), hypot(p.x - to.x, p.y - to.y)) -
		       s->w / 2;
	}
	case SHAPE_BOX: { /* a rounded rectangle (Quilez's box distance) */
		double qx = fabs(p.x - s->a.x) - s->b.x + s->r,
		       qy = fabs(p.y - s->a.y) - s->b.y + s->r;

		return hypot(fmax(qx, 0), fmax(qy, 0)) + fmin(fmax(qx, qy), 0) - s->r;
	}
	case SHAPE_HALF: /* a disc cut by a vertical line: the larger of both distances */
		return fmax(hypot(p.x - s->a.x, p.y - s->a.y) - s->r, s->a.x - p.x);
	case SHAPE_END:
		break;
	}
	return 1e9;
}

SDL_Surface *icon_render(enum icon icon, int size, SDL_Color color)
{
	SDL_Surface *s;

	if ((unsigned)icon >= ICON_COUNT || size <= 0 || size > 4096) {
		SDL_SetError("icon: no icon %d at %d px", (int)icon, size);
		return NULL;
	}
	s = SDL_CreateRGBSurfaceWithFormat(0, size, size, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s)
		return NULL;
	for (int y = 0; y < size; y++) {
		Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);

		for (int x = 0; x < size; x++) {
			struct point p = { (x + 0.5) / size, (y + 0.5) / size };
			double d = 1e9, cover;

			for (const struct shape *sh = icons[icon]; sh->kind != SHAPE_END; sh++)
				d = fmin(d, distance(sh, p));
			/* the pixel's share inside the shape: a one-pixel ramp across the edge */
			cover = 0.5 - d * size;
			cover = cover < 0 ? 0 : cover > 1 ? 1 : cover;
			row[x] = (Uint32)lround(cover * color.a) << 24 | (Uint32)color.r << 16 |
				 (Uint32)color.g << 8 | color.b;
		}
	}
	return s;
}
