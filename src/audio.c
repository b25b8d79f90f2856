#include "audio.h"

#include <SDL.h>
#include <errno.h>
#include <math.h>
#include <opus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "bundle/wire.h"

/* Opus' longest packet: 120 ms. */
#define PACKET_MAX_FRAMES (AUDIO_RATE * 120 / 1000)
/* SDL's buffer: 21 ms at 48 kHz, short enough that a stop is heard at once. */
#define DEVICE_BUFFER_FRAMES 1024
#define WAV_HEADER_SIZE 44
/* A RIFF size field is 32 bits: about 12 hours of 48 kHz mono. */
#define WAV_MAX_FRAMES ((UINT32_MAX - WAV_HEADER_SIZE) / 2)
#define CHUNK_FRAMES 4096
/* Earcons: soft sine notes, 0.3 of full scale (about -10 dBFS), with 8 ms
 * raised-cosine edges so they start and stop without a click. */
#define EARCON_AMPLITUDE (0.3 * 32767)
#define EARCON_FADE_MS 8

enum backend { BACKEND_DEVICE, BACKEND_WAV, BACKEND_NONE };

struct queued {
	const struct speech *s;
	const struct speech_utterance *u;
	int tag;
	uint32_t factor;        /* AUDIO_RATE / the record's rate */
	uint32_t skip;          /* decoded frames to drop first (the encoder's delay) */
	uint32_t frames;        /* frames to play after those */
	uint32_t packet_frames; /* frames one packet decodes to */
};

struct note {
	unsigned hz; /* 0: a rest */
	unsigned ms;
};

/* Short, distinct and in no language: a step down for an edge, up for on,
 * down for off, three knocks for attention. */
static const struct note earcon_notes[AUDIO_EARCON_COUNT][5] = {
	[AUDIO_EARCON_EDGE] = { { 392, 70 }, { 0, 30 }, { 262, 110 } },
	[AUDIO_EARCON_MODE_ON] = { { 523, 80 }, { 0, 20 }, { 784, 120 } },
	[AUDIO_EARCON_MODE_OFF] = { { 784, 80 }, { 0, 20 }, { 523, 120 } },
	[AUDIO_EARCON_ATTENTION] = { { 880, 90 }, { 0, 90 }, { 880, 90 }, { 0, 90 }, { 880, 90 } },
};

struct audio {
	enum backend kind;
	SDL_AudioDeviceID dev;
	bool dev_running;
	uint64_t now_ms; /* the caller's clock at the last call */
	uint64_t t0_ms;  /* WAV and none: the clock at frame 0 */
	uint64_t clock;  /* frames rendered so far */
	/* WAV */
	FILE *wav;
	char *path, *tmp_path;
	bool wav_failed;
	const char *wav_why;
	/* the queue; head is the utterance playing or next */
	OpusDecoder *dec;
	struct queued *queue;
	size_t head, count, cap;
	bool started; /* queue[head] is decoding */
	bool in_gap;  /* queue[head] is done, the pause before the next runs */
	uint32_t gap_left;
	size_t packet_pos; /* in queue[head]'s packets */
	uint32_t skipped, played;
	int16_t pcm[PACKET_MAX_FRAMES];
	size_t pcm_len, pcm_at;
	int heard;
	bool paused;
	/* earcons, made at open */
	int16_t *earcon[AUDIO_EARCON_COUNT];
	size_t earcon_len[AUDIO_EARCON_COUNT];
	int earcon_now; /* -1: none */
	size_t earcon_at;
};

unsigned audio_earcon_ms(enum audio_earcon e)
{
	unsigned ms = 0;
	for (size_t i = 0; (unsigned)e < AUDIO_EARCON_COUNT && i < 5; i++)
		ms += earcon_notes[e][i].ms;
	return ms;
}

static int make_earcons(struct audio *a)
{
	for (int e = 0; e < AUDIO_EARCON_COUNT; e++) {
		size_t n = (size_t)audio_earcon_ms((enum audio_earcon)e) * AUDIO_FRAMES_PER_MS;
		int16_t *s = calloc(n, sizeof(*s));
		if (!s)
			return -1;
		size_t at = 0;
		for (size_t k = 0; k < 5 && earcon_notes[e][k].ms; k++) {
			const struct note *nt = &earcon_notes[e][k];
			size_t len = (size_t)nt->ms * AUDIO_FRAMES_PER_MS;
			size_t fade = EARCON_FADE_MS * AUDIO_FRAMES_PER_MS;
			for (size_t i = 0; nt->hz && i < len; i++) {
				double env = 1.0;
				size_t edge = i < len - 1 - i ? i : len - 1 - i;
				if (edge < fade)
					env = 0.5 - 0.5 * cos(M_PI * (double)edge / (double)fade);
				s[at + i] =
				    (int16_t)lrint(EARCON_AMPLITUDE * env *
						   sin(2 * M_PI * nt->hz * (double)i / AUDIO_RATE));
			}
			at += len;
		}
		a->earcon[e] = s;
		a->earcon_len[e] = n;
	}
	return 0;
}

static struct audio *audio_new(enum backend kind, uint64_t now_ms)
{
	struct audio *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	int err;
	a->kind = kind;
	a->t0_ms = a->now_ms = now_ms;
	a->heard = AUDIO_TAG_NONE;
	a->earcon_now = -1;
	a->dec = opus_decoder_create(AUDIO_RATE, 1, &err);
	if (!a->dec || make_earcons(a)) {
		for (int e = 0; e < AUDIO_EARCON_COUNT; e++)
			free(a->earcon[e]);
		opus_decoder_destroy(a->dec);
		free(a);
		return NULL;
	}
	return a;
}

static void audio_free(struct audio *a)
{
	for (int e = 0; e < AUDIO_EARCON_COUNT; e++)
		free(a->earcon[e]);
	opus_decoder_destroy(a->dec);
	free(a->queue);
	free(a->path);
	free(a->tmp_path);
	free(a);
}

static void lock(struct audio *a)
{
	if (a->kind == BACKEND_DEVICE)
		SDL_LockAudioDevice(a->dev);
}

static void unlock(struct audio *a)
{
	if (a->kind == BACKEND_DEVICE)
		SDL_UnlockAudioDevice(a->dev);
}

static bool speaking(const struct audio *a)
{
	return !a->paused && a->head < a->count;
}

static bool sounding(const struct audio *a)
{
	return speaking(a) || a->earcon_now >= 0;
}

/* Decodes the next packet of q into a->pcm; silence for a packet libopus
 * refuses, so the timing holds whatever the bytes are. */
static void decode_packet(struct audio *a, const struct queued *q)
{
	const uint8_t *packet;
	size_t size;
	int n = -1;
	if (speech_next_packet(q->u, &a->packet_pos, &packet, &size))
		n = opus_decode(a->dec, packet, (opus_int32)size, a->pcm, PACKET_MAX_FRAMES, 0);
	if (n < 0) {
		n = (int)q->packet_frames;
		memset(a->pcm, 0, (size_t)n * sizeof(a->pcm[0]));
	}
	a->pcm_len = (size_t)n;
	a->pcm_at = 0;
}

static void start_current(struct audio *a)
{
	opus_decoder_ctl(a->dec, OPUS_RESET_STATE);
	a->started = true;
	a->in_gap = false;
	a->packet_pos = 0;
	a->skipped = a->played = 0;
	a->pcm_len = a->pcm_at = 0;
	a->heard = a->queue[a->head].tag;
}

/* The utterance at head has played out: the pause before the next, or the end. */
static void finish_current(struct audio *a)
{
	if (a->head + 1 < a->count && !a->in_gap) {
		a->in_gap = true;
		a->gap_left = AUDIO_GAP_MS * AUDIO_FRAMES_PER_MS;
		return;
	}
	a->head++;
	a->started = a->in_gap = false;
	if (a->head >= a->count) {
		a->head = a->count = 0;
		a->heard = AUDIO_TAG_NONE;
	} else {
		a->heard = a->queue[a->head].tag;
	}
}

/* The speech part of n frames into out (silence where none plays). */
static void render_speech(struct audio *a, int16_t *out, size_t n)
{
	while (n > 0) {
		if (!speaking(a)) {
			memset(out, 0, n * sizeof(*out));
			return;
		}
		struct queued *q = &a->queue[a->head];
		if (!a->started)
			start_current(a);
		size_t take;
		if (a->in_gap) {
			take = n < a->gap_left ? n : a->gap_left;
			memset(out, 0, take * sizeof(*out));
			a->gap_left -= (uint32_t)take;
			if (a->gap_left == 0)
				finish_current(a);
		} else if (a->played >= q->frames) {
			finish_current(a);
			continue;
		} else {
			if (a->pcm_at == a->pcm_len)
				decode_packet(a, q);
			if (a->skipped < q->skip) {
				size_t drop = a->pcm_len - a->pcm_at;
				if (drop > q->skip - a->skipped)
					drop = q->skip - a->skipped;
				a->pcm_at += drop;
				a->skipped += (uint32_t)drop;
				continue;
			}
			take = a->pcm_len - a->pcm_at;
			if (take > n)
				take = n;
			if (take > q->frames - a->played)
				take = q->frames - a->played;
			memcpy(out, a->pcm + a->pcm_at, take * sizeof(*out));
			a->pcm_at += take;
			a->played += (uint32_t)take;
			if (a->played == q->frames)
				finish_current(a);
		}
		out += take;
		n -= take;
	}
}

static void render(struct audio *a, int16_t *out, size_t n)
{
	render_speech(a, out, n);
	if (a->earcon_now >= 0) {
		const int16_t *e = a->earcon[a->earcon_now];
		size_t len = a->earcon_len[a->earcon_now];
		for (size_t i = 0; i < n && a->earcon_at < len; i++) {
			int v = out[i] + e[a->earcon_at++];
			out[i] = (int16_t)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
		}
		if (a->earcon_at >= len)
			a->earcon_now = -1;
	}
	a->clock += n;
}

static void SDLCALL on_device(void *user, Uint8 *stream, int len)
{
	render(user, (int16_t *)stream, (size_t)len / sizeof(int16_t));
}

static void write_wav_header(uint8_t *h, uint64_t frames)
{
	uint32_t data = (uint32_t)(frames * 2);
	memcpy(h, "RIFF", 4);
	wire_put_u32(h + 4, 36 + data);
	memcpy(h + 8, "WAVEfmt ", 8);
	wire_put_u32(h + 16, 16);             /* fmt chunk size */
	wire_put_u16(h + 20, 1);              /* PCM */
	wire_put_u16(h + 22, 1);              /* mono */
	wire_put_u32(h + 24, AUDIO_RATE);     /* frames per second */
	wire_put_u32(h + 28, AUDIO_RATE * 2); /* bytes per second */
	wire_put_u16(h + 32, 2);              /* bytes per frame */
	wire_put_u16(h + 34, 16);             /* bits per sample */
	memcpy(h + 36, "data", 4);
	wire_put_u32(h + 40, data);
}

/* WAV and none: render the frames due by now_ms (a WAV writes them). */
static void advance(struct audio *a, uint64_t now_ms)
{
	if (now_ms > a->now_ms)
		a->now_ms = now_ms;
	if (a->kind == BACKEND_DEVICE || a->now_ms < a->t0_ms)
		return;
	uint64_t due = (a->now_ms - a->t0_ms) * AUDIO_FRAMES_PER_MS;
	int16_t buf[CHUNK_FRAMES];
	uint8_t bytes[CHUNK_FRAMES * 2];
	while (a->clock < due) {
		size_t n = due - a->clock < CHUNK_FRAMES ? (size_t)(due - a->clock) : CHUNK_FRAMES;
		if (a->kind == BACKEND_NONE && !sounding(a)) {
			a->clock = due; /* nothing to hear: skip the silence at once */
			break;
		}
		render(a, buf, n);
		if (a->kind != BACKEND_WAV || a->wav_failed)
			continue;
		if (a->clock > WAV_MAX_FRAMES) {
			a->wav_failed = true;
			a->wav_why = "longer than a WAV file can be (12 hours)";
			continue;
		}
		for (size_t i = 0; i < n; i++)
			wire_put_u16(bytes + 2 * i, (uint16_t)buf[i]);
		if (fwrite(bytes, 2, n, a->wav) != n) {
			a->wav_failed = true;
			a->wav_why = strerror(errno);
		}
	}
}

/* The sound card runs only while there is something to hear. */
static void device_follow(struct audio *a)
{
	if (a->kind != BACKEND_DEVICE || a->dev_running == sounding(a))
		return;
	a->dev_running = sounding(a);
	SDL_PauseAudioDevice(a->dev, a->dev_running ? 0 : 1);
}

/* A device for a, paused (its callback runs once unpaused); 0 with why set. */
static SDL_AudioDeviceID open_device(struct audio *a, const char *name, char *why, size_t why_size)
{
	SDL_AudioSpec want = { .freq = AUDIO_RATE,
			       .format = AUDIO_S16SYS,
			       .channels = 1,
			       .samples = DEVICE_BUFFER_FRAMES,
			       .callback = on_device,
			       .userdata = a };
	/* no allowed changes: SDL converts to whatever the card takes */
	SDL_AudioDeviceID dev = SDL_OpenAudioDevice(name, 0, &want, NULL, 0);

	if (!dev)
		snprintf(why, why_size, "no sound: %s", SDL_GetError());
	return dev;
}

int audio_use_output(struct audio *a, const char *name, char *why, size_t why_size)
{
	SDL_AudioDeviceID dev;

	if (a->kind == BACKEND_WAV)
		return 0;
	if (a->kind == BACKEND_NONE && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		snprintf(why, why_size, "no sound: %s", SDL_GetError());
		return -1;
	}
	dev = open_device(a, name, why, why_size);
	/* drivers with one device at a time: close the old one first, and go
	 * back to the default output when the new one will not open */
	if (!dev && a->kind == BACKEND_DEVICE) {
		SDL_CloseAudioDevice(a->dev);
		a->dev = 0;
		dev = open_device(a, name, why, why_size);
		if (!dev) {
			char again[256];
			a->dev = open_device(a, NULL, again, sizeof(again));
			a->dev_running = false;
			device_follow(a);
			return -1;
		}
	}
	if (!dev) {
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
		return -1;
	}
	/* the old device's callback has stopped once it is closed; the new one's
	 * starts only when device_follow() unpauses it */
	if (a->kind == BACKEND_DEVICE && a->dev)
		SDL_CloseAudioDevice(a->dev);
	a->kind = BACKEND_DEVICE;
	a->dev = dev;
	a->dev_running = false;
	device_follow(a);
	return 0;
}

struct audio *audio_open_device(char *why, size_t why_size)
{
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		snprintf(why, why_size, "no sound: %s", SDL_GetError());
		return NULL;
	}
	struct audio *a = audio_new(BACKEND_DEVICE, 0);
	if (!a) {
		snprintf(why, why_size, "out of memory");
		goto out_quit;
	}
	a->dev = open_device(a, NULL, why, why_size);
	if (!a->dev) {
		audio_free(a);
		goto out_quit;
	}
	return a;

out_quit:
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	return NULL;
}

struct audio *audio_open_wav(const char *path, uint64_t now_ms, char *why, size_t why_size)
{
	struct audio *a = audio_new(BACKEND_WAV, now_ms);
	size_t n = strlen(path) + 8;
	if (!a || !(a->path = strdup(path)) || !(a->tmp_path = malloc(n))) {
		snprintf(why, why_size, "out of memory");
		goto out_free;
	}
	snprintf(a->tmp_path, n, "%s.XXXXXX", path);
	int fd = mkstemp(a->tmp_path);
	/* mkstemp makes it private; the WAV is an ordinary output file (umask applies) */
	mode_t mask = umask(0);
	umask(mask);
	if (fd >= 0)
		fchmod(fd, 0666 & ~mask);
	if (fd < 0 || !(a->wav = fdopen(fd, "wb"))) {
		snprintf(why, why_size, "%s: cannot write: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(a->tmp_path);
		}
		goto out_free;
	}
	uint8_t header[WAV_HEADER_SIZE];
	write_wav_header(header, 0);
	if (fwrite(header, 1, sizeof(header), a->wav) != sizeof(header)) {
		a->wav_failed = true;
		a->wav_why = strerror(errno);
	}
	return a;

out_free:
	if (a)
		audio_free(a);
	return NULL;
}

struct audio *audio_open_null(uint64_t now_ms)
{
	return audio_new(BACKEND_NONE, now_ms);
}

static int finish_wav(struct audio *a, char *why, size_t why_size)
{
	uint8_t header[WAV_HEADER_SIZE];
	write_wav_header(header, a->clock);
	if (!a->wav_failed && (fseek(a->wav, 0, SEEK_SET) != 0 ||
			       fwrite(header, 1, sizeof(header), a->wav) != sizeof(header) ||
			       fflush(a->wav) != 0 || fsync(fileno(a->wav)) != 0)) {
		a->wav_failed = true;
		a->wav_why = strerror(errno);
	}
	if (fclose(a->wav) != 0 && !a->wav_failed) {
		a->wav_failed = true;
		a->wav_why = strerror(errno);
	}
	if (!a->wav_failed && rename(a->tmp_path, a->path) != 0) {
		a->wav_failed = true;
		a->wav_why = strerror(errno);
	}
	if (!a->wav_failed)
		return 0;
	unlink(a->tmp_path);
	snprintf(why, why_size, "%s: not written: %s", a->path, a->wav_why);
	return -1;
}

int audio_close(struct audio *a, uint64_t now_ms, char *why, size_t why_size)
{
	int rc = 0;
	if (!a)
		return 0;
	advance(a, now_ms);
	if (a->kind == BACKEND_DEVICE) {
		SDL_CloseAudioDevice(a->dev);
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	} else if (a->kind == BACKEND_WAV) {
		rc = finish_wav(a, why, why_size);
	}
	audio_free(a);
	return rc;
}

void audio_update(struct audio *a, uint64_t now_ms)
{
	advance(a, now_ms);
	lock(a);
	device_follow(a);
	unlock(a);
}

/* Frames until what is heard changes (an utterance ends or the next starts),
 * or the earcon ends; 0 when nothing will. */
static uint64_t frames_to_change(const struct audio *a)
{
	uint64_t speech = 0, earcon = 0;
	if (speaking(a)) {
		const struct queued *q = &a->queue[a->head];
		if (a->in_gap)
			speech = a->gap_left;
		else
			speech = (uint64_t)q->frames - (a->started ? a->played : 0) +
				 (a->head + 1 < a->count ? AUDIO_GAP_MS * AUDIO_FRAMES_PER_MS : 0);
	}
	/* an utterance of no samples still ends: at the next frame */
	if (speaking(a) && !speech)
		speech = 1;
	if (a->earcon_now >= 0)
		earcon = a->earcon_len[a->earcon_now] - a->earcon_at;
	if (!speech)
		return earcon;
	return earcon && earcon < speech ? earcon : speech;
}

int64_t audio_next_deadline(const struct audio *a)
{
	struct audio *m = (struct audio *)a; /* the lock is not part of the state */
	lock(m);
	uint64_t frames = frames_to_change(a);
	uint64_t base = a->kind == BACKEND_DEVICE
			    ? a->now_ms + DEVICE_BUFFER_FRAMES / AUDIO_FRAMES_PER_MS
			    : a->t0_ms + a->clock / AUDIO_FRAMES_PER_MS;
	unlock(m);
	if (!frames)
		return -1;
	return (int64_t)(base + (frames + AUDIO_FRAMES_PER_MS - 1) / AUDIO_FRAMES_PER_MS);
}

int audio_playing(const struct audio *a)
{
	struct audio *m = (struct audio *)a;
	lock(m);
	int tag = a->heard;
	unlock(m);
	return tag;
}

int audio_heard(const struct audio *a, const struct speech **rec, const struct speech_utterance **u)
{
	struct audio *m = (struct audio *)a;
	int tag;

	lock(m);
	tag = a->heard;
	*rec = tag != AUDIO_TAG_NONE && a->head < a->count ? a->queue[a->head].s : NULL;
	*u = *rec ? a->queue[a->head].u : NULL;
	unlock(m);
	return tag;
}

bool audio_paused(const struct audio *a)
{
	return a->paused;
}

int audio_queue(struct audio *a, const struct speech *s, const struct speech_utterance *u, int tag,
		uint64_t now_ms)
{
	if (!s || !u || !s->sample_rate || AUDIO_RATE % s->sample_rate)
		return -1;
	advance(a, now_ms);
	lock(a);
	int rc = 0;
	if (a->count == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 16;
		struct queued *q = realloc(a->queue, cap * sizeof(*q));
		if (!q) {
			rc = -1;
			goto out_unlock;
		}
		a->queue = q;
		a->cap = cap;
	}
	uint32_t factor = AUDIO_RATE / s->sample_rate;
	a->queue[a->count++] = (struct queued){ s,
						u,
						tag,
						factor,
						(uint32_t)s->pre_skip * factor,
						u->samples * factor,
						(uint32_t)s->frame_samples * factor };
	if (a->count == 1)
		a->heard = tag; /* it starts now */
	device_follow(a);
out_unlock:
	unlock(a);
	return rc;
}

static int queue_key(struct audio *a, const struct speech *s, enum speech_part part, size_t block,
		     int tag, uint64_t now_ms)
{
	char key[SPEECH_MAX_KEY + 1];
	const struct speech_utterance *u;
	if (!speech_key(key, sizeof(key), part, (unsigned)block, 0) || !(u = speech_find(s, key)))
		return 0;
	return audio_queue(a, s, u, tag, now_ms) ? -1 : 1;
}

int audio_queue_page(struct audio *a, const struct speech *s, const struct page *p,
		     size_t from_block, uint64_t now_ms)
{
	int n = 0, rc;
	if (from_block == 0) {
		if ((rc = queue_key(a, s, SPEECH_TITLE, 0, AUDIO_TAG_TITLE, now_ms)) < 0)
			return -1;
		n += rc;
	}
	for (size_t b = from_block; b < p->block_count; b++) {
		static const enum speech_part picture[] = { SPEECH_CAPTION, SPEECH_CREDIT };
		size_t parts = p->blocks[b].kind == PAGE_PICTURE ? 2 : 1;
		for (size_t k = 0; k < parts; k++) {
			enum speech_part part =
			    p->blocks[b].kind == PAGE_PICTURE ? picture[k] : SPEECH_BLOCK;
			if ((rc = queue_key(a, s, part, b, (int)b, now_ms)) < 0)
				return -1;
			n += rc;
		}
	}
	return n;
}

void audio_stop(struct audio *a, uint64_t now_ms)
{
	advance(a, now_ms);
	lock(a);
	a->head = a->count = 0;
	a->started = a->in_gap = a->paused = false;
	a->heard = AUDIO_TAG_NONE;
	device_follow(a);
	unlock(a);
}

void audio_pause(struct audio *a, uint64_t now_ms)
{
	advance(a, now_ms);
	lock(a);
	a->paused = a->head < a->count;
	device_follow(a);
	unlock(a);
}

void audio_resume(struct audio *a, uint64_t now_ms)
{
	advance(a, now_ms);
	lock(a);
	a->paused = false;
	device_follow(a);
	unlock(a);
}

void audio_earcon(struct audio *a, enum audio_earcon e, uint64_t now_ms)
{
	if ((unsigned)e >= AUDIO_EARCON_COUNT)
		return;
	advance(a, now_ms);
	lock(a);
	a->earcon_now = (int)e;
	a->earcon_at = 0;
	device_follow(a);
	unlock(a);
}
