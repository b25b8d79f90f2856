/* strings: every text the kiosk itself says or shows (not the content's), one
 * table per language.  The kiosk draws them; foyer-pack links the same tables
 * and synthesises each of them for every site language, so whatever is on
 * screen can also be spoken.  No SDL, no allocation. */
#ifndef FOYER_STRINGS_H
#define FOYER_STRINGS_H

#include <stdbool.h>

/* Append new ids anywhere: tables are indexed by id, and the bundle keys the
 * spoken copies by strings_key(), not by number. */
enum str_id {
	STR_BACK,              /* bar button: to the previous page */
	STR_HOME,              /* bar button: to the start page */
	STR_TOUCH_TO_START,    /* attract screen */
	STR_OUT_OF_ORDER,      /* last-resort screen, title */
	STR_OUT_OF_ORDER_NOTE, /* last-resort screen, the line under it */
	STR_PHOTO,             /* prefix of a picture credit, with its colon */
	STR_PHONE,             /* prefix of a contact's phone number, with its colon */
	STR_EMAIL,             /* prefix of a contact's e-mail address, with its colon */
	STR_ACCESSIBILITY,     /* the accessibility control and its menu's title */
	STR_LARGE_TEXT,
	STR_LARGER_TEXT, /* the second step of large text */
	STR_HIGH_CONTRAST,
	STR_READ_ALOUD,
	STR_EXPLORE_BY_TOUCH,
	STR_PAUSE,
	STR_RESUME,
	STR_STOP,
	STR_CLOSE,
	STR_ON,  /* state of a switch */
	STR_OFF, /* state of a switch */
	STR_PAGE_UP,
	STR_PAGE_DOWN,
	STR_STILL_THERE,      /* idle prompt, title */
	STR_STILL_THERE_NOTE, /* idle prompt, what to do */
	STR_LINK,             /* spoken after a link's text: what it is */
	STR_BUTTON,           /* spoken after a control's label */
	STR_DOUBLE_TAP,       /* explore-by-touch: how to activate what was spoken */
	STR_TOP_OF_PAGE,      /* explore-by-touch: no item before this one */
	STR_END_OF_PAGE,      /* explore-by-touch: no item after this one */
	STR_EXPLORE_ON_HINT,  /* spoken when explore-by-touch starts: how it works */
	STR_EXPLORE_OFF,      /* spoken when explore-by-touch ends */
	STR_HEADPHONES_HINT,  /* spoken when headphones are plugged in: how to start */
	STR_COUNT
};

/* The text of id in lang, from that language's table, else English's.  Never
 * NULL; a static string.  With actual_lang set, stores the language the text is
 * in ("en" after a fallback), so a speech synthesiser picks the matching voice. */
const char *strings_get(enum str_id id, const char *lang, const char **actual_lang);

/* A stable ASCII name for id ("back", "still-there"): the key of its spoken
 * copy in the bundle (docs/bundle-format.md, entry speech/ui/LANG). */
const char *strings_key(enum str_id id);

/* True when lang has its own table (not only the English fallback). */
bool strings_have_lang(const char *lang);

/* The name of a language in that language ("Deutsch", "English"), for the
 * language switch and its spoken label; NULL for a code the table lacks. */
const char *strings_language_name(const char *lang);

/* True when a picture credit needs the STR_PHOTO prefix: it does not say what
 * it is itself ("Zeichnung: ...", "© ..."). */
bool strings_credit_needs_prefix(const char *credit);

#endif
