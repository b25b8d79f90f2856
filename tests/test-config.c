/* foyer.conf loading: the corpus of bad files in tests/corpus/config, each checked
 * for its message and its fallback, plus the cases a corpus file cannot express. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "config.h"

#ifndef FOYER_SOURCE_DIR
#define FOYER_SOURCE_DIR "."
#endif
#define CORPUS_DIR FOYER_SOURCE_DIR "/tests/corpus/config"

#define MAX_MESSAGES 64

struct log_capture {
	char message[MAX_MESSAGES][LOGGER_MAX_MESSAGE];
	enum log_level level[MAX_MESSAGES];
	int count;
};

static void capture(void *user, enum log_level level, const char *message)
{
	struct log_capture *c = user;

	if (c->count < MAX_MESSAGES) {
		snprintf(c->message[c->count], sizeof(c->message[0]), "%s", message);
		c->level[c->count] = level;
	}
	c->count++;
}

static bool captured(const struct log_capture *c, const char *text)
{
	for (int i = 0; i < c->count && i < MAX_MESSAGES; i++)
		if (strstr(c->message[i], text))
			return true;
	return false;
}

static void dump(const struct log_capture *c)
{
	for (int i = 0; i < c->count && i < MAX_MESSAGES; i++)
		print_message("    logged: %s\n", c->message[i]);
}

static void test_defaults(void **state)
{
	struct config cfg;

	(void)state;
	config_init_defaults(&cfg);
	assert_string_equal(cfg.site, "");
	assert_int_equal(cfg.language, CONFIG_LANGUAGE_DE);
	assert_int_equal(cfg.idle_timeout_s, 90);
	assert_int_equal(cfg.attract_timeout_s, 300);
	assert_int_equal(cfg.rotation, ROTATION_0);
	assert_int_equal(cfg.log_level, LOG_LEVEL_INFO);
	assert_false(cfg.hours_given);
	for (int d = 0; d < 7; d++) {
		struct tm t = { .tm_wday = d, .tm_hour = 3 };

		assert_true(schedule_is_open(&cfg.hours, &t));
	}
}

static bool open_at(const struct config *cfg, const char *day, const char *hhmm)
{
	struct tm t = { 0 };
	int wday = schedule_day_from_name(day);
	unsigned h = 0, m = 0;

	if (wday < 0 || sscanf(hhmm, "%u:%u", &h, &m) != 2)
		fail_msg("bad expectation 'open %s %s'", day, hhmm);
	t.tm_wday = wday;
	t.tm_hour = (int)h;
	t.tm_min = (int)m;
	return schedule_is_open(&cfg->hours, &t);
}

/* Is the whole date YYYY-MM-DD closed (holiday or closed date)? */
static bool date_closed(const struct config *cfg, const char *date)
{
	int y, m, d;
	bool closure;

	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		fail_msg("bad expectation 'closed-date %s'", date);
	return schedule_date_closed(&cfg->hours, y, m, d, &closure) || closure;
}

/* Checks one expectation line against the loaded config; returns an error or NULL. */
static const char *expectation_failed(const char *line, const struct config *cfg,
				      const struct log_capture *log, int problems)
{
	static char why[640];
	char key[32] = "", value[160] = "", extra[16] = "", answer[8] = "";
	int n = sscanf(line, "%31s %159s %15s %7s", key, value, extra, answer);

	if (n < 1 || key[0] == '#')
		return NULL;
	if (strcmp(key, "log") == 0) {
		const char *text = line + 4;

		if (!captured(log, text)) {
			snprintf(why, sizeof(why), "no message contains '%s'", text);
			return why;
		}
		return NULL;
	}
	if (strcmp(key, "problems") == 0 && problems != atoi(value))
		snprintf(why, sizeof(why), "%d problems, expected %s", problems, value);
	else if (strcmp(key, "problems-min") == 0 && problems < atoi(value))
		snprintf(why, sizeof(why), "%d problems, expected at least %s", problems, value);
	else if (strcmp(key, "site") == 0 && strcmp(cfg->site, value) != 0)
		snprintf(why, sizeof(why), "site '%s', expected '%s'", cfg->site, value);
	else if (strcmp(key, "language") == 0 &&
		 strcmp(config_language_code(cfg->language), value) != 0)
		snprintf(why, sizeof(why), "language %s, expected %s",
			 config_language_code(cfg->language), value);
	else if (strcmp(key, "idle_timeout") == 0 && cfg->idle_timeout_s != (unsigned)atoi(value))
		snprintf(why, sizeof(why), "idle_timeout %u, expected %s", cfg->idle_timeout_s,
			 value);
	else if (strcmp(key, "attract_timeout") == 0 &&
		 cfg->attract_timeout_s != (unsigned)atoi(value))
		snprintf(why, sizeof(why), "attract_timeout %u, expected %s",
			 cfg->attract_timeout_s, value);
	else if (strcmp(key, "rotation") == 0 && (int)cfg->rotation != atoi(value))
		snprintf(why, sizeof(why), "rotation %d, expected %s", (int)cfg->rotation, value);
	else if (strcmp(key, "log_level") == 0 &&
		 strcmp(logger_level_name(cfg->log_level), value) != 0)
		snprintf(why, sizeof(why), "log_level %s, expected %s",
			 logger_level_name(cfg->log_level), value);
	else if (strcmp(key, "open") == 0 &&
		 open_at(cfg, value, extra) != (strcmp(answer, "yes") == 0))
		snprintf(why, sizeof(why), "'%s' does not hold", line);
	else if (strcmp(key, "closed_screen") == 0 &&
		 strcmp(config_closed_screen_name(cfg->closed_screen), value) != 0)
		snprintf(why, sizeof(why), "closed_screen %s, expected %s",
			 config_closed_screen_name(cfg->closed_screen), value);
	else if (strcmp(key, "holidays") == 0 &&
		 (int)cfg->hours.holidays != schedule_holidays_from_name(value))
		snprintf(why, sizeof(why), "holidays %d, expected %s", (int)cfg->hours.holidays,
			 value);
	else if (strcmp(key, "closures") == 0 && cfg->hours.closure_count != (unsigned)atoi(value))
		snprintf(why, sizeof(why), "%u closed dates and ranges, expected %s",
			 cfg->hours.closure_count, value);
	else if (strcmp(key, "closed-date") == 0 &&
		 date_closed(cfg, value) != (strcmp(extra, "yes") == 0))
		snprintf(why, sizeof(why), "'%s' does not hold", line);
	else if (strcmp(key, "panel_mm") == 0 &&
		 (cfg->panel.width_mm != atof(value) || cfg->panel.height_mm != atof(extra)))
		snprintf(why, sizeof(why), "panel %gx%g mm, expected %s", cfg->panel.width_mm,
			 cfg->panel.height_mm, line);
	else if (strcmp(key, "viewing_distance_mm") == 0 && cfg->panel.distance_mm != atof(value))
		snprintf(why, sizeof(why), "viewing distance %g mm, expected %s",
			 cfg->panel.distance_mm, value);
	else if (strcmp(key, "mount_bottom_mm") == 0 && cfg->mount_bottom_mm != atof(value))
		snprintf(why, sizeof(why), "mount height %g mm, expected %s", cfg->mount_bottom_mm,
			 value);
	else if (strcmp(key, "log") && strcmp(key, "problems") && strcmp(key, "problems-min") &&
		 strcmp(key, "site") && strcmp(key, "language") && strcmp(key, "idle_timeout") &&
		 strcmp(key, "attract_timeout") && strcmp(key, "rotation") &&
		 strcmp(key, "log_level") && strcmp(key, "open") && strcmp(key, "panel_mm") &&
		 strcmp(key, "viewing_distance_mm") && strcmp(key, "mount_bottom_mm") &&
		 strcmp(key, "closed_screen") && strcmp(key, "holidays") &&
		 strcmp(key, "closures") && strcmp(key, "closed-date"))
		snprintf(why, sizeof(why), "unknown expectation '%s'", key);
	else
		return NULL;
	return why;
}

static int check_corpus_file(const char *conf_path, const char *expect_path)
{
	struct log_capture *log = calloc(1, sizeof(*log));
	struct logger logger = { capture, log };
	struct config cfg;
	char line[512];
	FILE *expect;
	int problems, failures = 0, lines = 0;

	assert_non_null(log);
	config_init_defaults(&cfg);
	problems = config_load_file(&cfg, conf_path, &logger);
	/* the count returned is the count logged */
	assert_int_equal(problems, log->count);
	expect = fopen(expect_path, "r");
	if (!expect)
		fail_msg("%s: no .expect file beside it", conf_path);
	while (fgets(line, sizeof(line), expect)) {
		const char *why;

		line[strcspn(line, "\n")] = '\0';
		why = expectation_failed(line, &cfg, log, problems);
		lines++;
		if (why) {
			print_error("%s: %s\n", conf_path, why);
			failures++;
		}
	}
	fclose(expect);
	if (lines == 0) {
		print_error("%s: empty .expect\n", expect_path);
		failures++;
	}
	if (failures)
		dump(log);
	/* every message names the file */
	for (int i = 0; i < log->count && i < MAX_MESSAGES; i++)
		if (strncmp(log->message[i], conf_path, strlen(conf_path)) != 0)
			failures++;
	free(log);
	return failures;
}

static void test_corpus(void **state)
{
	DIR *dir = opendir(CORPUS_DIR);
	struct dirent *de;
	int files = 0, failures = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		char conf[1024], expect[1024];
		size_t len = strlen(de->d_name);

		if (len < 6 || strcmp(de->d_name + len - 5, ".conf") != 0)
			continue;
		snprintf(conf, sizeof(conf), "%s/%s", CORPUS_DIR, de->d_name);
		snprintf(expect, sizeof(expect), "%s/%.*s.expect", CORPUS_DIR, (int)(len - 5),
			 de->d_name);
		failures += check_corpus_file(conf, expect);
		files++;
	}
	closedir(dir);
	assert_true(files >= 25);
	assert_int_equal(failures, 0);
}

static void test_missing_file(void **state)
{
	struct log_capture log = { .count = 0 };
	struct logger logger = { capture, &log };
	struct config cfg;

	(void)state;
	config_init_defaults(&cfg);
	cfg.rotation = ROTATION_90; /* loading must not reset what was there */
	assert_int_equal(config_load_file(&cfg, "/nonexistent/foyer.conf", &logger), 1);
	assert_true(captured(
	    &log,
	    "/nonexistent/foyer.conf: cannot open: No such file or directory; using defaults"));
	assert_int_equal(cfg.rotation, ROTATION_90);
	assert_int_equal(cfg.idle_timeout_s, 90);
}

static void test_directory_and_fifo(void **state)
{
	struct log_capture log = { .count = 0 };
	struct logger logger = { capture, &log };
	struct config cfg;
	char dir[] = "/tmp/foyer-test-config-XXXXXX";
	char fifo[sizeof(dir) + 16];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	config_init_defaults(&cfg);
	assert_int_equal(config_load_file(&cfg, dir, &logger), 1);
	/* a FIFO nobody writes to must not hang the kiosk's start */
	assert_int_equal(config_load_file(&cfg, fifo, &logger), 1);
	assert_int_equal(log.count, 2);
	assert_true(captured(&log, ": not a regular file; using defaults"));
	unlink(fifo);
	rmdir(dir);
}

static void test_oversized_file(void **state)
{
	struct log_capture *log = calloc(1, sizeof(*log));
	struct logger logger = { capture, log };
	struct config cfg;
	char dir[] = "/tmp/foyer-test-config-XXXXXX";
	char path[sizeof(dir) + 16];
	FILE *f;

	(void)state;
	assert_non_null(log);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/foyer.conf", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[kiosk]\nrotation = 180\n", f);
	for (int i = 0; i < 10000; i++)
		fputs("; padding padding\n", f);
	fputs("rotation = 90\n", f);
	fclose(f);
	config_init_defaults(&cfg);
	config_load_file(&cfg, path, &logger);
	assert_true(captured(log, "larger than 64 KiB; only the beginning is read"));
	assert_int_equal(cfg.rotation, ROTATION_180); /* the line past the limit was not read */
	unlink(path);
	rmdir(dir);
	free(log);
}

static void test_every_bad_line_reported(void **state)
{
	static const char text[] = "[kiosk]\n"
				   "rotation = 45\n"
				   "nonsense\n"
				   "language = xx\n"
				   "idle_timeout = -1\n"
				   "colour = red\n"
				   "[hours]\n"
				   "monday = always\n";
	struct log_capture log = { .count = 0 };
	struct logger logger = { capture, &log };
	struct config cfg;

	(void)state;
	config_init_defaults(&cfg);
	config_load_buffer(&cfg, "mem.conf", text, sizeof(text) - 1, &logger);
	for (int line = 2; line <= 6; line++) {
		char prefix[32];

		snprintf(prefix, sizeof(prefix), "mem.conf:%d: ", line);
		if (!captured(&log, prefix)) {
			dump(&log);
			fail_msg("line %d not reported", line);
		}
	}
	assert_true(captured(&log, "mem.conf:8: monday 'always'"));
	/* 6 bad lines + 6 days missing from [hours] */
	assert_int_equal(log.count, 12);
	assert_int_equal(log.level[0], LOG_LEVEL_ERROR);
}

static void test_buffer_edge_cases(void **state)
{
	struct config cfg;
	static const char unterminated[] = { '[', 'k', 'i', 'o', 's', 'k', ']', '\n', 'r', 'o',
					     't', 'a', 't', 'i', 'o', 'n', '=', '9',  '0' };

	(void)state;
	config_init_defaults(&cfg);
	/* no logger at all: problems are still counted */
	assert_int_equal(config_load_buffer(&cfg, "x", "garbage", 7, NULL), 1);
	assert_int_equal(config_load_buffer(&cfg, "x", NULL, 100, NULL), 0);
	/* data is not NUL-terminated: nothing past size may be read (ASan checks) */
	assert_int_equal(config_load_buffer(&cfg, "x", unterminated, sizeof(unterminated), NULL),
			 0);
	assert_int_equal(cfg.rotation, ROTATION_90);
}

/* The template shipped on the SD card must load without a single complaint. */
static void test_shipped_template(void **state)
{
	struct log_capture *log = calloc(1, sizeof(*log));
	struct logger logger = { capture, log };
	struct config cfg;
	const char *path = FOYER_SOURCE_DIR "/board/firmware/foyer.conf";

	(void)state;
	assert_non_null(log);
	if (access(path, R_OK) != 0) {
		free(log);
		skip();
	}
	config_init_defaults(&cfg);
	if (config_load_file(&cfg, path, &logger) != 0)
		dump(log);
	assert_int_equal(log->count, 0);
	assert_true(cfg.hours_given);
	assert_int_equal(cfg.hours.holidays, SCHEDULE_HOLIDAYS_NRW);
	assert_int_equal(cfg.closed_screen, CONFIG_CLOSED_DIM);
	free(log);
}

static void test_empty_hours_means_always_open(void **state)
{
	static const char text[] = "[hours]\n; every day left out\n";
	struct config cfg;

	(void)state;
	config_init_defaults(&cfg);
	assert_int_equal(config_load_buffer(&cfg, "x", text, sizeof(text) - 1, NULL), 0);
	assert_false(cfg.hours_given);
	for (int d = 0; d < 7; d++) {
		struct tm t = { .tm_wday = d, .tm_hour = 23 };

		assert_true(schedule_is_open(&cfg.hours, &t));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_directory_and_fifo),
		cmocka_unit_test(test_oversized_file),
		cmocka_unit_test(test_every_bad_line_reported),
		cmocka_unit_test(test_buffer_edge_cases),
		cmocka_unit_test(test_shipped_template),
		cmocka_unit_test(test_empty_hours_means_always_open),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
