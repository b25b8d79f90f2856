/* Replays fuzz corpora without libFuzzer: every file named on the command line, or
 * found in a folder named there, is fed once to LLVMFuzzerTestOneInput.  Prints one
 * "ok"/"not ok" line per folder for tests/run-checks; a crash fails the run. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
	size_t got = buf ? fread(buf, 1, (size_t)(n > 0 ? n : 0), f) : 0;
	fclose(f);
	if (!buf)
		return -1;
	LLVMFuzzerTestOneInput(buf, got);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			printf("not ok %s: missing\n", argv[i]);
			failed = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			printf("%s %s\n", run_file(argv[i]) == 0 ? "ok" : "not ok", argv[i]);
			continue;
		}
		struct dirent **list;
		int n = scandir(argv[i], &list, NULL, alphasort);
		size_t count = 0;
		for (int k = 0; k < n; k++) {
			if (list[k]->d_name[0] != '.') {
				char path[4096];
				snprintf(path, sizeof(path), "%s/%s", argv[i], list[k]->d_name);
				if (run_file(path) == 0)
					count++;
			}
			free(list[k]);
		}
		free(n >= 0 ? list : NULL);
		if (count == 0) {
			printf("not ok %s: empty corpus\n", argv[i]);
			failed = 1;
		} else {
			printf("ok %s (%zu inputs)\n", argv[i], count);
		}
	}
	return failed;
}
