/* schedule: weekly opening hours, holidays, closed dates and the next moment they
 * change. */
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
	memset(s, 0, sizeof(*s)); /* no holidays, no closed dates */
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

int32_t schedule_day_number(int year, int month, int day)
{
	/* Howard Hinnant's days_from_civil: eras of 400 years starting in March */
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void schedule_easter(int year, int *month, int *day)
{
	/* the anonymous Gregorian algorithm (Meeus, Jones, Butcher) */
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;

	*month = (h + l - 7 * m + 114) / 31;
	*day = (h + l - 7 * m + 114) % 31 + 1;
}

struct fixed_holiday {
	int month, day;
	struct schedule_holiday names;
};

/* Public holidays in North Rhine-Westphalia (Feiertagsgesetz NW, § 2). */
static const struct fixed_holiday nrw_fixed[] = {
	{ 1, 1, { "Neujahr", "New Year's Day" } },
	{ 5, 1, { "Tag der Arbeit", "Labour Day" } },
	{ 10, 3, { "Tag der Deutschen Einheit", "Day of German Unity" } },
	{ 11, 1, { "Allerheiligen", "All Saints' Day" } },
	{ 12, 25, { "1. Weihnachtstag", "Christmas Day" } },
	{ 12, 26, { "2. Weihnachtstag", "Second Day of Christmas" } },
};

struct easter_holiday {
	int offset; /* days after Easter Sunday */
	struct schedule_holiday names;
};

static const struct easter_holiday nrw_easter[] = {
	{ -2, { "Karfreitag", "Good Friday" } },
	{ 1, { "Ostermontag", "Easter Monday" } },
	{ 39, { "Christi Himmelfahrt", "Ascension Day" } },
	{ 50, { "Pfingstmontag", "Whit Monday" } },
	{ 60, { "Fronleichnam", "Corpus Christi" } },
};

const struct schedule_holiday *schedule_holiday_on(enum schedule_holidays holidays, int year,
						   int month, int day)
{
	int em, ed;
	int32_t easter, date;

	if (holidays != SCHEDULE_HOLIDAYS_NRW)
		return NULL;
	for (size_t i = 0; i < sizeof(nrw_fixed) / sizeof(nrw_fixed[0]); i++)
		if (nrw_fixed[i].month == month && nrw_fixed[i].day == day)
			return &nrw_fixed[i].names;
	schedule_easter(year, &em, &ed);
	easter = schedule_day_number(year, em, ed);
	date = schedule_day_number(year, month, day);
	for (size_t i = 0; i < sizeof(nrw_easter) / sizeof(nrw_easter[0]); i++)
		if (date == easter + nrw_easter[i].offset)
			return &nrw_easter[i].names;
	return NULL;
}

int schedule_holidays_from_name(const char *name)
{
	if (strcasecmp(name, "nrw") == 0)
		return SCHEDULE_HOLIDAYS_NRW;
	if (strcasecmp(name, "none") == 0)
		return SCHEDULE_HOLIDAYS_NONE;
	return -1;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* "YYYY-MM-DD"; advances *p. */
static int parse_date(const char **p, int32_t *out, const char **why)
{
	const char *s = *p;
	int v[3] = { 0, 0, 0 };
	static const int width[3] = { 4, 2, 2 };

	for (int f = 0; f < 3; f++) {
		for (int i = 0; i < width[f]; i++, s++) {
			if (!isdigit((unsigned char)*s)) {
				*why = "expected a date like 2026-12-24 (year-month-day)";
				return -1;
			}
			v[f] = v[f] * 10 + (*s - '0');
		}
		if (f < 2 && *s++ != '-') {
			*why = "expected a date like 2026-12-24 (year-month-day)";
			return -1;
		}
	}
	if (isdigit((unsigned char)*s)) {
		*why = "expected a date like 2026-12-24 (year-month-day)";
		return -1;
	}
	if (v[0] < SCHEDULE_YEAR_MIN || v[0] > SCHEDULE_YEAR_MAX) {
		*why = "the year must be from 2000 to 2199";
		return -1;
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1])) {
		*why = "no such date";
		return -1;
	}
	*out = schedule_day_number(v[0], v[1], v[2]);
	*p = s;
	return 0;
}

int schedule_parse_closure(const char *text, struct schedule_closure *out, const char **why)
{
	const char *p = skip_space(text);
	struct schedule_closure c;

	if (parse_date(&p, &c.first, why) < 0)
		return -1;
	p = skip_space(p);
	c.last = c.first;
	if (p[0] == '.' && p[1] == '.') {
		p = skip_space(p + 2);
		if (parse_date(&p, &c.last, why) < 0)
			return -1;
		if (c.last < c.first) {
			*why = "a range must run forwards (first..last)";
			return -1;
		}
		if (c.last - c.first >= SCHEDULE_MAX_CLOSURE_DAYS) {
			*why = "a range can be at most a year long";
			return -1;
		}
		p = skip_space(p);
	}
	if (*p) {
		*why = "expected one date or a range like 2026-12-24..2026-12-31";
		return -1;
	}
	*out = c;
	return 0;
}

const struct schedule_holiday *schedule_date_closed(const struct schedule *s, int year, int month,
						    int day, bool *closure)
{
	int32_t date = schedule_day_number(year, month, day);

	*closure = false;
	for (unsigned i = 0; i < s->closure_count && i < SCHEDULE_MAX_CLOSURES; i++)
		if (date >= s->closure[i].first && date <= s->closure[i].last)
			*closure = true;
	return schedule_holiday_on(s->holidays, year, month, day);
}

/* A whole local date closed by a holiday or a closed date; false for a tm without
 * a date (tm_mday 0: only weekday and time given). */
static bool tm_date_closed(const struct schedule *s, const struct tm *local)
{
	bool closure;

	if (local->tm_mday < 1 || local->tm_mon < 0 || local->tm_mon > 11)
		return false;
	if (schedule_date_closed(s, local->tm_year + 1900, local->tm_mon + 1, local->tm_mday,
				 &closure))
		return true;
	return closure;
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
	if (tm_date_closed(s, local))
		return false;
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
	int days =
	    s->closure_count || s->holidays != SCHEDULE_HOLIDAYS_NONE ? SCHEDULE_LOOKAHEAD_DAYS : 8;

	if (!localtime_r(&now, &today))
		return (time_t)-1;
	/* The state only changes at interval boundaries, so the first boundary after now
	 * whose state differs is the answer.  Checking the state (rather than trusting
	 * the boundary) keeps adjacent intervals, midnight and DST gaps right. */
	for (int d = 0; d <= days && best == (time_t)-1; d++) {
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
		/* a closed date has one boundary, its midnight */
		for (unsigned i = 0;
		     !tm_date_closed(s, &day) && i < sd->count && i < SCHEDULE_MAX_INTERVALS; i++) {
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

bool schedule_closed_now(const struct schedule *s, bool clock_trusted, time_t now,
			 time_t *next_check)
{
	time_t next;

	if (!clock_trusted) {
		*next_check = (time_t)-1;
		return false;
	}
	next = schedule_next_change(s, now);
	/* a change that is not after now (a clock stepped back meanwhile): look again
	 * in a minute rather than spin */
	*next_check = next == (time_t)-1 ? (time_t)-1 : next > now ? next : now + 60;
	return !schedule_is_open_at(s, now);
}
