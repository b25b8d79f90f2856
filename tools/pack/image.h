/* image: decodes an editor's PNG or JPEG, scales it to fit the largest supported
 * screen and re-encodes it as QOI, which the kiosk decodes several times faster
 * than PNG on a Pi. */
#ifndef FOYER_PACK_IMAGE_H
#define FOYER_PACK_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAX_SOURCE_BYTES (64u << 20) /* bytes in one source file */
#define IMAGE_MAX_SOURCE_SIDE 12000        /* pixels; larger is refused before decoding */
#define IMAGE_MAX_SIDE 1920                /* stored pictures fit in 1920x1920 */
#define IMAGE_THUMB_SIDE 1280              /* "thumb/NAME" copies fit in 1280x1280 */

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

/* Converts the file at path.  Returns 0, or -1 with a sentence in why. */
int image_convert(const char *path, struct image_result *out, char *why, size_t why_size);

#endif
