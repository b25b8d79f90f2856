/* watchdog: sd_notify for Type=notify and WatchdogSec=. */
#include "watchdog.h"

#include <stdio.h>
#include <string.h>

#include <systemd/sd-daemon.h>

static void notify(struct watchdog *w, const char *state)
{
	int rc = w->send ? w->send(w->send_ctx, state) : sd_notify(0, state);

	if (rc < 0 && !w->failed_logged) {
		logger_printf(&w->log, LOG_LEVEL_WARNING,
			      "watchdog: cannot notify systemd (%s): %s", state, strerror(-rc));
		w->failed_logged = true;
	}
}

void watchdog_init(struct watchdog *w, uint64_t now_ms, const struct logger *log)
{
	uint64_t usec = 0;
	int rc;

	memset(w, 0, sizeof(*w));
	if (log)
		w->log = *log;
	rc = sd_watchdog_enabled(0, &usec);
	if (rc < 0)
		logger_printf(&w->log, LOG_LEVEL_WARNING,
			      "watchdog: bad WATCHDOG_USEC: %s; watchdog off", strerror(-rc));
	if (rc <= 0 || usec == 0)
		return;
	w->enabled = true;
	w->interval_ms = usec / 2000; /* half the timeout, in ms */
	if (w->interval_ms == 0)
		w->interval_ms = 1;
	w->next_ms = now_ms; /* ping at once: start-up may have used part of the budget */
	logger_printf(&w->log, LOG_LEVEL_INFO, "watchdog: %llu ms timeout, ping every %llu ms",
		      (unsigned long long)(usec / 1000), (unsigned long long)w->interval_ms);
}

void watchdog_init_sink(struct watchdog *w, uint64_t now_ms, uint64_t interval_ms,
			watchdog_send_fn send, void *ctx)
{
	memset(w, 0, sizeof(*w));
	w->send = send;
	w->send_ctx = ctx;
	w->enabled = interval_ms > 0;
	w->interval_ms = interval_ms;
	w->next_ms = now_ms;
}

void watchdog_notify_ready(struct watchdog *w)
{
	notify(w, "READY=1");
}

void watchdog_notify_status(struct watchdog *w, const char *text)
{
	char state[256];

	snprintf(state, sizeof(state), "STATUS=%s", text);
	notify(w, state);
}

void watchdog_notify_stopping(struct watchdog *w)
{
	notify(w, "STOPPING=1");
}

bool watchdog_next_deadline(const struct watchdog *w, uint64_t *deadline_ms)
{
	if (!w->enabled)
		return false;
	*deadline_ms = w->next_ms;
	return true;
}

void watchdog_handle_timeout(struct watchdog *w, uint64_t now_ms)
{
	if (!w->enabled || now_ms < w->next_ms)
		return;
	notify(w, "WATCHDOG=1");
	/* From now, not from the missed deadline: a late loop must not ping in a burst. */
	w->next_ms = now_ms + w->interval_ms;
}
