/* app: the kiosk application.  Owns the bundle, the fonts, the layouts, the
 * render caches and the navigation state, and turns pointer input and time into
 * frames.  It does not own the window or the clock: main.c (interactive),
 * the screenshot mode and replay.c (headless, virtual clock) drive it through
 * app_pointer(), app_tick() and app_draw(), so every mode runs the same code. */
#ifndef FOYER_APP_H
#define FOYER_APP_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "bundle/bundle.h"
#include "bundle/site.h"
#include "gesture.h"
#include "input.h"
#include "layout.h"
#include "nav.h"
#include "render.h"
#include "schedule.h"

#define APP_IDLE_MS_DEFAULT 90000u
#define APP_ATTRACT_MS_DEFAULT 300000u
#define APP_RETRY_MS 30000u /* reopen a broken bundle this often */

struct app_options {
	const char *bundle_path;
	const char *lang;     /* default language; NULL: the site's first */
	const char *location; /* foyer.conf's site: a location id of the bundle, or NULL */
	uint32_t idle_ms;     /* 0: APP_IDLE_MS_DEFAULT */
	uint32_t attract_ms;  /* 0: APP_ATTRACT_MS_DEFAULT */
	bool desktop;         /* Esc quits (never on the device) */
	double dpi;           /* of the panel, for gesture slop; 0: 96 */
	/* outside opening hours: the hours shown on the dimmed closed screen
	 * (closed.h), or NULL for a black one (closed_screen = off) */
	const struct schedule *closed_hours;
	/* the device's clock cannot be trusted (clock.h): notices stay hidden;
	 * headless runs (previews, tests) count as trusted */
	bool clock_untrusted;
};

/* What a finger resting on a page link prepares before it lifts (a tap ends on
 * release, 60 ms and more after the press): the page's layout, then the
 * pictures and text of its first screen, one step per app_tick(). */
enum app_prepare_stage {
	APP_PREPARE_NONE,
	APP_PREPARE_LAYOUT, /* to do: load and lay out the page */
	APP_PREPARE_DECODE, /* to do: decode what its first screen shows */
	APP_PREPARE_READY,  /* done; the layout waits for the tap */
};

enum app_pointer_kind {
	APP_POINTER_DOWN,
	APP_POINTER_MOVE,
	APP_POINTER_UP,
};

struct app {
	struct app_options opt;
	SDL_Renderer *renderer; /* not owned */
	int w, h;               /* output size in px */
	/* the bundle; when broken is set the kiosk shows the out-of-order screen */
	struct bundle *bundle;
	struct site site;
	char broken[320];
	uint64_t retry_at;
	const char **images; /* picture names for the attract screen */
	size_t image_count;
	/* presentation */
	int body_px, bar_h, margin;
	SDL_Rect view; /* the scrolling content area */
	struct layout_fonts fonts;
	bool fonts_ready;
	struct render render;
	bool render_ready;
	struct layout content, chrome, spare;
	struct page *page; /* the page shown (NULL on the start screen) */
	struct page *tiles[SITE_MAX_TILES];
	size_t tile_count;
	struct nav nav;
	/* what the layouts show, to notice when nav moved on */
	enum nav_screen shown_screen;
	char shown_page[PAGE_ID_MAX + 1];
	int shown_lang;
	bool need_layout;
	bool dirty; /* something changed since the last app_draw() */
	/* touch: the recogniser and whether this touch only woke the screen */
	struct gesture gesture;
	int fingers;
	uint64_t last_input_ms; /* time of the last touch event, to spot lost UPs */
	bool swallowed;
	/* what the finger is on, veiled until it lifts or moves: a public screen
	 * must show at once that it felt the touch */
	bool pressed, pressed_in_content;
	SDL_Rect pressed_hit; /* layout coordinates of its layer */
	/* the page a resting finger will probably open, prepared meanwhile; valid
	 * for this size, fonts and bundle (dropped when they change) */
	enum app_prepare_stage prepare;
	char prepare_page[PAGE_ID_MAX + 1];
	int prepare_lang;
	struct page *prepare_p; /* owned; moves to page when used */
	struct layout prepared;
	bool opened_prepared; /* the last page shown used the prepared layout */
	bool quit;
	uint64_t frames; /* frames drawn, for tests and the log */
};

/* Sets up the app for an output of w x h drawn through renderer (which must
 * outlive it).  A missing or broken bundle is not an error: the app then shows
 * the out-of-order screen and retries.  Returns 0, or -1 on an SDL/memory
 * failure with SDL_GetError() set. */
int app_init(struct app *a, const struct app_options *opt, SDL_Renderer *renderer, int w, int h,
	     uint64_t now);
void app_destroy(struct app *a);

/* The output changed size (window resize, rotation). */
void app_resize(struct app *a, int w, int h);

/* One touch event in logical (already rotated) coordinates. */
void app_input(struct app *a, const struct input_event *ev);
/* The same for a mouse-like pointer (replay, tests). */
void app_pointer(struct app *a, enum app_pointer_kind kind, int x, int y, uint64_t now);
/* Advances timers (idle, attract, inertia, bundle retry) to now. */
void app_tick(struct app *a, uint64_t now);
/* The next time app_tick() has work, or NAV_NEVER. */
uint64_t app_next_deadline(const struct app *a);
/* Draws the current state (does not present). */
void app_draw(struct app *a);

/* For the screenshot mode and tests: show page id (the start id for the start
 * screen) in lang.  Returns false when the page or language does not exist. */
bool app_show(struct app *a, const char *id, const char *lang, uint64_t now);

/* Screen position of the centre of a visible tappable item: the first with the
 * action, target (NULL: any) and, for languages, arg.  False when none is visible. */
bool app_find_target(struct app *a, enum layout_action action, const char *target, int arg, int *x,
		     int *y);

const char *app_lang(const struct app *a);
bool app_is_broken(const struct app *a);

#endif
