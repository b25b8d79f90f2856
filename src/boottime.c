/* boottime: the first frame's time since boot; see boottime.h. */
#include "boottime.h"

#include <time.h>

double boottime_now_s(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void boottime_log_first_frame(const struct logger *log)
{
	logger_printf(log, LOG_LEVEL_INFO, "first frame on screen %.2f s after the kernel started",
		      boottime_now_s());
}
