/* app-private: struct app and the calls between the app's own files.  Include it
 * only from app*.c.  One file per screen concept, each the only writer of its
 * part of the state:
 *
 *   app.c          life cycle, the bundle, the verbs of app.h, keeping the
 *                  layouts in line with nav (app_sync), drawing dispatch
 *   app-input.c    touches and gestures: what a finger hits, veils and activates
 *   app-chrome.c   the bar: site name or back/start, the language switch
 *   app-content.c  a page: its layout in the text column, the scroll indicator,
 *                  drawing the start and page screens
 *   app-start.c    the start screen: slogan, introduction, tile grid
 *   app-attract.c  the attract screen: slideshow and the call to touch
 *   app-prepare.c  preparing the page a resting finger points at
 *   app-access.c   the accessibility control, its menu and the settings
 *   app-prompt.c   "Sind Sie noch da? / Still there?" before the idle reset
 *   app-voice.c    reading aloud, and speaking what explore by touch points at
 *   app-explore.c  explore by touch: focus, swipes, double taps
 *   app-qr.c       a tapped web link's QR code over the screen
 *   app-banner.c   a content update's result over the screen
 *   (the closed screen's layout is closed.c, drawn from app.c) */
#ifndef FOYER_APP_PRIVATE_H
#define FOYER_APP_PRIVATE_H

#include "app.h"

#include "bundle/bundle.h"
#include "audio.h"
#include "bundle/site.h"
#include "bundle/speech.h"
#include "gesture.h"
#include "ui-text.h"
#include "render.h"

/* Three fingers held this long switch explore by touch on or off, anywhere: a
 * gesture a visitor who cannot see the screen can make, and no one makes by
 * chance (a palm is cancelled long before; one or two fingers scroll). */
#define APP_HOLD_MS 2000

/* Sizes of this output, from the body text size (app.c writes them). */
struct app_metrics {
	int body_px;   /* body text */
	int target_px; /* the smallest touch target (PANEL_TARGET_MM) */
	int bar_h;     /* the bar with the controls */
	int bar_y;     /* 0: the bar is at the top; h - bar_h: at the bottom (low reach) */
	int margin;    /* screen edge to content */
	SDL_Rect view; /* the scrolling content area beside the bar */
};

/* The accessibility settings (app-access.c writes them); an idle reset returns
 * them to the kiosk's defaults, so the next visitor starts fresh. */
struct app_access {
	int text_scale; /* 1..PANEL_TEXT_SCALES */
	bool contrast, read_aloud, explore;
	bool menu_open;
};

/* The start screen's tile pages (app-start.c writes them). */
struct app_start {
	struct page *tiles[SITE_MAX_TILES];
	size_t tile_count;
};

/* Pictures for the attract slideshow (app.c fills it with the bundle). */
struct app_attract {
	const char **images; /* names, into the bundle */
	size_t image_count;
};

/* What a resting finger prepares before it lifts (a tap ends on release, 60 ms
 * and more after the press): the page's layout, then the pictures and text of
 * its first screen, one step per app_tick().  Valid for this size, fonts and
 * bundle (dropped when they change).  app-prepare.c writes it. */
enum app_prepare_stage {
	APP_PREPARE_NONE,
	APP_PREPARE_LAYOUT, /* to do: load and lay out the page */
	APP_PREPARE_DECODE, /* to do: decode what its first screen shows */
	APP_PREPARE_READY,  /* done; the layout waits for the tap */
};

struct app_prepare {
	enum app_prepare_stage stage;
	char page[PAGE_ID_MAX + 1];
	int lang;
	struct page *p;       /* owned; moves to the app when used */
	struct layout layout; /* the page laid out */
	bool used;            /* the page shown now was the prepared one */
};

/* Touch state (app-input.c writes it): the recogniser, fingers down, and whether
 * this touch only woke the screen. */
struct app_touch {
	struct gesture gesture;
	int fingers;
	uint64_t last_input_ms; /* time of the last touch event, to spot lost UPs */
	bool swallowed;
	/* what the finger is on, veiled until it lifts or moves: a public screen
	 * must show at once that it felt the touch */
	bool pressed;
	enum { PRESSED_CHROME, PRESSED_CONTENT, PRESSED_OVERLAY } pressed_layer;
	uint64_t three_since; /* three fingers down since then (0: fewer) */
	bool held;            /* they were held long enough: toggled once this touch */
	SDL_Rect pressed_hit; /* layout coordinates of its layer */
};

/* The voice (app-voice.c writes it): the speech records of the screen shown
 * and what read-aloud is doing. */
struct app_voice {
	struct audio *audio; /* not owned; NULL: silent */
	struct speech *page; /* speech/page/ID/LANG of the page shown */
	struct speech *ui;   /* speech/ui/LANG: the kiosk's words, site name, slogan */
	struct speech *tiles[SITE_MAX_TILES];      /* the start screen's tiles */
	struct speech *lang_names[SITE_MAX_LANGS]; /* each language's name, in its voice */
	char page_id[PAGE_ID_MAX + 1];             /* what the records are for */
	int lang;
	enum nav_screen screen;
	bool reading;  /* read-aloud is going through the screen */
	int heard;     /* the tag heard at the last look, highlighted */
	bool prompted; /* the idle prompt was spoken */
};

/* Explore by touch (app-explore.c writes it).  The items are what a finger or a
 * swipe can land on, in reading order, rebuilt when the screen changes. */
enum explore_layer {
	EXPLORE_CONTENT, /* box in content coordinates: scrolls */
	EXPLORE_CHROME,  /* box in the bar's coordinates */
	EXPLORE_OVERLAY, /* box on the screen (the accessibility menu) */
};

struct explore_item {
	enum explore_layer layer;
	SDL_Rect box;
	const struct layout_item *act; /* what a double tap does; NULL: words only */
	const struct speech *rec;      /* where its words are */
	char key[SPEECH_MAX_KEY + 1];
	enum ui_text_id after; /* said after it ("Link", "An"); UI_TEXT_COUNT: nothing */
};

struct app_explore {
	struct explore_item *items;
	size_t count, cap;
	int focus;            /* index, -1: nothing */
	int focus_before;     /* the focus when the finger came down */
	bool stale;           /* the screen changed: items are rebuilt before use */
	uint64_t last_tap_ms; /* for the double tap */
};

/* A web address's QR code shown over the screen (app-qr.c writes it). */
struct app_qr {
	bool shown;
	struct layout layout; /* screen coordinates; points into a->page */
};

/* A content update's result shown over the screen (app-banner.c writes it). */
struct app_banner {
	bool up;
	enum store_code code;
	char version[RELEASE_VERSION_TEXT];
	uint64_t until;
	struct layout layout; /* relative to the top of the content area */
};

/* What the layouts show, to notice when nav moved on (app.c writes it). */
struct app_shown {
	enum nav_screen screen;
	char page[PAGE_ID_MAX + 1];
	int lang;
	bool stale; /* size, fonts or bundle changed: lay out again */
};

struct app {
	struct app_options opt;
	char bundle_path[4096]; /* opt.bundle_path points here */
	SDL_Renderer *renderer; /* not owned */
	int w, h;               /* output size in logical px */
	struct app_metrics m;
	/* the bundle; when broken is set the kiosk shows the out-of-order screen */
	struct bundle *bundle;
	struct site site;
	char broken[320];
	uint64_t retry_at;
	struct layout_fonts fonts;
	bool fonts_ready;
	struct render render;
	bool render_ready;
	/* screens */
	struct layout content, chrome, spare;
	struct page *page; /* the page shown (the start page on the start screen) */
	struct app_start start;
	struct app_attract attract;
	struct app_prepare prepare;
	struct app_qr qr;
	struct app_banner banner;
	struct app_touch touch;
	struct app_access access;
	struct app_voice voice;
	struct app_explore explore;
	struct layout overlay; /* the accessibility menu or the idle prompt, in screen pixels */
	struct nav nav;
	struct app_shown shown;
	bool open;    /* inside the opening hours */
	uint64_t now; /* the time of the last app_tick() or input (for the countdown) */
	/* the wall clock (app_set_clock); NULL: time() */
	app_wall_fn wall;
	void *wall_ctx;
	bool clock_untrusted; /* notices stay hidden */
	bool dirty;           /* something changed since the last app_draw() */
	uint64_t frames;      /* frames drawn */
	char *overlay_text;   /* app_set_overlay(), or NULL */
};

/* app-overlay.c */
void overlay_draw(struct app *a);

/* app.c */
struct page *app_load_page(struct app *a, const char *id, int lang);
struct page *app_load_page_any(struct app *a, const char *id, int lang);
/* A site text in the current language, else the first; never NULL. */
const char *app_text_in(const struct app *a, const struct site_text *t);
/* The language code shown now ("" when broken). */
const char *app_lang(const struct app *a);
int app_em(const struct app *a, double n);
/* The wall clock now (app_set_clock). */
time_t app_wall_now(const struct app *a);
/* Applies nav's change bits: relayout for a new place, a frame for anything. */
void app_apply(struct app *a, unsigned nav_changed);
/* Brings the layouts in line with nav: a new screen, page or language. */
void app_sync(struct app *a);
/* Sizes, fonts, theme and layouts anew after the size or a setting changed,
 * keeping the reading position. */
void app_restyle(struct app *a);

/* app-input.c */
void app_input_init(struct app *a);
/* The gesture tuning for the current size, keeping a touch in progress. */
void app_input_configure(struct app *a);
void app_input_tick(struct app *a, uint64_t now);
bool app_input_deadline(const struct app *a, uint64_t *t);
void app_input_reset(struct app *a);
const struct layout_item *app_hit_test(const struct app *a, int x, int y);
/* Does what the item does (a tap on it). */
void app_activate(struct app *a, const struct layout_item *it, uint64_t now);
/* The veil over what a finger rests on, drawn last. */
void app_input_draw_veil(struct app *a);

/* app-chrome.c */
void chrome_build(struct app *a);
/* The width of a bar button that shows a symbol: a touch target, roomy for it. */
int chrome_icon_w(const struct app *a);

/* app-content.c */
/* The content column: a readable line length, centred. */
void content_column(const struct app *a, int *x, int *w);
int content_layout_page(struct app *a, struct layout *l, const struct page *p);
void content_draw(struct app *a);

/* app-start.c */
void start_build(struct app *a, struct layout *l);
void start_free(struct app *a);

/* app-access.c */
void access_init(struct app *a);
/* The settings back to the kiosk's defaults (after an idle reset). */
void access_reset(struct app *a);
void access_apply(struct app *a, enum access_setting s);
void access_toggle_menu(struct app *a);
/* The control in the bar, ending at right; returns where it begins. */
int access_control(struct app *a, int right);
void access_draw_menu(struct app *a);
/* The theme the settings ask for. */
const struct site_colors *access_colors(const struct app *a);

/* app-voice.c */
void voice_init(struct app *a);
void voice_free(struct app *a);
/* After a new screen, page or language: its records; read-aloud starts anew. */
void voice_screen_changed(struct app *a);
/* read-aloud switched on or off */
void voice_mode_changed(struct app *a);
/* The idle prompt appeared or went: with a voice mode on, its sound and words. */
void voice_prompt(struct app *a);
void voice_read(struct app *a);
/* The bar's read-aloud buttons: 0 pause or go on, 1 stop. */
void voice_read_control(struct app *a, int what);
bool voice_paused(const struct app *a);
/* Queues one utterance of rec (after what plays, or instead of it). */
bool voice_say(struct app *a, const struct speech *rec, const char *key, bool interrupt);
bool voice_say_ui(struct app *a, enum ui_text_id id, bool interrupt);
void voice_tick(struct app *a, uint64_t now);
bool voice_deadline(const struct app *a, uint64_t *t);
/* The passage heard: a field behind it and a bar beside it (content moved by dy). */
void voice_draw_highlight(struct app *a, int dy);
const char *voice_heard_key(const struct app *a, const char **lang);

/* app-explore.c */
void explore_init(struct app *a);
void explore_free(struct app *a);
/* The screen changed: rebuild the items before the next use. */
void explore_stale(struct app *a);
/* explore by touch switched on or off: a sound and how it works, spoken */
void explore_mode_changed(struct app *a);
/* A gesture while explore by touch is on; true when it used it. */
bool explore_gesture(struct app *a, const struct gesture_event *g);
void explore_draw_focus(struct app *a);
const char *explore_focus_key(const struct app *a);

/* app-prompt.c */
void prompt_draw(struct app *a);

/* app-banner.c */
void banner_init(struct app *a, layout_image_size_fn image_size);
void banner_free(struct app *a);
void banner_tick(struct app *a, uint64_t now);
bool banner_deadline(const struct app *a, uint64_t *t);
/* Over whatever screen shows, but the out-of-order one. */
void banner_draw(struct app *a);

/* app-attract.c */
void attract_draw(struct app *a);

/* app-qr.c */
void qr_init(struct app *a);
void qr_free(struct app *a);
/* Shows the QR code of web address url of the page shown (a->page). */
void qr_open(struct app *a, const char *url);
void qr_close(struct app *a);
void qr_draw(struct app *a);

/* app-prepare.c */
void prepare_init(struct app *a);
void prepare_free(struct app *a);
/* A finger rests on a link to page id: prepare it (app_tick does the work). */
void prepare_begin(struct app *a, const char *id);
/* One step, after the frame that shows the touch. */
void prepare_step(struct app *a);
bool prepare_pending(const struct app *a);
/* Forgets the prepared page (used, stale, or the finger moved on); a drag keeps
 * a page that is ready (keep_ready). */
void prepare_drop(struct app *a, bool keep_ready);
/* When page id (NULL: none may be used) in lang is the prepared one: moves its
 * page and layout into *page and *l (swapping layouts) and returns true.  Sets
 * what expect-prepared reports. */
bool prepare_take(struct app *a, const char *id, int lang, struct page **page, struct layout *l);

#endif
