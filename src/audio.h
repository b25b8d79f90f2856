/* audio: what the kiosk says and sounds.  Plays a queue of utterances from the
 * bundle's speech records (Opus, decoded with libopus as they play), reports
 * which one a visitor is hearing so the app can highlight that passage, pauses,
 * resumes and stops, and plays short earcons generated here (no samples we do
 * not own).
 *
 * Three outputs behind one interface: the sound card through SDL audio; a WAV
 * file of everything that would have been played (`--audio-out FILE.wav`), in
 * step with the caller's clock, so a replay's virtual minutes become minutes
 * of audio with the silences where they belong; and nothing at all (no sound
 * card), with the same timing.
 *
 * Time is the caller's, in milliseconds, passed to every call that changes
 * what plays.  Nothing here wakes the app: it asks audio_next_deadline() when
 * it must look again (when an utterance ends, when all sound has ended) and
 * calls audio_update() then.  While silent the sound card is paused, so SDL's
 * audio thread does not run either.
 *
 * Utterances point into the bundle: audio_stop() before bundle_close(). */
#ifndef FOYER_AUDIO_H
#define FOYER_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/page.h"
#include "bundle/speech.h"

/* Opus decodes to any of its rates for free; 48 kHz is what HDMI and the Pi's
 * headphone jack run at, so SDL has nothing to convert. */
#define AUDIO_RATE 48000
#define AUDIO_FRAMES_PER_MS (AUDIO_RATE / 1000)
/* Silence between two utterances: a paragraph break a listener can hear. */
#define AUDIO_GAP_MS 400
/* audio_queue_page()'s tag for the page title (blocks are tagged by index). */
#define AUDIO_TAG_TITLE (-2)
#define AUDIO_TAG_NONE (-1)

enum audio_earcon {
	AUDIO_EARCON_EDGE,      /* explore-by-touch: no item beyond this one */
	AUDIO_EARCON_MODE_ON,   /* a mode (read-aloud, explore-by-touch) starts */
	AUDIO_EARCON_MODE_OFF,  /* ... and ends */
	AUDIO_EARCON_ATTENTION, /* the idle prompt appears */
	AUDIO_EARCON_COUNT
};

struct audio;

/* The sound card through SDL (initialises SDL's audio subsystem).  NULL with a
 * reason in why when there is none: use audio_open_null() then. */
struct audio *audio_open_device(char *why, size_t why_size);
/* Writes everything that would have been played to path (48 kHz, 16-bit mono
 * PCM WAV), starting at now_ms.  The file appears complete at audio_close(),
 * through a temporary file and a rename: never half-written. */
struct audio *audio_open_wav(const char *path, uint64_t now_ms, char *why, size_t why_size);
/* No output; the same timing (a kiosk without a sound card still highlights). */
struct audio *audio_open_null(uint64_t now_ms);
/* Plays from now on through the output SDL calls `name` (an audio device just
 * added: a headset plugged in), keeping the queue and its place.  A silent
 * output (audio_open_null(): no card at start) becomes that device.  Returns 0,
 * or -1 with why set, the old output kept.  WAV output stays as it is. */
int audio_use_output(struct audio *a, const char *name, char *why, size_t why_size);
/* Plays out (a WAV: writes) up to now_ms, closes and frees.  0, or -1 with a
 * reason in why when the WAV could not be written (nothing is left behind). */
int audio_close(struct audio *a, uint64_t now_ms, char *why, size_t why_size);

/* Brings the output up to now_ms (a WAV: writes the samples due) and notes what
 * has ended.  Call at every wake-up, and at audio_next_deadline(). */
void audio_update(struct audio *a, uint64_t now_ms);
/* When audio_playing() changes next or all sound ends, in the caller's ms;
 * -1 when nothing will change (silent, or paused). */
int64_t audio_next_deadline(const struct audio *a);
/* The tag of the utterance being heard (from its start until the next one
 * starts), AUDIO_TAG_NONE when none.  A paused utterance is still "heard". */
int audio_playing(const struct audio *a);
bool audio_paused(const struct audio *a);
/* audio_playing(), and the record and utterance heard (both NULL when none). */
int audio_heard(const struct audio *a, const struct speech **rec,
		const struct speech_utterance **u);

/* Appends utterance u of record s (both must outlive its playing) with the
 * caller's tag.  Starts playing at once when nothing else is queued.
 * -1 when out of memory or u is not from a valid record. */
int audio_queue(struct audio *a, const struct speech *s, const struct speech_utterance *u, int tag,
		uint64_t now_ms);
/* Appends page p as read aloud: the title (AUDIO_TAG_TITLE) when from_block is
 * 0, then every block from from_block on, tagged with its index: text blocks,
 * contact cards, a picture's caption and credit.  Returns how many utterances
 * it queued (parts without speech are skipped), -1 when out of memory. */
int audio_queue_page(struct audio *a, const struct speech *s, const struct page *p,
		     size_t from_block, uint64_t now_ms);
/* Stops and empties the queue (an earcon plays on). */
void audio_stop(struct audio *a, uint64_t now_ms);
void audio_pause(struct audio *a, uint64_t now_ms);
void audio_resume(struct audio *a, uint64_t now_ms);
/* Plays an earcon over whatever plays (a new one replaces one still playing). */
void audio_earcon(struct audio *a, enum audio_earcon e, uint64_t now_ms);
/* Length of an earcon in ms (tests; the app's animation may follow it). */
unsigned audio_earcon_ms(enum audio_earcon e);

#endif
