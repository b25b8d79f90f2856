/* closed: the dimmed screen outside opening hours; see closed.h. */
#include "closed.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui-text.h"

#define LINE_MAX_BYTES 160 /* one line of the screen, UTF-8 */

/* How a language writes a date and a time: "4. April, 7:00 Uhr" or "4 April,
 * 7:00" (conventions, not words: nothing here is spoken on its own). */
static bool german_style(const char *lang)
{
	return strcmp(lang, "de") == 0;
}

static const char *time_suffix(const char *lang)
{
	return german_style(lang) ? " Uhr" : "";
}

static const char *day_name(const char *lang, int wday)
{
	return ui_text(lang, (enum ui_text_id)(UI_SUNDAY + wday));
}

static bool same_day(const struct schedule_day *a, const struct schedule_day *b)
{
	if (a->count != b->count)
		return false;
	for (unsigned i = 0; i < a->count && i < SCHEDULE_MAX_INTERVALS; i++)
		if (a->interval[i].open_min != b->interval[i].open_min ||
		    a->interval[i].close_min != b->interval[i].close_min)
			return false;
	return true;
}

/* "7:00–12:00, 13:00–19:00 Uhr", "geschlossen", "durchgehend geöffnet". */
static void day_hours(char *buf, size_t size, const struct schedule_day *d, const char *lang)
{
	size_t n = 0;

	if (d->count == 0) {
		snprintf(buf, size, "%s", ui_text(lang, UI_DAY_CLOSED));
		return;
	}
	if (d->count == 1 && d->interval[0].open_min == 0 && d->interval[0].close_min == 24 * 60) {
		snprintf(buf, size, "%s", ui_text(lang, UI_OPEN_ALL_DAY));
		return;
	}
	buf[0] = '\0';
	for (unsigned i = 0; i < d->count && i < SCHEDULE_MAX_INTERVALS && n < size; i++) {
		const struct schedule_interval *iv = &d->interval[i];
		int w = snprintf(buf + n, size - n, "%s%u:%02u\xe2\x80\x93%u:%02u", i ? ", " : "",
				 iv->open_min / 60u, iv->open_min % 60u, iv->close_min / 60u,
				 iv->close_min % 60u);

		if (w < 0)
			return;
		n += (size_t)w;
	}
	if (n < size)
		snprintf(buf + n, size - n, "%s", time_suffix(lang));
}

/* Lines of the weekly hours, Monday first; runs of equal days together:
 * "Montag – Freitag: 7:00–19:00 Uhr", "Samstag, Sonntag: geschlossen". */
static int hours_lines(char lines[7][LINE_MAX_BYTES], const struct schedule *s, const char *lang)
{
	int count = 0;

	for (int i = 0; i < 7;) {
		int first = (i + 1) % 7, j = i + 1; /* i: days after Sunday, Monday = 0 */
		char hours[LINE_MAX_BYTES];

		while (j < 7 && same_day(&s->day[first], &s->day[(j + 1) % 7]))
			j++;
		day_hours(hours, sizeof(hours), &s->day[first], lang);
		if (j - i == 1)
			snprintf(lines[count], LINE_MAX_BYTES, "%s: %s", day_name(lang, first),
				 hours);
		else if (j - i == 2)
			snprintf(lines[count], LINE_MAX_BYTES, "%s, %s: %s", day_name(lang, first),
				 day_name(lang, (first + 1) % 7), hours);
		else
			snprintf(lines[count], LINE_MAX_BYTES, "%s \xe2\x80\x93 %s: %s",
				 day_name(lang, first), day_name(lang, j % 7), hours);
		count++;
		i = j;
	}
	return count;
}

/* "Wieder geöffnet: Montag, 7:00 Uhr" (or heute/morgen, or a date further on). */
static void open_again(char *buf, size_t size, const struct schedule *s, time_t now,
		       const char *lang)
{
	time_t next = schedule_next_change(s, now);
	struct tm a, b;
	int32_t days;
	char when[64];

	buf[0] = '\0';
	if (next == (time_t)-1 || !localtime_r(&now, &a) || !localtime_r(&next, &b))
		return;
	days = schedule_day_number(b.tm_year + 1900, b.tm_mon + 1, b.tm_mday) -
	       schedule_day_number(a.tm_year + 1900, a.tm_mon + 1, a.tm_mday);
	if (days == 0)
		snprintf(when, sizeof(when), "%s", ui_text(lang, UI_TODAY));
	else if (days == 1)
		snprintf(when, sizeof(when), "%s", ui_text(lang, UI_TOMORROW));
	else if (days < 7)
		snprintf(when, sizeof(when), "%s", day_name(lang, b.tm_wday));
	else
		snprintf(when, sizeof(when), "%s, %d%s %s", day_name(lang, b.tm_wday), b.tm_mday,
			 german_style(lang) ? "." : "",
			 ui_text(lang, (enum ui_text_id)(UI_JANUARY + b.tm_mon)));
	snprintf(buf, size, "%s %s, %d:%02d%s", ui_text(lang, UI_OPEN_AGAIN), when, b.tm_hour,
		 b.tm_min, time_suffix(lang));
}

/* Why today is closed, if the day itself is: a holiday or a closed date. */
static void closed_today(char *buf, size_t size, const struct schedule *s, time_t now,
			 const char *lang)
{
	struct tm tm;
	bool closure = false;
	const struct schedule_holiday *h;

	buf[0] = '\0';
	if (!localtime_r(&now, &tm))
		return;
	h = schedule_date_closed(s, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &closure);
	if (h)
		snprintf(buf, size, "%s %s", ui_text(lang, UI_HOLIDAY_TODAY),
			 strcmp(lang, "de") == 0 ? h->de : h->en);
	else if (closure)
		snprintf(buf, size, "%s", ui_text(lang, UI_CLOSED_TODAY));
}

static int em(int body_px, double n)
{
	return (int)lround(body_px * n);
}

/* How much room the screen gives: each step is more compact, the last drops the
 * weekly table (the call to touch and when it opens again always stay). */
enum closed_fit {
	CLOSED_FIT_ROOMY,
	CLOSED_FIT_COMPACT,
	CLOSED_FIT_NO_TABLE,
};

/* Lays the screen out from y = 0; returns the height used. */
static int build(struct layout *l, const struct schedule *s, time_t now, const char *lang,
		 int width, int body_px, enum closed_fit fit)
{
	/* the call to touch in the other language too: de and en are the site's */
	const char *other = strcmp(lang, "de") == 0 ? "en" : "de";
	bool roomy = fit == CLOSED_FIT_ROOMY;
	struct layout_flow title = { roomy ? LAYOUT_SIZE_H1 : LAYOUT_SIZE_H2, LAYOUT_BOLD,
				     LAYOUT_COLOR_DIM_TEXT, LAYOUT_COLOR_DIM_TEXT, 1.2 };
	struct layout_flow body = { LAYOUT_SIZE_BODY, LAYOUT_REGULAR, LAYOUT_COLOR_DIM_TEXT,
				    LAYOUT_COLOR_DIM_TEXT, roomy ? 1.35 : 1.25 };
	struct layout_flow heading = body;
	struct layout_flow call = { LAYOUT_SIZE_H2, LAYOUT_BOLD, LAYOUT_COLOR_DIM_TEXT,
				    LAYOUT_COLOR_DIM_TEXT, 1.2 };
	struct layout_flow call_other = { LAYOUT_SIZE_H3, LAYOUT_REGULAR, LAYOUT_COLOR_DIM_TEXT,
					  LAYOUT_COLOR_DIM_TEXT, 1.2 };
	char lines[7][LINE_MAX_BYTES], line[LINE_MAX_BYTES];
	int y, n;

	heading.face = LAYOUT_BOLD;
	layout_reset(l);
	y = layout_flow_text(l, &title, ui_text(lang, UI_CLOSED), 0, 0, width);
	closed_today(line, sizeof(line), s, now, lang);
	if (line[0])
		y = layout_flow_text(l, &body, line, 0, y + em(body_px, roomy ? 0.3 : 0.1), width);
	open_again(line, sizeof(line), s, now, lang);
	if (line[0])
		y = layout_flow_text(l, &heading, line, 0, y + em(body_px, roomy ? 0.3 : 0.1),
				     width);
	if (fit != CLOSED_FIT_NO_TABLE) {
		y = layout_flow_text(l, &heading, ui_text(lang, UI_HOURS), 0,
				     y + em(body_px, roomy ? 1.2 : 0.5), width);
		n = hours_lines(lines, s, lang);
		for (int i = 0; i < n; i++)
			y = layout_flow_text(l, &body, lines[i], 0, y, width);
		if (s->holidays != SCHEDULE_HOLIDAYS_NONE)
			y = layout_flow_text(l, &body, ui_text(lang, UI_HOLIDAYS_CLOSED), 0, y,
					     width);
	}
	/* the call in both languages, this one first and larger */
	y = layout_flow_text(l, &call, ui_text(lang, UI_PLEASE_TOUCH), 0,
			     y + em(body_px, roomy ? 1.6 : 0.6), width);
	return layout_flow_text(l, &call_other, ui_text(other, UI_PLEASE_TOUCH), 0, y, width);
}

int closed_layout(struct layout *l, const struct schedule *s, time_t now, const char *lang, int w,
		  int h, int body_px)
{
	int margin = em(body_px, 1), width = w - 2 * margin, y = 0, shift;

	if (width < body_px)
		width = w; /* a screen narrower than a margin: use it all */
	for (int fit = CLOSED_FIT_ROOMY; fit <= CLOSED_FIT_NO_TABLE; fit++) {
		y = build(l, s, now, lang ? lang : "en", width, body_px, (enum closed_fit)fit);
		if (y <= h - 2 * margin / 3)
			break;
	}
	/* centre every line, and the whole block on the screen (its top when it is
	 * still taller than the screen: nothing is ever pushed above the top edge) */
	shift = y < h ? (h - y) / 2 : 0;
	for (size_t i = 0; i < l->count; i++) {
		l->items[i].box.x = (w - l->items[i].box.w) / 2;
		if (l->items[i].box.x < 0)
			l->items[i].box.x = 0;
		l->items[i].box.y += shift;
	}
	l->height = y + shift;
	return l->nomem ? -1 : 0;
}

void closed_draw(struct render *rd, const struct layout *l, int w, int h)
{
	render_clear(rd, LAYOUT_COLOR_DIM_BACKGROUND);
	render_layout(rd, l, 0, 0, (SDL_Rect){ 0, 0, w, h });
}
