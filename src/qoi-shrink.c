/* qoi-shrink: QOI decoding straight to display size; see qoi-shrink.h. */
#include "qoi-shrink.h"

#include <stdlib.h>
#include <string.h>

struct qoi_crop qoi_crop(int src_w, int src_h, int w, int h, bool cover)
{
	struct qoi_crop crop = { 0, 0, src_w, src_h };

	if (cover) {
		if ((int64_t)src_w * h > (int64_t)src_h * w) {
			crop.w = (int)((int64_t)src_h * w / h);
			crop.x = (src_w - crop.w) / 2;
		} else {
			crop.h = (int)((int64_t)src_w * h / w);
			crop.y = (src_h - crop.h) / 2;
		}
		if (crop.w < 1)
			crop.w = 1;
		if (crop.h < 1)
			crop.h = 1;
	}
	return crop;
}

bool qoi_fits(const void *data, size_t size, int w, int h, bool cover)
{
	int src_w, src_h;
	struct qoi_crop crop;

	if (w <= 0 || h <= 0 || !qoi_size(data, size, &src_w, &src_h))
		return false;
	crop = qoi_crop(src_w, src_h, w, h, cover);
	return crop.w >= w && crop.h >= h;
}

struct qoi_reader {
	const uint8_t *p, *end; /* end excludes the 8-byte end marker */
	uint32_t index[64];     /* 0xAARRGGBB */
	uint32_t px;
	unsigned run; /* repeats of px still to come */
	bool bad;     /* the chunks ran past the data */
};

/* Decodes the next n pixels (spec: qoiformat.org) into out.  Runs are filled
 * in one go and may continue into the next row.  Never reads outside [p, end). */
static void qoi_read_row(struct qoi_reader *q, uint32_t *out, int n)
{
	const uint8_t *p = q->p, *end = q->end;
	uint32_t px = q->px;
	int i = 0;

	while (i < n) {
		unsigned b1, r, g, b, a;

		if (q->run > 0) {
			int k = q->run < (unsigned)(n - i) ? (int)q->run : n - i;

			for (int j = 0; j < k; j++)
				out[i + j] = px;
			i += k;
			q->run -= (unsigned)k;
			continue;
		}
		if (p >= end)
			goto out_bad;
		b1 = *p++;
		r = (px >> 16) & 0xff;
		g = (px >> 8) & 0xff;
		b = px & 0xff;
		a = px >> 24;
		if (b1 == 0xfe || b1 == 0xff) {
			unsigned len = b1 == 0xfe ? 3 : 4;

			if ((size_t)(end - p) < len)
				goto out_bad;
			r = p[0];
			g = p[1];
			b = p[2];
			if (len == 4)
				a = p[3];
			p += len;
		} else if ((b1 & 0xc0) == 0x00) {
			px = q->index[b1];
			r = (px >> 16) & 0xff;
			g = (px >> 8) & 0xff;
			b = px & 0xff;
			a = px >> 24;
		} else if ((b1 & 0xc0) == 0x40) {
			r += ((b1 >> 4) & 3) - 2u;
			g += ((b1 >> 2) & 3) - 2u;
			b += (b1 & 3) - 2u;
		} else if ((b1 & 0xc0) == 0x80) {
			unsigned vg, b2;

			if (p >= end)
				goto out_bad;
			b2 = *p++;
			vg = (b1 & 0x3f) - 32u;
			r += vg - 8u + ((b2 >> 4) & 0x0f);
			g += vg;
			b += vg - 8u + (b2 & 0x0f);
		} else {
			/* QOI_OP_RUN: this pixel and (b1 & 0x3f) more */
			q->index[(r * 3 + g * 5 + b * 7 + a * 11) % 64] = px;
			q->run = b1 & 0x3f;
			out[i++] = px;
			continue;
		}
		r &= 0xff;
		g &= 0xff;
		b &= 0xff;
		a &= 0xff;
		px = a << 24 | r << 16 | g << 8 | b;
		q->index[(r * 3 + g * 5 + b * 7 + a * 11) % 64] = px;
		out[i++] = px;
	}
	q->p = p;
	q->px = px;
	return;
out_bad:
	q->bad = true;
	q->p = p;
	q->px = px;
	for (; i < n; i++)
		out[i] = px;
}

/* Channel sums of one target pixel's block when it is too large to pack. */
struct qoi_sum {
	uint32_t a, r, g, b;
};

/* (s + n/2) / n for the mean of n pixels: with recip = ceil(2^32 / n) the
 * product is exact while s * (recip * n - 2^32) < 2^32, which holds for
 * s < 256 n when n < 4096 (larger blocks divide). */
#define QOI_RECIP_MAX 4096u

static inline uint32_t mean(uint32_t s, uint32_t n, uint64_t recip)
{
	s += n / 2;
	return recip ? (uint32_t)((s * recip) >> 32) : s / n;
}

/* The box filter's state for one picture: which source columns fall on each
 * target column, and the running sums of the target row being made. */
struct qoi_box {
	int w;               /* target columns */
	int *first;          /* per target column: its first source column; [w] ends */
	bool pack;           /* sums fit 16-bit halves: packed, else sum */
	uint32_t *packed;    /* per target column: a+g and r+b in 16-bit halves */
	struct qoi_sum *sum; /* per target column, for blocks too large to pack */
	uint64_t *recip;     /* per target column: for recip_rows source rows */
	int recip_rows;
};

static void box_free(struct qoi_box *b)
{
	free(b->first);
	free(b->recip);
	free(b->packed);
	free(b->sum);
}

static bool box_init(struct qoi_box *b, struct qoi_crop crop, int w, int h)
{
	int widest = 0;

	*b = (struct qoi_box){ .w = w };
	b->first = malloc(((size_t)w + 1) * sizeof(*b->first));
	b->recip = malloc((size_t)w * sizeof(*b->recip));
	if (!b->first || !b->recip)
		return false;
	/* source column x lands on target column (x - crop.x) * w / crop.w */
	for (int x = crop.w - 1; x >= 0; x--)
		b->first[(int64_t)x * w / crop.w] = crop.x + x;
	b->first[w] = crop.x + crop.w;
	for (int x = 0; x < w; x++)
		if (b->first[x + 1] - b->first[x] > widest)
			widest = b->first[x + 1] - b->first[x];
	/* 16-bit halves hold the sum of up to 257 channel values; a target row
	 * takes at most crop.h / h + 1 source rows */
	b->pack = (int64_t)widest * (crop.h / h + 1) <= 257;
	if (b->pack)
		b->packed = calloc((size_t)w * 2, sizeof(*b->packed));
	else
		b->sum = calloc((size_t)w, sizeof(*b->sum));
	return b->packed || b->sum;
}

/* Adds one decoded source row to the sums. */
static inline void box_add_row(struct qoi_box *b, const uint32_t *line)
{
	const int *first = b->first;

	if (b->pack) {
		for (int x = 0; x < b->w; x++) {
			uint32_t ag = b->packed[2 * x], rb = b->packed[2 * x + 1];

			for (int k = first[x]; k < first[x + 1]; k++) {
				ag += (line[k] >> 8) & 0x00ff00ffu;
				rb += line[k] & 0x00ff00ffu;
			}
			b->packed[2 * x] = ag;
			b->packed[2 * x + 1] = rb;
		}
		return;
	}
	for (int x = 0; x < b->w; x++) {
		struct qoi_sum *s = &b->sum[x];

		for (int k = first[x]; k < first[x + 1]; k++) {
			s->a += line[k] >> 24;
			s->r += (line[k] >> 16) & 0xff;
			s->g += (line[k] >> 8) & 0xff;
			s->b += line[k] & 0xff;
		}
	}
}

/* Writes the means of the sums of `rows` source rows to out and clears the sums.
 * Returns the AND of the alpha values written (0xff: all opaque). */
static inline uint32_t box_emit_row(struct qoi_box *b, int rows, uint32_t *out)
{
	const int *first = b->first;
	uint32_t opaque = 0xff;

	if (rows != b->recip_rows) {
		for (int x = 0; x < b->w; x++) {
			uint32_t n = (uint32_t)(first[x + 1] - first[x]) * (uint32_t)rows;

			b->recip[x] = n < QOI_RECIP_MAX ? ((1ull << 32) + n - 1) / n : 0;
		}
		b->recip_rows = rows;
	}
	for (int x = 0; x < b->w; x++) {
		uint32_t n = (uint32_t)(first[x + 1] - first[x]) * (uint32_t)rows;
		uint32_t sa, sr, sg, sb, a;

		if (b->pack) {
			sa = b->packed[2 * x] >> 16;
			sg = b->packed[2 * x] & 0xffff;
			sr = b->packed[2 * x + 1] >> 16;
			sb = b->packed[2 * x + 1] & 0xffff;
		} else {
			sa = b->sum[x].a;
			sr = b->sum[x].r;
			sg = b->sum[x].g;
			sb = b->sum[x].b;
		}
		a = mean(sa, n, b->recip[x]);
		opaque &= a;
		out[x] = a << 24 | mean(sr, n, b->recip[x]) << 16 | mean(sg, n, b->recip[x]) << 8 |
			 mean(sb, n, b->recip[x]);
	}
	if (b->pack)
		memset(b->packed, 0, (size_t)b->w * 2 * sizeof(*b->packed));
	else
		memset(b->sum, 0, (size_t)b->w * sizeof(*b->sum));
	return opaque;
}

bool qoi_shrink_into(const void *bytes, size_t size, int w, int h, bool cover, uint32_t *pixels,
		     int pitch, bool *alpha)
{
	const uint8_t *data = bytes;
	struct qoi_reader q = { 0 };
	struct qoi_crop crop;
	struct qoi_box box;
	int src_w, src_h, out_y = 0, rows = 0, crop_end;
	uint32_t *line = NULL; /* one decoded source row */
	uint32_t opaque = 0xff;
	bool ok = false;

	if (!qoi_fits(data, size, w, h, cover))
		return false; /* not QOI, broken header, or growing: bilinear does that */
	qoi_size(data, size, &src_w, &src_h);
	crop = qoi_crop(src_w, src_h, w, h, cover);
	line = malloc((size_t)src_w * sizeof(*line));
	if (!box_init(&box, crop, w, h) || !line)
		goto out_free;
	q.p = data + QOI_HEADER;
	q.end = data + size - QOI_PADDING;
	q.px = 0xff000000u;
	/* the rows below the crop are not needed: stop there */
	crop_end = crop.y + crop.h;
	for (int y = 0; y < crop_end && !q.bad; y++) {
		int row;

		qoi_read_row(&q, line, src_w);
		if (y < crop.y)
			continue;
		row = (int)((int64_t)(y - crop.y) * h / crop.h);
		box_add_row(&box, line);
		rows++;
		/* the last source row of this target row: write it out */
		if (y + 1 == crop_end || (int)((int64_t)(y + 1 - crop.y) * h / crop.h) != row) {
			opaque &= box_emit_row(
			    &box, rows,
			    (uint32_t *)((uint8_t *)pixels + (size_t)row * (size_t)pitch));
			out_y = row + 1;
			rows = 0;
		}
	}
	ok = !q.bad && out_y == h;
	if (ok && alpha)
		*alpha = opaque != 0xff;
out_free:
	free(line);
	box_free(&box);
	return ok;
}
