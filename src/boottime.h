/* boottime: how long after power-on the kiosk showed its first frame, in the
 * log, so a technician (journalctl -u foyer) and the QEMU boot test read the
 * same number.  The loop calls boottime_log_first_frame() once, right after
 * the first frame is presented. */
#ifndef FOYER_BOOTTIME_H
#define FOYER_BOOTTIME_H

#include "logger.h"

/* Seconds since the kernel started: CLOCK_MONOTONIC, which counts from boot
 * (a kiosk never suspends, the one time it would stop).  The boot firmware's
 * own seconds before the kernel are not in it; no clock on a Pi counts them. */
double boottime_now_s(void);

/* Logs (info) "first frame on screen N.NN s after the kernel started". */
void boottime_log_first_frame(const struct logger *log);

#endif
