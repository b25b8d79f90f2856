/* logger: one formatted message per call, handed to the caller's function. */
#include "logger.h"

#include <stdarg.h>
#include <stdio.h>

void logger_printf(const struct logger *log, enum log_level level, const char *fmt, ...)
{
	char message[LOGGER_MAX_MESSAGE];
	va_list ap;

	if (!log || !log->fn)
		return;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	log->fn(log->user, level, message);
}

const char *logger_level_name(enum log_level level)
{
	switch (level) {
	case LOG_LEVEL_ERROR:
		return "error";
	case LOG_LEVEL_WARNING:
		return "warning";
	case LOG_LEVEL_INFO:
		return "info";
	case LOG_LEVEL_DEBUG:
		return "debug";
	}
	return "?";
}
