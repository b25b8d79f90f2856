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
	      [UI_CLOSED] = "Closed",
	      [UI_HOLIDAY_TODAY] = "Today is a public holiday:",
	      [UI_CLOSED_TODAY] = "Closed today",
	      [UI_OPEN_AGAIN] = "Open again:",
	      [UI_TODAY] = "today",
	      [UI_TOMORROW] = "tomorrow",
	      [UI_HOURS] = "Opening hours",
	      [UI_OPEN_ALL_DAY] = "open all day",
	      [UI_DAY_CLOSED] = "closed",
	      [UI_TIME_SUFFIX] = "",
	      [UI_HOLIDAYS_CLOSED] = "Closed on public holidays",
	      [UI_PLEASE_TOUCH] = "Please touch",
	      [UI_DAY_DOT] = "",
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
	  } },
	{ "de",
	  {
	      [UI_BACK] = "\u2039 Zur\u00fcck",
	      [UI_HOME] = "Start",
	      [UI_TOUCH_CALL] = "Bitte ber\u00fchren",
	      [UI_CLOSED] = "Geschlossen",
	      [UI_HOLIDAY_TODAY] = "Heute ist Feiertag:",
	      [UI_CLOSED_TODAY] = "Heute geschlossen",
	      [UI_OPEN_AGAIN] = "Wieder ge\u00f6ffnet:",
	      [UI_TODAY] = "heute",
	      [UI_TOMORROW] = "morgen",
	      [UI_HOURS] = "\u00d6ffnungszeiten",
	      [UI_OPEN_ALL_DAY] = "durchgehend ge\u00f6ffnet",
	      [UI_DAY_CLOSED] = "geschlossen",
	      [UI_TIME_SUFFIX] = " Uhr",
	      [UI_HOLIDAYS_CLOSED] = "An Feiertagen geschlossen",
	      [UI_PLEASE_TOUCH] = "Bitte ber\u00fchren",
	      [UI_DAY_DOT] = ".",
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
