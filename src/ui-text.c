/* ui-text: the kiosk's own words; see ui-text.h. */
#include "ui-text.h"

#include <stddef.h>
#include <string.h>

struct ui_text_table {
	const char *lang;
	const char *text[UI_TEXT_COUNT];
};

/* The first table is the fallback.  "‹" marks the way back in every language. */
static const struct ui_text_table tables[] = {
	{ "en",
	  {
	      [UI_BACK] = "\u2039 Back",
	      [UI_HOME] = "Home",
	      [UI_TOUCH_CALL] = "Touch to start",
	  } },
	{ "de",
	  {
	      [UI_BACK] = "\u2039 Zur\u00fcck",
	      [UI_HOME] = "Start",
	      [UI_TOUCH_CALL] = "Bitte ber\u00fchren",
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
