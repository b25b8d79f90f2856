/* Test support: local time where the kiosks stand (Europe/Berlin). */
#ifndef FOYER_TESTS_BERLIN_TIME_H
#define FOYER_TESTS_BERLIN_TIME_H

#include <time.h>

/* Sets TZ to Europe/Berlin (its POSIX rule where tzdata is missing); a cmocka
 * group setup, so it takes and ignores the state. */
int berlin_time_setup(void **state);

/* Berlin local time as time_t (mktime decides summer time). */
time_t berlin_time(int year, int mon, int mday, int hour, int min);

#endif
