#include "pack/hyphdict.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/wire.h"
#include "pack/cache.h"
#include "pack/readfile.h"

/* The dictionaries are about 1 MB; a bigger file is not one. */
#define HYPHDICT_MAX_FILE (16u << 20)
/* Bumped whenever the layout below changes. */
#define HYPHDICT_VERSION 1

static void put_str(struct wire_buf *b, const char *s, size_t n)
{
	wire_buf_u32(b, (uint32_t)n);
	wire_buf_append(b, s, n);
}

static void put_level(struct wire_buf *b, const HyphenDict *d)
{
	size_t nohyph = 0;
	wire_buf_u8(b, (uint8_t)d->lhmin);
	wire_buf_u8(b, (uint8_t)d->rhmin);
	wire_buf_u8(b, (uint8_t)d->clhmin);
	wire_buf_u8(b, (uint8_t)d->crhmin);
	/* nohyphenl + 1 NUL-terminated strings, one after the other */
	if (d->nohyphen)
		for (int i = 0; i <= d->nohyphenl; i++)
			nohyph += strlen(d->nohyphen + nohyph) + 1;
	wire_buf_u8(b, d->nohyphen != NULL);
	put_str(b, d->nohyphen ? d->nohyphen : "", nohyph);
	wire_buf_u32(b, (uint32_t)d->nohyphenl);
	wire_buf_append(b, d->cset, sizeof(d->cset));
	wire_buf_u32(b, (uint32_t)d->utf8);
	wire_buf_u32(b, (uint32_t)d->num_states);
	for (int i = 0; i < d->num_states; i++) {
		const HyphenState *s = &d->states[i];
		wire_buf_u8(b, (s->match != NULL) | (s->repl != NULL) << 1);
		if (s->match)
			put_str(b, s->match, strlen(s->match));
		if (s->repl)
			put_str(b, s->repl, strlen(s->repl));
		wire_buf_u8(b, (uint8_t)s->replindex);
		wire_buf_u8(b, (uint8_t)s->replcut);
		wire_buf_u32(b, (uint32_t)s->fallback_state);
		wire_buf_u32(b, (uint32_t)s->num_trans);
		for (int t = 0; t < s->num_trans; t++) {
			wire_buf_u8(b, (uint8_t)s->trans[t].ch);
			wire_buf_u32(b, (uint32_t)s->trans[t].new_state);
		}
	}
}

/* A malloc'd copy of a string of the item (NUL added), or NULL. */
static char *get_str(struct wire_cursor *c)
{
	uint32_t n = wire_read_u32(c);
	if (c->failed || n > c->len - c->pos) {
		wire_fail(c, "string past the end");
		return NULL;
	}
	char *s = malloc((size_t)n + 1);
	if (!s) {
		wire_fail(c, "out of memory");
		return NULL;
	}
	memcpy(s, c->data + c->pos, n);
	s[n] = 0;
	c->pos += n;
	return s;
}

/* Reads one level into a HyphenDict allocated as libhyphen allocates it. */
static HyphenDict *get_level(struct wire_cursor *c)
{
	HyphenDict *d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->lhmin = (char)wire_read_u8(c);
	d->rhmin = (char)wire_read_u8(c);
	d->clhmin = (char)wire_read_u8(c);
	d->crhmin = (char)wire_read_u8(c);
	bool has_nohyphen = wire_read_u8(c);
	char *nohyphen = get_str(c);
	if (has_nohyphen)
		d->nohyphen = nohyphen;
	else
		free(nohyphen);
	d->nohyphenl = (int)wire_read_u32(c);
	if (!c->failed && c->len - c->pos >= sizeof(d->cset)) {
		memcpy(d->cset, c->data + c->pos, sizeof(d->cset));
		d->cset[sizeof(d->cset) - 1] = 0;
		c->pos += sizeof(d->cset);
	} else {
		wire_fail(c, "short");
	}
	d->utf8 = (int)wire_read_u32(c);
	uint32_t n = wire_read_u32(c);
	/* each state takes at least 11 bytes */
	if (c->failed || (size_t)n * 11 > c->len - c->pos) {
		wire_fail(c, "state count past the end");
		return d;
	}
	d->states = calloc(n ? n : 1, sizeof(*d->states));
	if (!d->states) {
		wire_fail(c, "out of memory");
		return d;
	}
	d->num_states = (int)n;
	for (uint32_t i = 0; i < n && !c->failed; i++) {
		HyphenState *s = &d->states[i];
		uint8_t has = wire_read_u8(c);
		s->match = has & 1 ? get_str(c) : NULL;
		s->repl = has & 2 ? get_str(c) : NULL;
		s->replindex = (signed char)wire_read_u8(c);
		s->replcut = (signed char)wire_read_u8(c);
		s->fallback_state = (int)wire_read_u32(c);
		uint32_t nt = wire_read_u32(c);
		if (c->failed || (size_t)nt * 5 > c->len - c->pos || s->fallback_state < -1 ||
		    s->fallback_state >= (int)n) {
			wire_fail(c, "bad state");
			break;
		}
		s->trans = nt ? malloc(nt * sizeof(*s->trans)) : NULL;
		if (nt && !s->trans) {
			wire_fail(c, "out of memory");
			break;
		}
		s->num_trans = (int)nt;
		for (uint32_t t = 0; t < nt; t++) {
			s->trans[t].ch = (char)wire_read_u8(c);
			s->trans[t].new_state = (int)wire_read_u32(c);
			if (s->trans[t].new_state < 0 || s->trans[t].new_state >= (int)n)
				wire_fail(c, "bad transition");
		}
	}
	return d;
}

static HyphenDict *decode(const uint8_t *data, size_t size)
{
	struct wire_cursor c;
	HyphenDict *first = NULL, **next = &first;
	wire_cursor_init(&c, data, size);
	uint32_t levels = wire_read_u32(&c);
	for (uint32_t i = 0; i < levels && i < 8 && !c.failed; i++) {
		HyphenDict *d = get_level(&c);
		if (!d)
			break;
		*next = d;
		next = &d->nextlevel;
	}
	if (c.failed || c.pos != size || levels == 0 || levels > 8) {
		if (first)
			hnj_hyphen_free(first);
		return NULL;
	}
	return first;
}

HyphenDict *hyphdict_load(const char *path, struct cache *c)
{
	uint8_t *file, *item, key[CACHE_KEY_SIZE];
	size_t size, item_size;
	char why[256];
	struct cache_key_state k;
	if (!c || readfile_load(path, HYPHDICT_MAX_FILE, &file, &size, why, sizeof(why)) != 0)
		return hnj_hyphen_load(path);
	/* the tables depend on the file, and on libhyphen's structs on this host */
	cache_key_begin(&k, "hyphen", HYPHDICT_VERSION);
	cache_key_add(&k, file, size);
	cache_key_add(&k, &(uint32_t){ sizeof(HyphenDict) << 16 | sizeof(HyphenState) }, 4);
	cache_key_end(&k, key);
	free(file);
	if (cache_get(c, key, &item, &item_size) == 0) {
		HyphenDict *d = decode(item, item_size);
		free(item);
		if (d)
			return d;
	}
	HyphenDict *d = hnj_hyphen_load(path);
	if (!d)
		return NULL;
	struct wire_buf b = { 0 };
	uint32_t levels = 0;
	for (HyphenDict *l = d; l; l = l->nextlevel)
		levels++;
	wire_buf_u32(&b, levels);
	for (HyphenDict *l = d; l; l = l->nextlevel)
		put_level(&b, l);
	if (!b.failed)
		cache_put(c, key, b.data, b.len);
	wire_buf_release(&b);
	return d;
}
