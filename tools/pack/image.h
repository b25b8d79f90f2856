/* image: decodes an editor's PNG, JPEG or WebP, scales it to fit the largest supported
 * screen and re-encodes it as QOI, which the kiosk decodes several times faster
 * than PNG on a Pi. */
#ifndef FOYER_PACK_IMAGE_H
#define FOYER_PACK_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAX_SOURCE_BYTES (64u << 20) /* bytes in one source file */
/* Refused before decoding, by what decoding costs rather than by side length: a
 * 61-megapixel camera photo is fine, a 1 MB PNG of 12000x12000 16-bit pixels
 * (2.3 GB to decode) is not. */
#define IMAGE_MAX_PIXELS (64u * 1000 * 1000)
#define IMAGE_MAX_DECODE_BYTES (640u << 20)
#define IMAGE_MAX_SIDE 1920   /* stored pictures fit in 1920x1920 */
#define IMAGE_THUMB_SIDE 1280 /* "thumb/NAME" copies fit in 1280x1280 */

struct image_result {
	uint8_t *qoi; /* malloc'd QOI bytes; caller frees */
	size_t qoi_size;
	unsigned width, height; /* stored size */
	unsigned source_width, source_height;
	/* A smaller copy for tiles and narrow columns, which the kiosk decodes instead
	 * when it is large enough (a 1280x720 QOI decodes in under half the time of a
	 * 1920x1080 one).  NULL when the picture is no larger than IMAGE_THUMB_SIDE. */
	uint8_t *thumb_qoi; /* malloc'd; caller frees */
	size_t thumb_size;
	unsigned thumb_width, thumb_height;
};

/* Checks a picture's file name in images/: a-z, 0-9 and - with .png, .jpg, .jpeg
 * or .webp (in any case, as cameras write .JPG).  Returns 0 and the name without
 * its extension in stem (stem_size bytes), or -1 with a sentence in why that says
 * what to do: how to rename it, or what to save a GIF, SVG or HEIC as. */
int image_check_name(const char *file, char *stem, size_t stem_size, char *why, size_t why_size);

/* True when a page's reference names this file: the same name, the extension in
 * any case ("bild.JPG" is found as "bild.jpg"). */
int image_name_matches(const char *file, const char *ref);

/* Converts the file at path.  Returns 0, or -1 with a sentence in why. */
int image_convert(const char *path, struct image_result *out, char *why, size_t why_size);
/* The same through cache c (may be NULL): a picture converted before, byte for
 * byte the same file, is read from it instead. */
struct cache;
int image_convert_cached(const char *path, struct cache *c, struct image_result *out, char *why,
			 size_t why_size);

#endif
