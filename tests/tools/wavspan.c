/* wavspan: how long a WAV that foyer wrote (--audio-out) is, and how long its
 * sound lasts from the first to the last sample above the noise floor, in
 * milliseconds: "TOTAL_MS SOUND_MS".  A tool of tests/check-speech.sh, so the
 * test checks what a visitor hears, not the app's bookkeeping.  Reads only the
 * format foyer writes (RIFF, PCM, 16-bit, mono) and says so for anything else. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this a sample is sound: espeak-ng's quietest consonants are hundreds;
 * Opus' decoded silence is 0 to a few. */
#define NOISE_FLOOR 64

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int main(int argc, char **argv)
{
	unsigned char hdr[44];
	uint32_t rate, bytes;
	long first = -1, last = -1, n = 0;
	int16_t s;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: wavspan FILE.wav\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f || fread(hdr, 1, sizeof(hdr), f) != sizeof(hdr) || memcmp(hdr, "RIFF", 4) ||
	    memcmp(hdr + 8, "WAVEfmt ", 8) || hdr[20] != 1 || hdr[22] != 1 || hdr[34] != 16 ||
	    memcmp(hdr + 36, "data", 4)) {
		fprintf(stderr, "wavspan: %s: not a 16-bit mono PCM WAV as foyer writes it\n",
			argv[1]);
		return 2;
	}
	rate = le32(hdr + 24);
	bytes = le32(hdr + 40);
	while (n * 2 < (long)bytes && fread(&s, 2, 1, f) == 1) {
		if (abs(s) > NOISE_FLOOR) {
			if (first < 0)
				first = n;
			last = n;
		}
		n++;
	}
	fclose(f);
	if (rate == 0 || n * 2 != (long)bytes) {
		fprintf(stderr, "wavspan: %s: %ld of %u data bytes\n", argv[1], n * 2, bytes);
		return 2;
	}
	printf("%ld %ld\n", n * 1000 / (long)rate,
	       first < 0 ? 0 : (last - first + 1) * 1000 / (long)rate);
	return 0;
}
