/* rotation: the coordinate arithmetic of a rotated render target. */
#include "rotation.h"

bool rotation_is_valid(int degrees)
{
	return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270;
}

void rotation_logical_size(enum rotation r, int out_w, int out_h, int *log_w, int *log_h)
{
	bool swap = r == ROTATION_90 || r == ROTATION_270;

	*log_w = swap ? out_h : out_w;
	*log_h = swap ? out_w : out_h;
}

void rotation_map_point(enum rotation r, int out_w, int out_h, double px, double py, double *lx,
			double *ly)
{
	switch (r) {
	case ROTATION_270:
		*lx = py;
		*ly = out_w - px;
		return;
	case ROTATION_180:
		*lx = out_w - px;
		*ly = out_h - py;
		return;
	case ROTATION_90:
		*lx = out_h - py;
		*ly = px;
		return;
	case ROTATION_0:
		break;
	}
	*lx = px;
	*ly = py;
}

void rotation_unmap_point(enum rotation r, int out_w, int out_h, double lx, double ly, double *px,
			  double *py)
{
	switch (r) {
	case ROTATION_270:
		*px = out_w - ly;
		*py = lx;
		return;
	case ROTATION_180:
		*px = out_w - lx;
		*py = out_h - ly;
		return;
	case ROTATION_90:
		*px = ly;
		*py = out_h - lx;
		return;
	case ROTATION_0:
		break;
	}
	*px = lx;
	*py = ly;
}

void rotation_blit_params(enum rotation r, int out_w, int out_h, struct rotation_blit *b)
{
	int log_w, log_h;

	rotation_logical_size(r, out_w, out_h, &log_w, &log_h);
	/* Centred: rotating a log_w x log_h rectangle about the output's centre by 90
	 * degrees makes it cover the output exactly (half-pixel offsets for odd
	 * differences, hence floats). */
	b->w = (float)log_w;
	b->h = (float)log_h;
	b->x = (float)(out_w - log_w) / 2.0f;
	b->y = (float)(out_h - log_h) / 2.0f;
	b->angle = 0.0;
	b->flip = 0;
	switch (r) {
	case ROTATION_90:
		/* panel turned clockwise: the picture turns back, counter-clockwise */
		b->angle = 270.0;
		break;
	case ROTATION_180:
		/* A flip both ways is the same picture as a half turn, without rotation. */
		b->flip = 1 | 2;
		break;
	case ROTATION_270:
		b->angle = 90.0;
		break;
	case ROTATION_0:
		break;
	}
}
