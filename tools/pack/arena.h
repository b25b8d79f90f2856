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

void *arena_alloc(struct arena *a, size_t size); /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Makes room for one more element in an arena array of `count` elements of `size`
 * bytes and capacity *cap (doubling, first 16); returns the array, maybe moved.
 * The old block stays in the arena until arena_release(). */
void *arena_grow(struct arena *a, void *array, size_t count, size_t *cap, size_t size);
void arena_release(struct arena *a);

#endif
