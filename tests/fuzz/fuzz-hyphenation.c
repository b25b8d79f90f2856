/* Fuzz harness: an editor's hyphenation exceptions file (hyphenation/LANG.txt)
 * through foyer-pack's reader, then a sentence hyphenated with what it accepted. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack/arena.h"
#include "pack/hyphenate.h"
#include "pack/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct hyphenator *h;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = { 0 };
	struct report r = { 0 };

	if (!h)
		h = hyphenator_load("de", NULL); /* each read replaces the last one's words */
	if (!h || size > (1u << 20))
		return 0;
	hyphenator_read_exceptions(h, "fuzz.txt", (const char *)data, size, &r);
	/* hyphenation only adds invisible break marks (soft hyphens, joiners, zero
	 * width spaces) and turns the spaces of listed names into no-break spaces */
	const char *text = "Die Projektarbeit der Auslandsgesellschaft am Friedensplatz, Büro "
			   "Angela Märtin, www.dortmund.de.";
	char *out = hyphenator_apply(h, &a, text);
	size_t k = 0;
	for (size_t i = 0; out[i]; i++) {
		const unsigned char *o = (const unsigned char *)out + i;
		if ((o[0] == 0xc2 && o[1] == 0xad) || (o[0] == 0xcd && o[1] == 0x8f)) {
			i++;
			continue;
		}
		if (o[0] == 0xe2 && o[1] == 0x80 && o[2] == 0x8b) {
			i += 2;
			continue;
		}
		if (o[0] == 0xc2 && o[1] == 0xa0 && text[k] == ' ') {
			i++;
			k++;
			continue;
		}
		if (out[i] != text[k++])
			__builtin_trap();
	}
	if (text[k] != 0)
		__builtin_trap();
	report_release(&r);
	arena_release(&a);
	return 0;
}
