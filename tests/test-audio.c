/* Audio: what a visitor hears.  Speech packed by foyer-pack's speech stage and
 * played by src/audio.c into a WAV file on a virtual clock: well-formed WAV,
 * silence where nothing plays, speech as long as the words need, in the
 * page's language, earcons at their pitch, pause, resume and stop on time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"

#include <SDL.h>
#include "bundle/bundle-writer.h"
#include "bundle/bundle.h"
#include "bundle/page.h"
#include "bundle/speech.h"
#include "bundle/wire.h"
#include "pack/content.h"
#include "pack/speak.h"

#define BASE_DIR FOYER_SOURCE_DIR "/tests/corpus/pack/base"

struct fixture {
	uint8_t *bytes;
	struct bundle *b;
	char dir[64];
};

static struct fixture fx;

static int setup(void **state)
{
	struct report r = { 0 };
	struct bundle_diag diag = { { 0 } };
	size_t size;
	(void)state;
	struct bundle_writer *w = bundle_writer_new();
	if (!w || content_pack(BASE_DIR, NULL, &r, w) != 0 ||
	    bundle_writer_to_memory(w, &fx.bytes, &size, &diag) != 0 ||
	    bundle_open_memory(fx.bytes, size, &fx.b, &diag) != 0) {
		fprintf(stderr, "cannot pack %s: %s %s\n", BASE_DIR, r.text ? r.text : "",
			diag.message);
		return -1;
	}
	bundle_writer_free(w);
	report_release(&r);
	snprintf(fx.dir, sizeof(fx.dir), "/tmp/foyer-test-audio-XXXXXX");
	return mkdtemp(fx.dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	bundle_close(fx.b);
	free(fx.bytes);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx.dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct speech *load_speech(struct bundle *b, const char *name)
{
	const struct bundle_entry *e = bundle_find(b, name);
	const uint8_t *data;
	size_t size;
	struct bundle_diag diag = { { 0 } };
	struct speech *s = NULL;
	assert_non_null(e);
	assert_int_equal(e->type, BUNDLE_SPEECH);
	assert_int_equal(bundle_entry_data(b, e, &data, &size, &diag), BUNDLE_OK);
	assert_int_equal(speech_decode(data, size, &s, &diag), BUNDLE_OK);
	return s;
}

static struct page *load_page(struct bundle *b, const char *name)
{
	const struct bundle_entry *e = bundle_find(b, name);
	const uint8_t *data;
	size_t size;
	struct bundle_diag diag = { { 0 } };
	struct page *p = NULL;
	assert_non_null(e);
	assert_int_equal(bundle_entry_data(b, e, &data, &size, &diag), BUNDLE_OK);
	assert_int_equal(page_decode(data, size, &p, &diag), BUNDLE_OK);
	return p;
}

/* A WAV as a visitor would hear it: the samples, after checking every header
 * field against what audio.h promises. */
static int16_t *read_wav(const char *path, size_t *frames)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	assert_true(size >= 44);
	uint8_t *bytes = malloc((size_t)size);
	assert_non_null(bytes);
	assert_int_equal(fread(bytes, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	assert_memory_equal(bytes, "RIFF", 4);
	assert_int_equal(wire_get_u32(bytes + 4), (uint32_t)size - 8);
	assert_memory_equal(bytes + 8, "WAVEfmt ", 8);
	assert_int_equal(wire_get_u32(bytes + 16), 16);
	assert_int_equal(wire_get_u16(bytes + 20), 1); /* PCM */
	assert_int_equal(wire_get_u16(bytes + 22), 1); /* mono */
	assert_int_equal(wire_get_u32(bytes + 24), AUDIO_RATE);
	assert_int_equal(wire_get_u32(bytes + 28), AUDIO_RATE * 2);
	assert_int_equal(wire_get_u16(bytes + 32), 2);
	assert_int_equal(wire_get_u16(bytes + 34), 16);
	assert_memory_equal(bytes + 36, "data", 4);
	assert_int_equal(wire_get_u32(bytes + 40), (uint32_t)size - 44);
	*frames = ((size_t)size - 44) / 2;
	int16_t *pcm = malloc(*frames * sizeof(*pcm) + 1);
	assert_non_null(pcm);
	for (size_t i = 0; i < *frames; i++)
		pcm[i] = (int16_t)wire_get_u16(bytes + 44 + 2 * i);
	free(bytes);
	return pcm;
}

static double rms(const int16_t *pcm, size_t n)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += (double)pcm[i] * pcm[i];
	return n ? sqrt(sum / (double)n) : 0;
}

static bool silent(const int16_t *pcm, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (pcm[i])
			return false;
	return true;
}

static size_t ms_frames(uint64_t ms)
{
	return (size_t)ms * AUDIO_FRAMES_PER_MS;
}

static int words(const char *text)
{
	int n = 0;
	bool in = false;
	for (const char *c = text; *c; c++) {
		bool space = *c == ' ' || *c == '\n';
		n += !space && !in;
		in = !space;
	}
	return n;
}

/* A page read aloud into a WAV: silence, then each utterance with a pause
 * between, then silence; the tags follow the page's blocks in order. */
static void test_page_into_wav(void **state)
{
	char path[128], why[256];
	size_t frames;
	(void)state;
	struct speech *s = load_speech(fx.b, "speech/page/info/de");
	struct page *p = load_page(fx.b, "page/info/de");
	snprintf(path, sizeof(path), "%s/page.wav", fx.dir);

	struct audio *a = audio_open_wav(path, 1000, why, sizeof(why));
	assert_non_null(a);
	audio_update(a, 1500);
	assert_int_equal(audio_next_deadline(a), -1); /* silent: nothing to wake for */
	int queued = audio_queue_page(a, s, p, 0, 1500);
	assert_true(queued >= 5);
	assert_int_equal(audio_playing(a), AUDIO_TAG_TITLE);

	/* follow the deadlines as the app's loop would: each is a change of tag */
	int tags[64], ntags = 0;
	uint64_t now = 1500, starts[64];
	tags[ntags] = audio_playing(a);
	starts[ntags++] = now;
	for (int64_t d; (d = audio_next_deadline(a)) >= 0 && ntags < 64;) {
		assert_true((uint64_t)d > now);
		now = (uint64_t)d;
		audio_update(a, now);
		tags[ntags] = audio_playing(a);
		starts[ntags++] = now;
	}
	assert_int_equal(tags[ntags - 1], AUDIO_TAG_NONE);
	assert_int_equal(ntags - 1, queued);
	for (int i = 1; i < ntags - 1; i++)
		assert_true(tags[i] >= tags[i - 1]); /* reading order */
	uint64_t end = now;
	/* until it is complete, the WAV is not there under its name */
	assert_int_not_equal(access(path, F_OK), 0);
	assert_int_equal(audio_close(a, end + 1000, why, sizeof(why)), 0);

	int16_t *pcm = read_wav(path, &frames);
	assert_int_equal(frames, ms_frames(end + 1000 - 1000));
	/* before the queue and after the last utterance: digital silence */
	assert_true(silent(pcm, ms_frames(500)));
	assert_true(silent(pcm + ms_frames(end - 1000), ms_frames(1000)));
	/* every utterance is heard: real energy between its start and the next */
	for (int i = 0; i < ntags - 1; i++) {
		size_t from = ms_frames(starts[i] - 1000), to = ms_frames(starts[i + 1] - 1000);
		assert_true(rms(pcm + from, to - from) > 300);
	}
	/* the pause between two utterances is silent (Opus' tail aside) */
	size_t gap_end = ms_frames(starts[1] - 1000);
	assert_true(rms(pcm + gap_end - ms_frames(AUDIO_GAP_MS / 2), ms_frames(AUDIO_GAP_MS / 2)) <
		    5);
	free(pcm);
	page_free(p);
	speech_free(s);
}

/* How long each utterance takes is what its words need at the rate foyer-pack
 * speaks (160 a minute): a silent, clipped or wrong-record utterance fails. */
static void test_length_fits_words(void **state)
{
	static const char *const records[] = { "speech/page/info/de", "speech/page/info/en",
					       "speech/ui/de", "speech/ui/en" };
	(void)state;
	for (size_t r = 0; r < 4; r++) {
		struct speech *s = load_speech(fx.b, records[r]);
		for (size_t i = 0; i < s->count; i++) {
			const struct speech_utterance *u = &s->utterances[i];
			double seconds = (double)u->samples / s->sample_rate;
			int n = words(u->text);
			/* a short phrase: espeak-ng's own onset and end dominate */
			if (n < 12) {
				assert_true(seconds > 0.15 * n && seconds < 1.5 * n + 1);
				continue;
			}
			double wpm = n / seconds * 60;
			if (wpm < 90 || wpm > 230)
				fail_msg("%s %s: %d words in %.2f s = %.0f a minute", records[r],
					 u->key, n, seconds, wpm);
		}
		speech_free(s);
	}
}

/* RMS per 10 ms: the shape of speech over time. */
static size_t envelope(const int16_t *pcm, size_t n, unsigned rate, double *env, size_t max)
{
	size_t win = rate / 100, k = 0;
	for (size_t at = 0; at + win <= n && k < max; at += win)
		env[k++] = rms(pcm + at, win);
	return k;
}

static double correlation(const double *x, size_t nx, const double *y, size_t ny)
{
	size_t n = nx < ny ? nx : ny;
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	return sxy / sqrt(sxx * syy);
}

/* The German page is spoken by the German voice: what the kiosk plays follows
 * espeak-ng's German rendering of the text closely, its English one not. */
static void test_language_is_the_pages(void **state)
{
	char path[128], why[256];
	size_t frames;
	(void)state;
	struct speech *s = load_speech(fx.b, "speech/page/info/de");
	struct page *p = load_page(fx.b, "page/info/de");
	assert_string_equal(s->lang, "de");
	assert_non_null(strstr(s->voice, "espeak-ng"));
	/* the paragraph's utterance says the German paragraph */
	const struct speech_utterance *u = speech_find(s, "block/1");
	assert_non_null(u);
	assert_non_null(strstr(u->text, "Betonung"));
	assert_int_equal(p->blocks[1].kind, PAGE_PARAGRAPH);

	snprintf(path, sizeof(path), "%s/one.wav", fx.dir);
	struct audio *a = audio_open_wav(path, 0, why, sizeof(why));
	assert_non_null(a);
	assert_int_equal(audio_queue(a, s, u, 1, 0), 0);
	int64_t end = audio_next_deadline(a);
	assert_int_equal(audio_close(a, (uint64_t)end, why, sizeof(why)), 0);
	int16_t *heard = read_wav(path, &frames);

	struct speak *sp = speak_new(why, sizeof(why));
	assert_non_null(sp);
	int16_t *de, *en;
	size_t nde, nen;
	assert_int_equal(speak_pcm(sp, "de", u->text, &de, &nde, why, sizeof(why)), 0);
	assert_int_equal(speak_pcm(sp, "en", u->text, &en, &nen, why, sizeof(why)), 0);
	speak_free(sp);

	static double eh[4096], ed[4096], ee[4096];
	size_t nh = envelope(heard, frames, AUDIO_RATE, eh, 4096);
	size_t nd = envelope(de, nde, SPEAK_RATE, ed, 4096);
	size_t ne = envelope(en, nen, SPEAK_RATE, ee, 4096);
	double c_de = correlation(eh, nh, ed, nd), c_en = correlation(eh, nh, ee, ne);
	/* the length too: the German rendering to within 2 %, the English not */
	double len_de = (double)nde / SPEAK_RATE, len_heard = (double)frames / AUDIO_RATE;
	assert_true(fabs(len_heard - len_de) < 0.02 * len_de);
	if (!(c_de > 0.9 && c_en < c_de - 0.2))
		fail_msg("envelope correlation: German %.2f, English %.2f", c_de, c_en);
	free(de);
	free(en);
	free(heard);
	page_free(p);
	speech_free(s);
}

static size_t zero_crossings(const int16_t *pcm, size_t n)
{
	size_t c = 0;
	for (size_t i = 1; i < n; i++)
		c += (pcm[i - 1] < 0) != (pcm[i] < 0);
	return c;
}

/* An edge earcon is two notes, 392 Hz then 262 Hz, and silence after. */
static void test_earcon_pitch(void **state)
{
	char path[128], why[256];
	size_t frames;
	(void)state;
	snprintf(path, sizeof(path), "%s/earcon.wav", fx.dir);
	struct audio *a = audio_open_wav(path, 0, why, sizeof(why));
	assert_non_null(a);
	audio_earcon(a, AUDIO_EARCON_EDGE, 100);
	assert_int_equal(audio_next_deadline(a), 100 + audio_earcon_ms(AUDIO_EARCON_EDGE));
	audio_update(a, 100 + audio_earcon_ms(AUDIO_EARCON_EDGE));
	assert_int_equal(audio_next_deadline(a), -1);
	assert_int_equal(audio_close(a, 600, why, sizeof(why)), 0);
	int16_t *pcm = read_wav(path, &frames);
	assert_int_equal(frames, ms_frames(600));
	assert_true(silent(pcm, ms_frames(100)));
	/* 70 ms at 392 Hz: about 55 crossings; 110 ms at 262 Hz: about 58 */
	size_t c1 = zero_crossings(pcm + ms_frames(100), ms_frames(70));
	size_t c2 = zero_crossings(pcm + ms_frames(200), ms_frames(110));
	assert_true(c1 >= 50 && c1 <= 60);
	assert_true(c2 >= 53 && c2 <= 63);
	assert_true(silent(pcm + ms_frames(100 + audio_earcon_ms(AUDIO_EARCON_EDGE)),
			   ms_frames(600 - 100 - audio_earcon_ms(AUDIO_EARCON_EDGE))));
	free(pcm);
}

/* Pause holds the place (and the highlight), resume goes on from it, stop
 * ends everything: on the virtual clock, to the millisecond. */
static void test_pause_resume_stop(void **state)
{
	(void)state;
	struct speech *s = load_speech(fx.b, "speech/page/info/en");
	const struct speech_utterance *title = speech_find(s, "title");
	const struct speech_utterance *para = speech_find(s, "block/1");
	assert_non_null(title);
	assert_non_null(para);
	struct audio *a = audio_open_null(0);
	assert_non_null(a);
	assert_int_equal(audio_queue(a, s, title, 7, 0), 0);
	assert_int_equal(audio_queue(a, s, para, 8, 0), 0);
	uint64_t title_ms = (uint64_t)title->samples * 1000 / s->sample_rate;
	int64_t d = audio_next_deadline(a);
	/* the title, then the pause, then the paragraph starts */
	assert_true(llabs(d - (int64_t)(title_ms + AUDIO_GAP_MS)) <= 1);
	audio_update(a, 100);
	audio_pause(a, 100);
	assert_true(audio_paused(a));
	assert_int_equal(audio_playing(a), 7);
	assert_int_equal(audio_next_deadline(a), -1);
	audio_update(a, 5100); /* five seconds later: still paused, nothing moved */
	assert_int_equal(audio_playing(a), 7);
	audio_resume(a, 5100);
	assert_true(llabs(audio_next_deadline(a) - (d + 5000)) <= 1);
	audio_update(a, (uint64_t)audio_next_deadline(a));
	assert_int_equal(audio_playing(a), 8);
	audio_stop(a, 6000 + title_ms);
	assert_int_equal(audio_playing(a), AUDIO_TAG_NONE);
	assert_int_equal(audio_next_deadline(a), -1);
	char why[64];
	assert_int_equal(audio_close(a, 7000 + title_ms, why, sizeof(why)), 0);
	speech_free(s);
}

/* The sound card path, on SDL's dummy driver (no sound card in a test): it
 * opens, takes a queue, reports it, stops and closes.  Nothing here waits for
 * the card's clock. */
static void test_device_opens(void **state)
{
	char why[256];
	(void)state;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	struct speech *s = load_speech(fx.b, "speech/page/info/de");
	struct audio *a = audio_open_device(why, sizeof(why));
	if (!a)
		fail_msg("%s", why);
	assert_int_equal(audio_next_deadline(a), -1);
	assert_int_equal(audio_queue(a, s, speech_find(s, "title"), 3, 0), 0);
	assert_int_equal(audio_playing(a), 3);
	assert_true(audio_next_deadline(a) > 0);
	audio_earcon(a, AUDIO_EARCON_MODE_ON, 0);
	audio_stop(a, 0);
	assert_int_equal(audio_playing(a), AUDIO_TAG_NONE);
	assert_int_equal(audio_close(a, 0, why, sizeof(why)), 0);
	speech_free(s);
}

/* A headset plugged in: the queue moves to the new output and keeps its place,
 * from a sound card and from no output at all (no card at start).  On SDL's
 * dummy driver, whose one output has a name (it opens any name, so a refused
 * output is the boot test's: headset). */
static void test_output_moves(void **state)
{
	char why[256];
	(void)state;
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	struct speech *s = load_speech(fx.b, "speech/page/info/de");
	struct audio *a = audio_open_device(why, sizeof(why));
	if (!a)
		fail_msg("%s", why);
	const char *name = SDL_GetAudioDeviceName(0, 0);
	assert_non_null(name);
	assert_int_equal(audio_queue(a, s, speech_find(s, "title"), 3, 0), 0);
	assert_int_equal(audio_use_output(a, name, why, sizeof(why)), 0);
	assert_int_equal(audio_playing(a), 3);
	assert_true(audio_next_deadline(a) > 0);
	assert_int_equal(audio_close(a, 0, why, sizeof(why)), 0);

	a = audio_open_null(0);
	assert_int_equal(audio_queue(a, s, speech_find(s, "title"), 4, 0), 0);
	SDL_InitSubSystem(SDL_INIT_AUDIO);
	name = SDL_GetAudioDeviceName(0, 0);
	assert_int_equal(audio_use_output(a, name, why, sizeof(why)), 0);
	assert_int_equal(audio_playing(a), 4);
	assert_int_equal(audio_close(a, 0, why, sizeof(why)), 0);
	SDL_QuitSubSystem(SDL_INIT_AUDIO);
	speech_free(s);
}

/* An utterance of no samples (a text the synthesiser found nothing to say in)
 * ends at once instead of holding its highlight for ever. */
static void test_empty_utterance_ends(void **state)
{
	static const struct speech_utterance empty = { "block/0", "", 0, 0, NULL, 0 };
	static const struct speech rec = { 24000, 480, 0, "de", "test", 1, &empty };
	(void)state;
	struct audio *a = audio_open_null(0);
	assert_non_null(a);
	assert_int_equal(audio_queue(a, &rec, &empty, 5, 0), 0);
	assert_int_equal(audio_playing(a), 5);
	int64_t d = audio_next_deadline(a);
	assert_true(d >= 0 && d <= 1);
	audio_update(a, (uint64_t)d);
	assert_int_equal(audio_playing(a), AUDIO_TAG_NONE);
	assert_int_equal(audio_close(a, 10, NULL, 0), 0);
}

/* A WAV that cannot be written says so and leaves nothing behind. */
static void test_wav_unwritable(void **state)
{
	char why[256];
	(void)state;
	assert_null(audio_open_wav("/nonexistent-dir/out.wav", 0, why, sizeof(why)));
	assert_non_null(strstr(why, "/nonexistent-dir/out.wav"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_into_wav),
		cmocka_unit_test(test_length_fits_words),
		cmocka_unit_test(test_language_is_the_pages),
		cmocka_unit_test(test_earcon_pitch),
		cmocka_unit_test(test_pause_resume_stop),
		cmocka_unit_test(test_empty_utterance_ends),
		cmocka_unit_test(test_device_opens),
		cmocka_unit_test(test_output_moves),
		cmocka_unit_test(test_wav_unwritable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
