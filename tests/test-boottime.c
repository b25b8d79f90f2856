/* boottime: the first-frame line carries the seconds since boot, the clock
 * /proc/uptime counts too (not since the process started, not the wall clock). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boottime.h"

static double proc_uptime(void)
{
	FILE *f = fopen("/proc/uptime", "r");
	double up = -1;

	assert_non_null(f);
	assert_int_equal(fscanf(f, "%lf", &up), 1);
	fclose(f);
	return up;
}

struct captured {
	char line[LOGGER_MAX_MESSAGE];
	enum log_level level;
	int calls;
};

static void capture(void *user, enum log_level level, const char *message)
{
	struct captured *c = user;

	snprintf(c->line, sizeof(c->line), "%s", message);
	c->level = level;
	c->calls++;
}

static void test_first_frame_line_counts_from_boot(void **state)
{
	struct captured c = { { 0 }, LOG_LEVEL_DEBUG, 0 };
	struct logger log = { capture, &c };
	double before, after, logged = -1;

	(void)state;
	/* /proc/uptime has 10 ms steps; the line has two decimals */
	before = proc_uptime() - 0.02;
	boottime_log_first_frame(&log);
	after = proc_uptime() + 0.02;
	assert_int_equal(c.calls, 1);
	assert_int_equal(c.level, LOG_LEVEL_INFO);
	assert_int_equal(
	    sscanf(c.line, "first frame on screen %lf s after the kernel started", &logged), 1);
	assert_true(logged >= before);
	assert_true(logged <= after);
}

static void test_now_moves_forward(void **state)
{
	double a = boottime_now_s(), b = boottime_now_s();

	(void)state;
	assert_true(a > 0);
	assert_true(b >= a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_frame_line_counts_from_boot),
		cmocka_unit_test(test_now_moves_forward),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
