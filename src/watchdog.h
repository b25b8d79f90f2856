/* watchdog: tells systemd we are up (READY=1) and alive (WATCHDOG=1).  The unit's
 * WatchdogSec= restarts a hung kiosk; the interval comes from the environment
 * systemd sets (sd_watchdog_enabled), and we ping at half of it, as systemd
 * recommends.  Without systemd every call is a cheap no-op.  The main loop asks
 * watchdog_next_deadline() so it sleeps no longer than the next ping. */
#ifndef FOYER_WATCHDOG_H
#define FOYER_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

#include "logger.h"

/* Where notifications go: sd_notify() on the device; replay counts them. */
typedef int (*watchdog_send_fn)(void *ctx, const char *state);

struct watchdog {
	bool enabled;         /* WatchdogSec= is set for us */
	uint64_t interval_ms; /* between pings: half the watchdog timeout */
	uint64_t next_ms;     /* when the next ping is due (input_clock_ms() domain) */
	bool failed_logged;   /* report a broken notify socket once, not every ping */
	struct logger log;
	watchdog_send_fn send; /* NULL: sd_notify() */
	void *send_ctx;
};

/* Reads the watchdog settings; now_ms in the main loop's clock.  log is copied. */
void watchdog_init(struct watchdog *w, uint64_t now_ms, const struct logger *log);
/* A watchdog that pings every interval_ms into send instead of systemd: the
 * replay runs the device's deadlines with it and counts the pings. */
void watchdog_init_sink(struct watchdog *w, uint64_t now_ms, uint64_t interval_ms,
			watchdog_send_fn send, void *ctx);
/* READY=1: after the first frame is on screen (Type=notify waits for it). */
void watchdog_notify_ready(struct watchdog *w);
/* STATUS=text for `systemctl status foyer` (e.g. why the out-of-order page shows). */
void watchdog_notify_status(struct watchdog *w, const char *text);
/* STOPPING=1 before a clean exit. */
void watchdog_notify_stopping(struct watchdog *w);
/* When the next ping is due; false if the watchdog is off. */
bool watchdog_next_deadline(const struct watchdog *w, uint64_t *deadline_ms);
/* Sends WATCHDOG=1 if due at now_ms.  Call it from the main loop only: the ping
 * means the loop is turning. */
void watchdog_handle_timeout(struct watchdog *w, uint64_t now_ms);

#endif
