/* Fuzz harness: a whole bundle from hostile bytes -> open, verify every entry,
 * decode the site and every page, as the kiosk and foyer-pack info do. */
#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"
#include "bundle/page.h"
#include "bundle/site.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle *b;
	struct bundle_diag diag;
	if (bundle_open_memory(data, size, &b, &diag) != BUNDLE_OK)
		return 0;
	for (size_t i = 0; i < bundle_entry_count(b); i++) {
		const struct bundle_entry *e = bundle_entry_at(b, i);
		const uint8_t *bytes;
		size_t n;
		if (bundle_find(b, e->name) != e)
			__builtin_trap(); /* sorted, unique names must be found again */
		if (bundle_entry_data(b, e, &bytes, &n, &diag) != BUNDLE_OK)
			continue;
		if (e->type == BUNDLE_PAGE) {
			struct page *p;
			if (page_decode(bytes, n, &p, &diag) == BUNDLE_OK)
				page_free(p);
		} else if (e->type == BUNDLE_SITE) {
			struct site s;
			site_decode(bytes, n, &s, &diag);
		}
	}
	bundle_close(b);
	return 0;
}
