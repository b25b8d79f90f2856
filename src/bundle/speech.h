/* speech: the spoken copies of a page's text (and of the kiosk's own strings),
 * stored in BUNDLE_SPEECH entries as Opus packets.  foyer-pack synthesises and
 * encodes them (tools/pack/speak.c); the kiosk decodes and plays them
 * (src/audio.c).  This file only frames the packets: no codec here, so the
 * bundle library stays free of libopus.  Wire layout: docs/bundle-format.md,
 * "Speech record".
 *
 * One record per page and language ("speech/page/ID/LANG") and one per language
 * for the interface ("speech/ui/LANG").  Each holds utterances, each found by a
 * key: "title", "block/3", "caption/5", ui_text_key() of a kiosk text... */
#ifndef FOYER_BUNDLE_SPEECH_H
#define FOYER_BUNDLE_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bundle/bundle.h"

#define SPEECH_MAX_UTTERANCES 16384 /* per record: 4096 blocks with caption, credit, links */
#define SPEECH_MAX_KEY 64           /* bytes in a key */
#define SPEECH_MAX_TEXT 65536       /* bytes of spoken text, as PAGE_MAX_STRING */
#define SPEECH_MAX_PACKET 1275      /* Opus' largest packet for one frame (RFC 6716, 3.4) */
/* Ten minutes at 48 kHz: far beyond any paragraph, small enough that a
 * sample count times two never overflows 32 bits. */
#define SPEECH_MAX_SAMPLES (48000u * 600u)

/* What an utterance of a page speaks; its key is made by speech_key(). */
enum speech_part {
	SPEECH_TITLE,   /* "title": the page title */
	SPEECH_TILE,    /* "tile": the tile's title and summary on the start page */
	SPEECH_BLOCK,   /* "block/N": heading, paragraph, list item, quote or contact card */
	SPEECH_CAPTION, /* "caption/N": the caption of picture block N */
	SPEECH_CREDIT,  /* "credit/N": the credit of picture block N, with "Foto:" */
	SPEECH_LINK,    /* "link/N/S": the link starting at span S of block N */
};

struct speech_utterance {
	const char *key;        /* see above; unique and sorted within a record */
	const char *text;       /* what is spoken, for tests and `foyer-pack info` */
	uint32_t samples;       /* decoded length at the record's sample_rate, after pre_skip */
	uint32_t packet_count;  /* Opus packets, each frame_samples long */
	const uint8_t *packets; /* packet_count x (u16 size, size bytes) */
	size_t packets_size;    /* bytes at packets */
};

struct speech {
	uint32_t sample_rate;   /* the encoder's rate: 8000, 12000, 16000, 24000 or 48000 */
	uint16_t frame_samples; /* samples per packet at sample_rate (2.5 to 60 ms) */
	uint16_t pre_skip;      /* decoded samples to drop at the start of each utterance */
	const char *lang;       /* two letters */
	const char *voice;      /* synthesiser and voice, e.g. "espeak-ng 1.51 de" */
	size_t count;
	const struct speech_utterance *utterances; /* sorted by key */
};

/* Encodes s into a malloc'd buffer (caller frees); s->utterances must be sorted
 * and their packets well framed.  BUNDLE_ERR_LIMIT / BUNDLE_ERR_INVALID else. */
int speech_encode(const struct speech *s, uint8_t **out, size_t *size, struct bundle_diag *diag);

/* Decodes an entry's bytes into one allocation (free with speech_free()) whose
 * strings and packets point into data, which must outlive it.  Checks every
 * length, the framing of every packet and the order of the keys; the Opus
 * packets themselves are for the decoder to judge. */
int speech_decode(const uint8_t *data, size_t size, struct speech **out, struct bundle_diag *diag);
void speech_free(struct speech *s);

/* The utterance with key, or NULL (binary search). */
const struct speech_utterance *speech_find(const struct speech *s, const char *key);

/* Steps through an utterance's packets: *pos starts at 0.  False at the end.
 * Only for an utterance speech_decode() accepted. */
bool speech_next_packet(const struct speech_utterance *u, size_t *pos, const uint8_t **packet,
			size_t *size);

/* Key of a part of a page into buf ("block/3"); false if it does not fit. */
bool speech_key(char *buf, size_t size, enum speech_part part, unsigned block, unsigned span);

/* "speech/page/ID/LANG" and "speech/ui/LANG"; false if it does not fit. */
bool speech_page_entry_name(char *buf, size_t size, const char *id, const char *lang);
bool speech_ui_entry_name(char *buf, size_t size, const char *lang);

#endif
