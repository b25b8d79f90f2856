/* app: the kiosk application.  Owns the bundle, the fonts, the layouts, the
 * render caches and the navigation state, and turns input and time into frames.
 * It owns none of the platform: the window or panel, the clock and the opening
 * hours belong to the loop (loop.h), which hands the app events and time through
 * the verbs below and reads back what changed and when to wake next.  The device
 * and --replay run that same loop, so a passing replay means a working kiosk.
 *
 * struct app is private (app-private.h, for the app's own files only): nobody
 * else writes its state.  Tests read it through app_snapshot(). */
#ifndef FOYER_APP_H
#define FOYER_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <SDL.h>

#include "bundle/store.h"
#include "input.h"
#include "layout.h"
#include "nav.h"
#include "panel.h"
#include "schedule.h"
#define APP_IDLE_MS_DEFAULT 90000u
#define APP_ATTRACT_MS_DEFAULT 300000u
#define APP_RETRY_MS 30000u /* reopen a broken bundle this often */

struct app;
struct audio;

/* What the accessibility menu's buttons do (LAYOUT_ACTION_SETTING's arg). */
enum access_setting {
	ACCESS_TEXT_NORMAL,  /* text size step 1 */
	ACCESS_TEXT_LARGE,   /* step 2 */
	ACCESS_TEXT_LARGEST, /* step 3 */
	ACCESS_CONTRAST,
	ACCESS_READ_ALOUD,
	ACCESS_EXPLORE,
	ACCESS_CLOSE, /* close the menu */
};

struct app_options {
	const char *bundle_path;
	const char *lang;       /* default language; NULL: the site's first */
	const char *location;   /* foyer.conf's site: a location id of the bundle, or NULL */
	uint32_t idle_ms;       /* 0: APP_IDLE_MS_DEFAULT */
	uint32_t attract_ms;    /* 0: APP_ATTRACT_MS_DEFAULT */
	struct panel panel;     /* physical size and viewing distance: type and targets in mm */
	double mount_bottom_mm; /* the panel's lower edge above the floor; 0: not known */
	int text_scale;         /* the text size step a visitor starts with: 1..3 (0: 1) */
	bool high_contrast;     /* the theme a visitor starts with */
	struct audio *audio;    /* where speech goes (audio.h); not owned; NULL: silent */
	/* outside opening hours: the hours shown on the dimmed closed screen
	 * (closed.h), or NULL for a black one (closed_screen = off) */
	const struct schedule *closed_hours;
};

/* The wall clock, seconds since the epoch. */
typedef time_t (*app_wall_fn)(void *ctx);

/* What app_tick() changed (bits). */
enum app_change {
	APP_CHANGED_NONE = 0,
	APP_CHANGED_FRAME = 0x1,  /* a new frame is due: app_needs_frame() is true */
	APP_CHANGED_SCREEN = 0x2, /* another screen, page or language */
	APP_CHANGED_BUNDLE = 0x4, /* the bundle was opened, reopened or found broken */
};

/* Sets up the app for an output of w x h logical pixels drawn through renderer
 * (which must outlive it).  A missing or broken bundle is not an error: the app
 * then shows the out-of-order screen and retries.  Returns NULL on an SDL or
 * memory failure with SDL_GetError() set.  Free with app_free(). */
struct app *app_new(const struct app_options *opt, SDL_Renderer *renderer, int w, int h,
		    uint64_t now);
void app_free(struct app *a);

/* The output changed size (window resize, rotation, another display mode). */
void app_resize(struct app *a, int w, int h);
/* The renderer lost its textures (SDL_RENDER_TARGETS_RESET / DEVICE_RESET, a
 * display plugged in again): drop every cached texture and draw anew.  Safe on
 * every screen, the out-of-order screen included. */
void app_output_reset(struct app *a);
/* Opening hours: outside them the kiosk blanks when idle; when they begin the
 * blank screen gives way to the start screen at once. */
void app_set_open(struct app *a, bool open, uint64_t now);
/* The wall clock the closed screen ("open again on Monday") and the notices read
 * (the loop's: time() on the device, a virtual one in replay; until this is
 * called, time()), and whether it can be trusted (clock.h): a notice with a
 * period shows only on a trusted clock.  Headless runs count as trusted. */
void app_set_clock(struct app *a, app_wall_fn wall, void *ctx, bool trusted);
/* Switches to another bundle without a restart: keeps the language when the new
 * bundle has it and goes to the start screen.  Returns false (and keeps showing
 * the old bundle) when the new one cannot be opened. */
bool app_reload_bundle(struct app *a, const char *path, uint64_t now);
/* The same for an editor's rebuilt bundle (foyer --watch): keeps the screen,
 * the page (where the new bundle still has it), the language and the scroll
 * position, so the edit shows where the editor was looking. */
bool app_reload_in_place(struct app *a, const char *path, uint64_t now);
/* Text drawn over whatever shows, in a box at the bottom (foyer --watch: the
 * messages of a failed build while the last good bundle stays); copied; NULL
 * or "" removes it.  Never on a kiosk: nothing there calls it. */
void app_set_overlay(struct app *a, const char *text);

/* How long the result of a content update stays on screen: long enough to read
 * its lines in two languages twice. */
#define APP_BANNER_MS 8000u
/* A content update from a USB stick ended (installed, or refused and why):
 * shown over every screen for APP_BANNER_MS, in every language of the site, and
 * spoken when a voice mode is on.  Call it after app_reload_bundle(). */
void app_banner(struct app *a, enum store_code code, const char *version, uint64_t now);

/* Headphones or a headset were plugged in (where the hardware says so): the
 * spoken hint how to start explore by touch. */
void app_headphones(struct app *a, uint64_t now);

/* One touch event in logical (already rotated) coordinates. */
void app_input(struct app *a, const struct input_event *ev);
/* Advances timers (idle, attract, inertia, long press, bundle retry, page
 * preparation) to now.  Returns enum app_change bits. */
unsigned app_tick(struct app *a, uint64_t now);
/* The next time app_tick() has work, or NAV_NEVER. */
uint64_t app_next_deadline(const struct app *a);
/* Something changed since the last app_draw(). */
bool app_needs_frame(const struct app *a);
/* Draws the current state into the renderer's current target (does not present). */
void app_draw(struct app *a);

/* For the screenshot mode and tests: show page id (the start id for the start
 * screen) in lang.  Returns false when the page or language does not exist. */
bool app_show(struct app *a, const char *id, const char *lang, uint64_t now);

/* Screen position of the centre of a visible tappable item: the first with the
 * action, target (NULL: any) and, for languages, arg.  False when none is visible. */
bool app_find_target(const struct app *a, enum layout_action action, const char *target, int arg,
		     int *x, int *y);

/* What a visitor would see, read-only, for tests, replay expectations and the log.
 * The pointers live until the next call that changes the app. */
struct app_snapshot {
	enum nav_screen screen;
	const char *page;         /* page id; the start page's id on the start screen */
	const char *lang;         /* "" when broken */
	int lang_index;           /* into langs */
	const char *const *langs; /* the bundle's languages, lang_count of them */
	size_t lang_count;
	const char *const *tiles; /* page ids of the start screen's tiles */
	size_t tile_count;
	double scroll, scroll_max; /* px */
	SDL_Rect view;             /* the scrolling content area */
	int w, h;                  /* output size in logical px */
	uint64_t frames;           /* frames drawn */
	bool open;                 /* inside the opening hours */
	const char *broken;        /* why the out-of-order screen shows, or NULL */
	bool opened_prepared;      /* the page shown was prepared while the finger rested */
	int body_px;               /* body text size now */
	bool bar_at_bottom;        /* the controls sit at the bottom (low reach) */
	int text_scale;            /* accessibility settings now: 1..3 */
	bool high_contrast, read_aloud, explore;
	bool menu_open;          /* the accessibility menu shows */
	unsigned prompt_seconds; /* the idle prompt's countdown, 0 when it is not up */
	bool reading;            /* read-aloud is going through the screen */
	const char *heard_key;   /* the utterance heard ("block/3"), "" for none */
	const char *heard_lang;  /* its record's language */
	const char *focus_key;   /* explore by touch: the item focused, "" for none */
	bool banner;             /* an update's result shows (app_banner) */
	const char *overlay;     /* app_set_overlay()'s text, or NULL */
};
void app_snapshot(const struct app *a, struct app_snapshot *s);

#endif
