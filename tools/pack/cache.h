/* cache: what foyer-pack derives from an editor's files and that costs time,
 * kept between runs in a folder and found again by the hash of its inputs
 * (BLAKE2b of the source bytes and of what the conversion depends on), so a
 * rebuild after a one-page edit converts nothing it converted before: pictures
 * (decode, scale, QOI), the German hyphenation dictionary (libhyphen takes
 * seconds to build its tables from hyph_de_DE.dic) and the speech of every
 * utterance (espeak-ng and Opus: most of a build).  Pictures and tables from the
 * cache are the same bytes the conversion would make; an utterance may differ by
 * milliseconds, as espeak-ng's output depends on what it spoke before.  A damaged
 * or foreign file in the folder is a miss, never an error. */
#ifndef FOYER_PACK_CACHE_H
#define FOYER_PACK_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define CACHE_KEY_SIZE 32

struct cache;

/* The folder used when none is given: $FOYER_PACK_CACHE, else
 * $XDG_CACHE_HOME/foyer-pack, else $HOME/.cache/foyer-pack (malloc'd; NULL when
 * none of them is set). */
char *cache_default_dir(void);

/* Opens (creating it if needed) the cache folder dir.  NULL when it cannot be
 * made: foyer-pack then works without a cache. */
struct cache *cache_open(const char *dir);
void cache_close(struct cache *c);

/* Starts a key for one kind of item ("image", "hyphen"); the version says which
 * conversion made it, so a changed conversion never reads old items. */
struct cache_key_state {
	uint8_t state[384]; /* crypto_generichash_state, kept opaque here */
};
void cache_key_begin(struct cache_key_state *k, const char *kind, unsigned version);
void cache_key_add(struct cache_key_state *k, const void *data, size_t size);
void cache_key_end(struct cache_key_state *k, uint8_t key[CACHE_KEY_SIZE]);

/* The item stored under key: 0 and a malloc'd copy in *data (caller frees), or -1
 * on a miss (c may be NULL). */
int cache_get(struct cache *c, const uint8_t key[CACHE_KEY_SIZE], uint8_t **data, size_t *size);
/* Stores an item (atomically: a reader sees all of it or none); failures are
 * ignored, as a cache that cannot be written is only slower. */
void cache_put(struct cache *c, const uint8_t key[CACHE_KEY_SIZE], const void *data, size_t size);

#endif
