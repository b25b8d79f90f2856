/* libFuzzer harness for foyer.conf parsing: any bytes in, a usable config out.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -Isrc tests/fuzz-config.c \
 *     src/config.c src/schedule.c src/logger.c src/rotation.c -linih -o fuzz-config
 *   ./fuzz-config -max_len=4096 tests/corpus/config
 *
 * Beyond "no crash" it checks what the kiosk relies on: every value in range and
 * every message naming the file.  `make fuzz` builds it with libFuzzer; `make check`
 * links it with a replay main and feeds it tests/corpus/fuzz/fuzz-config/.  Built
 * alone with -DFUZZ_REPLAY_MAIN it replays the files named as arguments.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_message(void *user, enum log_level level, const char *message)
{
	(void)user;
	if (level > LOG_LEVEL_DEBUG || strncmp(message, "fuzz.conf:", 10) != 0)
		abort();
}

static void check_config(const struct config *cfg)
{
	size_t site_len = strnlen(cfg->site, sizeof(cfg->site));

	if (site_len > CONFIG_SITE_MAX)
		abort();
	for (size_t i = 0; i < site_len; i++) {
		char c = cfg->site[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			abort();
	}
	if (cfg->language != CONFIG_LANGUAGE_DE && cfg->language != CONFIG_LANGUAGE_EN)
		abort();
	if (cfg->idle_timeout_s < CONFIG_IDLE_MIN || cfg->idle_timeout_s > CONFIG_IDLE_MAX)
		abort();
	if (cfg->attract_timeout_s <= cfg->idle_timeout_s)
		abort();
	if (!rotation_is_valid((int)cfg->rotation))
		abort();
	if (cfg->log_level > LOG_LEVEL_DEBUG)
		abort();
	for (int d = 0; d < 7; d++) {
		const struct schedule_day *day = &cfg->hours.day[d];
		unsigned prev_close = 0;

		if (day->count > SCHEDULE_MAX_INTERVALS)
			abort();
		for (unsigned i = 0; i < day->count; i++) {
			const struct schedule_interval *iv = &day->interval[i];

			if (iv->open_min >= iv->close_min || iv->close_min > 24 * 60 ||
			    (i > 0 && iv->open_min < prev_close))
				abort();
			prev_close = iv->close_min;
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logger log = { check_message, NULL };
	struct config cfg;
	int problems;

	config_init_defaults(&cfg);
	problems = config_load_buffer(&cfg, "fuzz.conf", (const char *)data, size, &log);
	if (problems < 0)
		abort();
	check_config(&cfg);
	return 0;
}

#ifdef FUZZ_REPLAY_MAIN
int main(int argc, char **argv)
{
	static uint8_t buf[CONFIG_MAX_FILE_SIZE];

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	printf("replayed %d inputs\n", argc - 1);
	return 0;
}
#endif
