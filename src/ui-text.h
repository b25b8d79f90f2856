/* ui-text: the kiosk's own words (bar buttons, the attract screen's call, the
 * closed screen), one
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
	/* the closed screen (closed.c) */
	UI_CLOSED,          /* its title */
	UI_HOLIDAY_TODAY,   /* followed by the holiday's name */
	UI_CLOSED_TODAY,    /* a closed date of foyer.conf */
	UI_OPEN_AGAIN,      /* followed by the day and the time */
	UI_TODAY,           /* "open again: today, 7:00" */
	UI_TOMORROW,        /* "open again: tomorrow, 7:00" */
	UI_HOURS,           /* heading of the weekly hours */
	UI_OPEN_ALL_DAY,    /* a day open around the clock */
	UI_DAY_CLOSED,      /* a day closed */
	UI_TIME_SUFFIX,     /* after a time: " Uhr", or nothing */
	UI_HOLIDAYS_CLOSED, /* the public holidays are closed */
	UI_PLEASE_TOUCH,    /* what wakes the screen */
	UI_DAY_DOT,         /* after the day of a date: "4. April" or "4 April" */
	UI_SUNDAY,          /* UI_SUNDAY + tm_wday */
	UI_MONDAY,
	UI_TUESDAY,
	UI_WEDNESDAY,
	UI_THURSDAY,
	UI_FRIDAY,
	UI_SATURDAY,
	UI_JANUARY, /* UI_JANUARY + tm_mon */
	UI_FEBRUARY,
	UI_MARCH,
	UI_APRIL,
	UI_MAY,
	UI_JUNE,
	UI_JULY,
	UI_AUGUST,
	UI_SEPTEMBER,
	UI_OCTOBER,
	UI_NOVEMBER,
	UI_DECEMBER,
	UI_TEXT_COUNT
};

/* The text of id in language lang ("de", "en", ...): that language's table, else
 * English.  Static UTF-8, never NULL. */
const char *ui_text(const char *lang, enum ui_text_id id);

/* True when lang has a table of its own (not the English fallback). */
bool ui_text_has_language(const char *lang);

#endif
