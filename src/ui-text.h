/* ui-text: the kiosk's own words (bar buttons, the attract screen's call), one
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
	UI_TEXT_COUNT
};

/* The text of id in language lang ("de", "en", ...): that language's table, else
 * English.  Static UTF-8, never NULL. */
const char *ui_text(const char *lang, enum ui_text_id id);

/* True when lang has a table of its own (not the English fallback). */
bool ui_text_has_language(const char *lang);

#endif
