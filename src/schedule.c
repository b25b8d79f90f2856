/* schedule: weekly opening hours and the next moment they change. */
#include "schedule.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const day_names[7] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
};

void schedule_day_set_always_open(struct schedule_day *d)
{
	memset(d, 0, sizeof(*d));
	d->count = 1;
	d->interval[0].open_min = 0;
	d->interval[0].close_min = 24 * 60;
}

void schedule_init_always_open(struct schedule *s)
{
	for (int i = 0; i < 7; i++)
		schedule_day_set_always_open(&s->day[i]);
}

int schedule_day_from_name(const char *name)
{
	for (int i = 0; i < 7; i++)
		if (strcasecmp(name, day_names[i]) == 0)
			return i;
	return -1;
}

const char *schedule_day_name(int wday)
{
	return wday >= 0 && wday < 7 ? day_names[wday] : "?";
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* "H:MM" or "HH:MM", 00:00..24:00; advances *p. */
static int parse_clock(const char **p, unsigned *minutes)
{
	const char *s = *p;
	unsigned h = 0, m;
	int digits = 0;

	while (isdigit((unsigned char)*s) && digits < 2) {
		h = h * 10 + (unsigned)(*s++ - '0');
		digits++;
	}
	if (digits == 0 || *s != ':' || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return -1;
	m = (unsigned)(s[1] - '0') * 10 + (unsigned)(s[2] - '0');
	if (isdigit((unsigned char)s[3]) || h > 24 || m > 59 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	*p = s + 3;
	return 0;
}

int schedule_parse_day(const char *text, struct schedule_day *out, const char **why)
{
	struct schedule_day d;
	const char *p = skip_space(text);

	memset(&d, 0, sizeof(d));
	if (strcasecmp(p, "closed") == 0) {
		*out = d;
		return 0;
	}
	if (strcasecmp(p, "open") == 0) {
		schedule_day_set_always_open(out);
		return 0;
	}
	for (;;) {
		unsigned open_min, close_min;

		if (d.count == SCHEDULE_MAX_INTERVALS) {
			*why = "more than 4 intervals in one day";
			return -1;
		}
		if (parse_clock(&p, &open_min) < 0) {
			*why = "expected 'closed', 'open' or times like 07:00-19:00";
			return -1;
		}
		p = skip_space(p);
		if (*p != '-') {
			*why = "expected '-' between opening and closing time";
			return -1;
		}
		p = skip_space(p + 1);
		if (parse_clock(&p, &close_min) < 0) {
			*why = "expected a closing time like 19:00";
			return -1;
		}
		if (open_min == 24 * 60 || close_min <= open_min) {
			*why =
			    "closing time must be after opening time on the same day (24:00 at the latest)";
			return -1;
		}
		if (d.count > 0 && open_min < d.interval[d.count - 1].close_min) {
			*why = "intervals must be in order and must not overlap";
			return -1;
		}
		d.interval[d.count].open_min = (uint16_t)open_min;
		d.interval[d.count].close_min = (uint16_t)close_min;
		d.count++;
		p = skip_space(p);
		if (*p == '\0')
			break;
		if (*p != ',') {
			*why = "expected ',' between intervals";
			return -1;
		}
		p = skip_space(p + 1);
	}
	*out = d;
	return 0;
}

static bool day_is_open(const struct schedule_day *d, unsigned minute)
{
	for (unsigned i = 0; i < d->count && i < SCHEDULE_MAX_INTERVALS; i++)
		if (minute >= d->interval[i].open_min && minute < d->interval[i].close_min)
			return true;
	return false;
}

bool schedule_is_open(const struct schedule *s, const struct tm *local)
{
	int wday = local->tm_wday;
	int minute = local->tm_hour * 60 + local->tm_min;

	if (wday < 0 || wday > 6 || minute < 0 || minute >= 24 * 60)
		return true; /* a time we cannot place: never blank the screen for it */
	return day_is_open(&s->day[wday], (unsigned)minute);
}

bool schedule_is_open_at(const struct schedule *s, time_t t)
{
	struct tm local;

	if (!localtime_r(&t, &local))
		return true;
	return schedule_is_open(s, &local);
}

/* The time_t of minute-of-day `minute` on the calendar day of *day (local). */
static time_t local_time_at(const struct tm *day, unsigned minute)
{
	struct tm t = *day;

	t.tm_hour = (int)(minute / 60);
	t.tm_min = (int)(minute % 60);
	t.tm_sec = 0;
	t.tm_isdst = -1; /* let mktime decide: the day may change DST */
	return mktime(&t);
}

time_t schedule_next_change(const struct schedule *s, time_t now)
{
	bool open_now = schedule_is_open_at(s, now);
	struct tm today;
	time_t best = (time_t)-1;

	if (!localtime_r(&now, &today))
		return (time_t)-1;
	/* The state only changes at interval boundaries, so the first boundary after now
	 * whose state differs is the answer.  Checking the state (rather than trusting
	 * the boundary) keeps adjacent intervals, midnight and DST gaps right. */
	for (int d = 0; d <= 8 && best == (time_t)-1; d++) {
		struct tm day = today;
		const struct schedule_day *sd;
		unsigned bounds[2 * SCHEDULE_MAX_INTERVALS + 1];
		unsigned n = 0;

		day.tm_mday += d;
		day.tm_hour = 12; /* normalise at noon: never in a DST gap */
		day.tm_min = day.tm_sec = 0;
		day.tm_isdst = -1;
		if (mktime(&day) == (time_t)-1)
			return (time_t)-1;
		sd = &s->day[day.tm_wday];
		bounds[n++] = 0;
		for (unsigned i = 0; i < sd->count && i < SCHEDULE_MAX_INTERVALS; i++) {
			bounds[n++] = sd->interval[i].open_min;
			if (sd->interval[i].close_min < 24 * 60)
				bounds[n++] = sd->interval[i].close_min;
		}
		for (unsigned i = 0; i < n; i++) {
			time_t t = local_time_at(&day, bounds[i]);

			if (t == (time_t)-1 || t <= now)
				continue;
			if (schedule_is_open_at(s, t) != open_now &&
			    (best == (time_t)-1 || t < best))
				best = t;
		}
	}
	return best;
}
