/* report: collects the editor-facing diagnostics of one foyer-pack run, in the
 * compiler style "path:line: error: message" so editors' tools can jump to them.
 * Every message is kept (tests read them) and, when `out` is set, printed. */
#ifndef FOYER_PACK_REPORT_H
#define FOYER_PACK_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct report {
	FILE *out; /* borrowed; NULL to stay quiet */
	size_t errors;
	size_t warnings;
	char *text; /* owned: every message, one per line; free with report_release() */
	size_t len;
	size_t cap;
	/* out is a terminal: a progress bar may be drawn (never into logs or pipes) */
	bool tty;
	bool bar_shown;     /* the bar is on the last line: clear it before a message */
	double bar_started; /* seconds (CLOCK_MONOTONIC) of the first progress call */
	double bar_drawn;   /* ... of the last redraw */
};

/* line 0 means "the whole file": printed as "path: error: ...". */
void report_error(struct report *r, const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void report_warning(struct report *r, const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void report_release(struct report *r);

/* Progress of long work: "pictures 12/30" with a bar, redrawn in place on a
 * terminal (r->tty), at most ten times a second and only once the work has taken
 * half a second (a quick check shows no bar).  report_progress_done() clears it. */
void report_progress(struct report *r, const char *what, size_t done, size_t total);
void report_progress_done(struct report *r);

#endif
