#include "pack/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Third-party single-header libraries (Debian's libstb-dev, libqoi-dev) are built
 * here once, without our warning set, which they were not written for. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Wundef"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#pragma GCC diagnostic ignored "-Wcast-qual"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#define STBI_FAILURE_USERMSG
#define STB_IMAGE_IMPLEMENTATION

#include <stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION

#include <stb_image_resize.h>
#define QOI_IMPLEMENTATION
#include <qoi.h>
#pragma GCC diagnostic pop

static int read_file(const char *path, uint8_t **data, size_t *size, char *why, size_t why_size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(why, why_size, "cannot read the picture");
		return -1;
	}
	uint8_t *buf = malloc(IMAGE_MAX_SOURCE_BYTES + 1);
	if (!buf) {
		fclose(f);
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	size_t n = fread(buf, 1, IMAGE_MAX_SOURCE_BYTES + 1, f);
	int err = ferror(f);
	fclose(f);
	if (err || n > IMAGE_MAX_SOURCE_BYTES) {
		free(buf);
		snprintf(why, why_size,
			 err ? "cannot read the picture" : "picture file is larger than %u MiB",
			 IMAGE_MAX_SOURCE_BYTES >> 20);
		return -1;
	}
	*data = buf;
	*size = n;
	return 0;
}

/* Scales pixels (w x h, `channels` per pixel) to fit max x max, keeping the aspect
 * ratio, and encodes the result as QOI into a malloc'd buffer. */
static int encode_fitted(const uint8_t *pixels, int w, int h, int channels, int max, uint8_t **out,
			 size_t *out_size, unsigned *out_w, unsigned *out_h, char *why,
			 size_t why_size)
{
	int tw = w, th = h;
	uint8_t *scaled = NULL;
	if (w > max || h > max) {
		if (w >= h) {
			tw = max;
			th = (int)((long)h * max / w);
		} else {
			th = max;
			tw = (int)((long)w * max / h);
		}
		tw = tw < 1 ? 1 : tw;
		th = th < 1 ? 1 : th;
		scaled = malloc((size_t)tw * (size_t)th * (size_t)channels);
		if (!scaled ||
		    !stbir_resize_uint8_srgb(pixels, w, h, 0, scaled, tw, th, 0, channels,
					     channels == 4 ? 3 : STBIR_ALPHA_CHANNEL_NONE, 0)) {
			free(scaled);
			snprintf(why, why_size, "out of memory while scaling the picture");
			return -1;
		}
		pixels = scaled;
	}
	qoi_desc desc = { .width = (unsigned)tw,
			  .height = (unsigned)th,
			  .channels = (unsigned char)channels,
			  .colorspace = QOI_SRGB };
	int qlen = 0;
	void *q = qoi_encode(pixels, &desc, &qlen);
	free(scaled);
	if (!q) {
		snprintf(why, why_size, "cannot encode the picture as QOI");
		return -1;
	}
	*out = q;
	*out_size = (size_t)qlen;
	*out_w = (unsigned)tw;
	*out_h = (unsigned)th;
	return 0;
}

int image_convert(const char *path, struct image_result *out, char *why, size_t why_size)
{
	memset(out, 0, sizeof(*out));
	uint8_t *file;
	size_t size;
	if (read_file(path, &file, &size, why, why_size) < 0)
		return -1;
	int w, h, channels;
	if (size > INT32_MAX || !stbi_info_from_memory(file, (int)size, &w, &h, &channels)) {
		snprintf(why, why_size, "not a readable PNG or JPEG picture (%s)",
			 stbi_failure_reason() ? stbi_failure_reason() : "unknown format");
		free(file);
		return -1;
	}
	if (w <= 0 || h <= 0 || w > IMAGE_MAX_SOURCE_SIDE || h > IMAGE_MAX_SOURCE_SIDE) {
		snprintf(why, why_size, "picture is %dx%d pixels; at most %dx%d are accepted", w, h,
			 IMAGE_MAX_SOURCE_SIDE, IMAGE_MAX_SOURCE_SIDE);
		free(file);
		return -1;
	}
	/* Keep an alpha channel only where the source has one. */
	int want = (channels == 2 || channels == 4) ? 4 : 3;
	uint8_t *pixels = stbi_load_from_memory(file, (int)size, &w, &h, &channels, want);
	free(file);
	if (!pixels) {
		snprintf(why, why_size, "picture cannot be decoded (%s)", stbi_failure_reason());
		return -1;
	}
	out->source_width = (unsigned)w;
	out->source_height = (unsigned)h;
	int rc = encode_fitted(pixels, w, h, want, IMAGE_MAX_SIDE, &out->qoi, &out->qoi_size,
			       &out->width, &out->height, why, why_size);
	if (rc == 0 && (w > IMAGE_THUMB_SIDE || h > IMAGE_THUMB_SIDE))
		rc = encode_fitted(pixels, w, h, want, IMAGE_THUMB_SIDE, &out->thumb_qoi,
				   &out->thumb_size, &out->thumb_width, &out->thumb_height, why,
				   why_size);
	stbi_image_free(pixels);
	if (rc) {
		free(out->qoi);
		free(out->thumb_qoi);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}
