/* app: the kiosk application; see app.h. */
#include "app.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle/page.h"
#include "closed.h"
#include "notice.h"
#include "outoforder.h"

static const char *const face_names[LAYOUT_FACE_COUNT] = {
	"font/regular",
	"font/bold",
	"font/italic",
	"font/bolditalic",
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
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: %s", a->opt.bundle_path,
			    diag.message);
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

/* Reads the size from the QOI header ("qoif", u32 BE width, u32 BE height). */
static bool image_size(void *ctx, const char *name, int *w, int *h)
{
	const void *data;
	const uint8_t *p;
	size_t size;
	uint32_t iw, ih;

	if (!image_data(ctx, name, false, &data, &size) || size < 14)
		return false;
	p = data;
	if (memcmp(p, "qoif", 4) != 0)
		return false;
	iw = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
	ih = (uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11];
	if (iw == 0 || ih == 0 || iw > 16384 || ih > 16384)
		return false;
	*w = (int)iw;
	*h = (int)ih;
	return true;
}

static struct page *load_page(struct app *a, const char *id, int lang)
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
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: %s: %s", a->opt.bundle_path, name,
			    diag.message);
		return NULL;
	}
	return p;
}

/* A page in the language asked for, else in the default language. */
static struct page *load_page_any(struct app *a, const char *id, int lang)
{
	struct page *p = load_page(a, id, lang);

	if (!p && lang != a->nav.default_lang)
		p = load_page(a, id, a->nav.default_lang);
	return p;
}

static void free_pages(struct app *a)
{
	if (a->page)
		page_free(a->page);
	a->page = NULL;
	for (size_t i = 0; i < a->tile_count; i++)
		if (a->tiles[i])
			page_free(a->tiles[i]);
	a->tile_count = 0;
}

/* Forgets the prepared page (it was used, went stale, or the finger moved on). */
static void prepare_drop(struct app *a)
{
	if (a->prepare_p)
		page_free(a->prepare_p);
	a->prepare_p = NULL;
	layout_reset(&a->prepared);
	a->prepare = APP_PREPARE_NONE;
}

static void close_bundle(struct app *a)
{
	prepare_drop(a);
	free_pages(a);
	if (a->render_ready)
		render_free(&a->render);
	a->render_ready = false;
	if (a->fonts_ready)
		layout_fonts_close(&a->fonts);
	a->fonts_ready = false;
	free(a->images);
	a->images = NULL;
	a->image_count = 0;
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
		     a->opt.bundle_path ? a->opt.bundle_path : "(no bundle)", why,
		     APP_RETRY_MS / 1000);
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
	if (layout_fonts_init(&a->fonts, data, size, a->body_px) != 0)
		return false;
	layout_fonts_set_loader(&a->fonts, face_data, a);
	a->fonts_ready = true;
	return true;
}

static void compute_metrics(struct app *a)
{
	a->body_px = layout_body_px(a->w, a->h);
	/* touch targets: at least 64 px (9 mm on the 21.5" screens), more on big ones */
	a->bar_h = (int)lround(a->body_px * 2.4);
	if (a->bar_h < 64)
		a->bar_h = 64;
	a->margin = a->body_px;
	a->view = (SDL_Rect){ 0, a->bar_h, a->w, a->h - a->bar_h };
}

static bool open_bundle(struct app *a, uint64_t now)
{
	struct bundle_diag diag = { "" };
	const uint8_t *data;
	size_t size;
	char why[300];
	int err, lang;

	if (!a->opt.bundle_path) {
		set_broken(a, now, "no bundle given");
		return false;
	}
	err = bundle_open(a->opt.bundle_path, &a->bundle, &diag);
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
	render_set_colors(&a->render, &a->site.colors);
	/* the pictures for the attract screen, in bundle (name) order */
	a->images = calloc(bundle_entry_count(a->bundle) + 1, sizeof(*a->images));
	for (size_t i = 0; a->images && i < bundle_entry_count(a->bundle); i++) {
		const struct bundle_entry *e = bundle_entry_at(a->bundle, i);

		if (e->type == BUNDLE_IMAGE && strncmp(e->name, "image/", 6) == 0)
			a->images[a->image_count++] = e->name + 6;
	}
	lang = a->opt.lang ? site_lang_index(&a->site, a->opt.lang) : 0;
	if (lang < 0) {
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION,
			    "language '%s' is not in the bundle; using '%s'", a->opt.lang,
			    a->site.langs[0]);
		lang = 0;
	}
	nav_init(&a->nav, a->site.start_page, lang, a->opt.idle_ms, a->opt.attract_ms, now);
	a->broken[0] = '\0';
	a->need_layout = true;
	a->dirty = true;
	return true;
}

/* ---- layouts ---- */

static const char *text_in(const struct app *a, const struct site_text *t)
{
	const char *s = t->text[a->nav.lang];

	return s && *s ? s : t->text[0] ? t->text[0] : "";
}

/* The name of this kiosk's location (foyer.conf's site), or "". */
static const char *location_name(const struct app *a)
{
	if (!a->opt.location || !*a->opt.location)
		return "";
	for (size_t i = 0; i < a->site.location_count; i++)
		if (a->site.locations[i].id &&
		    strcmp(a->site.locations[i].id, a->opt.location) == 0)
			return text_in(a, &a->site.locations[i].name);
	return "";
}

static int em(const struct app *a, double n)
{
	return (int)lround(a->body_px * n);
}

/* The content column: a readable line length, centred. */
static void text_column(const struct app *a, int *x, int *w)
{
	int max = em(a, 34);
	int width = a->w - 2 * a->margin - em(a, 0.6); /* room for the position indicator */

	if (width > max)
		width = max;
	*w = width;
	*x = (a->w - width) / 2;
}

static int bar_text(struct app *a, int x, const char *text, enum layout_face face,
		    enum layout_color color)
{
	TTF_Font *font = layout_font(&a->fonts, LAYOUT_SIZE_H3, face);
	int idx = layout_add_text(&a->chrome, x, (a->bar_h - TTF_FontHeight(font)) / 2, text,
				  LAYOUT_SIZE_H3, face, color);

	return idx;
}

/* A bar button: its label at x, the whole bar height tappable, at least 64 px wide. */
static int bar_button(struct app *a, int x, const char *label, enum layout_action action)
{
	int pad = em(a, 0.7);
	int idx = bar_text(a, x + pad, label, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT);
	int w;

	if (idx < 0)
		return x;
	w = a->chrome.items[idx].box.w + 2 * pad;
	if (w < a->bar_h)
		w = a->bar_h;
	a->chrome.items[idx].action = action;
	a->chrome.items[idx].hit = (SDL_Rect){ x, 0, w, a->bar_h };
	return x + w;
}

static void build_chrome(struct app *a)
{
	struct layout *c = &a->chrome;
	int right = a->w - a->margin / 2;
	int seg_pad = em(a, 0.6), inset = a->bar_h / 8;

	layout_reset(c);
	layout_add_fill(c, (SDL_Rect){ 0, 0, a->w, a->bar_h }, LAYOUT_COLOR_ACCENT);

	/* the language switch, always at the right, every language one segment */
	for (int i = (int)a->site.lang_count - 1; i >= 0; i--) {
		char label[8];
		TTF_Font *font = layout_font(&a->fonts, LAYOUT_SIZE_H3, LAYOUT_BOLD);
		int tw = 0, th = 0, w, fill;
		bool active = i == a->nav.lang;

		snprintf(label, sizeof(label), "%s", a->site.langs[i]);
		for (char *p = label; *p; p++)
			*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		TTF_SizeUTF8(font, label, &tw, &th);
		w = tw + 2 * seg_pad;
		if (w < a->bar_h - inset)
			w = a->bar_h - inset;
		right -= w;
		fill = layout_add_fill(c, (SDL_Rect){ right, inset, w, a->bar_h - 2 * inset },
				       active ? LAYOUT_COLOR_ACCENT_TEXT : LAYOUT_COLOR_ACCENT);
		bar_text(a, right + (w - tw) / 2, label, LAYOUT_BOLD,
			 active ? LAYOUT_COLOR_ACCENT : LAYOUT_COLOR_ACCENT_TEXT);
		if (!active && fill >= 0) {
			/* an outline keeps the inactive segment visibly a button */
			SDL_Rect box = c->items[fill].box;
			int t = a->bar_h / 32 > 2 ? a->bar_h / 32 : 2;

			layout_add_fill(c, (SDL_Rect){ box.x, box.y, box.w, t },
					LAYOUT_COLOR_ACCENT_TEXT);
			layout_add_fill(c, (SDL_Rect){ box.x, box.y + box.h - t, box.w, t },
					LAYOUT_COLOR_ACCENT_TEXT);
			layout_add_fill(c, (SDL_Rect){ box.x, box.y, t, box.h },
					LAYOUT_COLOR_ACCENT_TEXT);
			layout_add_fill(c, (SDL_Rect){ box.x + box.w - t, box.y, t, box.h },
					LAYOUT_COLOR_ACCENT_TEXT);
		}
		for (size_t k = (size_t)fill; fill >= 0 && k < c->count; k++) {
			c->items[k].action = LAYOUT_ACTION_LANG;
			c->items[k].arg = i;
			c->items[k].hit = (SDL_Rect){ right, 0, w, a->bar_h };
		}
		right -= em(a, 0.3);
	}

	if (a->nav.screen == NAV_PAGE) {
		bool de = strcmp(app_lang(a), "de") == 0;
		int x = a->margin / 2;

		x = bar_button(a, x,
			       de ? "\xe2\x80\xb9 Zur\xc3\xbc"
				    "ck"
				  : "\xe2\x80\xb9 Back",
			       LAYOUT_ACTION_BACK);
		bar_button(a, x + em(a, 0.3), de ? "Start" : "Home", LAYOUT_ACTION_HOME);
	} else {
		/* the site's name; cut (never overflowing) where the switch begins */
		struct layout_flow f = { LAYOUT_SIZE_H3, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT,
					 LAYOUT_COLOR_ACCENT_TEXT, 1.2 };
		int x = a->margin, avail = right - x - em(a, 0.5);
		size_t first = c->count;
		const char *name = text_in(a, &a->site.name), *where = location_name(a);
		char title[512];
		int h = 0, one_line = (int)lround(a->fonts.px[LAYOUT_SIZE_H3] * 1.2);

		/* "Dortmund in Europa · Friedensplatz" when that fits on the bar */
		if (*where) {
			snprintf(title, sizeof(title), "%s \xc2\xb7 %s", name, where);
			h = layout_flow_text(c, &f, title, x, 0, avail);
			if (h > one_line)
				c->count = first;
		}
		if (c->count == first)
			h = layout_flow_text(c, &f, name, x, 0, avail);
		if (h > one_line)
			c->count =
			    first + 1 > c->count ? c->count : first + 1; /* first line only */
		for (size_t k = first; k < c->count; k++) {
			c->items[k].box.y = (a->bar_h - c->items[k].box.h) / 2;
			c->items[k].action = LAYOUT_ACTION_HOME;
			c->items[k].hit = (SDL_Rect){ 0, 0, right, a->bar_h };
		}
	}
	c->height = a->bar_h;
}

static void load_tiles(struct app *a)
{
	for (size_t i = 0; i < a->tile_count; i++)
		if (a->tiles[i])
			page_free(a->tiles[i]);
	a->tile_count = 0;
	for (size_t i = 0; i < a->site.tile_count && i < SITE_MAX_TILES; i++) {
		struct page *p = load_page_any(a, a->site.tiles[i], a->nav.lang);

		if (!p) {
			SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: tile page '%s' is missing",
				    a->opt.bundle_path, a->site.tiles[i]);
			continue;
		}
		a->tiles[a->tile_count++] = p;
	}
}

static void build_start(struct app *a, struct layout *l)
{
	struct layout_flow slogan = { LAYOUT_SIZE_H2, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT,
				      LAYOUT_COLOR_ACCENT, 1.2 };
	struct layout_flow intro = { LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_MUTED,
				     LAYOUT_COLOR_MUTED, 1.35 };
	struct layout_grid g;
	int x = a->margin, w = a->w - 2 * a->margin, y = em(a, 0.8), avail;
	const char *sl = text_in(a, &a->site.slogan);

	layout_reset(l);
	load_tiles(a);
	if (*sl)
		y = layout_flow_text(l, &slogan, sl, x, y, w);
	if (a->page && a->page->summary && *a->page->summary)
		y = layout_flow_text(l, &intro, a->page->summary, x, y + em(a, 0.1), w);
	if (notice_shown(a->page, !a->opt.clock_untrusted, time(NULL)))
		y = notice_layout(l, a->page, x, y + em(a, 0.5), w, a->body_px);
	y += em(a, 0.7);
	avail = a->view.h - y - em(a, 1);
	layout_grid_choose(&g, a->tile_count, w, avail, a->body_px);
	for (size_t i = 0; i < a->tile_count && g.cols > 0; i++) {
		int col = (int)(i % (size_t)g.cols), row = (int)(i / (size_t)g.cols);
		int row_count =
		    (int)((a->tile_count - (size_t)row * (size_t)g.cols) < (size_t)g.cols
			      ? a->tile_count - (size_t)row * (size_t)g.cols
			      : (size_t)g.cols);
		/* a last row with fewer tiles is centred */
		int row_x = x + (w - (row_count * g.tile_w + (row_count - 1) * g.gap)) / 2;
		SDL_Rect box = { row_x + col * (g.tile_w + g.gap), y + row * (g.tile_h + g.gap),
				 g.tile_w, g.tile_h };

		layout_tile(l, a->tiles[i], box);
	}
	l->height = y + g.rows * g.tile_h + (g.rows > 0 ? (g.rows - 1) * g.gap : 0) + em(a, 1);
}

/* Brings the layouts in line with nav: a new screen, page or language. */
static void sync_layout(struct app *a)
{
	struct nav *n = &a->nav;
	bool same_place = n->screen == a->shown_screen && strcmp(n->page, a->shown_page) == 0;
	bool lang_only = same_place && n->lang != a->shown_lang && !a->need_layout;
	struct layout *next = &a->spare;
	double scroll = n->scroll;
	int cx, cw;

	if (a->broken[0] || (same_place && n->lang == a->shown_lang && !a->need_layout))
		return;
	a->dirty = true;
	if (n->screen == NAV_START || n->screen == NAV_PAGE) {
		/* what a resting finger prepared: the same layout this would make now */
		bool prepared = n->screen == NAV_PAGE && !lang_only &&
				a->prepare >= APP_PREPARE_DECODE && a->prepare_lang == n->lang &&
				strcmp(a->prepare_page, n->page) == 0;
		struct page *p = prepared ? a->prepare_p : load_page_any(a, n->page, n->lang);

		if (prepared)
			a->prepare_p = NULL;
		if (!p && n->screen == NAV_PAGE) {
			SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: no page '%s'",
				    a->opt.bundle_path, n->page);
			nav_home(n, n->last_input);
			p = load_page_any(a, n->page, n->lang);
		}
		if (a->page)
			page_free(a->page);
		a->page = p;
		if (n->screen == NAV_START) {
			build_start(a, next);
		} else if (prepared) {
			struct layout tmp = *next;

			*next = a->prepared;
			a->prepared = tmp;
		} else {
			text_column(a, &cx, &cw);
			layout_page(next, p, cx, cw, a->view.h * 3 / 5);
		}
		a->opened_prepared = prepared;
		prepare_drop(a);
		if (lang_only)
			scroll = layout_map_scroll(&a->content, (int)lround(n->scroll), a->view.h,
						   next, a->view.h);
		{
			/* the old layout stays in spare (buffers reused next time) */
			struct layout tmp = a->content;

			a->content = *next;
			*next = tmp;
		}
		layout_reset(next);
		nav_set_scroll_max(n, a->content.height - a->view.h);
		nav_set_scroll(n, scroll);
	}
	build_chrome(a);
	a->shown_screen = n->screen;
	snprintf(a->shown_page, sizeof(a->shown_page), "%s", n->page);
	a->shown_lang = n->lang;
	a->need_layout = false;
}

static void handle_gesture(void *user, const struct gesture_event *g);

/* ---- life cycle ---- */

int app_init(struct app *a, const struct app_options *opt, SDL_Renderer *renderer, int w, int h,
	     uint64_t now)
{
	memset(a, 0, sizeof(*a));
	a->opt = *opt;
	if (!a->opt.idle_ms)
		a->opt.idle_ms = APP_IDLE_MS_DEFAULT;
	if (!a->opt.attract_ms)
		a->opt.attract_ms = APP_ATTRACT_MS_DEFAULT;
	a->renderer = renderer;
	a->w = w;
	a->h = h;
	compute_metrics(a);
	if (TTF_WasInit() == 0 && TTF_Init() != 0)
		return -1;
	{
		struct gesture_config gc;

		gesture_config_defaults(&gc, opt->dpi);
		gesture_init(&a->gesture, &gc, handle_gesture, a);
	}
	layout_init(&a->content, &a->fonts, image_size, a);
	layout_init(&a->chrome, &a->fonts, image_size, a);
	layout_init(&a->spare, &a->fonts, image_size, a);
	layout_init(&a->prepared, &a->fonts, image_size, a);
	a->shown_screen = NAV_BLANK;
	a->shown_lang = -1;
	open_bundle(a, now);
	sync_layout(a);
	return 0;
}

void app_destroy(struct app *a)
{
	layout_free(&a->content);
	layout_free(&a->chrome);
	layout_free(&a->spare);
	close_bundle(a);
	layout_free(&a->prepared);
}

void app_resize(struct app *a, int w, int h)
{
	int old_body = a->body_px;

	if (w == a->w && h == a->h)
		return;
	a->w = w;
	a->h = h;
	compute_metrics(a);
	prepare_drop(a); /* laid out for the old size */
	if (!a->broken[0] && a->body_px != old_body) {
		render_clear_cache(&a->render);
		if (!setup_fonts(a)) {
			set_broken(a, a->nav.last_input, "font/regular cannot be opened");
			return;
		}
	}
	a->render.budget_px = render_budget(w, h);
	a->need_layout = true;
	a->dirty = true;
	sync_layout(a);
}

const char *app_lang(const struct app *a)
{
	if (a->broken[0] || a->nav.lang < 0 || (size_t)a->nav.lang >= a->site.lang_count)
		return "";
	return a->site.langs[a->nav.lang];
}

bool app_is_broken(const struct app *a)
{
	return a->broken[0] != '\0';
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
	p = load_page(a, id, li);
	if (!p)
		return false;
	page_free(p);
	nav_open(&a->nav, id, now);
	nav_set_lang(&a->nav, li, now);
	sync_layout(a);
	return true;
}

/* ---- input ---- */

static bool hit_in(const struct layout *l, int x, int y, int dy, const struct layout_item **out)
{
	for (size_t i = l->count; i-- > 0;) {
		const struct layout_item *it = &l->items[i];
		SDL_Rect r = it->hit;

		r.y += dy;
		if (it->action != LAYOUT_ACTION_NONE && x >= r.x && x < r.x + r.w && y >= r.y &&
		    y < r.y + r.h) {
			*out = it;
			return true;
		}
	}
	return false;
}

static const struct layout_item *hit_test(struct app *a, int x, int y)
{
	const struct layout_item *it = NULL;

	if (a->nav.screen != NAV_START && a->nav.screen != NAV_PAGE)
		return NULL;
	if (y < a->bar_h)
		return hit_in(&a->chrome, x, y, 0, &it) ? it : NULL;
	if (hit_in(&a->content, x, y, a->view.y - (int)lround(a->nav.scroll), &it))
		return it;
	return NULL;
}

static void activate(struct app *a, const struct layout_item *it, uint64_t now)
{
	/* copy first: the action rebuilds the layouts the item lives in */
	enum layout_action action = it->action;
	char target[PAGE_ID_MAX + 1];
	int arg = it->arg;

	snprintf(target, sizeof(target), "%s", it->target ? it->target : "");
	switch (action) {
	case LAYOUT_ACTION_PAGE:
		nav_open(&a->nav, target, now);
		break;
	case LAYOUT_ACTION_BACK:
		nav_back(&a->nav, now);
		break;
	case LAYOUT_ACTION_HOME:
		nav_home(&a->nav, now);
		break;
	case LAYOUT_ACTION_LANG:
		nav_set_lang(&a->nav, arg, now);
		break;
	case LAYOUT_ACTION_NONE:
		break;
	}
	sync_layout(a);
}

/* A finger rests on a link to page id: prepare that page (app_tick does the
 * work, after the frame that shows the touch). */
static void prepare_start(struct app *a, const char *id)
{
	if (strcmp(id, a->nav.start) == 0 ||
	    (a->nav.screen == NAV_PAGE && strcmp(id, a->nav.page) == 0))
		return; /* the start screen, or the page shown: nothing to open */
	if (a->prepare != APP_PREPARE_NONE && a->prepare_lang == a->nav.lang &&
	    strcmp(a->prepare_page, id) == 0)
		return; /* prepared already, or on the way */
	prepare_drop(a);
	snprintf(a->prepare_page, sizeof(a->prepare_page), "%s", id);
	a->prepare_lang = a->nav.lang;
	a->prepare = APP_PREPARE_LAYOUT;
}

/* One step of the preparation: the layout, then its first screen's pictures
 * (decoded in threads) and text. */
static void prepare_step(struct app *a)
{
	int cx, cw;

	switch (a->prepare) {
	case APP_PREPARE_LAYOUT:
		a->prepare_p = load_page_any(a, a->prepare_page, a->prepare_lang);
		if (!a->prepare_p) {
			prepare_drop(a);
			break;
		}
		text_column(a, &cx, &cw);
		layout_reset(&a->prepared);
		if (layout_page(&a->prepared, a->prepare_p, cx, cw, a->view.h * 3 / 5) != 0 ||
		    a->prepared.nomem) {
			prepare_drop(a);
			break;
		}
		a->prepare = APP_PREPARE_DECODE;
		break;
	case APP_PREPARE_DECODE:
		/* prepared pictures take the place of unused ones, not more memory */
		render_trim(&a->render);
		render_prefetch(&a->render, &a->prepared, 0, a->view.y, a->view);
		a->prepare = APP_PREPARE_READY;
		break;
	case APP_PREPARE_NONE:
	case APP_PREPARE_READY:
		break;
	}
}

static void handle_gesture(void *user, const struct gesture_event *g)
{
	struct app *a = user;
	uint64_t now = g->time_ms;

	if (a->swallowed)
		return; /* the touch that woke the screen does nothing else */
	switch (g->type) {
	case GESTURE_TAP:
	case GESTURE_LONG_PRESS: {
		/* a held finger on a public screen means "this one", same as a tap */
		const struct layout_item *it = hit_test(a, (int)lround(g->x), (int)lround(g->y));

		if (it)
			activate(a, it, now);
		break;
	}
	case GESTURE_DRAG_MOVE: {
		double before = a->nav.scroll;

		nav_touch_activity(&a->nav, now);
		nav_scroll_by(&a->nav, -g->dy);
		if (a->nav.scroll != before)
			a->dirty = true;
		break;
	}
	case GESTURE_FLING:
		/* px/s upwards of the finger = content scrolling down, px/ms */
		nav_fling(&a->nav, -g->vy / 1000.0, now);
		break;
	case GESTURE_PRESS: {
		const struct layout_item *it = hit_test(a, (int)lround(g->x), (int)lround(g->y));

		nav_touch_activity(&a->nav, now);
		if (it && it->action == LAYOUT_ACTION_PAGE && it->target)
			prepare_start(a, it->target);
		if (it) {
			a->pressed = true;
			a->pressed_in_content =
			    it >= a->content.items && it < a->content.items + a->content.count;
			a->pressed_hit = it->hit;
			a->dirty = true;
		}
		break;
	}
	case GESTURE_DRAG_BEGIN:
	case GESTURE_CANCEL:
		/* no tap will come of this touch: do not work for one */
		if (a->prepare != APP_PREPARE_READY)
			prepare_drop(a);
		nav_touch_activity(&a->nav, now);
		break;
	case GESTURE_DRAG_END:
		nav_touch_activity(&a->nav, now);
		break;
	}
	if (g->type != GESTURE_PRESS && a->pressed) {
		a->pressed = false;
		a->dirty = true;
	}
}

void app_input(struct app *a, const struct input_event *ev)
{
	if (a->broken[0])
		return;
	if (ev->type == INPUT_EVENT_DOWN) {
		/* Fingers silent for stale_ms lost their UP (the recogniser forgets them at
		 * this DOWN): they must not keep every later touch from counting as the
		 * first, or a blanked screen would never wake again. */
		if (a->fingers > 0 && ev->time_ms - a->last_input_ms > a->gesture.cfg.stale_ms)
			a->fingers = 0;
		a->fingers++;
		if (a->fingers == 1) {
			a->swallowed = !nav_touch_down(&a->nav, ev->time_ms);
			if (a->swallowed) {
				gesture_reset(&a->gesture);
				sync_layout(a);
				a->dirty = true;
			}
		}
	}
	gesture_handle_event(&a->gesture, ev);
	if (ev->type == INPUT_EVENT_UP || ev->type == INPUT_EVENT_CANCEL) {
		if (a->fingers > 0)
			a->fingers--;
		if (ev->type == INPUT_EVENT_CANCEL && ev->slot == INPUT_SLOT_ALL)
			a->fingers = 0;
		if (a->fingers == 0) {
			nav_touch_up(&a->nav, ev->time_ms);
			a->swallowed = false;
		}
	}
	a->last_input_ms = ev->time_ms;
}

void app_pointer(struct app *a, enum app_pointer_kind kind, int x, int y, uint64_t now)
{
	struct input_event ev = { INPUT_EVENT_MOTION, INPUT_SLOT_POINTER, x, y, now };

	if (kind == APP_POINTER_DOWN)
		ev.type = INPUT_EVENT_DOWN;
	else if (kind == APP_POINTER_UP)
		ev.type = INPUT_EVENT_UP;
	app_input(a, &ev);
}

/* ---- time ---- */

void app_tick(struct app *a, uint64_t now)
{
	unsigned changed;

	if (a->broken[0]) {
		if (now >= a->retry_at && open_bundle(a, now))
			sync_layout(a);
		return;
	}
	gesture_handle_timeout(&a->gesture, now);
	/* Fingers silent for stale_ms lost their UP: lift them, or the kiosk would
	 * count as touched forever and never return to its start page. */
	if (a->fingers > 0 && now - a->last_input_ms >= a->gesture.cfg.stale_ms) {
		a->fingers = 0;
		a->swallowed = false;
		gesture_reset(&a->gesture);
		nav_touch_up(&a->nav, now);
		if (a->pressed) {
			a->pressed = false;
			a->dirty = true;
		}
	}
	changed = nav_tick(&a->nav, now);
	if (changed & NAV_CHANGED_SCREEN)
		sync_layout(a);
	if (changed)
		a->dirty = true;
	/* the frame showing the touch goes first */
	if (!a->dirty && (a->prepare == APP_PREPARE_LAYOUT || a->prepare == APP_PREPARE_DECODE))
		prepare_step(a);
}

uint64_t app_next_deadline(const struct app *a)
{
	uint64_t t, g;

	if (a->broken[0])
		return a->retry_at;
	t = nav_next_deadline(&a->nav);
	if (gesture_next_deadline(&a->gesture, &g) && g < t)
		t = g;
	if (a->fingers > 0 && a->last_input_ms + a->gesture.cfg.stale_ms < t)
		t = a->last_input_ms + a->gesture.cfg.stale_ms;
	/* preparing a page: due now (once the pending frame is drawn), then never */
	if (!a->dirty && (a->prepare == APP_PREPARE_LAYOUT || a->prepare == APP_PREPARE_DECODE) &&
	    a->last_input_ms < t)
		t = a->last_input_ms;
	return t;
}

bool app_find_target(struct app *a, enum layout_action action, const char *target, int arg, int *x,
		     int *y)
{
	const struct layout *layers[2] = { &a->chrome, &a->content };

	for (int k = 0; k < 2; k++) {
		int dy = k == 0 ? 0 : a->view.y - (int)lround(a->nav.scroll);
		SDL_Rect clip = k == 0 ? (SDL_Rect){ 0, 0, a->w, a->bar_h } : a->view;

		for (size_t i = 0; i < layers[k]->count; i++) {
			const struct layout_item *it = &layers[k]->items[i];
			SDL_Rect r = it->hit, vis;

			r.y += dy;
			if (it->action != action || (target && strcmp(it->target, target) != 0) ||
			    (action == LAYOUT_ACTION_LANG && it->arg != arg))
				continue;
			if (!SDL_IntersectRect(&r, &clip, &vis))
				continue;
			/* the tap must land where this item, not one drawn over it, is hit */
			*x = vis.x + vis.w / 2;
			*y = vis.y + vis.h / 2;
			if (hit_test(a, *x, *y) == it)
				return true;
		}
	}
	return false;
}

/* ---- drawing ---- */

static void draw_indicator(struct app *a)
{
	int content = a->content.height, view = a->view.h;
	int w = a->body_px / 4 > 4 ? a->body_px / 4 : 4;
	int track_x = a->w - w - a->body_px / 4, thumb_h, thumb_y;
	int max = content - view;

	if (content <= view || max <= 0)
		return;
	thumb_h = (int)((int64_t)view * view / content);
	if (thumb_h < a->body_px * 2)
		thumb_h = a->body_px * 2;
	thumb_y = a->view.y + (int)((double)(view - thumb_h) * a->nav.scroll / max);
	render_fill(&a->render, (SDL_Rect){ track_x, a->view.y, w, view }, LAYOUT_COLOR_TILE);
	render_fill(&a->render, (SDL_Rect){ track_x, thumb_y, w, thumb_h }, LAYOUT_COLOR_ACCENT);
}

static void draw_attract(struct app *a)
{
	struct layout *l = &a->spare;
	struct layout_flow big = { LAYOUT_SIZE_DISPLAY, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT,
				   LAYOUT_COLOR_ACCENT_TEXT, 1.15 };
	struct layout_flow small = { LAYOUT_SIZE_H2, LAYOUT_REGULAR, LAYOUT_COLOR_ACCENT_TEXT,
				     LAYOUT_COLOR_ACCENT_TEXT, 1.2 };
	int band_h, y;
	size_t first;

	render_clear(&a->render, LAYOUT_COLOR_ACCENT);
	if (a->image_count > 0)
		render_picture(&a->render, a->images[a->nav.slide % a->image_count],
			       (SDL_Rect){ 0, 0, a->w, a->h }, true);
	/* the call in both languages, centred on a translucent band */
	layout_reset(l);
	first = l->count;
	y = layout_flow_text(l, &big, "Bitte ber\xc3\xbchren", 0, 0, a->w - 2 * a->margin);
	y = layout_flow_text(l, &small, "Touch to start", 0, y, a->w - 2 * a->margin);
	band_h = y + em(a, 1.6);
	for (size_t i = first; i < l->count; i++) {
		l->items[i].box.x = (a->w - l->items[i].box.w) / 2;
		l->items[i].box.y += a->h - band_h + em(a, 0.8);
	}
	render_fill(&a->render, (SDL_Rect){ 0, a->h - band_h, a->w, band_h }, LAYOUT_COLOR_SHADE);
	render_layout(&a->render, l, 0, 0, (SDL_Rect){ 0, 0, a->w, a->h });
	layout_reset(l);
}

void app_draw(struct app *a)
{
	a->frames++;
	a->dirty = false;
	if (a->broken[0]) {
		outoforder_draw(a->renderer, a->w, a->h);
		return;
	}
	switch (a->nav.screen) {
	case NAV_BLANK:
		/* outside opening hours: dimmed, with the hours (closed.h), or black */
		if (a->opt.closed_hours) {
			closed_layout(&a->spare, a->opt.closed_hours, time(NULL),
				      a->site.langs[a->nav.default_lang], a->w, a->h, a->body_px);
			closed_draw(&a->render, &a->spare, a->w, a->h);
			layout_reset(&a->spare);
			break;
		}
		SDL_SetRenderDrawColor(a->renderer, 0, 0, 0, 0xff);
		SDL_RenderClear(a->renderer);
		break;
	case NAV_ATTRACT:
		draw_attract(a);
		break;
	case NAV_START:
	case NAV_PAGE:
		render_prefetch(&a->render, &a->content, 0, a->view.y - (int)lround(a->nav.scroll),
				a->view);
		render_clear(&a->render, LAYOUT_COLOR_BACKGROUND);
		render_layout(&a->render, &a->content, 0, a->view.y - (int)lround(a->nav.scroll),
			      a->view);
		draw_indicator(a);
		render_layout(&a->render, &a->chrome, 0, 0, (SDL_Rect){ 0, 0, a->w, a->bar_h });
		if (a->pressed) {
			SDL_Rect r = a->pressed_hit,
				 clip = a->pressed_in_content ? a->view
							      : (SDL_Rect){ 0, 0, a->w, a->bar_h },
				 vis;

			if (a->pressed_in_content)
				r.y += a->view.y - (int)lround(a->nav.scroll);
			if (SDL_IntersectRect(&r, &clip, &vis))
				render_fill(&a->render, vis, LAYOUT_COLOR_PRESSED);
		}
		break;
	}
	render_frame_end(&a->render);
}
