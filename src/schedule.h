/* schedule: weekly opening hours.  Outside them the kiosk blanks the screen (a
 * touch wakes it).  Times are local wall-clock minutes, so DST days need no special
 * case here; schedule_next_change() does the calendar arithmetic with mktime(). */
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

struct schedule {
	struct schedule_day day[7]; /* indexed like tm_wday: 0 = Sunday */
};

/* Open around the clock every day (the default without [hours]). */
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

/* Open at this local broken-down time (tm_wday, tm_hour, tm_min are used)? */
bool schedule_is_open(const struct schedule *s, const struct tm *local);
/* Open at t in the current local time zone? */
bool schedule_is_open_at(const struct schedule *s, time_t t);

/* The first time after now at which schedule_is_open_at() changes, so the main
 * loop can sleep until then; (time_t)-1 if it never changes (open around the clock,
 * or closed every day).  Looks at most 8 days ahead. */
time_t schedule_next_change(const struct schedule *s, time_t now);

#endif
