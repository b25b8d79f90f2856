/* logger: how library code reports problems without printing.  The caller (main)
 * supplies the function; the library formats one message per call. */
#ifndef FOYER_LOGGER_H
#define FOYER_LOGGER_H

/* Ordered by severity; foyer.conf's log_level names them error|warning|info|debug.
 * (Not LOG_ERR & co.: those are <syslog.h> macros.) */
enum log_level {
	LOG_LEVEL_ERROR,
	LOG_LEVEL_WARNING,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG,
};

/* message is one line without a trailing newline, valid only during the call. */
typedef void (*logger_fn)(void *user, enum log_level level, const char *message);

struct logger {
	logger_fn fn; /* NULL: messages are dropped */
	void *user;   /* passed back to fn */
};

/* Formats and hands one message to log->fn; log may be NULL.  Messages longer than
 * LOGGER_MAX_MESSAGE bytes are cut (a log line, not a data channel). */
#define LOGGER_MAX_MESSAGE 512
void logger_printf(const struct logger *log, enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "error", "warning", "info", "debug"; "?" for anything else.  Static string. */
const char *logger_level_name(enum log_level level);

#endif
