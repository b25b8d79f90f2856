/* app: life cycle, the bundle, the verbs of app.h; see app-private.h for the
 * files that draw each screen. */
#include "app-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/page.h"
#include "bundle/picture.h"
#include "closed.h"
#include "outoforder.h"

static const char *const face_names[LAYOUT_FACE_COUNT] = {
	"font/regular", "font/bold", "font/italic", "font/bolditalic", "font/mono",
};

/* ---- bundle access ---- */

static bool entry_bytes(struct app *a, const char *name, const uint8_t **data, size_t *size)
{
	const struct bundle_entry *e;
	struct bundle_diag diag;

	if (!a->bundle)
		return false;
	e = bundle_find(a->bundle, name);
	if (!e)
		return false;
	if (bundle_entry_data(a->bundle, e, data, size, &diag) != BUNDLE_OK) {
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: %s", a->bundle_path, diag.message);
		return false;
	}
	return true;
}

static bool image_data(void *ctx, const char *name, bool thumb, const void **data, size_t *size)
{
	struct app *a = ctx;
	char entry[BUNDLE_MAX_NAME + 1];
	const uint8_t *bytes;

	if ((size_t)snprintf(entry, sizeof(entry), "%s/%s", thumb ? "thumb" : "image", name) >=
	    sizeof(entry))
		return false;
	if (!entry_bytes(a, entry, &bytes, size))
		return false;
	*data = bytes;
	return true;
}

/* A picture's focal point ("focus/NAME"); a broken record counts as none. */
static bool image_focus(void *ctx, const char *name, struct focus *out)
{
	char entry[BUNDLE_MAX_NAME + 1];
	const uint8_t *bytes;
	size_t size;
	struct bundle_diag diag;

	if ((size_t)snprintf(entry, sizeof(entry), "focus/%s", name) >= sizeof(entry) ||
	    !entry_bytes(ctx, entry, &bytes, &size))
		return false;
	if (focus_decode(bytes, size, out, &diag) != BUNDLE_OK) {
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: %s", entry, diag.message);
		return false;
	}
	return true;
}

static bool image_size(void *ctx, const char *name, int *w, int *h)
{
	const void *data;
	size_t size;

	return image_data(ctx, name, false, &data, &size) && qoi_size(data, size, w, h);
}

struct page *app_load_page(struct app *a, const char *id, int lang)
{
	char name[BUNDLE_MAX_NAME + 1];
	const uint8_t *data;
	size_t size;
	struct page *p = NULL;
	struct bundle_diag diag;

	if (lang < 0 || (size_t)lang >= a->site.lang_count)
		return NULL;
	if (!page_entry_name(name, sizeof(name), id, a->site.langs[lang]))
		return NULL;
	if (!entry_bytes(a, name, &data, &size))
		return NULL;
	if (page_decode(data, size, &p, &diag) != BUNDLE_OK) {
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: %s: %s", a->bundle_path, name,
			    diag.message);
		return NULL;
	}
	return p;
}

/* A page in the language asked for, else in the default language. */
struct page *app_load_page_any(struct app *a, const char *id, int lang)
{
	struct page *p = app_load_page(a, id, lang);

	if (!p && lang != a->nav.default_lang)
		p = app_load_page(a, id, a->nav.default_lang);
	return p;
}

static void close_bundle(struct app *a)
{
	voice_free(a); /* the records and the utterances playing point into the bundle */
	explore_stale(a);
	qr_close(a); /* it points into the page */
	prepare_drop(a, false);
	start_free(a);
	if (a->page)
		page_free(a->page);
	a->page = NULL;
	if (a->render_ready)
		render_free(&a->render);
	a->render_ready = false;
	if (a->fonts_ready)
		layout_fonts_close(&a->fonts);
	a->fonts_ready = false;
	free(a->attract.images);
	a->attract.images = NULL;
	a->attract.image_count = 0;
	if (a->bundle)
		bundle_close(a->bundle);
	a->bundle = NULL;
}

/* Texture pixels kept per cache (text, pictures): one screen's worth, so a
 * kiosk running for months stays near its start-up memory (a 1920x1080 screen
 * is 8 MB); scrolling back re-rasterises a few lines, well under a frame. */
static size_t render_budget(int w, int h)
{
	return (size_t)w * (size_t)h;
}

static void set_broken(struct app *a, uint64_t now, const char *why)
{
	snprintf(a->broken, sizeof(a->broken), "%s", why);
	SDL_LogError(SDL_LOG_CATEGORY_APPLICATION,
		     "%s: %s; showing the out-of-order screen, retrying every %u s",
		     a->bundle_path[0] ? a->bundle_path : "(no bundle)", why, APP_RETRY_MS / 1000);
	close_bundle(a);
	a->retry_at = now + APP_RETRY_MS;
	a->dirty = true;
}

static bool face_data(void *ctx, enum layout_face face, const void **data, size_t *size)
{
	const uint8_t *bytes;

	if ((unsigned)face >= LAYOUT_FACE_COUNT ||
	    !entry_bytes(ctx, face_names[face], &bytes, size))
		return false;
	*data = bytes;
	return true;
}

/* Only the regular face is unpacked now (a broken one is found at start); the
 * others when a text first needs them: each is 0.5 MB of zstd to unpack. */
static bool setup_fonts(struct app *a)
{
	const void *data[LAYOUT_FACE_COUNT] = { 0 };
	size_t size[LAYOUT_FACE_COUNT] = { 0 };

	face_data(a, LAYOUT_REGULAR, &data[LAYOUT_REGULAR], &size[LAYOUT_REGULAR]);
	if (a->fonts_ready) {
		layout_fonts_close(&a->fonts);
		a->fonts_ready = false;
	}
	if (layout_fonts_init(&a->fonts, data, size, a->m.body_px) != 0)
		return false;
	layout_fonts_set_loader(&a->fonts, face_data, a);
	layout_fonts_set_target(&a->fonts, a->m.target_px);
	a->fonts_ready = true;
	return true;
}

/* Where a seated visitor still reaches: operable parts at most 1200 mm above
 * the floor (DIN 18040-1 and ISO 21542 put them at 850-1050 mm ideally, 1200 mm
 * at most for a forward reach over nothing). */
#define APP_REACH_MM 1200.0

/* The controls go to the bottom when the top bar would be out of a seated
 * visitor's reach; without a mounting height, on portrait panels, whose top is
 * out of reach on every stele. */
static bool bar_at_bottom(const struct app *a, int bar_h)
{
	double pitch = panel_mm_per_px(&a->opt.panel, a->w, a->h);

	if (a->opt.mount_bottom_mm > 0)
		return a->opt.mount_bottom_mm + (a->h - bar_h / 2.0) * pitch > APP_REACH_MM;
	return a->h > a->w;
}

/* Text grows (with the panel's millimetres, with the larger steps) only as far
 * as the screen keeps room for the accessibility menu, where the steps are
 * switched back: its five rows in the screen's height and its widest row
 * ("Erkunden durch Berühren", "Aus": 17.5 body sizes with its icon and
 * padding) in its width.  In body sizes; tests/replay/menu-small-panels.replay
 * lays the menu out on 7- and 10-inch panels.  On a 7-inch 800x480 panel this
 * holds even the normal step below 0.7 degrees at 500 mm, and the larger steps
 * change nothing: such a panel is read from nearer (docs/accessibility.md). */
#define APP_SCREEN_MIN_H_EM 12
#define APP_SCREEN_MIN_W_EM 19

static int body_px_for(const struct app *a, double min_text)
{
	int body = layout_body_px(min_text, panel_text_scale(a->access.text_scale));
	int room = a->h / APP_SCREEN_MIN_H_EM < a->w / APP_SCREEN_MIN_W_EM
		       ? a->h / APP_SCREEN_MIN_H_EM
		       : a->w / APP_SCREEN_MIN_W_EM;

	if (room < LAYOUT_BODY_MIN_PX)
		room = LAYOUT_BODY_MIN_PX;
	return body < room ? body : room;
}

static void compute_metrics(struct app *a)
{
	struct app_metrics *m = &a->m;
	double min_text = panel_min_text_px(&a->opt.panel, a->w, a->h, LAYOUT_CAP_EM);

	m->body_px = body_px_for(a, min_text);
	m->target_px = panel_target_px(&a->opt.panel, a->w, a->h);
	/* the bar's buttons are its height: at least a touch target, roomy for H3 */
	m->bar_h = (int)lround(m->body_px * 2.4);
	if (m->bar_h < m->target_px)
		m->bar_h = m->target_px;
	m->margin = m->body_px;
	m->bar_y = bar_at_bottom(a, m->bar_h) ? a->h - m->bar_h : 0;
	m->view = (SDL_Rect){ 0, m->bar_y ? 0 : m->bar_h, a->w, a->h - m->bar_h };
}

/* The pictures for the attract screen, in bundle (name) order. */
static void collect_attract_images(struct app *a)
{
	size_t n = bundle_entry_count(a->bundle);

	a->attract.images = calloc(n + 1, sizeof(*a->attract.images));
	for (size_t i = 0; a->attract.images && i < n; i++) {
		const struct bundle_entry *e = bundle_entry_at(a->bundle, i);

		if (e->type == BUNDLE_IMAGE && strncmp(e->name, "image/", 6) == 0)
			a->attract.images[a->attract.image_count++] = e->name + 6;
	}
}

/* Opens the bundle at a->bundle_path and starts on its start screen in lang (a
 * code; NULL or unknown: the configured default).  On failure the app is broken. */
static bool open_bundle(struct app *a, uint64_t now, const char *keep_lang)
{
	struct bundle_diag diag = { "" };
	const uint8_t *data;
	size_t size;
	char why[300];
	int err, lang, shown;

	if (!a->bundle_path[0]) {
		set_broken(a, now, "no bundle given");
		return false;
	}
	err = bundle_open(a->bundle_path, &a->bundle, &diag);
	if (err != BUNDLE_OK) {
		/* the diagnostic names the place; the error code only when there is none */
		snprintf(why, sizeof(why), "%s",
			 diag.message[0] ? diag.message : bundle_strerror(err));
		set_broken(a, now, why);
		return false;
	}
	if (!entry_bytes(a, "site", &data, &size)) {
		set_broken(a, now, "no readable 'site' entry");
		return false;
	}
	err = site_decode(data, size, &a->site, &diag);
	if (err != BUNDLE_OK || a->site.lang_count == 0) {
		snprintf(why, sizeof(why), "site entry: %s%s%s", bundle_strerror(err),
			 diag.message[0] ? ": " : "", diag.message);
		set_broken(a, now, why);
		return false;
	}
	if (!setup_fonts(a)) {
		snprintf(why, sizeof(why), "font/regular: %s", SDL_GetError());
		set_broken(a, now, why);
		return false;
	}
	if (render_init(&a->render, a->renderer, &a->fonts, image_data, a,
			render_budget(a->w, a->h)) != 0) {
		set_broken(a, now, "out of memory");
		return false;
	}
	a->render_ready = true;
	render_set_focus(&a->render, image_focus, a);
	render_set_colors(&a->render, access_colors(a));
	collect_attract_images(a);
	lang = a->opt.lang ? site_lang_index(&a->site, a->opt.lang) : 0;
	if (lang < 0) {
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION,
			    "language '%s' is not in the bundle; using '%s'", a->opt.lang,
			    a->site.langs[0]);
		lang = 0;
	}
	nav_init(&a->nav, a->site.start_page, lang, a->opt.idle_ms, a->opt.attract_ms, now);
	nav_set_closed(&a->nav, !a->open, now);
	shown = keep_lang ? site_lang_index(&a->site, keep_lang) : -1;
	if (shown >= 0)
		nav_set_lang(&a->nav, shown, now);
	a->broken[0] = '\0';
	a->shown.stale = true;
	a->dirty = true;
	return true;
}

/* ---- layouts ---- */

const char *app_text_in(const struct app *a, const struct site_text *t)
{
	const char *s = t->text[a->nav.lang];

	return s && *s ? s : t->text[0] ? t->text[0] : "";
}

int app_em(const struct app *a, double n)
{
	return (int)lround(a->m.body_px * n);
}

void app_sync(struct app *a)
{
	struct nav *n = &a->nav;
	struct app_shown *s = &a->shown;
	bool same_place = n->screen == s->screen && strcmp(n->page, s->page) == 0;
	bool lang_only = same_place && n->lang != s->lang && !s->stale;
	/* another language, size or text scale of the page shown: keep the place */
	bool keep_place = same_place && (n->lang != s->lang || s->stale);
	struct layout *next = &a->spare;
	double scroll = n->scroll;

	if (a->broken[0] || (same_place && n->lang == s->lang && !s->stale))
		return;
	a->dirty = true;
	qr_close(a); /* a QR code belongs to the page it was tapped on */
	if (n->screen == NAV_START || n->screen == NAV_PAGE) {
		struct page *p = NULL;
		bool prepared = prepare_take(
		    a, n->screen == NAV_PAGE && !lang_only ? n->page : NULL, n->lang, &p, next);

		if (!prepared)
			p = app_load_page_any(a, n->page, n->lang);
		if (!p && n->screen == NAV_PAGE) {
			SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: no page '%s'",
				    a->bundle_path, n->page);
			nav_home(n, n->last_input);
			p = app_load_page_any(a, n->page, n->lang);
		}
		if (a->page)
			page_free(a->page);
		a->page = p;
		if (n->screen == NAV_START)
			start_build(a, next);
		else if (!prepared)
			content_layout_page(a, next, p);
		prepare_drop(a, false);
		if (keep_place)
			scroll = layout_map_scroll(&a->content, (int)lround(n->scroll), a->m.view.h,
						   next, a->m.view.h);
		{
			/* the old layout stays in spare (buffers reused next time) */
			struct layout tmp = a->content;

			a->content = *next;
			*next = tmp;
		}
		layout_reset(next);
		nav_set_scroll_max(n, a->content.height - a->m.view.h);
		nav_set_scroll(n, scroll);
	}
	chrome_build(a);
	s->screen = n->screen;
	snprintf(s->page, sizeof(s->page), "%s", n->page);
	s->lang = n->lang;
	s->stale = false;
	explore_stale(a);
	voice_screen_changed(a);
}

void app_apply(struct app *a, unsigned nav_changed)
{
	/* the next visitor starts fresh: every accessibility mode off */
	if (nav_changed & NAV_CHANGED_IDLE)
		access_reset(a);
	if (nav_changed & NAV_CHANGED_SCREEN)
		app_sync(a);
	if (nav_changed & NAV_CHANGED_PROMPT)
		voice_prompt(a);
	if (nav_changed)
		a->dirty = true;
}

/* ---- life cycle ---- */

struct app *app_new(const struct app_options *opt, SDL_Renderer *renderer, int w, int h,
		    uint64_t now)
{
	struct app *a;

	if (TTF_WasInit() == 0 && TTF_Init() != 0)
		return NULL;
	a = calloc(1, sizeof(*a));
	if (!a) {
		SDL_OutOfMemory();
		return NULL;
	}
	a->opt = *opt;
	snprintf(a->bundle_path, sizeof(a->bundle_path), "%s",
		 opt->bundle_path ? opt->bundle_path : "");
	a->opt.bundle_path = a->bundle_path;
	if (!a->opt.idle_ms)
		a->opt.idle_ms = APP_IDLE_MS_DEFAULT;
	if (!a->opt.attract_ms)
		a->opt.attract_ms = APP_ATTRACT_MS_DEFAULT;
	a->renderer = renderer;
	a->w = w;
	a->h = h;
	a->open = true;
	access_init(a);
	voice_init(a);
	explore_init(a);
	compute_metrics(a);
	app_input_init(a);
	layout_init(&a->content, &a->fonts, image_size, a);
	layout_init(&a->chrome, &a->fonts, image_size, a);
	layout_init(&a->spare, &a->fonts, image_size, a);
	layout_init(&a->overlay, &a->fonts, image_size, a);
	prepare_init(a);
	layout_init(&a->prepare.layout, &a->fonts, image_size, a);
	qr_init(a);
	banner_init(a, image_size);
	a->shown.screen = NAV_BLANK;
	a->shown.lang = -1;
	open_bundle(a, now, NULL);
	app_sync(a);
	return a;
}

void app_free(struct app *a)
{
	if (!a)
		return;
	layout_free(&a->content);
	layout_free(&a->chrome);
	layout_free(&a->spare);
	layout_free(&a->overlay);
	close_bundle(a);
	prepare_free(a);
	explore_free(a);
	qr_free(a);
	banner_free(a);
	free(a->overlay_text);
	free(a);
}

void app_restyle(struct app *a)
{
	int old_body = a->m.body_px;

	compute_metrics(a);
	prepare_drop(a, false); /* laid out for the old sizes */
	if (!a->broken[0] && a->m.body_px != old_body) {
		render_clear_cache(&a->render);
		if (!setup_fonts(a)) {
			set_broken(a, a->nav.last_input, "font/regular cannot be opened");
			return;
		}
	}
	if (a->render_ready) {
		a->render.budget_px = render_budget(a->w, a->h);
		render_set_colors(&a->render, access_colors(a));
	}
	app_input_configure(a); /* the slop is in millimetres: pixels per mm may differ */
	a->shown.stale = true;
	a->dirty = true;
	app_sync(a);
}

void app_resize(struct app *a, int w, int h)
{
	if (w == a->w && h == a->h)
		return;
	a->w = w;
	a->h = h;
	app_restyle(a);
}

void app_output_reset(struct app *a)
{
	/* the out-of-order screen caches nothing; only a set-up render has textures */
	if (a->render_ready)
		render_clear_cache(&a->render);
	prepare_drop(a, false); /* its pictures were textures too */
	a->dirty = true;
}

void app_set_clock(struct app *a, app_wall_fn wall, void *ctx, bool trusted)
{
	bool changed = a->clock_untrusted == trusted;

	a->wall = wall;
	a->wall_ctx = ctx;
	a->clock_untrusted = !trusted;
	if (changed && !a->broken[0]) {
		/* a notice may appear or go: the start screen anew */
		a->shown.stale = true;
		app_sync(a);
		a->dirty = true;
	}
}

time_t app_wall_now(const struct app *a)
{
	return a->wall ? a->wall(a->wall_ctx) : time(NULL);
}

void app_set_open(struct app *a, bool open, uint64_t now)
{
	a->open = open;
	if (!a->broken[0])
		app_apply(a, nav_set_closed(&a->nav, !open, now));
}

bool app_reload_bundle(struct app *a, const char *path, uint64_t now)
{
	struct bundle *probe;
	struct bundle_diag diag = { "" };
	char lang[8];
	int err;

	/* refuse early what cannot open, and keep showing what was shown */
	err = bundle_open(path, &probe, &diag);
	if (err != BUNDLE_OK) {
		SDL_LogError(SDL_LOG_CATEGORY_APPLICATION, "%s: %s; keeping %s", path,
			     diag.message[0] ? diag.message : bundle_strerror(err), a->bundle_path);
		return false;
	}
	bundle_close(probe);
	snprintf(lang, sizeof(lang), "%s", app_lang(a));
	close_bundle(a);
	snprintf(a->bundle_path, sizeof(a->bundle_path), "%s", path);
	app_input_reset(a);
	a->shown.screen = NAV_BLANK;
	if (!open_bundle(a, now, lang[0] ? lang : NULL))
		return false;
	app_sync(a);
	return true;
}

bool app_reload_in_place(struct app *a, const char *path, uint64_t now)
{
	enum nav_screen screen = a->nav.screen;
	double scroll = a->nav.scroll;
	char page[sizeof(a->nav.page)];
	bool was_broken = a->broken[0] != '\0';
	struct page *p;

	snprintf(page, sizeof(page), "%s", a->nav.page);
	if (!app_reload_bundle(a, path, now))
		return false;
	if (was_broken || (screen != NAV_PAGE && screen != NAV_START))
		return true;
	p = screen == NAV_PAGE ? app_load_page(a, page, a->nav.lang) : NULL;
	if (p) {
		page_free(p);
		app_apply(a, nav_open(&a->nav, page, now));
	}
	/* the same offset in px, clamped to the new page's length */
	if (p || screen == NAV_START)
		app_apply(a, nav_set_scroll(&a->nav, scroll));
	return true;
}

void app_set_overlay(struct app *a, const char *text)
{
	free(a->overlay_text);
	a->overlay_text = text && *text ? strdup(text) : NULL;
	a->dirty = true;
}

void app_headphones(struct app *a, uint64_t now)
{
	a->now = now;
	if (!a->broken[0])
		voice_say_ui(a, UI_HEADPHONES_HINT, true);
}

const char *app_lang(const struct app *a)
{
	if (a->broken[0] || a->nav.lang < 0 || (size_t)a->nav.lang >= a->site.lang_count)
		return "";
	return a->site.langs[a->nav.lang];
}

bool app_show(struct app *a, const char *id, const char *lang, uint64_t now)
{
	int li;
	struct page *p;

	if (a->broken[0])
		return false;
	li = site_lang_index(&a->site, lang);
	if (li < 0)
		return false;
	p = app_load_page(a, id, li);
	if (!p)
		return false;
	page_free(p);
	app_apply(a, nav_open(&a->nav, id, now) | nav_set_lang(&a->nav, li, now));
	return true;
}

/* ---- time ---- */

unsigned app_tick(struct app *a, uint64_t now)
{
	unsigned changed, out = 0;
	bool was_dirty = a->dirty;

	if (a->broken[0]) {
		if (now >= a->retry_at && open_bundle(a, now, NULL)) {
			app_sync(a);
			out |= APP_CHANGED_BUNDLE | APP_CHANGED_SCREEN;
		}
		return out | (a->dirty && !was_dirty ? APP_CHANGED_FRAME : 0);
	}
	a->now = now;
	app_input_tick(a, now);
	voice_tick(a, now);
	banner_tick(a, now);
	changed = nav_tick(&a->nav, now);
	app_apply(a, changed);
	if (changed & (NAV_CHANGED_SCREEN | NAV_CHANGED_IDLE))
		out |= APP_CHANGED_SCREEN;
	/* the frame showing the touch goes first */
	if (!a->dirty && prepare_pending(a))
		prepare_step(a);
	if (a->dirty)
		out |= APP_CHANGED_FRAME;
	if (a->broken[0])
		out |= APP_CHANGED_BUNDLE;
	return out;
}

uint64_t app_next_deadline(const struct app *a)
{
	uint64_t t, g;

	if (a->broken[0])
		return a->retry_at;
	t = nav_next_deadline(&a->nav);
	if (app_input_deadline(a, &g) && g < t)
		t = g;
	if (voice_deadline(a, &g) && g < t)
		t = g;
	if (banner_deadline(a, &g) && g < t)
		t = g;
	/* preparing a page: due now (once the pending frame is drawn), then never */
	if (!a->dirty && prepare_pending(a) && a->touch.last_input_ms < t)
		t = a->touch.last_input_ms;
	return t;
}

bool app_needs_frame(const struct app *a)
{
	return a->dirty;
}

void app_snapshot(const struct app *a, struct app_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->screen = a->nav.screen;
	s->page = a->nav.page;
	s->lang = app_lang(a);
	s->lang_index = a->nav.lang;
	s->w = a->w;
	s->h = a->h;
	s->view = a->m.view;
	s->frames = a->frames;
	s->open = a->open;
	s->broken = a->broken[0] ? a->broken : NULL;
	s->overlay = a->overlay_text;
	if (a->broken[0])
		return;
	s->langs = a->site.langs;
	s->lang_count = a->site.lang_count;
	s->tiles = a->site.tiles;
	s->tile_count = a->site.tile_count;
	s->scroll = a->nav.scroll;
	s->scroll_max = a->nav.scroll_max;
	s->opened_prepared = a->prepare.used;
	s->body_px = a->m.body_px;
	s->bar_at_bottom = a->m.bar_y > 0;
	s->text_scale = a->access.text_scale;
	s->high_contrast = a->access.contrast;
	s->read_aloud = a->access.read_aloud;
	s->explore = a->access.explore;
	s->menu_open = a->access.menu_open;
	s->prompt_seconds = nav_prompt_seconds(&a->nav, a->now);
	s->reading = a->voice.reading;
	s->banner = a->banner.up;
	s->heard_key = voice_heard_key(a, &s->heard_lang);
	s->focus_key = explore_focus_key(a);
}

/* ---- drawing ---- */

void app_draw(struct app *a)
{
	a->frames++;
	a->dirty = false;
	if (a->broken[0]) {
		outoforder_draw(a->renderer, a->w, a->h);
		overlay_draw(a);
		return;
	}
	switch (a->nav.screen) {
	case NAV_BLANK:
		/* outside opening hours: dimmed, with the hours (closed.h), or black */
		if (a->opt.closed_hours) {
			closed_layout(&a->spare, a->opt.closed_hours, app_wall_now(a),
				      a->site.langs[a->nav.default_lang], a->w, a->h, a->m.body_px);
			closed_draw(&a->render, &a->spare, a->w, a->h);
			layout_reset(&a->spare);
			break;
		}
		SDL_SetRenderDrawColor(a->renderer, 0, 0, 0, 0xff);
		SDL_RenderClear(a->renderer);
		break;
	case NAV_ATTRACT:
		attract_draw(a);
		break;
	case NAV_START:
	case NAV_PAGE:
		content_draw(a);
		if (a->access.menu_open)
			access_draw_menu(a);
		if (a->nav.prompting)
			prompt_draw(a);
		app_input_draw_veil(a);
		explore_draw_focus(a);
		break;
	}
	banner_draw(a);
	overlay_draw(a);
	render_frame_end(&a->render);
}
