/* Fuzz harness: one page file (front matter + Markdown) through foyer-pack's
 * parser with German hyphenation, as `foyer-pack check` reads an editor's file. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack/arena.h"
#include "pack/hyphenate.h"
#include "pack/markdown.h"
#include "pack/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct hyphenator *hyph;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > MARKDOWN_MAX_FILE)
		return 0;
	if (!hyph)
		hyph = hyphenator_load("de", NULL);
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	struct arena a = { 0 };
	struct report r = { 0 };
	struct page_source src;
	if (markdown_parse("fuzz.md", text, size, "fuzz", "de", NULL, hyph, &a, &r, &src) == 0) {
		/* What the parser accepts must encode and decode. */
		uint8_t *bytes;
		size_t n;
		struct bundle_diag diag;
		struct page *p;
		if (page_encode(&src.page, &bytes, &n, &diag) == BUNDLE_OK) {
			if (page_decode(bytes, n, &p, &diag) != BUNDLE_OK)
				__builtin_trap();
			page_free(p);
			free(bytes);
		}
	}
	report_release(&r);
	arena_release(&a);
	free(text);
	return 0;
}
