/* picture: the QOI header; see picture.h. */
#include "bundle/picture.h"

#include <stdint.h>
#include <string.h>

bool qoi_size(const void *bytes, size_t size, int *width, int *height)
{
	const uint8_t *data = bytes;
	uint32_t w, h;

	if (!data || size < QOI_HEADER + QOI_PADDING || memcmp(data, "qoif", 4) != 0)
		return false;
	w = (uint32_t)data[4] << 24 | (uint32_t)data[5] << 16 | (uint32_t)data[6] << 8 | data[7];
	h = (uint32_t)data[8] << 24 | (uint32_t)data[9] << 16 | (uint32_t)data[10] << 8 | data[11];
	if (w == 0 || h == 0 || w > PIXEL_MAX_SIDE || h > PIXEL_MAX_SIDE)
		return false;
	*width = (int)w;
	*height = (int)h;
	return true;
}
