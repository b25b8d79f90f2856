/* Interface strings: every id has a text in every table and a stable key that
 * can name a bundle entry's utterance; other languages fall back to English. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bundle/wire.h"
#include "strings.h"

static void test_every_id_has_text(void **state)
{
	static const char *const langs[] = { "de", "en" };
	(void)state;
	for (size_t l = 0; l < 2; l++) {
		assert_true(strings_have_lang(langs[l]));
		for (int id = 0; id < STR_COUNT; id++) {
			const char *actual = NULL;
			const char *s = strings_get((enum str_id)id, langs[l], &actual);
			assert_non_null(s);
			assert_true(strlen(s) > 0);
			assert_true(wire_utf8_valid(s, strlen(s)));
			/* its own table, not the fallback */
			assert_string_equal(actual, langs[l]);
		}
	}
}

static void test_german_is_german(void **state)
{
	(void)state;
	assert_string_equal(strings_get(STR_STILL_THERE, "de", NULL), "Sind Sie noch da?");
	assert_string_equal(strings_get(STR_STILL_THERE, "en", NULL), "Still there?");
	assert_string_equal(strings_get(STR_BACK, "de", NULL), "Zurück");
}

static void test_fallback_to_english(void **state)
{
	const char *actual = NULL;
	(void)state;
	assert_false(strings_have_lang("fr"));
	assert_string_equal(strings_get(STR_BACK, "fr", &actual), "Back");
	assert_string_equal(actual, "en");
	assert_string_equal(strings_get(STR_BACK, NULL, &actual), "Back");
	assert_string_equal(actual, "en");
	/* a bad id is a caller's bug, but never a read past the table */
	assert_non_null(strings_get((enum str_id)STR_COUNT, "de", NULL));
	assert_null(strings_key((enum str_id)STR_COUNT));
}

static void test_keys_unique_and_valid(void **state)
{
	(void)state;
	for (int i = 0; i < STR_COUNT; i++) {
		const char *k = strings_key((enum str_id)i);
		assert_non_null(k);
		assert_true(strlen(k) > 0 && strlen(k) <= 48);
		for (const char *c = k; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || *c == '-');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(k, strings_key((enum str_id)j));
	}
}

static void test_language_names(void **state)
{
	(void)state;
	assert_string_equal(strings_language_name("de"), "Deutsch");
	assert_string_equal(strings_language_name("en"), "English");
	assert_string_equal(strings_language_name("fr"), "Français");
	assert_null(strings_language_name("xx"));
	assert_null(strings_language_name(NULL));
}

static void test_credit_prefix(void **state)
{
	(void)state;
	assert_true(strings_credit_needs_prefix("Stadt Dortmund"));
	assert_false(strings_credit_needs_prefix("Zeichnung: foyer-Projekt"));
	assert_false(strings_credit_needs_prefix("© Stadt Dortmund"));
	assert_false(strings_credit_needs_prefix(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_id_has_text),
		cmocka_unit_test(test_german_is_german),
		cmocka_unit_test(test_fallback_to_english),
		cmocka_unit_test(test_keys_unique_and_valid),
		cmocka_unit_test(test_language_names),
		cmocka_unit_test(test_credit_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
