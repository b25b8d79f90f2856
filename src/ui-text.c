/* ui-text: the kiosk's own words; see ui-text.h. */
#include "ui-text.h"

#include <stddef.h>
#include <string.h>

struct ui_text_table {
	const char *lang;
	const char *text[UI_TEXT_COUNT];
};

/* The first table is the fallback.  "\u2039" marks the way back in every language
 * (a screen reader's voice passes over it). */
static const struct ui_text_table tables[] = {
	{ "en",
	  {
	      [UI_BACK] = "\u2039 Back",
	      [UI_HOME] = "Home",
	      [UI_TOUCH_CALL] = "Touch to start",
	      [UI_PAGE_UP] = "Page up",
	      [UI_PAGE_DOWN] = "Page down",
	      [UI_ACCESS] = "Accessibility",
	      [UI_TEXT_SIZE] = "Text size",
	      [UI_TEXT_NORMAL] = "Normal",
	      [UI_TEXT_LARGE] = "Large",
	      [UI_TEXT_LARGEST] = "Larger",
	      [UI_CONTRAST] = "High contrast",
	      [UI_READ_ALOUD] = "Read aloud",
	      [UI_EXPLORE] = "Explore by touch",
	      [UI_ON] = "On",
	      [UI_OFF] = "Off",
	      [UI_CLOSE] = "Close",
	      [UI_STILL_THERE] = "Still there?",
	      [UI_SECONDS] = "seconds",
	      [UI_CONTINUE] = "Touch the screen to continue",
	      [UI_OUT_OF_ORDER] = "Out of order",
	      [UI_OUT_OF_ORDER_NOTE] = "We are taking care of it.",
	      [UI_PHOTO] = "Photo:",
	      [UI_PHONE] = "Phone:",
	      [UI_EMAIL] = "Email:",
	      [UI_PAUSE] = "Pause",
	      [UI_RESUME] = "Resume",
	      [UI_STOP] = "Stop",
	      [UI_LINK] = "link",
	      [UI_BUTTON] = "button",
	      [UI_DOUBLE_TAP] = "Double-tap to open.",
	      [UI_TOP_OF_PAGE] = "Top of page",
	      [UI_END_OF_PAGE] = "End of page",
	      [UI_EXPLORE_ON_HINT] =
		  "Explore by touch is on. Touch the screen to hear what is there. Double-tap to open it. Swipe left or right for the previous or next item.",
	      [UI_EXPLORE_OFF] = "Explore by touch is off.",
	      [UI_HEADPHONES_HINT] =
		  "Welcome. This screen can read aloud. To start, hold three fingers on the screen.",
	      [UI_ROOM] = "Room:",
	      [UI_TAKE_HOME] = "Take this page with you: scan the code with your phone's camera.",
	      [UI_LINK_QR] = "Open this address on your phone: scan the code with its camera.",
	      [UI_QR_CLOSE] = "Touch anywhere to close",
	      [UI_CLOSED] = "Closed",
	      [UI_HOLIDAY_TODAY] = "Today is a public holiday:",
	      [UI_CLOSED_TODAY] = "Closed today",
	      [UI_OPEN_AGAIN] = "Open again:",
	      [UI_TODAY] = "today",
	      [UI_TOMORROW] = "tomorrow",
	      [UI_HOURS] = "Opening hours",
	      [UI_OPEN_ALL_DAY] = "open all day",
	      [UI_DAY_CLOSED] = "closed",
	      [UI_HOLIDAYS_CLOSED] = "Closed on public holidays",
	      [UI_PLEASE_TOUCH] = "Please touch",
	      [UI_SUNDAY] = "Sunday",
	      [UI_MONDAY] = "Monday",
	      [UI_TUESDAY] = "Tuesday",
	      [UI_WEDNESDAY] = "Wednesday",
	      [UI_THURSDAY] = "Thursday",
	      [UI_FRIDAY] = "Friday",
	      [UI_SATURDAY] = "Saturday",
	      [UI_JANUARY] = "January",
	      [UI_FEBRUARY] = "February",
	      [UI_MARCH] = "March",
	      [UI_APRIL] = "April",
	      [UI_MAY] = "May",
	      [UI_JUNE] = "June",
	      [UI_JULY] = "July",
	      [UI_AUGUST] = "August",
	      [UI_SEPTEMBER] = "September",
	      [UI_OCTOBER] = "October",
	      [UI_NOVEMBER] = "November",
	      [UI_DECEMBER] = "December",
	      [UI_UPDATE_INSTALLED] = "Content updated: version",
	      [UI_UPDATE_ROLLED_BACK] = "Content set back to version",
	      [UI_UPDATE_REFUSED] = "Content refused:",
	      [UI_UPDATE_FAILED] =
		  "The content update failed: the stick could not be read or the kiosk could not write.",
	      [UI_REFUSED_NO_KEYS] = "this kiosk has no keys for signed content.",
	      [UI_REFUSED_UNSIGNED] = "the file is not signed.",
	      [UI_REFUSED_BAD_SIGNATURE] = "the signature is not valid for this file.",
	      [UI_REFUSED_NO_VERSION] = "the signature names no version.",
	      [UI_REFUSED_NOT_NEWER] = "its version is not newer than the one shown.",
	      [UI_REFUSED_DAMAGED] = "the file is damaged.",
	      [UI_REFUSED_NO_SPACE] = "there is not enough storage space.",
	  } },
	{ "de",
	  {
	      [UI_BACK] = "\u2039 Zur\u00fcck",
	      [UI_HOME] = "Start",
	      [UI_TOUCH_CALL] = "Bitte ber\u00fchren",
	      [UI_PAGE_UP] = "Seite nach oben",
	      [UI_PAGE_DOWN] = "Seite nach unten",
	      [UI_ACCESS] = "Bedienungshilfen",
	      [UI_TEXT_SIZE] = "Schriftgr\u00f6\u00dfe",
	      [UI_TEXT_NORMAL] = "Normal",
	      [UI_TEXT_LARGE] = "Gro\u00df",
	      [UI_TEXT_LARGEST] = "Gr\u00f6\u00dfer",
	      [UI_CONTRAST] = "Hoher Kontrast",
	      [UI_READ_ALOUD] = "Vorlesen",
	      [UI_EXPLORE] = "Erkunden durch Ber\u00fchren",
	      [UI_ON] = "An",
	      [UI_OFF] = "Aus",
	      [UI_CLOSE] = "Schlie\u00dfen",
	      [UI_STILL_THERE] = "Sind Sie noch da?",
	      [UI_SECONDS] = "Sekunden",
	      [UI_CONTINUE] = "Zum Weiterlesen den Bildschirm ber\u00fchren",
	      [UI_OUT_OF_ORDER] = "Au\u00dfer Betrieb",
	      [UI_OUT_OF_ORDER_NOTE] = "Wir k\u00fcmmern uns darum.",
	      [UI_PHOTO] = "Foto:",
	      [UI_PHONE] = "Telefon:",
	      [UI_EMAIL] = "E-Mail:",
	      [UI_PAUSE] = "Pause",
	      [UI_RESUME] = "Weiter",
	      [UI_STOP] = "Stopp",
	      [UI_LINK] = "Link",
	      [UI_BUTTON] = "Schaltfl\u00e4che",
	      [UI_DOUBLE_TAP] = "Zum \u00d6ffnen zweimal tippen.",
	      [UI_TOP_OF_PAGE] = "Anfang der Seite",
	      [UI_END_OF_PAGE] = "Ende der Seite",
	      [UI_EXPLORE_ON_HINT] =
		  "Erkunden durch Ber\u00fchren ist an. Ber\u00fchren Sie den Bildschirm: Sie h\u00f6ren, was dort steht. Zweimal tippen \u00f6ffnet es. Nach links oder rechts wischen geht zum vorigen oder n\u00e4chsten Element.",
	      [UI_EXPLORE_OFF] = "Erkunden durch Ber\u00fchren ist aus.",
	      [UI_HEADPHONES_HINT] =
		  "Willkommen. Dieser Bildschirm kann vorlesen. Halten Sie dazu drei Finger auf den Bildschirm.",
	      [UI_ROOM] = "Raum:",
	      [UI_TAKE_HOME] =
		  "Diese Seite zum Mitnehmen: den Code mit der Kamera Ihres Telefons scannen.",
	      [UI_LINK_QR] =
		  "Diese Adresse auf Ihrem Telefon \u00f6ffnen: den Code mit der Kamera scannen.",
	      [UI_QR_CLOSE] = "Zum Schlie\u00dfen irgendwo ber\u00fchren",
	      [UI_CLOSED] = "Geschlossen",
	      [UI_HOLIDAY_TODAY] = "Heute ist Feiertag:",
	      [UI_CLOSED_TODAY] = "Heute geschlossen",
	      [UI_OPEN_AGAIN] = "Wieder ge\u00f6ffnet:",
	      [UI_TODAY] = "heute",
	      [UI_TOMORROW] = "morgen",
	      [UI_HOURS] = "\u00d6ffnungszeiten",
	      [UI_OPEN_ALL_DAY] = "durchgehend ge\u00f6ffnet",
	      [UI_DAY_CLOSED] = "geschlossen",
	      [UI_HOLIDAYS_CLOSED] = "An Feiertagen geschlossen",
	      [UI_PLEASE_TOUCH] = "Bitte ber\u00fchren",
	      [UI_SUNDAY] = "Sonntag",
	      [UI_MONDAY] = "Montag",
	      [UI_TUESDAY] = "Dienstag",
	      [UI_WEDNESDAY] = "Mittwoch",
	      [UI_THURSDAY] = "Donnerstag",
	      [UI_FRIDAY] = "Freitag",
	      [UI_SATURDAY] = "Samstag",
	      [UI_JANUARY] = "Januar",
	      [UI_FEBRUARY] = "Februar",
	      [UI_MARCH] = "M\u00e4rz",
	      [UI_APRIL] = "April",
	      [UI_MAY] = "Mai",
	      [UI_JUNE] = "Juni",
	      [UI_JULY] = "Juli",
	      [UI_AUGUST] = "August",
	      [UI_SEPTEMBER] = "September",
	      [UI_OCTOBER] = "Oktober",
	      [UI_NOVEMBER] = "November",
	      [UI_DECEMBER] = "Dezember",
	      [UI_UPDATE_INSTALLED] = "Inhalte aktualisiert: Version",
	      [UI_UPDATE_ROLLED_BACK] = "Inhalte zur\u00fcckgesetzt auf Version",
	      [UI_UPDATE_REFUSED] = "Inhalte abgelehnt:",
	      [UI_UPDATE_FAILED] =
		  "Die Aktualisierung ist fehlgeschlagen: Der Stick war nicht lesbar oder der Kiosk konnte nicht schreiben.",
	      [UI_REFUSED_NO_KEYS] =
		  "Dieser Kiosk hat keine Schl\u00fcssel f\u00fcr signierte Inhalte.",
	      [UI_REFUSED_UNSIGNED] = "Die Datei ist nicht signiert.",
	      [UI_REFUSED_BAD_SIGNATURE] = "Die Signatur passt nicht zu dieser Datei.",
	      [UI_REFUSED_NO_VERSION] = "Die Signatur nennt keine Version.",
	      [UI_REFUSED_NOT_NEWER] = "Ihre Version ist nicht neuer als die gezeigte.",
	      [UI_REFUSED_DAMAGED] = "Die Datei ist besch\u00e4digt.",
	      [UI_REFUSED_NO_SPACE] = "Der Speicherplatz reicht nicht.",
	  } },
};

/* The spoken copies in a bundle are found by these names, so a renamed key
 * leaves old bundles silent for that text: change them only with the format. */
static const char *const keys[UI_TEXT_COUNT] = {
	[UI_BACK] = "back",
	[UI_HOME] = "home",
	[UI_TOUCH_CALL] = "touch-to-start",
	[UI_PAGE_UP] = "page-up",
	[UI_PAGE_DOWN] = "page-down",
	[UI_ACCESS] = "accessibility",
	[UI_TEXT_SIZE] = "text-size",
	[UI_TEXT_NORMAL] = "text-normal",
	[UI_TEXT_LARGE] = "text-large",
	[UI_TEXT_LARGEST] = "text-largest",
	[UI_CONTRAST] = "high-contrast",
	[UI_READ_ALOUD] = "read-aloud",
	[UI_EXPLORE] = "explore-by-touch",
	[UI_ON] = "on",
	[UI_OFF] = "off",
	[UI_CLOSE] = "close",
	[UI_STILL_THERE] = "still-there",
	[UI_SECONDS] = "seconds",
	[UI_CONTINUE] = "continue",
	[UI_OUT_OF_ORDER] = "out-of-order",
	[UI_OUT_OF_ORDER_NOTE] = "out-of-order-note",
	[UI_PHOTO] = "photo",
	[UI_PHONE] = "phone",
	[UI_EMAIL] = "email",
	[UI_PAUSE] = "pause",
	[UI_RESUME] = "resume",
	[UI_STOP] = "stop",
	[UI_LINK] = "link",
	[UI_BUTTON] = "button",
	[UI_DOUBLE_TAP] = "double-tap",
	[UI_TOP_OF_PAGE] = "top-of-page",
	[UI_END_OF_PAGE] = "end-of-page",
	[UI_EXPLORE_ON_HINT] = "explore-on-hint",
	[UI_EXPLORE_OFF] = "explore-off",
	[UI_HEADPHONES_HINT] = "headphones-hint",
	[UI_ROOM] = "room",
	[UI_TAKE_HOME] = "take-home",
	[UI_LINK_QR] = "link-qr",
	[UI_QR_CLOSE] = "qr-close",
	[UI_CLOSED] = "closed",
	[UI_HOLIDAY_TODAY] = "holiday-today",
	[UI_CLOSED_TODAY] = "closed-today",
	[UI_OPEN_AGAIN] = "open-again",
	[UI_TODAY] = "today",
	[UI_TOMORROW] = "tomorrow",
	[UI_HOURS] = "opening-hours",
	[UI_OPEN_ALL_DAY] = "open-all-day",
	[UI_DAY_CLOSED] = "day-closed",
	[UI_HOLIDAYS_CLOSED] = "holidays-closed",
	[UI_PLEASE_TOUCH] = "please-touch",
	[UI_SUNDAY] = "sunday",
	[UI_MONDAY] = "monday",
	[UI_TUESDAY] = "tuesday",
	[UI_WEDNESDAY] = "wednesday",
	[UI_THURSDAY] = "thursday",
	[UI_FRIDAY] = "friday",
	[UI_SATURDAY] = "saturday",
	[UI_JANUARY] = "january",
	[UI_FEBRUARY] = "february",
	[UI_MARCH] = "march",
	[UI_APRIL] = "april",
	[UI_MAY] = "may",
	[UI_JUNE] = "june",
	[UI_JULY] = "july",
	[UI_AUGUST] = "august",
	[UI_SEPTEMBER] = "september",
	[UI_OCTOBER] = "october",
	[UI_NOVEMBER] = "november",
	[UI_DECEMBER] = "december",
	[UI_UPDATE_INSTALLED] = "update-installed",
	[UI_UPDATE_ROLLED_BACK] = "update-rolled-back",
	[UI_UPDATE_REFUSED] = "update-refused",
	[UI_UPDATE_FAILED] = "update-failed",
	[UI_REFUSED_NO_KEYS] = "refused-no-keys",
	[UI_REFUSED_UNSIGNED] = "refused-unsigned",
	[UI_REFUSED_BAD_SIGNATURE] = "refused-bad-signature",
	[UI_REFUSED_NO_VERSION] = "refused-no-version",
	[UI_REFUSED_NOT_NEWER] = "refused-not-newer",
	[UI_REFUSED_DAMAGED] = "refused-damaged",
	[UI_REFUSED_NO_SPACE] = "refused-no-space",
};

/* The name of each language in itself, for a language switch of up to four of
 * them; a site may use any of these. */
static const struct {
	const char *lang;
	const char *name;
} language_names[] = {
	{ "cs", "\u010ce\u0161tina" },
	{ "da", "Dansk" },
	{ "de", "Deutsch" },
	{ "el", "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac" },
	{ "en", "English" },
	{ "es", "Espa\u00f1ol" },
	{ "fr", "Fran\u00e7ais" },
	{ "it", "Italiano" },
	{ "nl", "Nederlands" },
	{ "pl", "Polski" },
	{ "pt", "Portugu\u00eas" },
	{ "ru", "\u0420\u0443\u0441\u0441\u043a\u0438\u0439" },
	{ "sv", "Svenska" },
	{ "tr", "T\u00fcrk\u00e7e" },
	{ "uk", "\u0423\u043a\u0440\u0430\u0457\u043d\u0441\u044c\u043a\u0430" },
};

static const struct ui_text_table *table_for(const char *lang)
{
	for (size_t i = 0; lang && i < sizeof(tables) / sizeof(tables[0]); i++)
		if (strcmp(tables[i].lang, lang) == 0)
			return &tables[i];
	return NULL;
}

const char *ui_text(const char *lang, enum ui_text_id id)
{
	const struct ui_text_table *t = table_for(lang);
	const char *s;

	if ((unsigned)id >= UI_TEXT_COUNT)
		return "";
	s = t ? t->text[id] : NULL;
	return s ? s : tables[0].text[id] ? tables[0].text[id] : "";
}

bool ui_text_has_language(const char *lang)
{
	return table_for(lang) != NULL;
}

const char *ui_text_key(enum ui_text_id id)
{
	return (unsigned)id < UI_TEXT_COUNT ? keys[id] : NULL;
}

const char *ui_text_language_name(const char *lang)
{
	for (size_t i = 0; lang && i < sizeof(language_names) / sizeof(language_names[0]); i++)
		if (strcmp(language_names[i].lang, lang) == 0)
			return language_names[i].name;
	return NULL;
}

bool ui_text_credit_needs_prefix(const char *credit)
{
	return credit && *credit && !strchr(credit, ':') && strncmp(credit, "\u00a9", 2) != 0;
}
