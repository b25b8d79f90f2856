/* clock: can the kiosk trust its wall clock?
 *
 * A Raspberry Pi 4 has no battery-backed clock and the kiosk has no network: after
 * power-on the system time is whatever systemd starts from (the image's build
 * time), so opening hours applied to it would blank an open foyer.  The clock is
 * trusted only when
 *   - a real-time clock set the system time at boot: the kernel's hctosys
 *     (/sys/class/rtc/rtcN/hctosys reads 1), and that clock still agrees with the
 *     system time (a flat battery can reset a cheap module to 2000-01-01, which
 *     systemd then moves forward to its own epoch), or
 *   - something synchronised it: systemd-timesyncd's
 *     /run/systemd/timesync/synchronized, or the kernel's NTP state (adjtimex()
 *     without STA_UNSYNC).
 * Everything else is untrusted, with a reason for the log and the technician.
 *
 * The files are read under a root prefix ("" on the device) so tests use a
 * temporary folder, never the host's /sys; the kernel's NTP state is passed in
 * (clock_kernel_synced() on the device). */
#ifndef FOYER_CLOCK_H
#define FOYER_CLOCK_H

#include <stdbool.h>
#include <time.h>

#define CLOCK_MAX_RTC 8 /* rtc0..rtc7: a kiosk has one, a test a few */
/* How far an RTC that set the clock may have drifted from the system time and
 * still count: an hour is decades of a good module's drift (2 ppm) and years of
 * the Pi's crystal without correction, while a reset after a flat battery is
 * years off. */
#define CLOCK_RTC_MAX_SKEW_S 3600
#define CLOCK_REASON_MAX 200
/* An RTC on I2C appears when udev loads the bus driver (a module) during
 * coldplug, which may still run when the kiosk starts: an untrusted clock is
 * looked at once more this long after the start. */
#define CLOCK_SETTLE_S 30

enum clock_source {
	CLOCK_UNTRUSTED,
	CLOCK_SOURCE_RTC,      /* an RTC set the time at boot (hctosys) */
	CLOCK_SOURCE_TIMESYNC, /* systemd-timesyncd synchronised it */
	CLOCK_SOURCE_KERNEL,   /* the kernel's NTP state says synchronised */
};

struct clock_trust {
	bool trusted;
	enum clock_source source;
	char reason[CLOCK_REASON_MAX]; /* one English sentence for the log, no newline */
};

/* Decides whether the clock can be trusted at `now` (the system time).  root is
 * the prefix for /sys and /run ("" on the device, a temporary folder in tests);
 * kernel_synced is the kernel's NTP state (clock_kernel_synced()).  Reads a few
 * small files; never fails (anything unreadable counts as "not there"). */
void clock_trust_check(const char *root, bool kernel_synced, time_t now, struct clock_trust *out);

/* The kernel's view: adjtimex() without STA_UNSYNC (an NTP daemon disciplines the
 * clock).  False when adjtimex() fails, as it does under foyer.service's
 * ProtectClock=yes (seccomp refuses even the read): the kiosk has no NTP, and
 * timesyncd's flag file still counts. */
bool clock_kernel_synced(void);

/* Two short lines for the technician's screen (outoforder_set_note()): German,
 * '\n', English; "" when trusted. */
const char *clock_trust_note(const struct clock_trust *t);

#endif
