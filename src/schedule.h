/* schedule: weekly opening hours, public holidays and closed dates.  Outside them
 * the kiosk dims or blanks the screen (a touch wakes it).  Times are local
 * wall-clock minutes, so DST days need no special case here;
 * schedule_next_change() does the calendar arithmetic with mktime().
 *
 * Holidays are computed offline: the fixed ones and those that move with Easter
 * (Gregorian Easter by the Meeus/Jones/Butcher algorithm).  Dates are civil
 * days counted from 1970-01-01, whatever the time zone. */
#ifndef FOYER_SCHEDULE_H
#define FOYER_SCHEDULE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define SCHEDULE_MAX_INTERVALS 4 /* per day: "07:00-12:00, 13:00-19:00" needs two */

struct schedule_interval {
	uint16_t open_min;  /* minutes since local midnight, 0..1439 */
	uint16_t close_min; /* open_min < close_min <= 1440 (24:00) */
};

struct schedule_day {
	unsigned count;                                            /* 0: closed all day */
	struct schedule_interval interval[SCHEDULE_MAX_INTERVALS]; /* sorted, disjoint */
};

#define SCHEDULE_MAX_CLOSURES 64      /* closed dates and ranges: a year's worth, generously */
#define SCHEDULE_MAX_CLOSURE_DAYS 366 /* one range: a year at most (a typo guard) */
#define SCHEDULE_YEAR_MIN 2000        /* dates outside these years are typos */
#define SCHEDULE_YEAR_MAX 2199

/* Which public holidays close the kiosk. */
enum schedule_holidays {
	SCHEDULE_HOLIDAYS_NONE,
	SCHEDULE_HOLIDAYS_NRW, /* North Rhine-Westphalia (Dortmund) */
};

/* Closed from `first` to `last`, both included, as civil day numbers. */
struct schedule_closure {
	int32_t first, last;
};

struct schedule {
	struct schedule_day day[7]; /* indexed like tm_wday: 0 = Sunday */
	enum schedule_holidays holidays;
	unsigned closure_count;
	struct schedule_closure closure[SCHEDULE_MAX_CLOSURES];
};

/* A public holiday's names. */
struct schedule_holiday {
	const char *de, *en;
};

/* Open around the clock every day, no holidays, no closed dates (the default
 * without [hours]). */
void schedule_init_always_open(struct schedule *s);
void schedule_day_set_always_open(struct schedule_day *d);

/* Parses "closed", "open" (all day) or "HH:MM-HH:MM[, HH:MM-HH:MM...]" (24:00 allowed
 * as an end).  Returns 0, or -1 with *why set to a static English reason; *out is
 * written only on success. */
int schedule_parse_day(const char *text, struct schedule_day *out, const char **why);

/* Day index (0 = Sunday) for "monday".."sunday" (any case), or -1. */
int schedule_day_from_name(const char *name);
/* "sunday".."saturday"; static. */
const char *schedule_day_name(int wday);

/* Civil day number of year-month-day (days since 1970-01-01; month 1..12). */
int32_t schedule_day_number(int year, int month, int day);
/* Gregorian Easter Sunday of year: *month (3 or 4) and *day. */
void schedule_easter(int year, int *month, int *day);
/* The public holiday on that date under holidays, or NULL (month 1..12). */
const struct schedule_holiday *schedule_holiday_on(enum schedule_holidays holidays, int year,
						   int month, int day);

/* Parses one closed date "YYYY-MM-DD" or range "YYYY-MM-DD..YYYY-MM-DD" (blanks
 * around it allowed).  Returns 0, or -1 with *why set to a static English reason;
 * *out is written only on success. */
int schedule_parse_closure(const char *text, struct schedule_closure *out, const char **why);
/* "holidays = nrw | none"; -1 for anything else. */
int schedule_holidays_from_name(const char *name);

/* Why the whole local date is closed: a holiday's names, or NULL.  *closure is set
 * when a closed date or range of foyer.conf covers it (month 1..12). */
const struct schedule_holiday *schedule_date_closed(const struct schedule *s, int year, int month,
						    int day, bool *closure);

/* Open at this local broken-down time?  tm_wday, tm_hour and tm_min are used;
 * with tm_mday >= 1 also tm_year, tm_mon and tm_mday, for holidays and closed
 * dates. */
bool schedule_is_open(const struct schedule *s, const struct tm *local);
/* Open at t in the current local time zone? */
bool schedule_is_open_at(const struct schedule *s, time_t t);

/* The first time after now at which schedule_is_open_at() changes, so the main
 * loop can sleep until then; (time_t)-1 if it never changes (open around the clock,
 * or closed every day).  Looks 8 days ahead, SCHEDULE_LOOKAHEAD_DAYS with closed
 * dates or holidays (a closed fortnight over Christmas). */
#define SCHEDULE_LOOKAHEAD_DAYS (SCHEDULE_MAX_CLOSURE_DAYS + 8)
time_t schedule_next_change(const struct schedule *s, time_t now);

/* What the kiosk does now: closed or not, and *next_check, when to ask again
 * ((time_t)-1: never).  With a clock that cannot be trusted (clock.h) the hours
 * are not applied at all: never closed, never asked again, because a kiosk
 * without a real-time clock starts at the image's build time and would blank an
 * open foyer. */
bool schedule_closed_now(const struct schedule *s, bool clock_trusted, time_t now,
			 time_t *next_check);

#endif
