/* foyer-pack's German hyphenation against a list of words whose correct breaks
 * were marked by hand (tests/hyphenation/de-words.txt, not made from the
 * patterns): every break foyer-pack puts into one of them must be a correct one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "pack/arena.h"
#include "pack/hyphenate.h"

#define WORDS FOYER_SOURCE_DIR "/tests/hyphenation/de-words.txt"

/* Compares hyphenated (soft hyphens, maybe with joiners) with the marked word;
 * returns the number of breaks that are not marked, printing each. */
static int wrong_breaks(const char *marked, const char *hyphenated)
{
	const char *m = marked, *h = hyphenated;
	int wrong = 0;

	while (*m || *h) {
		if ((unsigned char)h[0] == 0xc2 && (unsigned char)h[1] == 0xad) {
			h += 2;
			if ((unsigned char)h[0] == 0xcd && (unsigned char)h[1] == 0x8f)
				h += 2;
			if (*m == '-') {
				m++;
				continue;
			}
			printf("wrong break: %.*s-%s (correct: %s)\n", (int)(h - hyphenated - 2),
			       hyphenated, h, marked);
			wrong++;
			continue;
		}
		if (*m == '-') {
			m++; /* a correct break foyer-pack does not use: fine */
			continue;
		}
		if (*m != *h) {
			printf("text changed: %s -> %s\n", marked, hyphenated);
			return wrong + 1;
		}
		m++;
		h++;
	}
	return wrong;
}

static void no_word_breaks_wrongly(void **state)
{
	struct hyphenator *h = hyphenator_load("de", NULL);
	struct arena a = { 0 };
	FILE *f = fopen(WORDS, "r");
	char line[256];
	int words = 0, wrong = 0;

	(void)state;
	assert_non_null(h);
	assert_true(hyphenator_has_words(h)); /* wngerman, from tools/install-deps */
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char plain[256];
		size_t n = 0;

		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		for (const char *p = line; *p; p++)
			if (*p != '-')
				plain[n++] = *p;
		plain[n] = 0;
		wrong += wrong_breaks(line, hyphenator_apply(h, &a, plain));
		words++;
	}
	fclose(f);
	printf("%d words, %d wrong breaks\n", words, wrong);
	assert_true(words >= 250);
	assert_int_equal(wrong, 0);
	arena_release(&a);
	hyphenator_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_word_breaks_wrongly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
