/* inspect: `foyer-pack info` and `foyer-pack ls`: describe and fully verify a bundle
 * with the same reader the kiosk uses. */
#ifndef FOYER_PACK_INSPECT_H
#define FOYER_PACK_INSPECT_H

#include <stdio.h>

/* Prints a description of the bundle at path to out and verifies every entry,
 * decoding every page and the site.  Problems go to err as "path: error: ...".
 * Returns 0 when the bundle is sound. */
int inspect_info(const char *path, FILE *out, FILE *err);

/* Prints the page ids, one per line, start page first.  Returns 0 on success. */
int inspect_ls(const char *path, FILE *out, FILE *err);

#endif
