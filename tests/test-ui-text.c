/* The kiosk's own words: every id has a text in every table and a stable key
 * that can name a bundle entry's utterance; other languages fall back to English. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bundle/wire.h"
#include "ui-text.h"

static void test_every_id_has_text(void **state)
{
	static const char *const langs[] = { "de", "en" };
	(void)state;
	for (size_t l = 0; l < 2; l++) {
		assert_true(ui_text_has_language(langs[l]));
		for (int id = 0; id < UI_TEXT_COUNT; id++) {
			const char *s = ui_text(langs[l], (enum ui_text_id)id);
			assert_non_null(s);
			assert_true(strlen(s) > 0);
			assert_true(wire_utf8_valid(s, strlen(s)));
		}
	}
}

static void test_german_is_german(void **state)
{
	(void)state;
	assert_string_equal(ui_text("de", UI_STILL_THERE), "Sind Sie noch da?");
	assert_string_equal(ui_text("en", UI_STILL_THERE), "Still there?");
	assert_string_equal(ui_text("de", UI_BACK), "\u2039 Zurück");
}

static void test_fallback_to_english(void **state)
{
	(void)state;
	assert_false(ui_text_has_language("fr"));
	assert_string_equal(ui_text("fr", UI_BACK), "\u2039 Back");
	assert_string_equal(ui_text(NULL, UI_BACK), "\u2039 Back");
	/* a bad id is a caller's bug, but never a read past the table */
	assert_string_equal(ui_text("de", (enum ui_text_id)UI_TEXT_COUNT), "");
	assert_null(ui_text_key((enum ui_text_id)UI_TEXT_COUNT));
}

static void test_keys_unique_and_valid(void **state)
{
	(void)state;
	for (int i = 0; i < UI_TEXT_COUNT; i++) {
		const char *k = ui_text_key((enum ui_text_id)i);
		assert_non_null(k);
		assert_true(strlen(k) > 0 && strlen(k) <= 48);
		for (const char *c = k; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || *c == '-');
		for (int j = 0; j < i; j++)
			assert_string_not_equal(k, ui_text_key((enum ui_text_id)j));
	}
}

static void test_language_names(void **state)
{
	(void)state;
	assert_string_equal(ui_text_language_name("de"), "Deutsch");
	assert_string_equal(ui_text_language_name("en"), "English");
	assert_string_equal(ui_text_language_name("fr"), "Français");
	assert_null(ui_text_language_name("xx"));
	assert_null(ui_text_language_name(NULL));
}

static void test_credit_prefix(void **state)
{
	(void)state;
	assert_true(ui_text_credit_needs_prefix("Stadt Dortmund"));
	assert_false(ui_text_credit_needs_prefix("Zeichnung: foyer-Projekt"));
	assert_false(ui_text_credit_needs_prefix("© Stadt Dortmund"));
	assert_false(ui_text_credit_needs_prefix(""));
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
