/* ui-text: the kiosk's own words (bar buttons, the attract screen's call, the
 * contact card's labels, what to do with a QR code), one
 * table per language.  Everything else a visitor reads comes from the bundle.
 * A bundle may carry languages the kiosk has no table for (the format allows up
 * to four): those get the English words, never an empty button. */
#ifndef FOYER_UI_TEXT_H
#define FOYER_UI_TEXT_H

#include <stdbool.h>

enum ui_text_id {
	UI_BACK,         /* bar button: the page before */
	UI_HOME,         /* bar button: the start screen */
	UI_TOUCH_CALL,   /* attract screen: what to do */
	UI_PAGE_UP,      /* bar button (spoken; the bar shows an arrow) */
	UI_PAGE_DOWN,    /* bar button (spoken; the bar shows an arrow) */
	UI_ACCESS,       /* the accessibility control and its menu's title */
	UI_TEXT_SIZE,    /* menu: the text size row */
	UI_TEXT_NORMAL,  /* menu: text size step 1 */
	UI_TEXT_LARGE,   /* menu: text size step 2 */
	UI_TEXT_LARGEST, /* menu: text size step 3 */
	UI_CONTRAST,     /* menu: high contrast */
	UI_READ_ALOUD,   /* menu: read the page aloud */
	UI_EXPLORE,      /* menu: explore by touch */
	UI_ON,           /* a setting's state */
	UI_OFF,          /* a setting's state */
	UI_CLOSE,        /* menu: close it */
	UI_STILL_THERE,  /* idle prompt: the question */
	UI_SECONDS,      /* idle prompt: under the countdown's number */
	UI_CONTINUE,     /* idle prompt: what a touch does */
	UI_PHONE,        /* contact card labels */
	UI_EMAIL,
	UI_ROOM,
	UI_TAKE_HOME, /* beside a page's QR code */
	UI_LINK_QR,   /* above a link's QR code, shown when the link is tapped */
	UI_QR_CLOSE,  /* under it: how to close it */
	UI_TEXT_COUNT
};

/* The text of id in language lang ("de", "en", ...): that language's table, else
 * English.  Static UTF-8, never NULL. */
const char *ui_text(const char *lang, enum ui_text_id id);

/* True when lang has a table of its own (not the English fallback). */
bool ui_text_has_language(const char *lang);

#endif
