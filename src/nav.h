/* nav: the kiosk's navigation state machine, without SDL.  Screens, history,
 * language, scroll with inertia, idle reset, attract screen and blanking.  Time
 * is passed in (milliseconds on any monotonic clock), so tests and the replay
 * mode drive it with a virtual clock.
 *
 *   START --tap tile--> PAGE --back/home--> START
 *     any screen --idle_ms without input--> START in the default language, with
 *       "Sind Sie noch da? / Still there?" NAV_PROMPT_MS before (a touch stays)
 *     START --attract_ms without input--> ATTRACT --touch--> START (touch swallowed)
 *     closed (outside opening hours) and idle --> BLANK --touch--> START (swallowed) */
#ifndef FOYER_NAV_H
#define FOYER_NAV_H

#include <stdbool.h>
#include <stdint.h>

#include "bundle/page.h"

#define NAV_HISTORY_MAX 32
#define NAV_FRAME_MS 16   /* inertia animation step */
#define NAV_SLIDE_MS 8000 /* attract slideshow: one picture this long */
/* The idle prompt comes this long before the idle reset, with a countdown:
 * WCAG 2.2.1 asks at least 20 s to say "more time" (EN 301 549 9.2.2.1). */
#define NAV_PROMPT_MS 20000
#define NAV_COUNTDOWN_MS 1000 /* the prompt's countdown moves in seconds */
#define NAV_NEVER UINT64_MAX

enum nav_screen {
	NAV_START,
	NAV_PAGE,
	NAV_ATTRACT,
	NAV_BLANK,
};

/* What a nav call changed, so the app relayouts or only redraws.  Every call that
 * changes the state returns these bits; 0 means nothing the visitor sees moved. */
enum nav_change {
	NAV_CHANGED_NONE = 0,
	NAV_CHANGED_SCROLL = 0x1,
	NAV_CHANGED_SCREEN = 0x2, /* screen, page or language: new layout */
	NAV_CHANGED_SLIDE = 0x4,
	NAV_CHANGED_PROMPT = 0x8, /* the idle prompt appeared, counted down or went */
	NAV_CHANGED_IDLE = 0x10,  /* an idle reset or blanking: the next visitor starts fresh */
};

struct nav_history {
	char page[PAGE_ID_MAX + 1];
	double scroll;
};

struct nav {
	enum nav_screen screen;
	char start[PAGE_ID_MAX + 1]; /* the start page id */
	char page[PAGE_ID_MAX + 1];  /* current page id (the start id on START) */
	int lang, default_lang;      /* language indexes into the site's list */
	struct nav_history history[NAV_HISTORY_MAX];
	int history_len;
	double scroll, scroll_max; /* px from the top of the content */
	double velocity;           /* px per ms, inertia after a fling */
	uint64_t last_frame;       /* time of the last inertia step */
	uint64_t last_input;
	uint32_t idle_ms;     /* back to the start page after this long */
	bool prompting;       /* the idle prompt shows */
	uint64_t prompt_next; /* its countdown's next second */
	uint32_t attract_ms;  /* attract screen after this long (0: never) */
	bool closed;          /* outside opening hours: blank when idle */
	bool swallow;         /* this touch woke the screen: ignore it until up */
	unsigned slide;       /* attract slideshow position */
	uint64_t next_slide;
};

void nav_init(struct nav *n, const char *start_id, int default_lang, uint32_t idle_ms,
	      uint32_t attract_ms, uint64_t now);

/* Idle time from now on (the app doubles it while an accessibility mode is on). */
void nav_set_idle(struct nav *n, uint32_t idle_ms);
/* Seconds the idle prompt's countdown shows at now (0 when it is not up). */
unsigned nav_prompt_seconds(const struct nav *n, uint64_t now);

/* A finger went down.  When it only woke the screen (attract or blank) it returns
 * NAV_CHANGED_SCREEN and nav_swallowing() is true: then the whole touch, up to
 * nav_touch_up(), must do nothing else. */
unsigned nav_touch_down(struct nav *n, uint64_t now);
/* The finger that is down woke the screen: it must not act. */
bool nav_swallowing(const struct nav *n);
/* Any input activity (moves, key presses): postpones the idle deadlines. */
void nav_touch_activity(struct nav *n, uint64_t now);
void nav_touch_up(struct nav *n, uint64_t now);

/* Opens a page (the start id goes home).  Remembers the current page for back. */
unsigned nav_open(struct nav *n, const char *id, uint64_t now);
unsigned nav_back(struct nav *n, uint64_t now);
unsigned nav_home(struct nav *n, uint64_t now);
/* Switches language keeping screen and page; the caller maps the scroll offset
 * to the new layout (layout_map_scroll) and sets it with nav_set_scroll(). */
unsigned nav_set_lang(struct nav *n, int lang, uint64_t now);

unsigned nav_set_scroll_max(struct nav *n, double max);
unsigned nav_set_scroll(struct nav *n, double scroll);
/* Drag: moves the content by dy px (positive scrolls down), stopping inertia. */
unsigned nav_scroll_by(struct nav *n, double dy);
/* Release with a velocity in px/ms (positive scrolls down): starts inertia. */
void nav_fling(struct nav *n, double velocity, uint64_t now);
/* Outside opening hours the kiosk blanks when idle; opening again leaves the
 * blank screen for the start screen at once (NAV_CHANGED_SCREEN). */
unsigned nav_set_closed(struct nav *n, bool closed, uint64_t now);

/* Advances timers and inertia to now; returns enum nav_change bits. */
unsigned nav_tick(struct nav *n, uint64_t now);
/* The next time nav_tick() has something to do, or NAV_NEVER. */
uint64_t nav_next_deadline(const struct nav *n);

const char *nav_screen_name(enum nav_screen s);

#endif
