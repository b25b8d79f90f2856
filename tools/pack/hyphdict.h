/* hyphdict: loads a libhyphen dictionary through the cache.  libhyphen builds
 * its pattern tables from Debian's hyph_de_DE.dic in about 3 s on every run
 * (most of a build); the tables it builds are plain data in hyphen.h's public
 * structs, so they are stored in the cache once and read back in milliseconds.
 * The result is the same HyphenDict, freed with hnj_hyphen_free() as always. */
#ifndef FOYER_PACK_HYPHDICT_H
#define FOYER_PACK_HYPHDICT_H

#include <hyphen.h>

struct cache;

/* hnj_hyphen_load(path), through cache c (may be NULL: no cache). */
HyphenDict *hyphdict_load(const char *path, struct cache *c);

#endif
