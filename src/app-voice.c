/* app-voice: the kiosk's voice.  Reads the screen aloud, paragraph by
 * paragraph, with the passage being heard highlighted and kept in view, and
 * speaks what explore by touch points at and the kiosk's own words.  Every
 * word comes from the bundle's speech records (made by foyer-pack); the audio
 * output is the platform's (audio.h), here only used.
 *
 * Records point into the bundle and utterances into records: everything stops
 * before either goes (voice_free()). */
#include "app-private.h"

#include <stdio.h>
#include <string.h>

#include "ui-text.h"

/* Tags of what read-aloud queues beyond a page's title and blocks: the start
 * screen's slogan and its tiles (VOICE_TAG_TILE + index). */
#define VOICE_TAG_SLOGAN (-3)
#define VOICE_TAG_TILE 100000
/* What explore by touch and the kiosk say, apart from reading a screen. */
#define VOICE_TAG_SAY (-4)

static struct speech *load_record(struct app *a, const char *entry)
{
	const struct bundle_entry *e = a->bundle ? bundle_find(a->bundle, entry) : NULL;
	struct bundle_diag diag;
	struct speech *s = NULL;
	const uint8_t *data;
	size_t size;

	if (!e)
		return NULL; /* a bundle without speech: the kiosk stays silent */
	if (bundle_entry_data(a->bundle, e, &data, &size, &diag) != BUNDLE_OK ||
	    speech_decode(data, size, &s, &diag) != BUNDLE_OK) {
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: %s: %s", a->bundle_path, entry,
			    diag.message);
		return NULL;
	}
	return s;
}

/* Silence, and every record let go. */
static void drop_records(struct app *a)
{
	struct app_voice *v = &a->voice;

	if (v->audio)
		audio_stop(v->audio, a->now);
	v->reading = false;
	v->heard = AUDIO_TAG_NONE;
	speech_free(v->page);
	speech_free(v->ui);
	v->page = v->ui = NULL;
	for (size_t i = 0; i < SITE_MAX_TILES; i++) {
		speech_free(v->tiles[i]);
		v->tiles[i] = NULL;
	}
	for (size_t i = 0; i < SITE_MAX_LANGS; i++) {
		speech_free(v->lang_names[i]);
		v->lang_names[i] = NULL;
	}
	v->page_id[0] = '\0';
	v->lang = -1;
}

void voice_init(struct app *a)
{
	memset(&a->voice, 0, sizeof(a->voice));
	a->voice.audio = a->opt.audio;
	a->voice.heard = AUDIO_TAG_NONE;
	a->voice.lang = -1;
}

void voice_free(struct app *a)
{
	drop_records(a);
}

/* The records of the screen shown: its page, the kiosk's words, the tiles'
 * pages on the start screen, every language's name in its own voice. */
static void load_records(struct app *a)
{
	struct app_voice *v = &a->voice;
	const char *lang = app_lang(a);
	char name[BUNDLE_MAX_NAME + 1];

	drop_records(a);
	if (!*lang)
		return;
	if (speech_page_entry_name(name, sizeof(name), a->nav.page, lang))
		v->page = load_record(a, name);
	if (speech_ui_entry_name(name, sizeof(name), lang))
		v->ui = load_record(a, name);
	for (size_t i = 0; i < a->site.lang_count && i < SITE_MAX_LANGS; i++)
		if (speech_ui_entry_name(name, sizeof(name), a->site.langs[i]))
			v->lang_names[i] = load_record(a, name);
	for (size_t i = 0; a->nav.screen == NAV_START && i < a->site.tile_count; i++)
		if (speech_page_entry_name(name, sizeof(name), a->site.tiles[i], lang))
			v->tiles[i] = load_record(a, name);
	snprintf(v->page_id, sizeof(v->page_id), "%s", a->nav.page);
	v->lang = a->nav.lang;
}

bool voice_say(struct app *a, const struct speech *rec, const char *key, bool interrupt)
{
	const struct speech_utterance *u = rec ? speech_find(rec, key) : NULL;

	if (!a->voice.audio || !u)
		return false;
	if (interrupt) {
		audio_stop(a->voice.audio, a->now);
		a->voice.reading = false;
	}
	return audio_queue(a->voice.audio, rec, u, VOICE_TAG_SAY, a->now) == 0;
}

bool voice_say_ui(struct app *a, enum ui_text_id id, bool interrupt)
{
	const char *key = ui_text_key(id);

	return key && voice_say(a, a->voice.ui, key, interrupt);
}

/* Queues the screen from the part at the top of the view: a page's blocks, or
 * the start screen's slogan and tiles. */
static void queue_screen(struct app *a)
{
	struct app_voice *v = &a->voice;
	size_t from = 0;
	int top = (int)a->nav.scroll;

	if (a->nav.screen == NAV_PAGE && a->page && v->page) {
		/* the first block that begins in the view, or the one the view is in */
		while (from + 1 < a->content.block_count && a->content.block_top[from + 1] <= top)
			from++;
		if (from == 0 && top < (a->content.block_count ? a->content.block_top[0] : 0))
			from = 0;
		audio_queue_page(v->audio, v->page, a->page, from, a->now);
		return;
	}
	if (a->nav.screen != NAV_START)
		return;
	if (v->ui && speech_find(v->ui, "slogan"))
		audio_queue(v->audio, v->ui, speech_find(v->ui, "slogan"), VOICE_TAG_SLOGAN,
			    a->now);
	for (size_t i = 0; i < a->site.tile_count && i < SITE_MAX_TILES; i++) {
		const struct speech_utterance *u =
		    v->tiles[i] ? speech_find(v->tiles[i], "tile") : NULL;

		if (u)
			audio_queue(v->audio, v->tiles[i], u, VOICE_TAG_TILE + (int)i, a->now);
	}
}

void voice_read(struct app *a)
{
	struct app_voice *v = &a->voice;

	if (!v->audio)
		return;
	audio_stop(v->audio, a->now);
	queue_screen(a);
	v->reading = true;
	a->dirty = true;
}

void voice_read_control(struct app *a, int what)
{
	struct app_voice *v = &a->voice;

	if (!v->audio)
		return;
	if (what == 1) { /* stop: the visitor is done with it */
		audio_stop(v->audio, a->now);
		v->reading = false;
		access_apply(a, ACCESS_READ_ALOUD);
	} else if (!v->reading || audio_playing(v->audio) == AUDIO_TAG_NONE) {
		voice_read(a); /* ended, or never started: again from the view */
	} else if (audio_paused(v->audio)) {
		audio_resume(v->audio, a->now);
	} else {
		audio_pause(v->audio, a->now);
	}
	a->dirty = true;
}

bool voice_paused(const struct app *a)
{
	return a->voice.audio && (!a->voice.reading || audio_paused(a->voice.audio));
}

void voice_screen_changed(struct app *a)
{
	struct app_voice *v = &a->voice;

	/* a new size or text scale of the same page reads on where it was */
	if (strcmp(v->page_id, a->nav.page) == 0 && v->lang == a->nav.lang &&
	    v->screen == a->nav.screen)
		return;
	load_records(a);
	v->screen = a->nav.screen;
	if (a->access.read_aloud && (a->nav.screen == NAV_START || a->nav.screen == NAV_PAGE))
		voice_read(a);
}

void voice_prompt(struct app *a)
{
	struct app_voice *v = &a->voice;

	if (!a->nav.prompting) {
		v->prompted = false;
		return;
	}
	if (v->prompted || !(a->access.read_aloud || a->access.explore) || !v->audio)
		return;
	v->prompted = true;
	audio_earcon(v->audio, AUDIO_EARCON_ATTENTION, a->now);
	voice_say_ui(a, UI_STILL_THERE, true);
	voice_say_ui(a, UI_CONTINUE, false);
}

void voice_mode_changed(struct app *a)
{
	if (!a->voice.audio)
		return;
	if (a->access.read_aloud && !a->voice.reading) {
		audio_earcon(a->voice.audio, AUDIO_EARCON_MODE_ON, a->now);
		voice_read(a);
	} else if (!a->access.read_aloud && a->voice.reading) {
		audio_stop(a->voice.audio, a->now);
		audio_earcon(a->voice.audio, AUDIO_EARCON_MODE_OFF, a->now);
		a->voice.reading = false;
	}
}

/* The part of the content a tag names, in content coordinates. */
static bool tag_box(const struct app *a, int tag, SDL_Rect *box)
{
	const struct layout *l = &a->content;
	int x, w;

	content_column(a, &x, &w);
	if (tag >= VOICE_TAG_TILE) {
		const char *id = a->site.tiles[tag - VOICE_TAG_TILE];

		for (size_t i = 0; i < l->count; i++)
			if (l->items[i].action == LAYOUT_ACTION_PAGE && l->items[i].target &&
			    strcmp(l->items[i].target, id) == 0) {
				*box = l->items[i].hit;
				return true;
			}
		return false;
	}
	if (tag == AUDIO_TAG_TITLE && l->block_count > 0) {
		*box = (SDL_Rect){ x, 0, w, l->block_top[0] };
		return true;
	}
	if (tag < 0 || (size_t)tag >= l->block_count)
		return false;
	*box = (SDL_Rect){ x, l->block_top[tag], w,
			   ((size_t)tag + 1 < l->block_count ? l->block_top[tag + 1] : l->height) -
			       l->block_top[tag] };
	return true;
}

/* The passage heard comes into view: its top near the view's top. */
static void follow(struct app *a, int tag)
{
	SDL_Rect box;
	int top = (int)a->nav.scroll, margin = app_em(a, 0.5);

	if (!tag_box(a, tag, &box))
		return;
	if (box.y < top || box.y + box.h > top + a->m.view.h)
		app_apply(a, nav_set_scroll(&a->nav, box.y - margin));
}

void voice_tick(struct app *a, uint64_t now)
{
	struct app_voice *v = &a->voice;
	int heard;

	if (!v->audio)
		return;
	audio_update(v->audio, now);
	heard = v->reading ? audio_playing(v->audio) : AUDIO_TAG_NONE;
	if (heard != v->heard) {
		v->heard = heard;
		if (heard != AUDIO_TAG_NONE)
			follow(a, heard);
		a->dirty = true;
	}
	if (v->reading && heard == AUDIO_TAG_NONE) {
		v->reading = false; /* the end of the screen */
		a->dirty = true;
	}
	/* someone listening is there: the idle reset waits while the page is read */
	if (heard != AUDIO_TAG_NONE && !audio_paused(v->audio))
		nav_touch_activity(&a->nav, now);
}

bool voice_deadline(const struct app *a, uint64_t *t)
{
	int64_t d = a->voice.audio ? audio_next_deadline(a->voice.audio) : -1;

	if (d < 0)
		return false;
	*t = (uint64_t)d;
	return true;
}

void voice_draw_highlight(struct app *a, int dy)
{
	SDL_Rect box;
	int bar;

	if (!a->voice.reading || a->voice.heard == AUDIO_TAG_NONE ||
	    !tag_box(a, a->voice.heard, &box))
		return;
	/* a field behind the passage and a bar beside it: not by colour alone */
	bar = a->m.body_px / 5 > 3 ? a->m.body_px / 5 : 3;
	box.y += dy;
	box.x -= bar * 3;
	box.w += bar * 4;
	render_fill(&a->render, box, LAYOUT_COLOR_HIGHLIGHT);
	render_fill(&a->render, (SDL_Rect){ box.x, box.y, bar, box.h }, LAYOUT_COLOR_EDGE);
}

const char *voice_heard_key(const struct app *a, const char **lang)
{
	const struct speech *s = NULL;
	const struct speech_utterance *u = NULL;

	if (a->voice.audio)
		audio_heard(a->voice.audio, &s, &u);
	*lang = s ? s->lang : "";
	return u ? u->key : "";
}
