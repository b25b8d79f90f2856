#include "pack/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>

int qr_make(struct arena *a, const char *url, struct page_qr *out, char *why, size_t why_size)
{
	QRcode *code = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	uint8_t *bits;
	unsigned side;

	if (!code) {
		snprintf(why, why_size, "no QR code for '%s': %s", url, strerror(errno));
		return -1;
	}
	side = (unsigned)code->width;
	if (side < 21 || side > PAGE_QR_MAX_SIDE) {
		snprintf(why, why_size, "'%s' is too long for a QR code", url);
		QRcode_free(code);
		return -1;
	}
	bits = arena_alloc(a, (side * side + 7) / 8);
	/* libqrencode: one byte a module, bit 0 set when dark */
	for (size_t i = 0; i < (size_t)side * side; i++)
		if (code->data[i] & 1)
			bits[i / 8] |= (uint8_t)(0x80 >> (i % 8));
	*out = (struct page_qr){ arena_strdup(a, url), side, bits };
	QRcode_free(code);
	return 0;
}

static int add(struct arena *a, struct page_qr *qrs, size_t *n, const char *url, char *why,
	       size_t why_size)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(qrs[i].url, url) == 0)
			return 0;
	if (*n == PAGE_MAX_QR) {
		snprintf(why, why_size, "more than %d web addresses on one page", PAGE_MAX_QR);
		return -1;
	}
	if (qr_make(a, url, &qrs[*n], why, why_size) != 0)
		return -1;
	(*n)++;
	return 0;
}

int qr_add_to_page(struct arena *a, struct page *p, char *why, size_t why_size)
{
	struct page_qr *qrs = arena_alloc(a, PAGE_MAX_QR * sizeof(*qrs));
	size_t n = 0;

	if (p->url && *p->url && add(a, qrs, &n, p->url, why, why_size) != 0)
		return -1;
	for (size_t b = 0; b < p->block_count; b++)
		for (size_t s = 0; s < p->blocks[b].span_count; s++) {
			const struct page_span *sp = &p->blocks[b].spans[s];

			if ((sp->style & SPAN_LINK_EXTERNAL) && sp->target && *sp->target &&
			    add(a, qrs, &n, sp->target, why, why_size) != 0)
				return -1;
		}
	p->qrs = qrs;
	p->qr_count = n;
	return 0;
}
