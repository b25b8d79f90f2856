/* report: collects the editor-facing diagnostics of one foyer-pack run, in the
 * compiler style "path:line: error: message" so editors' tools can jump to them.
 * Every message is kept (tests read them) and, when `out` is set, printed. */
#ifndef FOYER_PACK_REPORT_H
#define FOYER_PACK_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct report {
	FILE *out; /* borrowed; NULL to stay quiet */
	size_t errors;
	size_t warnings;
	char *text; /* owned: every message, one per line; free with report_release() */
	size_t len;
	size_t cap;
};

/* line 0 means "the whole file": printed as "path: error: ...". */
void report_error(struct report *r, const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void report_warning(struct report *r, const char *path, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void report_release(struct report *r);

#endif
