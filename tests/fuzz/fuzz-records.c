/* Fuzz harness: page, site and focus records alone (the first byte picks which),
 * so the fuzzer need not get past the bundle's hashes to reach the record
 * decoders. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/focus.h"
#include "bundle/page.h"
#include "bundle/site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct bundle_diag diag;
	/* A private copy of exactly the record, so any overread is caught. */
	uint8_t *copy = malloc(size - 1 ? size - 1 : 1);
	if (!copy)
		return 0;
	memcpy(copy, data + 1, size - 1);
	if (data[0] & 2) {
		struct focus f;
		focus_decode(copy, size - 1, &f, &diag);
	} else if (data[0] & 1) {
		struct site s;
		site_decode(copy, size - 1, &s, &diag);
	} else {
		struct page *p;
		if (page_decode(copy, size - 1, &p, &diag) == BUNDLE_OK) {
			/* Round trip: what decodes must encode to the same bytes; a
			 * version 1 record (no notice) comes back as the current version,
			 * which must then round-trip exactly. */
			uint8_t *again;
			size_t n;
			if (page_encode(p, &again, &n, &diag) == BUNDLE_OK) {
				/* a version 1 record comes back as version 2, the same page with
				 * empty extras; the second encoding must equal the first */
				bool v1 = copy[4] == 1 && copy[5] == 0;
				struct page *p2;
				uint8_t *third;
				size_t n3;

				if (!v1 && (n != size - 1 || memcmp(again, copy, n) != 0))
					__builtin_trap();
				if (page_decode(again, n, &p2, &diag) != BUNDLE_OK)
					__builtin_trap();
				if (page_encode(p2, &third, &n3, &diag) == BUNDLE_OK) {
					if (n3 != n || memcmp(third, again, n) != 0)
						__builtin_trap();
					free(third);
				}
				page_free(p2);
				free(again);
			}
			page_free(p);
		}
	}
	free(copy);
	return 0;
}
