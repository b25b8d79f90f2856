#include "pack/image.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <webp/decode.h>

/* Bumped whenever the conversion changes, so no cache returns an old result. */
#define IMAGE_CACHE_VERSION 1

#include "bundle/page.h"
#include "bundle/wire.h"
#include "pack/cache.h"
#include "pack/readfile.h"

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

/* Extensions an editor may bring, with what to do about each one we do not read. */
static const struct {
	const char *ext;
	const char *advice; /* NULL: read */
} extensions[] = {
	{ "png", NULL },
	{ "jpg", NULL },
	{ "jpeg", NULL },
	{ "webp", NULL },
	{ "gif", "GIF pictures are not shown: save it as PNG (a drawing or animation: its "
		 "first frame) or JPEG (a photo)" },
	{ "svg", "SVG drawings are not shown: export it as PNG, 1920 pixels wide (Inkscape: "
		 "File > Export; or rsvg-convert -w 1920)" },
	{ "heic", "HEIC (iPhone) photos are not read: save it as JPEG (on the iPhone: "
		  "Settings > Camera > Formats > Most Compatible)" },
	{ "tif", "TIFF pictures are not read: save it as PNG or JPEG" },
	{ "tiff", "TIFF pictures are not read: save it as PNG or JPEG" },
	{ "bmp", "BMP pictures are not read: save it as PNG" },
};

/* A name that follows the rule, made from one that does not: "Foto 1 (Größe).JPG"
 * becomes "foto-1-groesse.jpg". */
static void suggest_name(const char *file, const char *dot, char *out, size_t size)
{
	static const struct {
		const char *utf8, *ascii;
	} letters[] = { { "\xc3\xa4", "ae" }, { "\xc3\xb6", "oe" }, { "\xc3\xbc", "ue" },
			{ "\xc3\x84", "ae" }, { "\xc3\x96", "oe" }, { "\xc3\x9c", "ue" },
			{ "\xc3\x9f", "ss" }, { "\xc3\xa9", "e" },  { "\xc3\xa8", "e" } };
	size_t o = 0;
	for (const char *c = file; c < dot && o + 3 < size;) {
		size_t k = 0, nl = sizeof(letters) / sizeof(letters[0]);
		while (k < nl && strncmp(c, letters[k].utf8, strlen(letters[k].utf8)) != 0)
			k++;
		if (k < nl) {
			for (const char *a = letters[k].ascii; *a; a++)
				out[o++] = *a;
			c += strlen(letters[k].utf8);
		} else if (isalnum((unsigned char)*c) && (unsigned char)*c < 0x80) {
			out[o++] = (char)tolower((unsigned char)*c++);
		} else {
			if (o && out[o - 1] != '-')
				out[o++] = '-';
			c++;
		}
	}
	while (o && out[o - 1] == '-')
		o--;
	if (o == 0)
		o = (size_t)snprintf(out, size, "bild");
	if (o > PAGE_ID_MAX)
		o = PAGE_ID_MAX;
	out[o] = 0;
	snprintf(out + o, size - o, ".");
	for (const char *e = dot + 1; *e && o + 2 < size; e++)
		out[++o] = (char)tolower((unsigned char)*e);
	out[o + 1] = 0;
}

int image_check_name(const char *file, char *stem, size_t stem_size, char *why, size_t why_size)
{
	const char *dot = strrchr(file, '.');
	size_t i = 0, n = sizeof(extensions) / sizeof(extensions[0]);
	while (dot && i < n && strcasecmp(dot + 1, extensions[i].ext) != 0)
		i++;
	if (!dot || i == n) {
		snprintf(why, why_size,
			 "not a picture foyer-pack reads: pictures are .png, .jpg or .webp files "
			 "(move other files out of images/)");
		return -1;
	}
	if (extensions[i].advice) {
		snprintf(why, why_size, "%s", extensions[i].advice);
		return -1;
	}
	size_t len = (size_t)(dot - file);
	if (len >= stem_size)
		len = stem_size - 1;
	memcpy(stem, file, len);
	stem[len] = 0;
	if (!page_id_valid(stem)) {
		char better[PAGE_ID_MAX + 16];
		suggest_name(file, dot, better, sizeof(better));
		snprintf(why, why_size,
			 "picture names may use only a-z, 0-9 and - (no capitals, spaces, "
			 "umlauts or _): rename it to '%s' and use that name in the pages",
			 better);
		return -1;
	}
	return 0;
}

int image_name_matches(const char *file, const char *ref)
{
	const char *fd = strrchr(file, '.'), *rd = strrchr(ref, '.');
	if (!fd || !rd || fd - file != rd - ref)
		return strcmp(file, ref) == 0;
	return strncmp(file, ref, (size_t)(fd - file)) == 0 && strcasecmp(fd, rd) == 0;
}

/* What decoding costs, checked before any pixel is touched. */
static int check_size(int w, int h, int channels, int bytes_per_channel, char *why, size_t why_size)
{
	uint64_t pixels = (uint64_t)w * (uint64_t)h;
	/* stb_image holds the decoded file and the converted copy at once */
	uint64_t bytes = pixels * (uint64_t)channels * (uint64_t)bytes_per_channel + pixels * 4;
	if (w <= 0 || h <= 0) {
		snprintf(why, why_size, "picture has no pixels");
		return -1;
	}
	if (pixels > IMAGE_MAX_PIXELS) {
		snprintf(why, why_size,
			 "picture is %dx%d pixels (%.0f megapixels); at most %u megapixels are "
			 "read: scale it down to 1920 pixels wide",
			 w, h, (double)pixels / 1e6, IMAGE_MAX_PIXELS / 1000000);
		return -1;
	}
	if (bytes > IMAGE_MAX_DECODE_BYTES) {
		snprintf(why, why_size,
			 "picture is %dx%d pixels with %d bits per channel, %llu MiB to decode "
			 "(at most %u): save it with 8 bits per channel or scale it down",
			 w, h, 8 * bytes_per_channel, (unsigned long long)(bytes >> 20),
			 IMAGE_MAX_DECODE_BYTES >> 20);
		return -1;
	}
	return 0;
}

/* Decodes a WebP file (libwebp) into 3 or 4 channels. */
static uint8_t *decode_webp(const uint8_t *file, size_t size, int *w, int *h, int *channels,
			    char *why, size_t why_size)
{
	WebPBitstreamFeatures f;
	if (WebPGetFeatures(file, size, &f) != VP8_STATUS_OK) {
		snprintf(why, why_size, "not a readable WebP picture");
		return NULL;
	}
	*channels = f.has_alpha ? 4 : 3;
	if (check_size(f.width, f.height, *channels, 1, why, why_size))
		return NULL;
	uint8_t *px =
	    f.has_alpha ? WebPDecodeRGBA(file, size, w, h) : WebPDecodeRGB(file, size, w, h);
	if (!px)
		snprintf(why, why_size, "the WebP picture cannot be decoded");
	return px;
}

static bool is_webp(const uint8_t *file, size_t size)
{
	return size >= 12 && memcmp(file, "RIFF", 4) == 0 && memcmp(file + 8, "WEBP", 4) == 0;
}

/* Converts a picture file's bytes (taken: freed here). */
static int convert_bytes(uint8_t *file, size_t size, struct image_result *out, char *why,
			 size_t why_size)
{
	int w, h, channels, want;
	uint8_t *pixels;
	bool webp = is_webp(file, size);
	if (webp) {
		pixels = decode_webp(file, size, &w, &h, &want, why, why_size);
		free(file);
		if (!pixels)
			return -1;
	} else {
		if (size > INT32_MAX ||
		    !stbi_info_from_memory(file, (int)size, &w, &h, &channels)) {
			snprintf(why, why_size, "not a readable PNG, JPEG or WebP picture (%s)",
				 stbi_failure_reason() ? stbi_failure_reason() : "unknown format");
			free(file);
			return -1;
		}
		if (check_size(w, h, channels, stbi_is_16_bit_from_memory(file, (int)size) ? 2 : 1,
			       why, why_size)) {
			free(file);
			return -1;
		}
		/* Keep an alpha channel only where the source has one. */
		want = (channels == 2 || channels == 4) ? 4 : 3;
		pixels = stbi_load_from_memory(file, (int)size, &w, &h, &channels, want);
		free(file);
		if (!pixels) {
			snprintf(why, why_size, "picture cannot be decoded (%s)",
				 stbi_failure_reason());
			return -1;
		}
	}
	out->source_width = (unsigned)w;
	out->source_height = (unsigned)h;
	int rc = encode_fitted(pixels, w, h, want, IMAGE_MAX_SIDE, &out->qoi, &out->qoi_size,
			       &out->width, &out->height, why, why_size);
	if (rc == 0 && (w > IMAGE_THUMB_SIDE || h > IMAGE_THUMB_SIDE))
		rc = encode_fitted(pixels, w, h, want, IMAGE_THUMB_SIDE, &out->thumb_qoi,
				   &out->thumb_size, &out->thumb_width, &out->thumb_height, why,
				   why_size);
	if (webp)
		WebPFree(pixels);
	else
		stbi_image_free(pixels);
	if (rc) {
		free(out->qoi);
		free(out->thumb_qoi);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}

int image_convert(const char *path, struct image_result *out, char *why, size_t why_size)
{
	return image_convert_cached(path, NULL, out, why, why_size);
}

/* A converted picture in the cache: the sizes, then the two QOI files. */
static void encode_result(const struct image_result *r, struct wire_buf *b)
{
	wire_buf_u32(b, r->width);
	wire_buf_u32(b, r->height);
	wire_buf_u32(b, r->source_width);
	wire_buf_u32(b, r->source_height);
	wire_buf_u32(b, r->thumb_width);
	wire_buf_u32(b, r->thumb_height);
	wire_buf_u32(b, (uint32_t)r->qoi_size);
	wire_buf_append(b, r->qoi, r->qoi_size);
	wire_buf_u32(b, (uint32_t)r->thumb_size);
	wire_buf_append(b, r->thumb_qoi, r->thumb_size);
}

static uint8_t *copy_out(struct wire_cursor *c, size_t *size)
{
	uint32_t n = wire_read_u32(c);
	uint8_t *d = NULL;
	if (c->failed || n > c->len - c->pos) {
		wire_fail(c, "short");
		return NULL;
	}
	if (n && (d = malloc(n)))
		memcpy(d, c->data + c->pos, n);
	else if (n)
		wire_fail(c, "out of memory");
	c->pos += n;
	*size = n;
	return d;
}

static bool decode_result(const uint8_t *data, size_t size, struct image_result *r)
{
	struct wire_cursor c;
	wire_cursor_init(&c, data, size);
	r->width = wire_read_u32(&c);
	r->height = wire_read_u32(&c);
	r->source_width = wire_read_u32(&c);
	r->source_height = wire_read_u32(&c);
	r->thumb_width = wire_read_u32(&c);
	r->thumb_height = wire_read_u32(&c);
	r->qoi = copy_out(&c, &r->qoi_size);
	r->thumb_qoi = copy_out(&c, &r->thumb_size);
	if (c.failed || c.pos != size || !r->qoi) {
		free(r->qoi);
		free(r->thumb_qoi);
		memset(r, 0, sizeof(*r));
		return false;
	}
	return true;
}

int image_convert_cached(const char *path, struct cache *cache, struct image_result *out, char *why,
			 size_t why_size)
{
	uint8_t *file, *item, key[CACHE_KEY_SIZE];
	size_t size, item_size;
	struct cache_key_state k;
	memset(out, 0, sizeof(*out));
	if (readfile_load(path, IMAGE_MAX_SOURCE_BYTES, &file, &size, why, why_size) < 0)
		return -1;
	/* what the result depends on: the bytes and the sizes they are scaled to */
	cache_key_begin(&k, "image", IMAGE_CACHE_VERSION);
	cache_key_add(&k, &(uint32_t[]){ IMAGE_MAX_SIDE, IMAGE_THUMB_SIDE }, 8);
	cache_key_add(&k, file, size);
	cache_key_end(&k, key);
	if (cache_get(cache, key, &item, &item_size) == 0) {
		bool ok = decode_result(item, item_size, out);
		free(item);
		if (ok) {
			free(file);
			return 0;
		}
	}
	if (convert_bytes(file, size, out, why, why_size) != 0)
		return -1;
	if (cache) {
		struct wire_buf b = { 0 };
		encode_result(out, &b);
		if (!b.failed)
			cache_put(cache, key, b.data, b.len);
		wire_buf_release(&b);
	}
	return 0;
}
