#include "pack/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void add(struct report *r, const char *kind, const char *path, unsigned line,
		const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void add(struct report *r, const char *kind, const char *path, unsigned line,
		const char *fmt, va_list ap)
{
	char msg[1024];
	char where[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (line)
		snprintf(where, sizeof(where), "%s:%u", path, line);
	else
		snprintf(where, sizeof(where), "%s", path);
	char full[1600];
	int n = snprintf(full, sizeof(full), "%s: %s: %s\n", where, kind, msg);
	if (n < 0)
		return;
	size_t len = (size_t)n < sizeof(full) ? (size_t)n : sizeof(full) - 1;
	if (r->out) {
		report_progress_done(r);
		fputs(full, r->out);
		fflush(r->out);
	}
	if (r->len + len + 1 > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		while (cap < r->len + len + 1)
			cap *= 2;
		char *t = realloc(r->text, cap);
		if (!t)
			return;
		r->text = t;
		r->cap = cap;
	}
	memcpy(r->text + r->len, full, len + 1);
	r->len += len;
}

void report_error(struct report *r, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(r, "error", path, line, fmt, ap);
	va_end(ap);
	r->errors++;
}

void report_warning(struct report *r, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(r, "warning", path, line, fmt, ap);
	va_end(ap);
	r->warnings++;
}

void report_release(struct report *r)
{
	free(r->text);
	r->text = NULL;
	r->len = r->cap = 0;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds of work before a bar appears, and between redraws. */
#define REPORT_BAR_DELAY 0.5
#define REPORT_BAR_INTERVAL 0.1
#define REPORT_BAR_WIDTH 30

void report_progress(struct report *r, const char *what, size_t done, size_t total)
{
	if (!r->out || !r->tty || total == 0)
		return;
	double now = now_seconds();
	if (r->bar_started == 0)
		r->bar_started = now;
	if (now - r->bar_started < REPORT_BAR_DELAY ||
	    (now - r->bar_drawn < REPORT_BAR_INTERVAL && done < total))
		return;
	r->bar_drawn = now;
	char bar[REPORT_BAR_WIDTH + 1];
	size_t fill = done * REPORT_BAR_WIDTH / total;
	for (size_t i = 0; i < REPORT_BAR_WIDTH; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[REPORT_BAR_WIDTH] = 0;
	fprintf(r->out, "\r[%s] %s %zu/%zu\033[K", bar, what, done, total);
	fflush(r->out);
	r->bar_shown = true;
}

void report_progress_done(struct report *r)
{
	if (!r->bar_shown)
		return;
	fputs("\r\033[K", r->out);
	fflush(r->out);
	r->bar_shown = false;
}
