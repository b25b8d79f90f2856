#include "bundle/focus.h"

#include <stdbool.h>
#include <string.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

#define FOCUS_MAGIC 0x53434f46u /* "FOCS" */
#define FOCUS_WIRE_VERSION 1
#define FOCUS_RECORD_SIZE 20

const struct focus focus_centre = { 0.5, 0.5, 0, 0, 0, 0 };

static bool in_range(double v)
{
	return v >= 0 && v <= 1;
}

static bool has_safe_area(const struct focus *f)
{
	return f->safe_x1 > f->safe_x0 || f->safe_y1 > f->safe_y0;
}

static bool valid(const struct focus *f)
{
	if (!in_range(f->x) || !in_range(f->y))
		return false;
	if (!has_safe_area(f))
		return true;
	return in_range(f->safe_x0) && in_range(f->safe_y0) && in_range(f->safe_x1) &&
	       in_range(f->safe_y1) && f->safe_x1 > f->safe_x0 && f->safe_y1 > f->safe_y0;
}

int focus_encode(const struct focus *f, uint8_t **out, size_t *size, struct bundle_diag *diag)
{
	const double v[6] = { f->x, f->y, f->safe_x0, f->safe_y0, f->safe_x1, f->safe_y1 };
	struct wire_buf b = { 0 };

	if (!valid(f))
		return bundle_fail(diag, BUNDLE_ERR_INVALID,
				   "focus: coordinates must lie in 0..1, the safe area "
				   "left of and above its far corner");
	wire_buf_u32(&b, FOCUS_MAGIC);
	wire_buf_u16(&b, FOCUS_WIRE_VERSION);
	wire_buf_u16(&b, 0);
	for (size_t i = 0; i < 6; i++)
		wire_buf_u16(&b, (uint16_t)(v[i] * FOCUS_SCALE + 0.5));
	if (b.failed) {
		wire_buf_release(&b);
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "focus: out of memory");
	}
	*out = b.data;
	*size = b.len;
	return BUNDLE_OK;
}

int focus_decode(const uint8_t *data, size_t size, struct focus *out, struct bundle_diag *diag)
{
	double *v[6] = { &out->x,       &out->y,       &out->safe_x0,
			 &out->safe_y0, &out->safe_x1, &out->safe_y1 };
	struct wire_cursor c;
	unsigned version;

	memset(out, 0, sizeof(*out));
	wire_cursor_init(&c, data, size);
	if (size != FOCUS_RECORD_SIZE || wire_read_u32(&c) != FOCUS_MAGIC)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "focus record: wrong magic or size (%zu bytes)", size);
	version = wire_read_u16(&c);
	if (version != FOCUS_WIRE_VERSION)
		return bundle_fail(diag, BUNDLE_ERR_VERSION,
				   "focus record: version %u, expected %d", version,
				   FOCUS_WIRE_VERSION);
	if (wire_read_u16(&c) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "focus record: reserved field is not zero");
	for (size_t i = 0; i < 6; i++)
		*v[i] = (double)wire_read_u16(&c) / FOCUS_SCALE;
	if (c.failed || !valid(out))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "focus record: a coordinate is outside 0..1 or the safe "
				   "area is inverted");
	return BUNDLE_OK;
}
