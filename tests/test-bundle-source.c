/* bundle-source: the kiosk's choice of bundle (store current, previous, FAT
 * partition), with and without keys; falling back when the shown bundle fails
 * at run time; noticing the updater's result through inotify. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle-source.h"
#include "sign-fixture.h"

struct world {
	char dir[64];
	char store[128], keys[128], fat[160];
	struct fixture_pair city, other;
};

static void path(char *out, size_t cap, const struct world *w, const char *rel)
{
	snprintf(out, cap, "%s/%s", w->dir, rel);
}

/* A store with current (version 2026-02-01.1) and previous (2026-01-01.1), and
 * a FAT bundle (2025-12-01.1), all signed by the city, whose key is trusted. */
static int setup(void **state)
{
	struct world *w = calloc(1, sizeof(*w));
	snprintf(w->dir, sizeof(w->dir), "/tmp/foyer-source-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	fixture_pair_make(&w->city);
	fixture_pair_make(&w->other);
	path(w->store, sizeof(w->store), w, "store");
	path(w->keys, sizeof(w->keys), w, "keys");
	path(w->fat, sizeof(w->fat), w, "fat.fpk");
	char p[256];
	assert_int_equal(mkdir(w->store, 0755), 0);
	assert_int_equal(mkdir(w->keys, 0755), 0);
	snprintf(p, sizeof(p), "%s/city.pub", w->keys);
	fixture_write(p, w->city.pub_text);
	snprintf(p, sizeof(p), "%s/bundles", w->store);
	assert_int_equal(mkdir(p, 0755), 0);
	static const struct {
		const char *name, *version, *link;
	} slots[] = { { "b", "2026-02-01.1", "current" }, { "a", "2026-01-01.1", "previous" } };
	for (int i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "%s/bundles/%s", w->store, slots[i].name);
		assert_int_equal(mkdir(p, 0755), 0);
		snprintf(p, sizeof(p), "%s/bundles/%s/content.fpk", w->store, slots[i].name);
		fixture_bundle(p, slots[i].version, &w->city, slots[i].version);
		char target[64], link[256];
		snprintf(target, sizeof(target), "bundles/%s", slots[i].name);
		snprintf(link, sizeof(link), "%s/%s", w->store, slots[i].link);
		assert_int_equal(symlink(target, link), 0);
	}
	fixture_bundle(w->fat, "fat", &w->city, "2025-12-01.1");
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", w->dir);
	assert_int_equal(system(cmd), 0);
	free(w);
	return 0;
}

static void start(struct bundle_source *s, const struct world *w, const char *keys)
{
	struct bundle_source_options o = { w->store, w->fat, keys, NULL };
	assert_int_equal(bundle_source_init(s, &o), 0);
}

static void test_prefers_current_then_falls_back(void **state)
{
	struct world *w = *state;
	struct bundle_source s;
	start(&s, w, w->keys);
	assert_true(bundle_source_keys_configured(&s));
	struct bundle_choice c;
	assert_int_equal(bundle_source_choose(&s, &c), 0);
	assert_int_equal(c.origin, BUNDLE_ORIGIN_CURRENT);
	assert_string_equal(c.version, "2026-02-01.1");
	assert_true(c.verified);

	/* A page of the new bundle fails at run time: the previous one is next. */
	bundle_source_mark_bad(&s, &c, "page 'kultur' does not decode");
	assert_int_equal(bundle_source_choose(&s, &c), 0);
	assert_int_equal(c.origin, BUNDLE_ORIGIN_PREVIOUS);
	assert_string_equal(c.version, "2026-01-01.1");
	assert_non_null(strstr(c.reason, "failed earlier"));
	bundle_source_mark_bad(&s, &c, "cannot open");
	assert_int_equal(bundle_source_choose(&s, &c), 0);
	assert_int_equal(c.origin, BUNDLE_ORIGIN_FAT);
	bundle_source_mark_bad(&s, &c, "cannot open");
	assert_int_equal(bundle_source_choose(&s, &c), -1);
	bundle_source_destroy(&s);
}

static void test_damaged_or_unsigned_skipped(void **state)
{
	struct world *w = *state;
	char p[256];
	/* current's bytes cut short; previous's signature gone */
	snprintf(p, sizeof(p), "%s/current/content.fpk", w->store);
	assert_int_equal(truncate(p, 200), 0);
	snprintf(p, sizeof(p), "%s/previous/content.fpk.minisig", w->store);
	assert_int_equal(unlink(p), 0);
	struct bundle_source s;
	start(&s, w, w->keys);
	struct bundle_choice c;
	assert_int_equal(bundle_source_choose(&s, &c), 0);
	assert_int_equal(c.origin, BUNDLE_ORIGIN_FAT);
	assert_string_equal(c.version, "2025-12-01.1");
	assert_non_null(strstr(c.reason, "the installed bundle was refused"));
	assert_non_null(strstr(c.reason, "the previously installed bundle was refused"));
	bundle_source_destroy(&s);

	/* Without keys nothing is verified, and a bundle that opens is shown. */
	start(&s, w, NULL);
	assert_false(bundle_source_keys_configured(&s));
	assert_int_equal(bundle_source_choose(&s, &c), 0);
	assert_int_equal(c.origin, BUNDLE_ORIGIN_PREVIOUS);
	assert_false(c.verified);
	assert_non_null(strstr(c.reason, "does not open"));
	bundle_source_destroy(&s);
}

static void test_foreign_signatures_refused(void **state)
{
	struct world *w = *state;
	char p[256];
	/* Trust only another key: nothing the city signed may be shown. */
	snprintf(p, sizeof(p), "%s/city.pub", w->keys);
	fixture_write(p, w->other.pub_text);
	struct bundle_source s;
	start(&s, w, w->keys);
	struct bundle_choice c;
	assert_int_equal(bundle_source_choose(&s, &c), -1);
	assert_non_null(strstr(c.reason, "the FAT partition's bundle was refused"));
	assert_non_null(strstr(c.reason, "not one of the 1 trusted key"));
	bundle_source_destroy(&s);

	/* A broken key file: keys are configured, so nothing verifies (fail closed). */
	fixture_write(p, "untrusted comment: cut off\n");
	start(&s, w, w->keys);
	assert_true(bundle_source_keys_configured(&s));
	assert_int_equal(bundle_source_choose(&s, &c), -1);
	assert_non_null(strstr(c.reason, "keys are unusable"));
	bundle_source_destroy(&s);
}

static bool readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, 1000) == 1;
}

static void test_notices_updates(void **state)
{
	struct world *w = *state;
	struct store_status st = { .seq = 4, .installed = true, .code = STORE_CODE_INSTALLED };
	snprintf(st.version, sizeof(st.version), "2026-02-01.1");
	assert_int_equal(store_status_write(w->store, &st, NULL), BUNDLE_OK);

	struct bundle_source s;
	start(&s, w, w->keys);
	int fd = bundle_source_fd(&s);
	assert_true(fd >= 0);
	/* The status that was there at start is old news. */
	assert_int_equal(bundle_source_poll(&s, NULL), BUNDLE_SOURCE_NOTHING);

	st.seq = 5;
	st.code = STORE_CODE_INSTALLED;
	snprintf(st.version, sizeof(st.version), "2026-03-01.2");
	assert_int_equal(store_status_write(w->store, &st, NULL), BUNDLE_OK);
	assert_true(readable(fd));
	struct store_status got;
	assert_int_equal(bundle_source_poll(&s, &got), BUNDLE_SOURCE_INSTALLED);
	assert_string_equal(got.version, "2026-03-01.2");
	assert_false(readable(fd) && bundle_source_poll(&s, NULL) != BUNDLE_SOURCE_NOTHING);

	st.seq = 6;
	st.installed = false;
	st.code = STORE_CODE_NOT_NEWER;
	snprintf(st.version, sizeof(st.version), "2025-01-01.1");
	assert_int_equal(store_status_write(w->store, &st, NULL), BUNDLE_OK);
	assert_true(readable(fd));
	assert_int_equal(bundle_source_poll(&s, &got), BUNDLE_SOURCE_REFUSED);
	assert_int_equal(got.code, STORE_CODE_NOT_NEWER);
	bundle_source_destroy(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prefers_current_then_falls_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_damaged_or_unsigned_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_signatures_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notices_updates, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
