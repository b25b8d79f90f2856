/* arena: bump allocation for the many small strings and arrays of one pack run;
 * everything is freed at once with arena_release().  Allocation failure aborts
 * the tool with a message: foyer-pack is a short-lived editor tool, and a
 * half-built page model is worth nothing. */
#ifndef FOYER_PACK_ARENA_H
#define FOYER_PACK_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* owned list of chunks */
};

void *arena_alloc(struct arena *a, size_t size);   /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_release(struct arena *a);

#endif
