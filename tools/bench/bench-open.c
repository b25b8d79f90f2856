/* Opening cost against bundle size: writes a 1 MB and a 1 GB bundle (once, into the
 * folder given) and times bundle_open + bundle_find + bundle_close on each, median of
 * 201 runs.  The reader maps the file and checks only the index, so both should cost
 * the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bundle/bundle-writer.h"
#include "bundle/bundle.h"

#define RUNS 201

static int make_bundle(const char *path, size_t entries, size_t entry_size)
{
	struct stat st;
	if (stat(path, &st) == 0)
		return 0;
	struct bundle_writer *w = bundle_writer_new();
	uint8_t *data = malloc(entry_size);
	if (!w || !data)
		return -1;
	for (size_t i = 0; i < entry_size; i++)
		data[i] = (uint8_t)(i * 2654435761u >> 13);
	struct bundle_diag diag;
	for (size_t i = 0; i < entries; i++) {
		char name[64];
		snprintf(name, sizeof(name), "image/picture-%06zu", i);
		data[0] = (uint8_t)i;
		if (bundle_writer_add(w, BUNDLE_IMAGE, name, data, entry_size, 0, &diag))
			return -1;
	}
	int rc = bundle_writer_to_file(w, path, &diag);
	bundle_writer_free(w);
	free(data);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median_open_us(const char *path)
{
	static double t[RUNS];
	for (int i = 0; i < RUNS; i++) {
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		struct bundle *bun;
		struct bundle_diag diag;
		if (bundle_open(path, &bun, &diag)) {
			fprintf(stderr, "bench-open: %s: %s\n", path, diag.message);
			exit(1);
		}
		if (!bundle_find(bun, "image/picture-000100"))
			exit(1);
		bundle_close(bun);
		clock_gettime(CLOCK_MONOTONIC, &b);
		t[i] = (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) / 1e3;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	return t[RUNS / 2];
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	char small[512], large[512];
	snprintf(small, sizeof(small), "%s/open-1mb.fpk", dir);
	snprintf(large, sizeof(large), "%s/open-1gb.fpk", dir);
	/* Same entry count, so only the data size differs. */
	if (make_bundle(small, 1024, 1024) || make_bundle(large, 1024, 1024 * 1024)) {
		fprintf(stderr, "bench-open: cannot write the test bundles in %s\n", dir);
		return 1;
	}
	double s = median_open_us(small), l = median_open_us(large);
	printf("  1 MB bundle: %8.1f us\n  1 GB bundle: %8.1f us  (ratio %.2f)\n", s, l, l / s);
	return 0;
}
