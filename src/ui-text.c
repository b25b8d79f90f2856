/* ui-text: the kiosk's own words; see ui-text.h. */
#include "ui-text.h"

#include <stddef.h>
#include <string.h>

struct ui_text_table {
	const char *lang;
	const char *text[UI_TEXT_COUNT];
};

/* The first table is the fallback.  "\u2039" marks the way back in every language. */
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
	      [UI_PHONE] = "Phone:",
	      [UI_EMAIL] = "Email:",
	      [UI_ROOM] = "Room:",
	      [UI_TAKE_HOME] = "Take this page with you: scan the code with your phone's camera.",
	      [UI_LINK_QR] = "Open this address on your phone: scan the code with its camera.",
	      [UI_QR_CLOSE] = "Touch anywhere to close",
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
	      [UI_PHONE] = "Telefon:",
	      [UI_EMAIL] = "E-Mail:",
	      [UI_ROOM] = "Raum:",
	      [UI_TAKE_HOME] =
		  "Diese Seite zum Mitnehmen: den Code mit der Kamera Ihres Telefons scannen.",
	      [UI_LINK_QR] =
		  "Diese Adresse auf Ihrem Telefon \u00f6ffnen: den Code mit der Kamera scannen.",
	      [UI_QR_CLOSE] = "Zum Schlie\u00dfen irgendwo ber\u00fchren",
	  } },
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
