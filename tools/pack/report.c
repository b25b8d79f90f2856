#include "pack/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

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
