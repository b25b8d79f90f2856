/* Test support: see berlin-time.h. */
#include "berlin-time.h"

#include <stdlib.h>

int berlin_time_setup(void **state)
{
	struct tm probe = {
		.tm_year = 126, .tm_mon = 6, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1
	};
	struct tm back;
	time_t t;

	(void)state;
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
	/* tzdata may be missing: then the POSIX rule, which is the same */
	t = mktime(&probe);
	gmtime_r(&t, &back);
	if (back.tm_hour != 10) {
		setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
		tzset();
	}
	return 0;
}

time_t berlin_time(int year, int mon, int mday, int hour, int min)
{
	struct tm t = { .tm_year = year - 1900,
			.tm_mon = mon - 1,
			.tm_mday = mday,
			.tm_hour = hour,
			.tm_min = min,
			.tm_isdst = -1 };

	return mktime(&t);
}
