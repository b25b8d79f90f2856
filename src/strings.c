#include "strings.h"

#include <stddef.h>
#include <string.h>

/* The spoken copies in a bundle are found by these names, so a renamed key
 * leaves old bundles silent for that string: change them only with the format. */
static const char *const keys[STR_COUNT] = {
	[STR_BACK] = "back",
	[STR_HOME] = "home",
	[STR_TOUCH_TO_START] = "touch-to-start",
	[STR_OUT_OF_ORDER] = "out-of-order",
	[STR_OUT_OF_ORDER_NOTE] = "out-of-order-note",
	[STR_PHOTO] = "photo",
	[STR_PHONE] = "phone",
	[STR_EMAIL] = "email",
	[STR_ACCESSIBILITY] = "accessibility",
	[STR_LARGE_TEXT] = "large-text",
	[STR_LARGER_TEXT] = "larger-text",
	[STR_HIGH_CONTRAST] = "high-contrast",
	[STR_READ_ALOUD] = "read-aloud",
	[STR_EXPLORE_BY_TOUCH] = "explore-by-touch",
	[STR_PAUSE] = "pause",
	[STR_RESUME] = "resume",
	[STR_STOP] = "stop",
	[STR_CLOSE] = "close",
	[STR_ON] = "on",
	[STR_OFF] = "off",
	[STR_PAGE_UP] = "page-up",
	[STR_PAGE_DOWN] = "page-down",
	[STR_STILL_THERE] = "still-there",
	[STR_STILL_THERE_NOTE] = "still-there-note",
	[STR_LINK] = "link",
	[STR_BUTTON] = "button",
	[STR_DOUBLE_TAP] = "double-tap",
	[STR_TOP_OF_PAGE] = "top-of-page",
	[STR_END_OF_PAGE] = "end-of-page",
	[STR_EXPLORE_ON_HINT] = "explore-on-hint",
	[STR_EXPLORE_OFF] = "explore-off",
	[STR_HEADPHONES_HINT] = "headphones-hint",
};

static const char *const german[STR_COUNT] = {
	[STR_BACK] = "Zurück",
	[STR_HOME] = "Start",
	[STR_TOUCH_TO_START] = "Bitte berühren",
	[STR_OUT_OF_ORDER] = "Außer Betrieb",
	[STR_OUT_OF_ORDER_NOTE] = "Wir kümmern uns darum.",
	[STR_PHOTO] = "Foto:",
	[STR_PHONE] = "Telefon:",
	[STR_EMAIL] = "E-Mail:",
	[STR_ACCESSIBILITY] = "Barrierefreiheit",
	[STR_LARGE_TEXT] = "Große Schrift",
	[STR_LARGER_TEXT] = "Sehr große Schrift",
	[STR_HIGH_CONTRAST] = "Hoher Kontrast",
	[STR_READ_ALOUD] = "Vorlesen",
	[STR_EXPLORE_BY_TOUCH] = "Tippen und Entdecken",
	[STR_PAUSE] = "Pause",
	[STR_RESUME] = "Weiter",
	[STR_STOP] = "Stopp",
	[STR_CLOSE] = "Schließen",
	[STR_ON] = "an",
	[STR_OFF] = "aus",
	[STR_PAGE_UP] = "Nach oben blättern",
	[STR_PAGE_DOWN] = "Nach unten blättern",
	[STR_STILL_THERE] = "Sind Sie noch da?",
	[STR_STILL_THERE_NOTE] = "Berühren Sie den Bildschirm, um weiterzulesen.",
	[STR_LINK] = "Link",
	[STR_BUTTON] = "Schaltfläche",
	[STR_DOUBLE_TAP] = "Zum Öffnen zweimal tippen.",
	[STR_TOP_OF_PAGE] = "Anfang der Seite",
	[STR_END_OF_PAGE] = "Ende der Seite",
	[STR_EXPLORE_ON_HINT] =
	    "Tippen und Entdecken ist an. Berühren Sie den Bildschirm: Sie hören, was dort "
	    "steht. Zweimal tippen öffnet es. Nach links oder rechts wischen geht zum "
	    "vorigen oder nächsten Element.",
	[STR_EXPLORE_OFF] = "Tippen und Entdecken ist aus.",
	[STR_HEADPHONES_HINT] =
	    "Willkommen. Dieser Bildschirm kann vorlesen. Halten Sie dazu drei Finger "
	    "auf den Bildschirm.",
};

static const char *const english[STR_COUNT] = {
	[STR_BACK] = "Back",
	[STR_HOME] = "Home",
	[STR_TOUCH_TO_START] = "Touch to start",
	[STR_OUT_OF_ORDER] = "Out of order",
	[STR_OUT_OF_ORDER_NOTE] = "We are taking care of it.",
	[STR_PHOTO] = "Photo:",
	[STR_PHONE] = "Phone:",
	[STR_EMAIL] = "Email:",
	[STR_ACCESSIBILITY] = "Accessibility",
	[STR_LARGE_TEXT] = "Large text",
	[STR_LARGER_TEXT] = "Very large text",
	[STR_HIGH_CONTRAST] = "High contrast",
	[STR_READ_ALOUD] = "Read aloud",
	[STR_EXPLORE_BY_TOUCH] = "Explore by touch",
	[STR_PAUSE] = "Pause",
	[STR_RESUME] = "Resume",
	[STR_STOP] = "Stop",
	[STR_CLOSE] = "Close",
	[STR_ON] = "on",
	[STR_OFF] = "off",
	[STR_PAGE_UP] = "Page up",
	[STR_PAGE_DOWN] = "Page down",
	[STR_STILL_THERE] = "Still there?",
	[STR_STILL_THERE_NOTE] = "Touch the screen to keep reading.",
	[STR_LINK] = "link",
	[STR_BUTTON] = "button",
	[STR_DOUBLE_TAP] = "Double-tap to open.",
	[STR_TOP_OF_PAGE] = "Top of page",
	[STR_END_OF_PAGE] = "End of page",
	[STR_EXPLORE_ON_HINT] =
	    "Explore by touch is on. Touch the screen to hear what is there. Double-tap "
	    "to open it. Swipe left or right for the previous or next item.",
	[STR_EXPLORE_OFF] = "Explore by touch is off.",
	[STR_HEADPHONES_HINT] =
	    "Welcome. This screen can read aloud. To start, hold three fingers on the "
	    "screen.",
};

static const struct {
	const char *lang;
	const char *const *table;
} tables[] = {
	{ "en", english },
	{ "de", german },
};

/* The name of each language in itself, for a language switch of up to
 * SITE_MAX_LANGS languages; a site may use any of these. */
static const struct {
	const char *lang;
	const char *name;
} language_names[] = {
	{ "cs", "Čeština" },    { "da", "Dansk" },   { "de", "Deutsch" },    { "el", "Ελληνικά" },
	{ "en", "English" },    { "es", "Español" }, { "fr", "Français" },   { "it", "Italiano" },
	{ "nl", "Nederlands" }, { "pl", "Polski" },  { "pt", "Português" },  { "ru", "Русский" },
	{ "sv", "Svenska" },    { "tr", "Türkçe" },  { "uk", "Українська" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const *table_for(const char *lang)
{
	for (size_t i = 0; lang && i < COUNT(tables); i++)
		if (strcmp(tables[i].lang, lang) == 0)
			return tables[i].table;
	return NULL;
}

const char *strings_get(enum str_id id, const char *lang, const char **actual_lang)
{
	if ((unsigned)id >= STR_COUNT)
		id = STR_BACK; /* a caller's bug must not read past the tables */
	const char *const *t = table_for(lang);
	if (t && t[id]) {
		if (actual_lang)
			*actual_lang = lang;
		return t[id];
	}
	if (actual_lang)
		*actual_lang = "en";
	return english[id];
}

const char *strings_key(enum str_id id)
{
	return (unsigned)id < STR_COUNT ? keys[id] : NULL;
}

bool strings_have_lang(const char *lang)
{
	return table_for(lang) != NULL;
}

const char *strings_language_name(const char *lang)
{
	for (size_t i = 0; lang && i < COUNT(language_names); i++)
		if (strcmp(language_names[i].lang, lang) == 0)
			return language_names[i].name;
	return NULL;
}

bool strings_credit_needs_prefix(const char *credit)
{
	return credit && *credit && !strchr(credit, ':') && strncmp(credit, "\xc2\xa9", 2) != 0;
}
