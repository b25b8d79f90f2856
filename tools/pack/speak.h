/* speak: foyer-pack's speech stage.  Every paragraph-like block of every page,
 * the labels of tiles and links, and every interface string (src/ui-text.h)
 * are synthesised with espeak-ng's library, resampled to SPEAK_RATE with
 * libsoxr, encoded as Opus with libopus and added to the bundle as speech
 * records (src/bundle/speech.h, docs/bundle-format.md).  Nothing is spoken at
 * run time: the kiosk only decodes. */
#ifndef FOYER_PACK_SPEAK_H
#define FOYER_PACK_SPEAK_H

#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle-writer.h"
#include "bundle/page.h"
#include "bundle/site.h"
#include "pack/report.h"

/* Opus' wideband-plus rate: all of espeak-ng's 22 050 Hz output (energy up to
 * 11 kHz, where "s" and "f" live) survives; 16 kHz would cut it at 8 kHz. */
#define SPEAK_RATE 24000
#define SPEAK_FRAME_SAMPLES 480 /* 20 ms: Opus' default, the best quality per bit for speech */
/* Opus' "fullband speech" quality starts near 24 kbit/s at 24 kHz (opus-codec.org
 * recommendations); measured: 2.8 KB per 1 s of speech, see docs/accessibility.md. */
#define SPEAK_BITRATE 24000
/* Opus' encoder effort, 0 to 10: 10 took 8.2 s of the Dortmund bundle's build
 * (two thirds of it), 6 takes 5.2 s for 0.4 % more bytes. */
#define SPEAK_COMPLEXITY 6
/* espeak-ng's default is 175: a little slower for listeners who are old, hard of
 * hearing, or not native speakers, in a foyer that is never quiet. */
#define SPEAK_WORDS_PER_MINUTE 160

struct speak;

/* Starts espeak-ng the first time (the library keeps global state: use one
 * struct speak at a time; it stops when the process exits).  NULL with a
 * reason in why when it cannot. */
struct speak *speak_new(char *why, size_t why_size);
void speak_free(struct speak *sp);

/* Keeps every utterance's Opus packets in foyer-pack's cache (pack/cache.h),
 * found again by voice, text and settings: synthesis and encoding are most of
 * a build's time, and a one-page edit changes a few utterances.  c may be NULL. */
struct cache;
void speak_set_cache(struct speak *sp, struct cache *c);

/* The synthesiser and voice used for lang ("espeak-ng 1.51 de"), or NULL when
 * espeak-ng has no voice for it. */
const char *speak_voice(struct speak *sp, const char *lang);

/* Speaks text in lang into a malloc'd buffer of *samples 16-bit samples at
 * SPEAK_RATE (caller frees).  Soft hyphens are dropped, line breaks are pauses.
 * -1 with a reason in why on failure. */
int speak_pcm(struct speak *sp, const char *lang, const char *text, int16_t **pcm, size_t *samples,
	      char *why, size_t why_size);

/* Adds "speech/page/ID/LANG" for page p (title, tile, blocks, captions, credits,
 * links) to w.  Problems go to r at path. */
int speak_add_page(struct speak *sp, const struct page *p, struct bundle_writer *w,
		   struct report *r, const char *path);

/* Adds "speech/ui/LANG" for the site's language lang_index: every interface
 * string (in English where the table has no such language), the site's name,
 * slogan and locations, and the language's own name. */
int speak_add_ui(struct speak *sp, const struct site *s, size_t lang_index, struct bundle_writer *w,
		 struct report *r, const char *path);

#endif
