#include "pack/speak.h"

#include <espeak-ng/speak_lib.h>
#include <opus.h>
#include <soxr.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/speech.h"
#include "bundle/wire.h"
#include "pack/cache.h"
#include "ui-text.h"

/* Bumped whenever synthesis or encoding changes in a way the key does not see. */
#define SPEAK_CACHE_VERSION 1

struct speak {
	int espeak_rate; /* espeak-ng's output rate (22 050 Hz) */
	OpusEncoder *enc;
	int pre_skip;
	char version[64];
	char voice[128];
	/* samples of the utterance being synthesised (espeak-ng's callback adds) */
	int16_t *pcm;
	size_t len, cap;
	bool nomem;
	struct cache *cache; /* borrowed, may be NULL: see speak_set_cache() */
};

struct item {
	char key[SPEECH_MAX_KEY + 1];
	const char *lang; /* the voice's language */
	char *text;       /* owned */
	struct speech_utterance u;
	uint8_t *packets; /* owned */
};

struct items {
	struct item *v;
	size_t count, cap;
	bool nomem;
};

static int on_samples(short *wav, int count, espeak_EVENT *events)
{
	struct speak *sp = events ? events->user_data : NULL;
	if (!sp || !wav || count <= 0)
		return 0;
	if (sp->len + (size_t)count > sp->cap) {
		size_t cap = sp->cap ? sp->cap * 2 : 1 << 16;
		while (cap < sp->len + (size_t)count)
			cap *= 2;
		int16_t *p = realloc(sp->pcm, cap * sizeof(*p));
		if (!p) {
			sp->nomem = true;
			return 1; /* stop synthesis */
		}
		sp->pcm = p;
		sp->cap = cap;
	}
	memcpy(sp->pcm + sp->len, wav, (size_t)count * sizeof(*wav));
	sp->len += (size_t)count;
	return 0;
}

/* espeak-ng 1.51 hangs in espeak_Terminate() after a second espeak_Initialize()
 * (its worker thread waits for a signal that never comes): it is started once
 * per process and stopped when the process exits. */
static int espeak_rate;

static void stop_espeak(void)
{
	espeak_Terminate();
}

static int start_espeak(void)
{
	if (espeak_rate > 0)
		return espeak_rate;
	espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, 0);
	if (espeak_rate > 0) {
		espeak_SetSynthCallback(on_samples);
		atexit(stop_espeak);
	}
	return espeak_rate;
}

struct speak *speak_new(char *why, size_t why_size)
{
	struct speak *sp = calloc(1, sizeof(*sp));
	if (!sp) {
		snprintf(why, why_size, "out of memory");
		return NULL;
	}
	sp->espeak_rate = start_espeak();
	if (sp->espeak_rate <= 0) {
		snprintf(why, why_size, "espeak-ng cannot start (install Debian's espeak-ng-data)");
		goto out_free;
	}
	/* espeak-ng draws on rand() (and keeps a running phase between utterances):
	 * one seed and one order of utterances give the same bundle every build */
	srand(1);
	int err;
	sp->enc = opus_encoder_create(SPEAK_RATE, 1, OPUS_APPLICATION_VOIP, &err);
	if (!sp->enc) {
		snprintf(why, why_size, "Opus encoder: %s", opus_strerror(err));
		goto out_free;
	}
	opus_encoder_ctl(sp->enc, OPUS_SET_BITRATE(SPEAK_BITRATE));
	opus_encoder_ctl(sp->enc, OPUS_SET_VBR(1));
	opus_encoder_ctl(sp->enc, OPUS_SET_COMPLEXITY(SPEAK_COMPLEXITY));
	opus_encoder_ctl(sp->enc, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
	opus_encoder_ctl(sp->enc, OPUS_GET_LOOKAHEAD(&sp->pre_skip));
	const char *data_path = NULL;
	snprintf(sp->version, sizeof(sp->version), "espeak-ng %s", espeak_Info(&data_path));
	return sp;

out_free:
	free(sp);
	return NULL;
}

void speak_free(struct speak *sp)
{
	if (!sp)
		return;
	opus_encoder_destroy(sp->enc);
	free(sp->pcm);
	free(sp);
}

/* espeak-ng names a voice by its language code: "de" is German, "en" British
 * English (what German schools teach, and the city's own English pages use). */
const char *speak_voice(struct speak *sp, const char *lang)
{
	if (espeak_SetVoiceByName(lang) != EE_OK)
		return NULL;
	snprintf(sp->voice, sizeof(sp->voice), "%s %s", sp->version, lang);
	return sp->voice;
}

/* Text as a listener should hear it: no soft hyphens (espeak-ng would pause at
 * them), no-break spaces as spaces, a line break as a short pause. */
static char *speakable(const char *text)
{
	size_t n = strlen(text);
	char *out = malloc(2 * n + 1), *o = out;
	if (!out)
		return NULL;
	for (const char *s = text; *s; s++) {
		if ((uint8_t)s[0] == 0xc2 && (uint8_t)s[1] == 0xad) {
			s++;
		} else if ((uint8_t)s[0] == 0xc2 && (uint8_t)s[1] == 0xa0) {
			*o++ = ' ';
			s++;
		} else if (*s == '\n') {
			*o++ = ',';
			*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	*o = 0;
	return out;
}

int speak_pcm(struct speak *sp, const char *lang, const char *text, int16_t **pcm, size_t *samples,
	      char *why, size_t why_size)
{
	*pcm = NULL;
	*samples = 0;
	if (!speak_voice(sp, lang)) {
		snprintf(why, why_size, "espeak-ng has no voice for '%s'", lang);
		return -1;
	}
	espeak_SetParameter(espeakRATE, SPEAK_WORDS_PER_MINUTE, 0);
	char *clean = speakable(text);
	if (!clean) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	sp->len = 0;
	sp->nomem = false;
	espeak_ERROR err =
	    espeak_Synth(clean, strlen(clean) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, sp);
	free(clean);
	if (err != EE_OK || sp->nomem) {
		snprintf(why, why_size, "espeak-ng could not speak it (%s)",
			 sp->nomem ? "out of memory" : "synthesis failed");
		return -1;
	}
	/* one sample more than the exact ratio: soxr rounds, never cuts speech short */
	size_t olen = (size_t)((double)sp->len * SPEAK_RATE / sp->espeak_rate) + 1;
	int16_t *out = malloc((olen ? olen : 1) * sizeof(*out));
	if (!out) {
		snprintf(why, why_size, "out of memory");
		return -1;
	}
	size_t done = 0;
	soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
	/* soxr dithers 16-bit output with noise seeded from the clock: the same
	 * content would give a different bundle on every build */
	io.flags |= SOXR_NO_DITHER;
	soxr_quality_spec_t q = soxr_quality_spec(SOXR_HQ, 0);
	soxr_error_t serr = soxr_oneshot(sp->espeak_rate, SPEAK_RATE, 1, sp->pcm, sp->len, NULL,
					 out, olen, &done, &io, &q, NULL);
	if (serr) {
		free(out);
		snprintf(why, why_size, "resampling failed: %s", serr);
		return -1;
	}
	*pcm = out;
	*samples = done;
	return 0;
}

/* Opus packets for pcm, framed as the speech record wants them: the encoder
 * starts afresh (any utterance can be played alone) and is fed pre_skip more
 * samples of silence so the last of the speech leaves it. */
static int encode(struct speak *sp, const int16_t *pcm, size_t samples, struct item *it)
{
	size_t total = samples + (size_t)sp->pre_skip;
	size_t frames = (total + SPEAK_FRAME_SAMPLES - 1) / SPEAK_FRAME_SAMPLES;
	struct wire_buf b = { 0 };
	int16_t frame[SPEAK_FRAME_SAMPLES];
	uint8_t packet[SPEECH_MAX_PACKET];
	opus_encoder_ctl(sp->enc, OPUS_RESET_STATE);
	for (size_t f = 0; f < frames; f++) {
		size_t at = f * SPEAK_FRAME_SAMPLES;
		for (size_t i = 0; i < SPEAK_FRAME_SAMPLES; i++)
			frame[i] = at + i < samples ? pcm[at + i] : 0;
		opus_int32 n =
		    opus_encode(sp->enc, frame, SPEAK_FRAME_SAMPLES, packet, sizeof(packet));
		if (n <= 0) {
			wire_buf_release(&b);
			return -1;
		}
		wire_buf_u16(&b, (uint16_t)n);
		wire_buf_append(&b, packet, (size_t)n);
	}
	if (b.failed) {
		wire_buf_release(&b);
		return -1;
	}
	it->packets = b.data;
	it->u.packets = b.data;
	it->u.packets_size = b.len;
	it->u.packet_count = (uint32_t)frames;
	it->u.samples = (uint32_t)samples;
	return 0;
}

void speak_set_cache(struct speak *sp, struct cache *c)
{
	sp->cache = c;
}

/* What an utterance's packets depend on: the voice, the text and every setting
 * of synthesis and encoding (and the library versions that carry them out). */
static void utterance_key(const struct speak *sp, const char *voice, const struct item *it,
			  uint8_t key[CACHE_KEY_SIZE])
{
	struct cache_key_state k;
	uint32_t settings[] = { SPEAK_RATE,
				SPEAK_FRAME_SAMPLES,
				SPEAK_BITRATE,
				SPEAK_COMPLEXITY,
				SPEAK_WORDS_PER_MINUTE,
				(uint32_t)sp->pre_skip,
				(uint32_t)sp->espeak_rate };
	const char *opus = opus_get_version_string();
	cache_key_begin(&k, "speech", SPEAK_CACHE_VERSION);
	cache_key_add(&k, settings, sizeof(settings));
	cache_key_add(&k, opus, strlen(opus) + 1);
	cache_key_add(&k, voice, strlen(voice) + 1);
	cache_key_add(&k, it->lang, strlen(it->lang) + 1);
	cache_key_add(&k, it->text, strlen(it->text) + 1);
	cache_key_end(&k, key);
}

/* The utterance from the cache: u32 samples, u32 packet count, the packets. */
static bool cached_utterance(struct speak *sp, const uint8_t key[CACHE_KEY_SIZE], struct item *it)
{
	uint8_t *data;
	size_t size;
	if (cache_get(sp->cache, key, &data, &size) != 0)
		return false;
	if (size < 8) {
		free(data);
		return false;
	}
	it->u.samples = wire_get_u32(data);
	it->u.packet_count = wire_get_u32(data + 4);
	memmove(data, data + 8, size - 8);
	it->packets = data;
	it->u.packets = data;
	it->u.packets_size = size - 8;
	return true;
}

static void cache_utterance(struct speak *sp, const uint8_t key[CACHE_KEY_SIZE],
			    const struct item *it)
{
	struct wire_buf b = { 0 };
	if (!sp->cache)
		return;
	wire_buf_u32(&b, it->u.samples);
	wire_buf_u32(&b, it->u.packet_count);
	wire_buf_append(&b, it->u.packets, it->u.packets_size);
	if (!b.failed)
		cache_put(sp->cache, key, b.data, b.len);
	wire_buf_release(&b);
}

/* Adds "a. b": a full stop between parts unless the first already ends one. */
static void append_part(char **text, const char *part)
{
	if (!part || !*part || !*text)
		return;
	size_t n = strlen(*text), m = strlen(part);
	char *t = realloc(*text, n + m + 3);
	if (!t) {
		free(*text);
		*text = NULL;
		return;
	}
	if (n && !strchr(".!?:;", t[n - 1]))
		t[n++] = '.';
	if (n)
		t[n++] = ' ';
	memcpy(t + n, part, m + 1);
	*text = t;
}

static void add_item(struct items *list, const char *key, const char *lang, char *text)
{
	if (!text || !*text) {
		list->nomem |= !text;
		free(text);
		return;
	}
	if (list->count == list->cap) {
		size_t cap = list->cap ? 2 * list->cap : 32;
		struct item *v = realloc(list->v, cap * sizeof(*v));
		if (!v) {
			list->nomem = true;
			free(text);
			return;
		}
		list->v = v;
		list->cap = cap;
	}
	struct item *it = &list->v[list->count++];
	memset(it, 0, sizeof(*it));
	snprintf(it->key, sizeof(it->key), "%s", key);
	it->lang = lang;
	it->text = text;
}

static char *dup_text(const char *s)
{
	return strdup(s ? s : "");
}

static char *spans_text(const struct page_span *spans, size_t count)
{
	size_t n = 1;
	for (size_t i = 0; i < count; i++)
		n += strlen(spans[i].text);
	char *t = malloc(n);
	if (!t)
		return NULL;
	*t = 0;
	for (size_t i = 0; i < count; i++)
		strcat(t, spans[i].text);
	return t;
}

static bool has_spans(enum page_block_kind k)
{
	return k == PAGE_HEADING || k == PAGE_PARAGRAPH || k == PAGE_LIST_ITEM || k == PAGE_QUOTE;
}

/* A link runs over consecutive spans with the same target ("[**Kultur**büro](x)"). */
static void add_links(struct items *list, const struct page *p, unsigned b)
{
	const struct page_block *bl = &p->blocks[b];
	char key[SPEECH_MAX_KEY + 1];
	for (size_t s = 0; s < bl->span_count;) {
		size_t end = s + 1;
		if (!(bl->spans[s].style & SPAN_LINK_PAGE)) {
			s++;
			continue;
		}
		while (end < bl->span_count && (bl->spans[end].style & SPAN_LINK_PAGE) &&
		       strcmp(bl->spans[end].target, bl->spans[s].target) == 0)
			end++;
		speech_key(key, sizeof(key), SPEECH_LINK, b, (unsigned)s);
		add_item(list, key, p->lang, spans_text(bl->spans + s, end - s));
		s = end;
	}
}

static char *contact_text(const struct page_contact *c, const char *lang)
{
	char *t = dup_text("");
	char line[1024];
	append_part(&t, c->heading);
	append_part(&t, c->name);
	append_part(&t, c->role);
	append_part(&t, c->organisation);
	append_part(&t, c->address);
	if (c->phone && *c->phone) {
		snprintf(line, sizeof(line), "%s %s", ui_text(lang, UI_PHONE), c->phone);
		append_part(&t, line);
	}
	if (c->email && *c->email) {
		snprintf(line, sizeof(line), "%s %s", ui_text(lang, UI_EMAIL), c->email);
		append_part(&t, line);
	}
	return t;
}

/* A table as a listener needs it: each row with its column headings, "Tag:
 * Montag, Öffnungszeit: 9 bis 12 Uhr. Tag: Freitag, ..."; the header alone when
 * there is no other row. */
static char *table_text(const struct page_block *bl)
{
	char *t = dup_text("");
	for (unsigned r = bl->rows > 1 ? 1 : 0; t && r < bl->rows; r++) {
		char *row = dup_text("");
		for (unsigned c = 0; row && c < bl->columns; c++) {
			const struct page_cell *cell = &bl->cells[r * bl->columns + c];
			char *value = spans_text(cell->spans, cell->span_count);
			char *head = r ? spans_text(bl->cells[c].spans, bl->cells[c].span_count)
				       : dup_text("");
			size_t n = strlen(row) + (head ? strlen(head) : 0) +
				   (value ? strlen(value) : 0) + 5;
			if (value && head && *value) {
				char *more = realloc(row, n);
				if (more)
					snprintf(more + strlen(more), n - strlen(more), "%s%s%s%s",
						 *more ? ", " : "", head, *head ? ": " : "", value);
				else
					free(row);
				row = more;
			}
			free(head);
			free(value);
		}
		append_part(&t, row);
		free(row);
	}
	return t;
}

static void collect_page(struct items *list, const struct page *p)
{
	char key[SPEECH_MAX_KEY + 1];
	add_item(list, "title", p->lang, dup_text(p->title));
	if (p->tile_title && *p->tile_title) {
		char *tile = dup_text(p->tile_title);
		append_part(&tile, p->summary);
		add_item(list, "tile", p->lang, tile);
	}
	for (unsigned b = 0; b < p->block_count; b++) {
		const struct page_block *bl = &p->blocks[b];
		char *text = NULL;
		if (has_spans(bl->kind)) {
			text = spans_text(bl->spans, bl->span_count);
			/* "3." is read as "third" in German: the number says where in the list */
			if (text && bl->kind == PAGE_LIST_ITEM && (bl->flags & PAGE_ORDERED)) {
				char num[16];
				snprintf(num, sizeof(num), "%u.", bl->number);
				char *item = dup_text(num);
				append_part(&item, text);
				free(text);
				text = item;
			}
			add_links(list, p, b);
		} else if (bl->kind == PAGE_CONTACT) {
			text = contact_text(&bl->contact, p->lang);
		} else if (bl->kind == PAGE_TABLE) {
			text = table_text(bl);
		} else if (bl->kind == PAGE_PICTURE) {
			speech_key(key, sizeof(key), SPEECH_CAPTION, b, 0);
			add_item(list, key, p->lang, dup_text(bl->caption));
			char *credit = dup_text(ui_text_credit_needs_prefix(bl->credit)
						    ? ui_text(p->lang, UI_PHOTO)
						    : "");
			if (credit && *credit) {
				char *with =
				    realloc(credit, strlen(credit) + strlen(bl->credit) + 2);
				if (with)
					strcat(strcat(with, " "), bl->credit);
				else
					free(credit);
				credit = with;
			} else {
				free(credit);
				credit = dup_text(bl->credit);
			}
			speech_key(key, sizeof(key), SPEECH_CREDIT, b, 0);
			add_item(list, key, p->lang, credit);
			continue;
		}
		speech_key(key, sizeof(key), SPEECH_BLOCK, b, 0);
		add_item(list, key, p->lang, text);
	}
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->key, ((const struct item *)b)->key);
}

static void free_items(struct items *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->v[i].text);
		free(list->v[i].packets);
	}
	free(list->v);
}

/* Synthesises and encodes every item, then adds one record named name. */
static int add_record(struct speak *sp, struct items *list, const char *lang, const char *name,
		      struct bundle_writer *w, struct report *r, const char *path)
{
	int rc = -1;
	char why[256];
	struct speech_utterance *u = NULL;
	if (list->nomem) {
		report_error(r, path, 0, "speech: out of memory");
		goto out;
	}
	const char *voice = speak_voice(sp, lang);
	if (!voice) {
		report_warning(r, path, 0,
			       "espeak-ng has no voice for '%s': this language cannot be read "
			       "aloud",
			       lang);
		rc = 0;
		goto out;
	}
	char voice_copy[128];
	snprintf(voice_copy, sizeof(voice_copy), "%s", voice);
	qsort(list->v, list->count, sizeof(*list->v), by_key);
	u = calloc(list->count ? list->count : 1, sizeof(*u));
	if (!u) {
		report_error(r, path, 0, "speech: out of memory");
		goto out;
	}
	for (size_t i = 0; i < list->count; i++) {
		struct item *it = &list->v[i];
		int16_t *pcm;
		size_t samples;
		/* the record keeps the text as spoken: no soft hyphens */
		char *spoken = speakable(it->text);
		if (!spoken) {
			report_error(r, path, 0, "speech: out of memory");
			goto out;
		}
		free(it->text);
		it->text = spoken;
		uint8_t key[CACHE_KEY_SIZE];
		utterance_key(sp, voice_copy, it, key);
		if (cached_utterance(sp, key, it)) {
			it->u.key = it->key;
			it->u.text = it->text;
			u[i] = it->u;
			continue;
		}
		if (speak_pcm(sp, it->lang, it->text, &pcm, &samples, why, sizeof(why))) {
			report_error(r, path, 0, "speech for '%s': %s", it->key, why);
			goto out;
		}
		int erc = encode(sp, pcm, samples, it);
		free(pcm);
		if (erc) {
			report_error(r, path, 0, "speech for '%s': Opus encoding failed", it->key);
			goto out;
		}
		cache_utterance(sp, key, it);
		it->u.key = it->key;
		it->u.text = it->text;
		u[i] = it->u;
	}
	struct speech rec = { .sample_rate = SPEAK_RATE,
			      .frame_samples = SPEAK_FRAME_SAMPLES,
			      .pre_skip = (uint16_t)sp->pre_skip,
			      .lang = lang,
			      .voice = voice_copy,
			      .count = list->count,
			      .utterances = u };
	uint8_t *data;
	size_t size;
	struct bundle_diag diag = { { 0 } };
	if (speech_encode(&rec, &data, &size, &diag)) {
		report_error(r, path, 0, "speech: %s", diag.message);
		goto out;
	}
	/* Opus packets do not shrink under zstd: stored as they are */
	if (bundle_writer_add(w, BUNDLE_SPEECH, name, data, size, 0, &diag))
		report_error(r, path, 0, "speech: %s", diag.message);
	else
		rc = 0;
	free(data);
out:
	free(u);
	free_items(list);
	return rc;
}

int speak_add_page(struct speak *sp, const struct page *p, struct bundle_writer *w,
		   struct report *r, const char *path)
{
	struct items list = { 0 };
	char name[128];
	collect_page(&list, p);
	speech_page_entry_name(name, sizeof(name), p->id, p->lang);
	return add_record(sp, &list, p->lang, name, w, r, path);
}

int speak_add_ui(struct speak *sp, const struct site *s, size_t lang_index, struct bundle_writer *w,
		 struct report *r, const char *path)
{
	struct items list = { 0 };
	const char *lang = s->langs[lang_index];
	char key[SPEECH_MAX_KEY + 1], name[64];
	/* the kiosk shows English where it has no table: spoken in the English voice */
	const char *text_lang = ui_text_has_language(lang) ? lang : "en";
	for (int id = 0; id < UI_TEXT_COUNT; id++)
		add_item(&list, ui_text_key((enum ui_text_id)id), text_lang,
			 dup_text(ui_text(lang, (enum ui_text_id)id)));
	add_item(&list, "site-name", lang, dup_text(s->name.text[lang_index]));
	add_item(&list, "slogan", lang, dup_text(s->slogan.text[lang_index]));
	for (size_t i = 0; i < s->location_count; i++) {
		snprintf(key, sizeof(key), "location/%s", s->locations[i].id);
		add_item(&list, key, lang, dup_text(s->locations[i].name.text[lang_index]));
	}
	/* the language switch says each language's name in that language */
	const char *own = ui_text_language_name(lang);
	add_item(&list, "language", lang, dup_text(own ? own : lang));
	speech_ui_entry_name(name, sizeof(name), lang);
	return add_record(sp, &list, lang, name, w, r, path);
}
