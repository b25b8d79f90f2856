/* wire: little-endian byte helpers, a growable output buffer and a bounds-checked
 * input cursor.  Every multi-byte number in a bundle goes through these, never
 * through a cast or a struct copy, so the format is the same on every host. */
#ifndef FOYER_BUNDLE_WIRE_H
#define FOYER_BUNDLE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline uint16_t wire_get_u16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t wire_get_u32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t wire_get_u64(const uint8_t *p)
{
	return (uint64_t)wire_get_u32(p) | (uint64_t)wire_get_u32(p + 4) << 32;
}

static inline void wire_put_u16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void wire_put_u32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void wire_put_u64(uint8_t *p, uint64_t v)
{
	wire_put_u32(p, (uint32_t)v);
	wire_put_u32(p + 4, (uint32_t)(v >> 32));
}

/* Growable output buffer.  Appends never fail visibly: an allocation failure sets
 * `failed`, later appends do nothing, and the owner checks `failed` once at the end. */
struct wire_buf {
	uint8_t *data; /* owned; free with wire_buf_release() */
	size_t len;
	size_t cap;
	bool failed; /* set on allocation failure or overflow; contents are then junk */
};

void wire_buf_release(struct wire_buf *b);
/* Reserves n bytes at the end and returns them, or NULL (and sets failed). */
uint8_t *wire_buf_grow(struct wire_buf *b, size_t n);
void wire_buf_append(struct wire_buf *b, const void *data, size_t n);
void wire_buf_u8(struct wire_buf *b, uint8_t v);
void wire_buf_u16(struct wire_buf *b, uint16_t v);
void wire_buf_u32(struct wire_buf *b, uint32_t v);
void wire_buf_u64(struct wire_buf *b, uint64_t v);
/* A string on the wire: u32 length, the bytes, one NUL (not counted in length).
 * NULL is written as the empty string. */
void wire_buf_str(struct wire_buf *b, const char *s);

/* Input cursor over untrusted bytes.  A read past the end sets `failed` and
 * returns zeros / NULL; callers check `failed` (or use the return) once per record. */
struct wire_cursor {
	const uint8_t *data; /* borrowed */
	size_t len;
	size_t pos;
	bool failed;
	const char *why; /* static text saying what was wrong when failed */
};

void wire_cursor_init(struct wire_cursor *c, const void *data, size_t len);
uint8_t wire_read_u8(struct wire_cursor *c);
uint16_t wire_read_u16(struct wire_cursor *c);
uint32_t wire_read_u32(struct wire_cursor *c);
/* Reads a wire string of at most max_len bytes that is valid UTF-8 without NULs.
 * The result points into the cursor's data (NUL-terminated there) and lives as long
 * as that data; NULL on failure. */
const char *wire_read_str(struct wire_cursor *c, size_t max_len);
void wire_fail(struct wire_cursor *c, const char *why);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool wire_utf8_valid(const char *s, size_t len);
/* Length of the longest well-formed prefix of s[0..len): where the first bad byte
 * sequence starts, or len. */
size_t wire_utf8_valid_prefix(const char *s, size_t len);

/* Decodes the code point at s (which must be well-formed UTF-8, as checked by
 * wire_utf8_valid()) into *cp; returns its length in bytes. */
size_t wire_utf8_decode(const char *s, uint32_t *cp);

#endif
