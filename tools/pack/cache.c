#include "pack/cache.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/wire.h"
#include "pack/readfile.h"

#define CACHE_MAGIC "FPKCACHE"
#define CACHE_HEADER (8 + 8 + CACHE_KEY_SIZE) /* magic, size, hash of the payload */
/* An item is a converted picture (at most two QOI files of 1920 px: ~30 MB) or
 * a hyphenation dictionary (~10 MB). */
#define CACHE_MAX_ITEM (64u << 20)

_Static_assert(sizeof(crypto_generichash_state) <= sizeof(((struct cache_key_state *)0)->state),
	       "cache_key_state too small for libsodium's state");

struct cache {
	char *dir;
};

char *cache_default_dir(void)
{
	const char *v = getenv("FOYER_PACK_CACHE");
	char *out = NULL;
	if (v && *v)
		return strdup(v);
	if ((v = getenv("XDG_CACHE_HOME")) && *v) {
		size_t n = strlen(v) + 16;
		if ((out = malloc(n)))
			snprintf(out, n, "%s/foyer-pack", v);
	} else if ((v = getenv("HOME")) && *v) {
		size_t n = strlen(v) + 24;
		if ((out = malloc(n)))
			snprintf(out, n, "%s/.cache/foyer-pack", v);
	}
	return out;
}

/* mkdir -p for the cache folder and its parents. */
static int make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		int rc = mkdir(path, 0755);
		*p = '/';
		if (rc != 0 && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

struct cache *cache_open(const char *dir)
{
	struct stat st;
	struct cache *c;
	if (!dir || !*dir || sodium_init() < 0)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (!c || !(c->dir = strdup(dir)))
		goto out_free;
	if (make_dirs(c->dir) != 0 || stat(c->dir, &st) != 0 || !S_ISDIR(st.st_mode))
		goto out_free;
	return c;

out_free:
	if (c)
		free(c->dir);
	free(c);
	return NULL;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	free(c->dir);
	free(c);
}

void cache_key_begin(struct cache_key_state *k, const char *kind, unsigned version)
{
	uint8_t v[4];
	crypto_generichash_init((crypto_generichash_state *)k->state, NULL, 0, CACHE_KEY_SIZE);
	cache_key_add(k, kind, strlen(kind) + 1);
	wire_put_u32(v, version);
	cache_key_add(k, v, sizeof(v));
}

void cache_key_add(struct cache_key_state *k, const void *data, size_t size)
{
	crypto_generichash_update((crypto_generichash_state *)k->state, data, size);
}

void cache_key_end(struct cache_key_state *k, uint8_t key[CACHE_KEY_SIZE])
{
	crypto_generichash_final((crypto_generichash_state *)k->state, key, CACHE_KEY_SIZE);
}

static char *item_path(const struct cache *c, const uint8_t key[CACHE_KEY_SIZE])
{
	size_t n = strlen(c->dir) + 2 * CACHE_KEY_SIZE + 8;
	char *path = malloc(n);
	if (!path)
		return NULL;
	int o = snprintf(path, n, "%s/", c->dir);
	for (size_t i = 0; i < CACHE_KEY_SIZE; i++)
		o += snprintf(path + o, n - (size_t)o, "%02x", key[i]);
	return path;
}

int cache_get(struct cache *c, const uint8_t key[CACHE_KEY_SIZE], uint8_t **data, size_t *size)
{
	uint8_t *file, hash[CACHE_KEY_SIZE];
	size_t n;
	char why[256];
	char *path = c ? item_path(c, key) : NULL;
	if (!path)
		return -1;
	int rc = readfile_load(path, CACHE_MAX_ITEM + CACHE_HEADER, &file, &n, why, sizeof(why));
	free(path);
	if (rc != 0)
		return -1;
	uint64_t len = n >= CACHE_HEADER ? wire_get_u64(file + 8) : 0;
	if (n < CACHE_HEADER || memcmp(file, CACHE_MAGIC, 8) != 0 || len != n - CACHE_HEADER)
		goto out_miss;
	crypto_generichash(hash, sizeof(hash), file + CACHE_HEADER, len, NULL, 0);
	if (memcmp(hash, file + 16, CACHE_KEY_SIZE) != 0)
		goto out_miss;
	memmove(file, file + CACHE_HEADER, len);
	*data = file;
	*size = len;
	return 0;

out_miss:
	free(file);
	return -1;
}

void cache_put(struct cache *c, const uint8_t key[CACHE_KEY_SIZE], const void *data, size_t size)
{
	uint8_t header[CACHE_HEADER];
	char *path = c && size <= CACHE_MAX_ITEM ? item_path(c, key) : NULL;
	if (!path)
		return;
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp)
		goto out_path;
	snprintf(tmp, n, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0)
		goto out_tmp;
	memcpy(header, CACHE_MAGIC, 8);
	wire_put_u64(header + 8, size);
	crypto_generichash(header + 16, CACHE_KEY_SIZE, data, size, NULL, 0);
	if (write(fd, header, sizeof(header)) != (ssize_t)sizeof(header) ||
	    write(fd, data, size) != (ssize_t)size || fchmod(fd, 0644) != 0) {
		close(fd);
		unlink(tmp);
		goto out_tmp;
	}
	close(fd);
	if (rename(tmp, path) != 0)
		unlink(tmp);
out_tmp:
	free(tmp);
out_path:
	free(path);
}
