/* foyer-pack's hyphenation: Debian's patterns through libhyphen, and the editors'
 * exceptions file (hyphenation/LANG.txt) that overrides them word by word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "pack/arena.h"
#include "pack/hyphenate.h"
#include "pack/report.h"

#define SHY "\xc2\xad"
#define JOINT SHY "\xcd\x8f" /* a soft hyphen where compound parts join */
#define NBSP "\xc2\xa0"
#define ZWSP "\xe2\x80\x8b"

struct fixture {
	struct hyphenator *h;
	struct arena a;
	struct report r;
	char path[64];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->h = hyphenator_load("de", NULL);
	assert_non_null(f->h); /* Debian's hyphen-de, installed by tools/install-deps */
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	hyphenator_free(f->h);
	arena_release(&f->a);
	report_release(&f->r);
	free(f);
	return 0;
}

/* Writes text to a temporary exceptions file and loads it; returns the result. */
static int load(struct fixture *f, const char *text)
{
	int fd, rc;

	snprintf(f->path, sizeof(f->path), "/tmp/foyer-hyph-XXXXXX");
	fd = mkstemp(f->path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rc = hyphenator_load_exceptions(f->h, f->path, &f->r);
	unlink(f->path);
	return rc;
}

static bool reported(const struct fixture *f, unsigned line, const char *message)
{
	char want[256];

	snprintf(want, sizeof(want), "%s:%u: error: %s", f->path, line, message);
	return f->r.text && strstr(f->r.text, want);
}

static void patterns_break_long_compounds(void **state)
{
	struct fixture *f = *state;
	const char *out = hyphenator_apply(f->h, &f->a, "Kooperationsbeziehungen");

	assert_non_null(strstr(out, SHY));
	/* short words and words with digits stay whole */
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Haus 2001er"), "Haus 2001er");
}

static void exception_replaces_the_patterns(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "# Trennausnahmen\n\nPro-jekt-arbeit\n"), 0);
	assert_int_equal(f->r.errors, 0);
	assert_string_equal(hyphenator_apply(f->h, &f->a, "in der Projektarbeit."),
			    "in der Pro" SHY "jekt" SHY "arbeit.");
	/* any case; only the listed word, not its inflections */
	assert_string_equal(hyphenator_apply(f->h, &f->a, "PROJEKTARBEIT"),
			    "PRO" SHY "JEKT" SHY "ARBEIT");
	assert_string_not_equal(hyphenator_apply(f->h, &f->a, "Projektarbeiten"),
				"Pro" SHY "jekt" SHY "arbeiten");
}

static void exception_without_hyphen_never_breaks(void **state)
{
	struct fixture *f = *state;

	assert_non_null(strstr(hyphenator_apply(f->h, &f->a, "Friedensplatz"), SHY));
	assert_int_equal(load(f, "Friedensplatz\r\n"), 0);
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Friedensplatz"), "Friedensplatz");
}

static void exception_applies_to_short_words(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(hyphenator_apply(f->h, &f->a, "Büro"), "Büro");
	assert_int_equal(load(f, "  Bü-ro  \n"), 0);
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Büro"), "Bü" SHY "ro");
}

static void bad_lines_are_named(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "Pro-jekt\n-Arbeit\nArbeit-\nAr--beit\nzwei  Wörter\nX2\n"
				 "pro-jekt\nTU Dortmund\nTU Dortmund\n"),
			 -1);
	assert_true(reported(f, 2, "a '-' must stand between two letters"));
	assert_true(reported(f, 3, "a '-' must stand between two letters"));
	assert_true(reported(f, 4, "a '-' must stand between two letters"));
	assert_true(reported(f, 5, "a name is words with single spaces between them"));
	assert_true(reported(f, 6,
			     "a word line holds letters, '-' and '=' only (found another "
			     "character; a name with spaces or '/' is kept whole)"));
	assert_true(reported(f, 7, "word already listed on line 1"));
	assert_true(reported(f, 9, "name already listed on line 8"));
	assert_int_equal(f->r.errors, 7);
}

/* Compound parts join where the word list says, and that break is marked as the
 * preferred one; inside a part the patterns break the part on its own, with at
 * least three letters on each side. */
static void compounds_break_at_their_joints(void **state)
{
	struct fixture *f = *state;

	assert_true(hyphenator_has_words(f->h));
	/* the patterns alone: "Pro-jek-tar-beit" */
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Projektarbeit"),
			    "Pro" SHY "jekt" JOINT "arbeit");
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Kulturaustausch"),
			    "Kul" SHY "tur" JOINT "aus" SHY "tausch");
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Baugenehmigung"),
			    "Bau" JOINT "geneh" SHY "mi" SHY "gung");
	/* the linking "s" belongs to the part before it */
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Arbeitsamt"), "Arbeits" JOINT "amt");
	/* no "Ge-" at a line end, no "-te" at a line start */
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Gegenseitigkeit"),
			    "Gegen" SHY "sei" SHY "tig" SHY "keit");
	/* words that are not nouns are not split into false parts ("gem|einsam") */
	assert_null(strstr(hyphenator_apply(f->h, &f->a, "gemeinsamer"), JOINT));
}

static void limits_are_configurable(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(hyphenator_apply(f->h, &f->a, "Büro Europa"), "Büro Europa");
	hyphenator_set_limits(f->h, 4, 2, 2);
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Büro Europa"),
			    "Bü" SHY "ro Eu" SHY "ro" SHY "pa");
	hyphenator_set_limits(f->h, 20, 3, 3);
	assert_string_equal(hyphenator_apply(f->h, &f->a, "Kulturaustausch"), "Kulturaustausch");
}

/* Listed names stay whole and on one line; web addresses break only after '/'
 * and '.', without a hyphen. */
static void names_and_addresses_stay_whole(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(load(f, "Angela Märtin\nSignal Iduna Park\nHMKV/Hartware\nDortmund\n"), 0);
	assert_string_equal(hyphenator_apply(f->h, &f->a,
					     "Frau Angela Märtin im Signal Iduna Parkhaus, "
					     "Signal Iduna Park und HMKV/Hartware in Dortmund."),
			    "Frau Angela" NBSP "Märtin im Signal Iduna Park" JOINT
			    "haus, Signal" NBSP "Iduna" NBSP "Park und HMKV/Hartware in Dortmund.");
	assert_string_equal(
	    hyphenator_apply(f->h, &f->a,
			     "unter www.kulturbuero.dortmund.de oder https://dortmund.de/kultur."),
	    "unter www." ZWSP "kulturbuero." ZWSP "dortmund." ZWSP "de oder https://" ZWSP
	    "dortmund." ZWSP "de/" ZWSP "kultur.");
}

/* On an English page a capitalised word that is not English (a German term, a
 * name) is never broken; English words are. */
static void english_pages_keep_german_words_whole(void **state)
{
	struct hyphenator *en = hyphenator_load("en", NULL);
	struct fixture *f = *state;
	const char *out;

	assert_non_null(en);
	assert_true(hyphenator_has_words(en));
	out = hyphenator_apply(en, &f->a,
			       "the Konzerthaus, Märtin’s Auslandsgesellschaft (Amt für "
			       "Angelegenheiten) and international cooperation");
	assert_non_null(strstr(out, "the Konzerthaus, Märtin’s Auslandsgesellschaft (Amt für "
				    "Angelegenheiten) and "));
	assert_non_null(strstr(out, "inter" SHY "na" SHY "tional"));
	hyphenator_free(en);
}

static void broken_files_are_refused(void **state)
{
	struct fixture *f = *state;
	char line[300];

	assert_int_equal(load(f, "Pro-jekt\n\xff\xfe\n"), -1);
	assert_non_null(strstr(f->r.text, "not a UTF-8 text file"));
	memset(line, 'a', sizeof(line) - 2);
	line[sizeof(line) - 2] = '\n';
	line[sizeof(line) - 1] = 0;
	assert_int_equal(load(f, line), -1);
	assert_true(reported(f, 1, "word longer than 100 letters"));
	assert_int_equal(hyphenator_load_exceptions(f->h, "/nonexistent/de.txt", &f->r), -1);
	assert_non_null(strstr(f->r.text, "/nonexistent/de.txt: error: cannot read"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(patterns_break_long_compounds, setup, teardown),
		cmocka_unit_test_setup_teardown(exception_replaces_the_patterns, setup, teardown),
		cmocka_unit_test_setup_teardown(exception_without_hyphen_never_breaks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(exception_applies_to_short_words, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_lines_are_named, setup, teardown),
		cmocka_unit_test_setup_teardown(broken_files_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(compounds_break_at_their_joints, setup, teardown),
		cmocka_unit_test_setup_teardown(limits_are_configurable, setup, teardown),
		cmocka_unit_test_setup_teardown(names_and_addresses_stay_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(english_pages_keep_german_words_whole, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
