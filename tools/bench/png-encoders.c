/* png-encoders: which PNG encoder writes foyer's screenshots fastest without
 * changing a pixel.  Reads a PNG (a foyer screenshot), encodes its RGBA pixels
 * with each candidate into memory, decodes every result with libpng and
 * compares the pixels with the input, and prints the median time of RUNS
 * encodings and the size of each.
 *
 *   png-encoders IN.png [RUNS [ONLY]]
 *
 * ONLY (1-based) runs one candidate, e.g. under valgrind --tool=callgrind
 * --toggle-collect=encode for its instruction count.
 * Candidates: libpng (zlib level 1, its default adaptive filters: what
 * snapshot.c did before), libpng with one fixed filter, libspng (zlib level 1,
 * adaptive and fixed filters), and libdeflate level 1 (rows with filter byte 0,
 * one zlib stream, chunks framed by libpng's png_write_chunk). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libdeflate.h>
#include <png.h>
#include <spng.h>

#define MAX_RUNS 101

struct image {
	uint8_t *rgba;
	int w, h;
};

struct buffer {
	uint8_t *data;
	size_t size, cap;
};

static void buffer_add(struct buffer *b, const void *data, size_t n)
{
	if (b->size + n > b->cap) {
		b->cap = (b->size + n) * 2;
		b->data = realloc(b->data, b->cap);
		if (!b->data) {
			perror("png-encoders");
			exit(2);
		}
	}
	memcpy(b->data + b->size, data, n);
	b->size += n;
}

static void write_to_buffer(png_structp png, png_bytep data, size_t n)
{
	buffer_add(png_get_io_ptr(png), data, n);
}

static void flush_nothing(png_structp png)
{
	(void)png;
}

static int read_rgba(const uint8_t *data, size_t size, struct image *img)
{
	png_image pi;

	memset(&pi, 0, sizeof(pi));
	pi.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&pi, data, size))
		return -1;
	pi.format = PNG_FORMAT_RGBA;
	img->rgba = malloc(PNG_IMAGE_SIZE(pi));
	if (!img->rgba || !png_image_finish_read(&pi, NULL, img->rgba, 0, NULL))
		return -1;
	img->w = (int)pi.width;
	img->h = (int)pi.height;
	return 0;
}

/* filters: PNG_ALL_FILTERS (libpng's choice per row) or one PNG_FILTER_* bit */
static int encode_libpng(const struct image *img, struct buffer *out, int filters)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_write_fn(png, out, write_to_buffer, flush_nothing);
	png_set_compression_level(png, 1);
	png_set_filter(png, 0, filters);
	png_set_IHDR(png, info, (png_uint_32)img->w, (png_uint_32)img->h, 8,
		     PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < img->h; y++)
		png_write_row(png, img->rgba + (size_t)y * (size_t)img->w * 4);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return 0;
}

static int encode_spng(const struct image *img, struct buffer *out, int filter_choice, int strategy)
{
	spng_ctx *ctx = spng_ctx_new(SPNG_CTX_ENCODER);
	struct spng_ihdr ihdr = {
		(uint32_t)img->w, (uint32_t)img->h, 8, SPNG_COLOR_TYPE_TRUECOLOR_ALPHA, 0, 0, 0
	};
	size_t size = (size_t)img->w * (size_t)img->h * 4, got = 0;
	int err = 0;
	void *png;

	spng_set_option(ctx, SPNG_ENCODE_TO_BUFFER, 1);
	spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, 1);
	spng_set_option(ctx, SPNG_FILTER_CHOICE, filter_choice);
	if (strategy >= 0)
		spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, strategy);
	spng_set_ihdr(ctx, &ihdr);
	if (spng_encode_image(ctx, img->rgba, size, SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE))
		return -1;
	png = spng_get_png_buffer(ctx, &got, &err);
	if (!png)
		return -1;
	buffer_add(out, png, got);
	free(png);
	spng_ctx_free(ctx);
	return 0;
}

static int encode_libdeflate(const struct image *img, struct buffer *out)
{
	size_t row = (size_t)img->w * 4, raw_size = (row + 1) * (size_t)img->h, bound, n;
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);
	uint8_t *raw = malloc(raw_size), *z;
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);

	for (int y = 0; y < img->h; y++) {
		raw[(size_t)y * (row + 1)] = 0; /* filter type None */
		memcpy(raw + (size_t)y * (row + 1) + 1, img->rgba + (size_t)y * row, row);
	}
	bound = libdeflate_zlib_compress_bound(c, raw_size);
	z = malloc(bound);
	n = libdeflate_zlib_compress(c, raw, raw_size, z, bound);
	if (setjmp(png_jmpbuf(png)) || n == 0)
		return -1;
	png_set_write_fn(png, out, write_to_buffer, flush_nothing);
	png_set_IHDR(png, info, (png_uint_32)img->w, (png_uint_32)img->h, 8,
		     PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	png_write_chunk(png, (png_const_bytep) "IDAT", z, n);
	png_write_chunk(png, (png_const_bytep) "IEND", NULL, 0);
	png_destroy_write_struct(&png, &info);
	libdeflate_free_compressor(c);
	free(raw);
	free(z);
	return 0;
}

enum encoder_kind { LIBPNG, SPNG, LIBDEFLATE };

struct encoder {
	const char *name;
	enum encoder_kind kind;
	int filters;
	int strategy; /* zlib's, for libspng; -1: libspng's default */
};

static const struct encoder encoders[] = {
	{ "libpng  level 1, adaptive filters", LIBPNG, PNG_ALL_FILTERS, -1 },
	{ "libpng  level 1, filter none", LIBPNG, PNG_FILTER_NONE, -1 },
	{ "libpng  level 1, filter sub", LIBPNG, PNG_FILTER_SUB, -1 },
	{ "libpng  level 1, filter up", LIBPNG, PNG_FILTER_UP, -1 },
	{ "libspng level 1, adaptive filters", SPNG, SPNG_FILTER_CHOICE_ALL, -1 },
	{ "libspng level 1, filter none", SPNG, SPNG_DISABLE_FILTERING, -1 },
	{ "libspng level 1, filter sub", SPNG, SPNG_FILTER_CHOICE_SUB, -1 },
	{ "libspng level 1, filter up", SPNG, SPNG_FILTER_CHOICE_UP, -1 },
	{ "libspng level 1, filter sub, RLE", SPNG, SPNG_FILTER_CHOICE_SUB, 3 },
	{ "libspng level 1, filter up, RLE", SPNG, SPNG_FILTER_CHOICE_UP, 3 },
	{ "libspng level 1, filter none, default", SPNG, SPNG_DISABLE_FILTERING, 0 },
	{ "libdeflate level 1, filter none", LIBDEFLATE, 0, -1 },
};

/* not inlined: callgrind's --toggle-collect=encode counts exactly this */
__attribute__((noinline)) static int encode(const struct encoder *e, const struct image *img,
					    struct buffer *out)
{
	out->size = 0;
	switch (e->kind) {
	case LIBPNG:
		return encode_libpng(img, out, e->filters);
	case SPNG:
		return encode_spng(img, out, e->filters, e->strategy);
	case LIBDEFLATE:
		return encode_libdeflate(img, out);
	}
	return -1;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct image in, back;
	struct buffer file = { 0 }, out = { 0 };
	int runs = argc > 2 ? atoi(argv[2]) : 11, only = argc > 3 ? atoi(argv[3]) : 0;
	FILE *f;
	uint8_t chunk[65536];
	size_t n;

	if (argc < 2 || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: png-encoders IN.png [RUNS (1..%d) [ONLY]]\n", MAX_RUNS);
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buffer_add(&file, chunk, n);
	fclose(f);
	if (read_rgba(file.data, file.size, &in) != 0) {
		fprintf(stderr, "png-encoders: %s: not a PNG libpng reads\n", argv[1]);
		return 2;
	}
	printf("%s: %dx%d RGBA, median of %d encodings into memory\n", argv[1], in.w, in.h, runs);
	for (size_t i = 0; i < sizeof(encoders) / sizeof(encoders[0]); i++) {
		double ms[MAX_RUNS];
		bool same;

		if (only && (size_t)only != i + 1)
			continue;
		for (int r = 0; r < runs; r++) {
			double t0 = now_ms();

			if (encode(&encoders[i], &in, &out) != 0) {
				fprintf(stderr, "png-encoders: %s failed\n", encoders[i].name);
				return 1;
			}
			ms[r] = now_ms() - t0;
		}
		qsort(ms, (size_t)runs, sizeof(ms[0]), cmp_double);
		same = read_rgba(out.data, out.size, &back) == 0 && back.w == in.w &&
		       back.h == in.h &&
		       memcmp(back.rgba, in.rgba, (size_t)in.w * (size_t)in.h * 4) == 0;
		free(back.rgba);
		printf("  %-36s %7.2f ms %9zu bytes  %s\n", encoders[i].name, ms[runs / 2],
		       out.size, same ? "pixels identical" : "PIXELS DIFFER");
	}
	free(in.rgba);
	free(file.data);
	free(out.data);
	return 0;
}
