#include "bundle/wire.h"

#include <stdlib.h>
#include <string.h>

void wire_buf_release(struct wire_buf *b)
{
	free(b->data);
	*b = (struct wire_buf){ 0 };
}

uint8_t *wire_buf_grow(struct wire_buf *b, size_t n)
{
	if (b->failed)
		return NULL;
	if (n > SIZE_MAX / 2 - b->len) {
		b->failed = true;
		return NULL;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n)
			cap *= 2;
		uint8_t *p = realloc(b->data, cap);
		if (!p) {
			b->failed = true;
			return NULL;
		}
		b->data = p;
		b->cap = cap;
	}
	uint8_t *at = b->data + b->len;
	b->len += n;
	return at;
}

void wire_buf_append(struct wire_buf *b, const void *data, size_t n)
{
	uint8_t *p = wire_buf_grow(b, n);
	if (p && n)
		memcpy(p, data, n);
}

void wire_buf_u8(struct wire_buf *b, uint8_t v)
{
	uint8_t *p = wire_buf_grow(b, 1);
	if (p)
		*p = v;
}

void wire_buf_u16(struct wire_buf *b, uint16_t v)
{
	uint8_t *p = wire_buf_grow(b, 2);
	if (p)
		wire_put_u16(p, v);
}

void wire_buf_u32(struct wire_buf *b, uint32_t v)
{
	uint8_t *p = wire_buf_grow(b, 4);
	if (p)
		wire_put_u32(p, v);
}

void wire_buf_u64(struct wire_buf *b, uint64_t v)
{
	uint8_t *p = wire_buf_grow(b, 8);
	if (p)
		wire_put_u64(p, v);
}

void wire_buf_str(struct wire_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n > UINT32_MAX) {
		b->failed = true;
		return;
	}
	wire_buf_u32(b, (uint32_t)n);
	wire_buf_append(b, s, n);
	wire_buf_u8(b, 0);
}

void wire_cursor_init(struct wire_cursor *c, const void *data, size_t len)
{
	*c = (struct wire_cursor){ .data = data, .len = len };
}

void wire_fail(struct wire_cursor *c, const char *why)
{
	if (!c->failed) {
		c->failed = true;
		c->why = why;
	}
}

static const uint8_t *take(struct wire_cursor *c, size_t n)
{
	if (c->failed)
		return NULL;
	if (n > c->len - c->pos) {
		wire_fail(c, "record runs past the end of its entry");
		return NULL;
	}
	const uint8_t *p = c->data + c->pos;
	c->pos += n;
	return p;
}

uint8_t wire_read_u8(struct wire_cursor *c)
{
	const uint8_t *p = take(c, 1);
	return p ? *p : 0;
}

uint16_t wire_read_u16(struct wire_cursor *c)
{
	const uint8_t *p = take(c, 2);
	return p ? wire_get_u16(p) : 0;
}

uint32_t wire_read_u32(struct wire_cursor *c)
{
	const uint8_t *p = take(c, 4);
	return p ? wire_get_u32(p) : 0;
}

const char *wire_read_str(struct wire_cursor *c, size_t max_len)
{
	uint32_t n = wire_read_u32(c);
	if (c->failed)
		return NULL;
	if (n > max_len) {
		wire_fail(c, "string longer than the format allows");
		return NULL;
	}
	const uint8_t *p = take(c, (size_t)n + 1);
	if (!p)
		return NULL;
	if (p[n] != 0 || memchr(p, 0, n)) {
		wire_fail(c, "string is not NUL-terminated or contains NUL");
		return NULL;
	}
	if (!wire_utf8_valid((const char *)p, n)) {
		wire_fail(c, "string is not valid UTF-8");
		return NULL;
	}
	return (const char *)p;
}

size_t wire_utf8_valid_prefix(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (n > len - i - 1)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		static const uint32_t min_for_len[4] = { 0, 0x80, 0x800, 0x10000 };
		if (cp < min_for_len[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += n + 1;
	}
	return len;
}

bool wire_utf8_valid(const char *str, size_t len)
{
	return wire_utf8_valid_prefix(str, len) == len;
}

size_t wire_utf8_decode(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		*cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0) {
		*cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		return 3;
	}
	*cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	      (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return 4;
}
