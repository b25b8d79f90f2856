#include "bundle/speech.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

#define SPEECH_MAGIC 0x48435053u /* "SPCH" */
#define SPEECH_WIRE_VERSION 1

static bool key_valid(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > SPEECH_MAX_KEY)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '-' ||
		      k[i] == '/'))
			return false;
	return true;
}

/* Opus codes frames of 2.5, 5, 10, 20, 40 and 60 ms at these rates only. */
static bool format_valid(uint32_t rate, uint32_t frame)
{
	static const uint32_t rates[] = { 8000, 12000, 16000, 24000, 48000 };
	static const uint32_t per_frame[] = { 400, 200, 100, 50, 25 }; /* rate / frame */
	bool rate_ok = false;
	for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); i++)
		rate_ok |= rate == rates[i];
	if (!rate_ok)
		return false;
	for (size_t i = 0; i < sizeof(per_frame) / sizeof(per_frame[0]); i++)
		if (frame * per_frame[i] == rate)
			return true;
	return frame * 50 == rate * 3; /* 60 ms */
}

/* Walks the packet framing; returns the packet count, or -1 when a packet is
 * empty, too large or runs past the end. */
static long count_packets(const uint8_t *p, size_t size)
{
	size_t pos = 0;
	long n = 0;
	while (pos < size) {
		if (size - pos < 2)
			return -1;
		size_t len = wire_get_u16(p + pos);
		if (len == 0 || len > SPEECH_MAX_PACKET || size - pos - 2 < len)
			return -1;
		pos += 2 + len;
		n++;
	}
	return n;
}

/* An utterance's packets must cover pre_skip and its samples, and not more
 * than one frame beyond (the encoder's padding). */
static bool length_consistent(const struct speech *s, const struct speech_utterance *u)
{
	uint64_t covered = (uint64_t)u->packet_count * s->frame_samples;
	uint64_t needed = (uint64_t)u->samples + s->pre_skip;
	return u->samples <= SPEECH_MAX_SAMPLES && covered >= needed &&
	       covered < needed + s->frame_samples;
}

int speech_encode(const struct speech *s, uint8_t **out, size_t *size, struct bundle_diag *diag)
{
	if (s->count > SPEECH_MAX_UTTERANCES)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "speech: %zu utterances, the limit is %d", s->count,
				   SPEECH_MAX_UTTERANCES);
	if (!format_valid(s->sample_rate, s->frame_samples) || s->pre_skip >= s->sample_rate)
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "speech: %u Hz with %u-sample frames",
				   s->sample_rate, s->frame_samples);
	struct wire_buf b = { 0 };
	wire_buf_u32(&b, SPEECH_MAGIC);
	wire_buf_u16(&b, SPEECH_WIRE_VERSION);
	wire_buf_u16(&b, 0);
	wire_buf_u32(&b, s->sample_rate);
	wire_buf_u16(&b, s->frame_samples);
	wire_buf_u16(&b, s->pre_skip);
	wire_buf_str(&b, s->lang);
	wire_buf_str(&b, s->voice);
	wire_buf_u32(&b, (uint32_t)s->count);
	for (size_t i = 0; i < s->count; i++) {
		const struct speech_utterance *u = &s->utterances[i];
		if (!key_valid(u->key) || (i && strcmp(s->utterances[i - 1].key, u->key) >= 0) ||
		    strlen(u->text) > SPEECH_MAX_TEXT ||
		    count_packets(u->packets, u->packets_size) != (long)u->packet_count ||
		    !length_consistent(s, u)) {
			wire_buf_release(&b);
			return bundle_fail(diag, BUNDLE_ERR_INVALID,
					   "speech: utterance '%s' is invalid or out of order",
					   u->key);
		}
		wire_buf_str(&b, u->key);
		wire_buf_str(&b, u->text);
		wire_buf_u32(&b, u->samples);
		wire_buf_u32(&b, u->packet_count);
		wire_buf_u32(&b, (uint32_t)u->packets_size);
		wire_buf_append(&b, u->packets, u->packets_size);
	}
	if (b.failed) {
		wire_buf_release(&b);
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "speech: out of memory");
	}
	*out = b.data;
	*size = b.len;
	return BUNDLE_OK;
}

int speech_decode(const uint8_t *data, size_t size, struct speech **out, struct bundle_diag *diag)
{
	struct wire_cursor c;
	struct speech head = { 0 };
	*out = NULL;
	wire_cursor_init(&c, data, size);
	if (wire_read_u32(&c) != SPEECH_MAGIC || c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "speech record: wrong magic");
	unsigned version = wire_read_u16(&c);
	if (version != SPEECH_WIRE_VERSION)
		return bundle_fail(diag, BUNDLE_ERR_VERSION,
				   "speech record: version %u, expected %d", version,
				   SPEECH_WIRE_VERSION);
	if (wire_read_u16(&c) != 0)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "speech record: reserved field is not zero");
	head.sample_rate = wire_read_u32(&c);
	head.frame_samples = wire_read_u16(&c);
	head.pre_skip = wire_read_u16(&c);
	if (!c.failed && (!format_valid(head.sample_rate, head.frame_samples) ||
			  head.pre_skip >= head.sample_rate))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "speech record: %u Hz with %u-sample frames is not Opus",
				   head.sample_rate, head.frame_samples);
	head.lang = wire_read_str(&c, 2);
	head.voice = wire_read_str(&c, 256);
	head.count = wire_read_u32(&c);
	if (!c.failed && strlen(head.lang) != 2)
		wire_fail(&c, "the language is not two letters");
	if (c.failed)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "speech record at byte %zu: %s", c.pos,
				   c.why);
	if (head.count > SPEECH_MAX_UTTERANCES)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "speech record: %zu utterances, the limit is %d", head.count,
				   SPEECH_MAX_UTTERANCES);
	/* the smallest utterance takes 23 bytes: no allocation beyond what the data can hold */
	if (head.count > (size - c.pos) / 23)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "speech record: %zu utterances cannot fit in %zu bytes",
				   head.count, size - c.pos);
	struct speech *s =
	    malloc(sizeof(*s) + (head.count ? head.count : 1) * sizeof(struct speech_utterance));
	if (!s)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "speech record: out of memory");
	struct speech_utterance *u = (struct speech_utterance *)(s + 1);
	*s = head;
	s->utterances = u;
	for (size_t i = 0; i < s->count; i++) {
		u[i].key = wire_read_str(&c, SPEECH_MAX_KEY);
		u[i].text = wire_read_str(&c, SPEECH_MAX_TEXT);
		u[i].samples = wire_read_u32(&c);
		u[i].packet_count = wire_read_u32(&c);
		uint32_t n = wire_read_u32(&c);
		if (c.failed)
			break;
		if (n > c.len - c.pos) {
			wire_fail(&c, "packets run past the end");
			break;
		}
		u[i].packets = c.data + c.pos;
		u[i].packets_size = n;
		c.pos += n;
		const char *why = NULL;
		if (!key_valid(u[i].key))
			why = "invalid key";
		else if (i && strcmp(u[i - 1].key, u[i].key) >= 0)
			why = "keys not sorted or repeated";
		else if (count_packets(u[i].packets, n) != (long)u[i].packet_count)
			why = "packet framing does not match the packet count";
		else if (!length_consistent(s, &u[i]))
			why = "sample count does not match the packets";
		if (why) {
			bundle_fail(diag, BUNDLE_ERR_CORRUPT, "speech record, utterance %zu: %s", i,
				    why);
			free(s);
			return BUNDLE_ERR_CORRUPT;
		}
	}
	if (c.failed || c.pos != size) {
		if (c.failed)
			bundle_fail(diag, BUNDLE_ERR_CORRUPT, "speech record at byte %zu: %s",
				    c.pos, c.why);
		else
			bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				    "speech record: %zu bytes of trailing data", size - c.pos);
		free(s);
		return BUNDLE_ERR_CORRUPT;
	}
	*out = s;
	return BUNDLE_OK;
}

void speech_free(struct speech *s)
{
	free(s);
}

const struct speech_utterance *speech_find(const struct speech *s, const char *key)
{
	size_t lo = 0, hi = s ? s->count : 0;
	while (key && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(s->utterances[mid].key, key);
		if (cmp == 0)
			return &s->utterances[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool speech_next_packet(const struct speech_utterance *u, size_t *pos, const uint8_t **packet,
			size_t *size)
{
	if (*pos + 2 > u->packets_size)
		return false;
	*size = wire_get_u16(u->packets + *pos);
	*packet = u->packets + *pos + 2;
	*pos += 2 + *size;
	return true;
}

bool speech_key(char *buf, size_t size, enum speech_part part, unsigned block, unsigned span)
{
	int n = -1;
	switch (part) {
	case SPEECH_TITLE:
		n = snprintf(buf, size, "title");
		break;
	case SPEECH_TILE:
		n = snprintf(buf, size, "tile");
		break;
	case SPEECH_BLOCK:
		n = snprintf(buf, size, "block/%u", block);
		break;
	case SPEECH_CAPTION:
		n = snprintf(buf, size, "caption/%u", block);
		break;
	case SPEECH_CREDIT:
		n = snprintf(buf, size, "credit/%u", block);
		break;
	case SPEECH_LINK:
		n = snprintf(buf, size, "link/%u/%u", block, span);
		break;
	}
	return n > 0 && (size_t)n < size;
}

bool speech_page_entry_name(char *buf, size_t size, const char *id, const char *lang)
{
	int n = snprintf(buf, size, "speech/page/%s/%s", id, lang);
	return n > 0 && (size_t)n < size;
}

bool speech_ui_entry_name(char *buf, size_t size, const char *lang)
{
	int n = snprintf(buf, size, "speech/ui/%s", lang);
	return n > 0 && (size_t)n < size;
}
