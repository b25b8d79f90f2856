/* ui-text: the kiosk's own words (bar buttons, the attract screen's call, the
 * accessibility menu, the idle prompt, the hints of explore-by-touch, the contact
 * card's labels, what to do with a QR code, the closed screen), one
 * table per language.  Everything else a visitor reads comes from the bundle.
 * A bundle may carry languages the kiosk has no table for (the format allows up
 * to four): those get the English words, never an empty button.  foyer-pack
 * links the same tables and speaks every text in every site language
 * (tools/pack/speak.c), so whatever is on screen can also be heard. */
#ifndef FOYER_UI_TEXT_H
#define FOYER_UI_TEXT_H

#include <stdbool.h>

/* Add ids anywhere: tables are indexed by id, and the bundle keys the spoken
 * copies by ui_text_key(), not by number. */
enum ui_text_id {
	UI_BACK,              /* bar button: the page before */
	UI_HOME,              /* bar button: the start screen */
	UI_TOUCH_CALL,        /* attract screen: what to do */
	UI_PAGE_UP,           /* bar button (spoken; the bar shows an arrow) */
	UI_PAGE_DOWN,         /* bar button (spoken; the bar shows an arrow) */
	UI_ACCESS,            /* the accessibility control and its menu's title */
	UI_TEXT_SIZE,         /* menu: the text size row */
	UI_TEXT_NORMAL,       /* menu: text size step 1 */
	UI_TEXT_LARGE,        /* menu: text size step 2 */
	UI_TEXT_LARGEST,      /* menu: text size step 3 */
	UI_CONTRAST,          /* menu: high contrast */
	UI_READ_ALOUD,        /* menu: read the page aloud */
	UI_EXPLORE,           /* menu: explore by touch */
	UI_ON,                /* a setting's state */
	UI_OFF,               /* a setting's state */
	UI_CLOSE,             /* menu: close it */
	UI_STILL_THERE,       /* idle prompt: the question */
	UI_SECONDS,           /* idle prompt: under the countdown's number */
	UI_CONTINUE,          /* idle prompt: what a touch does */
	UI_OUT_OF_ORDER,      /* last-resort screen, title */
	UI_OUT_OF_ORDER_NOTE, /* last-resort screen, the line under it */
	UI_PHOTO,             /* prefix of a picture credit, with its colon */
	UI_PHONE,             /* prefix of a contact's phone number */
	UI_EMAIL,             /* prefix of a contact's e-mail address */
	UI_PAUSE,             /* read-aloud control */
	UI_RESUME,            /* read-aloud control */
	UI_STOP,              /* read-aloud control */
	UI_LINK,              /* spoken after a link's text: what it is */
	UI_BUTTON,            /* spoken after a control's label */
	UI_DOUBLE_TAP,        /* explore by touch: how to activate what was spoken */
	UI_TOP_OF_PAGE,       /* explore by touch: no item before this one */
	UI_END_OF_PAGE,       /* explore by touch: no item after this one */
	UI_EXPLORE_ON_HINT,   /* spoken when explore by touch starts: how it works */
	UI_EXPLORE_OFF,       /* spoken when explore by touch ends */
	UI_HEADPHONES_HINT,   /* spoken when headphones are plugged in: how to start */
	UI_ROOM,              /* prefix of a contact's room */
	UI_TAKE_HOME,         /* beside a page's QR code */
	UI_LINK_QR,           /* above a link's QR code, shown when the link is tapped */
	UI_QR_CLOSE,          /* under it: how to close it */
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
	UI_HOLIDAYS_CLOSED, /* the public holidays are closed */
	UI_PLEASE_TOUCH,    /* what wakes the screen */
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
	/* the banner after a content update from a USB stick (app-banner.c) */
	UI_UPDATE_INSTALLED,   /* followed by the version */
	UI_UPDATE_ROLLED_BACK, /* followed by the version */
	UI_UPDATE_REFUSED,     /* followed by one of the reasons below */
	UI_UPDATE_FAILED,      /* reading the stick or writing failed */
	UI_REFUSED_NO_KEYS,
	UI_REFUSED_UNSIGNED,
	UI_REFUSED_BAD_SIGNATURE,
	UI_REFUSED_NO_VERSION,
	UI_REFUSED_NOT_NEWER,
	UI_REFUSED_DAMAGED,
	UI_REFUSED_NO_SPACE,
	UI_TEXT_COUNT
};

/* The text of id in language lang ("de", "en", ...): that language's table, else
 * English.  Static UTF-8, never NULL. */
const char *ui_text(const char *lang, enum ui_text_id id);

/* True when lang has a table of its own (not the English fallback). */
bool ui_text_has_language(const char *lang);

/* A stable ASCII name for id ("back", "still-there"): the key of its spoken
 * copy in the bundle (docs/bundle-format.md, entry speech/ui/LANG); NULL for
 * an id out of range. */
const char *ui_text_key(enum ui_text_id id);

/* The name of a language in that language ("Deutsch", "English"), for the
 * language switch and its spoken label; NULL for a code the table lacks. */
const char *ui_text_language_name(const char *lang);

/* True when a picture credit needs the UI_PHOTO prefix: it does not say what
 * it is itself ("Zeichnung: ...", "\u00a9 ..."). */
bool ui_text_credit_needs_prefix(const char *credit);

#endif
