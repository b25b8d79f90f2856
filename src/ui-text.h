/* ui-text: the kiosk's own words (bar buttons, the attract screen's call, the
 * contact card's labels, what to do with a QR code), one
 * table per language.  Everything else a visitor reads comes from the bundle.
 * A bundle may carry languages the kiosk has no table for (the format allows up
 * to four): those get the English words, never an empty button. */
#ifndef FOYER_UI_TEXT_H
#define FOYER_UI_TEXT_H

#include <stdbool.h>

enum ui_text_id {
	UI_BACK,       /* bar button: the page before */
	UI_HOME,       /* bar button: the start screen */
	UI_TOUCH_CALL, /* attract screen: what to do */
	UI_PHONE,      /* contact card labels */
	UI_EMAIL,
	UI_ROOM,
	UI_TAKE_HOME, /* beside a page's QR code */
	UI_LINK_QR,   /* above a link's QR code, shown when the link is tapped */
	UI_CLOSE,     /* under it: how to go back */
	UI_TEXT_COUNT
};

/* The text of id in language lang ("de", "en", ...): that language's table, else
 * English.  Static UTF-8, never NULL. */
const char *ui_text(const char *lang, enum ui_text_id id);

/* True when lang has a table of its own (not the English fallback). */
bool ui_text_has_language(const char *lang);

#endif
