/* Clock trust: the sysfs and /run files of a kiosk with and without an RTC, laid
 * out in a temporary folder (never the host's /sys). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "clock.h"

#define NOW ((time_t)1798880400) /* 2027-01-02 09:00 UTC, a Saturday */

struct fixture {
	char root[64];
};

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* rm -r */
static void remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* mkdir -p */
static void make_dirs(const char *path)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(buf, 0755);
		*p = '/';
	}
	mkdir(buf, 0755);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->root, sizeof(f->root), "/tmp/foyer-test-clock-XXXXXX");
	assert_non_null(mkdtemp(f->root));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	remove_tree(f->root);
	free(f);
	return 0;
}

/* Writes root/relative with text (folders made on the way). */
static void put(const struct fixture *f, const char *relative, const char *text)
{
	char path[1024];
	FILE *out;

	snprintf(path, sizeof(path), "%s/%s", f->root, relative);
	*strrchr(path, '/') = '\0';
	make_dirs(path);
	snprintf(path, sizeof(path), "%s/%s", f->root, relative);
	out = fopen(path, "w");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

static void rtc(const struct fixture *f, unsigned id, const char *hctosys, long long since_epoch)
{
	char rel[128], text[32];

	snprintf(rel, sizeof(rel), "sys/class/rtc/rtc%u/hctosys", id);
	put(f, rel, hctosys);
	snprintf(rel, sizeof(rel), "sys/class/rtc/rtc%u/since_epoch", id);
	snprintf(text, sizeof(text), "%lld\n", since_epoch);
	put(f, rel, text);
}

/* A Pi 4 as shipped: no RTC, no network. */
static void test_no_rtc(void **state)
{
	struct fixture *f = *state;
	struct clock_trust t;

	clock_trust_check(f->root, false, NOW, &t);
	assert_false(t.trusted);
	assert_int_equal(t.source, CLOCK_UNTRUSTED);
	assert_non_null(strstr(t.reason, "no real-time clock"));
	assert_non_null(strstr(clock_trust_note(&t), "Clock not set"));
	/* an empty rtc class folder is the same */
	{
		char path[128];

		snprintf(path, sizeof(path), "%s/sys/class/rtc", f->root);
		make_dirs(path);
	}
	clock_trust_check(f->root, false, NOW, &t);
	assert_false(t.trusted);
	assert_non_null(strstr(t.reason, "no real-time clock"));
}

/* A module that set the clock at boot (hctosys) and still agrees. */
static void test_rtc_set_the_clock(void **state)
{
	struct fixture *f = *state;
	struct clock_trust t;

	rtc(f, 0, "1\n", NOW - 2);
	clock_trust_check(f->root, false, NOW, &t);
	assert_true(t.trusted);
	assert_int_equal(t.source, CLOCK_SOURCE_RTC);
	assert_string_equal(t.reason, "rtc0 set the clock at boot");
	assert_string_equal(clock_trust_note(&t), "");
}

/* A module whose time could not be read at boot (oscillator stopped: the drivers
 * refuse the time, hctosys stays 0). */
static void test_rtc_not_set(void **state)
{
	struct fixture *f = *state;
	struct clock_trust t;

	rtc(f, 0, "0\n", NOW);
	clock_trust_check(f->root, false, NOW, &t);
	assert_false(t.trusted);
	assert_non_null(strstr(t.reason, "rtc0 did not set the clock at boot"));
}

/* A flat battery reset the module to 2000-01-01, hctosys set that, systemd moved
 * the clock forward to its epoch: the RTC and the clock disagree by decades. */
static void test_rtc_reset_by_flat_battery(void **state)
{
	struct fixture *f = *state;
	struct clock_trust t;

	rtc(f, 0, "1\n", 946684800 + 40);
	clock_trust_check(f->root, false, NOW, &t);
	assert_false(t.trusted);
	assert_non_null(strstr(t.reason, "away from the system time"));
	/* a little drift is fine */
	rtc(f, 0, "1\n", NOW + CLOCK_RTC_MAX_SKEW_S);
	clock_trust_check(f->root, false, NOW, &t);
	assert_true(t.trusted);
	rtc(f, 0, "1\n", NOW + CLOCK_RTC_MAX_SKEW_S + 1);
	clock_trust_check(f->root, false, NOW, &t);
	assert_false(t.trusted);
}

/* QEMU's PL031 is rtc0 but did not set the clock; a second RTC did. */
static void test_second_rtc(void **state)
{
	struct fixture *f = *state;
	struct clock_trust t;

	rtc(f, 0, "0\n", 0);
	rtc(f, 1, "1\n", NOW);
	clock_trust_check(f->root, false, NOW, &t);
	assert_true(t.trusted);
	assert_string_equal(t.reason, "rtc1 set the clock at boot");
	/* garbage in the files is "not set", never a crash */
	put(f, "sys/class/rtc/rtc1/since_epoch", "soon\n");
	clock_trust_check(f->root, false, NOW, &t);
	assert_false(t.trusted);
	assert_non_null(strstr(t.reason, "cannot be read"));
	put(f, "sys/class/rtc/rtc1/hctosys", "");
	clock_trust_check(f->root, false, NOW, &t);
	assert_false(t.trusted);
}

static void test_synchronised(void **state)
{
	struct fixture *f = *state;
	struct clock_trust t;

	put(f, "run/systemd/timesync/synchronized", "");
	clock_trust_check(f->root, false, NOW, &t);
	assert_true(t.trusted);
	assert_int_equal(t.source, CLOCK_SOURCE_TIMESYNC);
	{
		char path[128];

		snprintf(path, sizeof(path), "%s/run", f->root);
		remove_tree(path);
	}
	clock_trust_check(f->root, true, NOW, &t);
	assert_true(t.trusted);
	assert_int_equal(t.source, CLOCK_SOURCE_KERNEL);
	/* adjtimex() on this machine answers either way, without failing */
	(void)clock_kernel_synced();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_rtc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rtc_set_the_clock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rtc_not_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rtc_reset_by_flat_battery, setup, teardown),
		cmocka_unit_test_setup_teardown(test_second_rtc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_synchronised, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
