/* Fuzz harness: a speech record alone, then every utterance it holds played
 * through the audio module (no output, virtual clock), so hostile framing and
 * hostile Opus packets both reach the code that handles them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "bundle/speech.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bounds the clock a hostile record can make the harness run through. */
#define FUZZ_MAX_MS 20000

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bundle_diag diag;
	struct speech *s;
	/* A private copy of exactly the record, so any overread is caught. */
	uint8_t *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (speech_decode(copy, size, &s, &diag) == BUNDLE_OK) {
		/* Round trip: what decodes must encode to the same bytes. */
		uint8_t *again;
		size_t n;
		if (speech_encode(s, &again, &n, &diag) == BUNDLE_OK) {
			if (n != size || memcmp(again, copy, n) != 0)
				__builtin_trap();
			free(again);
		}
		struct audio *a = audio_open_null(0);
		for (size_t i = 0; a && i < s->count; i++)
			audio_queue(a, s, &s->utterances[i], (int)i, 0);
		int64_t d;
		while (a && (d = audio_next_deadline(a)) >= 0 && d < FUZZ_MAX_MS)
			audio_update(a, (uint64_t)d);
		if (a)
			audio_stop(a, FUZZ_MAX_MS);
		audio_close(a, FUZZ_MAX_MS, NULL, 0);
		speech_free(s);
	}
	free(copy);
	return 0;
}
