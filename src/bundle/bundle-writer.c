#include "bundle/bundle-writer.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

/* zstd level: 19 packs fonts and pages well and costs editors well under a second. */
#define WRITER_ZSTD_LEVEL 19

struct pending {
	enum bundle_entry_type type;
	char *name;      /* owned */
	uint8_t *stored; /* owned: raw or zstd bytes */
	size_t stored_size;
	size_t size; /* unpacked */
	bool compressed;
};

struct bundle_writer {
	struct pending *items;
	size_t count;
	size_t cap;
};

struct bundle_writer *bundle_writer_new(void)
{
	if (sodium_init() < 0)
		return NULL;
	return calloc(1, sizeof(struct bundle_writer));
}

void bundle_writer_free(struct bundle_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->count; i++) {
		free(w->items[i].name);
		free(w->items[i].stored);
	}
	free(w->items);
	free(w);
}

int bundle_writer_add(struct bundle_writer *w, enum bundle_entry_type type, const char *name,
		      const void *data, size_t size, unsigned add_flags, struct bundle_diag *diag)
{
	if (!w || !name || (!data && size))
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no writer, name or data");
	size_t name_len = strlen(name);
	if (!bundle_name_valid(name, name_len))
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "entry name '%s' is not valid", name);
	if (size > BUNDLE_MAX_ENTRY_SIZE)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "entry '%s' is %zu bytes, the limit is %u", name, size,
				   BUNDLE_MAX_ENTRY_SIZE);
	if (w->count >= BUNDLE_MAX_ENTRIES)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "more than %d entries",
				   BUNDLE_MAX_ENTRIES);
	for (size_t i = 0; i < w->count; i++)
		if (strcmp(w->items[i].name, name) == 0)
			return bundle_fail(diag, BUNDLE_ERR_INVALID, "entry '%s' added twice",
					   name);
	if (w->count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct pending *p = realloc(w->items, cap * sizeof(*p));
		if (!p)
			return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
		w->items = p;
		w->cap = cap;
	}

	struct pending it = { .type = type, .size = size };
	it.name = strdup(name);
	if (!it.name)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	if ((add_flags & BUNDLE_ADD_COMPRESS) && size > 64) {
		size_t bound = ZSTD_compressBound(size);
		uint8_t *z = malloc(bound);
		if (!z)
			goto out_free_name;
		size_t n = ZSTD_compress(z, bound, data, size, WRITER_ZSTD_LEVEL);
		/* Keep compression only where it pays for the decompression on the kiosk. */
		if (!ZSTD_isError(n) && n < size - size / 8) {
			it.stored = z;
			it.stored_size = n;
			it.compressed = true;
		} else {
			free(z);
		}
	}
	if (!it.stored) {
		it.stored = malloc(size ? size : 1);
		if (!it.stored)
			goto out_free_name;
		if (size)
			memcpy(it.stored, data, size);
		it.stored_size = size;
	}
	w->items[w->count++] = it;
	return BUNDLE_OK;

out_free_name:
	free(it.name);
	return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory for entry '%s'", name);
}

static int cmp_pending(const void *a, const void *b)
{
	return strcmp(((const struct pending *)a)->name, ((const struct pending *)b)->name);
}

static void pad_to(struct wire_buf *buf, size_t align)
{
	while (buf->len % align && !buf->failed)
		wire_buf_u8(buf, 0);
}

static void put_toc_entry(struct wire_buf *buf, const struct pending *it, uint32_t name_offset,
			  uint64_t offset)
{
	uint8_t *e = wire_buf_grow(buf, BUNDLE_ENTRY_SIZE);

	if (!e)
		return; /* buf->failed says so */
	memset(e, 0, BUNDLE_ENTRY_SIZE);
	wire_put_u16(e + ENT_TYPE, (uint16_t)it->type);
	wire_put_u16(e + ENT_FLAGS, it->compressed ? BUNDLE_ENTRY_ZSTD : 0);
	wire_put_u32(e + ENT_NAME_OFFSET, name_offset);
	wire_put_u16(e + ENT_NAME_SIZE, (uint16_t)strlen(it->name));
	wire_put_u64(e + ENT_DATA_OFFSET, offset);
	wire_put_u64(e + ENT_STORED_SIZE, it->stored_size);
	wire_put_u64(e + ENT_SIZE, it->size);
	crypto_generichash(e + ENT_HASH, BUNDLE_HASH_SIZE, it->stored, it->stored_size, NULL, 0);
}

/* The header at the start of buf, last: it holds the sizes and the hash of the
 * index after it. */
static void put_header(struct wire_buf *buf, size_t count, size_t toc, size_t strtab,
		       size_t strtab_size)
{
	uint8_t *hdr = buf->data;
	crypto_generichash_state st;

	memcpy(hdr + HDR_MAGIC, BUNDLE_MAGIC, BUNDLE_MAGIC_SIZE);
	wire_put_u16(hdr + HDR_VERSION_MAJOR, BUNDLE_VERSION_MAJOR);
	wire_put_u16(hdr + HDR_VERSION_MINOR, BUNDLE_VERSION_MINOR);
	wire_put_u32(hdr + HDR_FLAGS, 0);
	wire_put_u64(hdr + HDR_FILE_SIZE, buf->len);
	wire_put_u32(hdr + HDR_ENTRY_COUNT, (uint32_t)count);
	wire_put_u32(hdr + HDR_ENTRY_SIZE, BUNDLE_ENTRY_SIZE);
	wire_put_u64(hdr + HDR_TOC_OFFSET, toc);
	wire_put_u64(hdr + HDR_STRTAB_OFFSET, strtab);
	wire_put_u32(hdr + HDR_STRTAB_SIZE, (uint32_t)strtab_size);
	crypto_generichash_init(&st, NULL, 0, BUNDLE_HASH_SIZE);
	crypto_generichash_update(&st, hdr, HDR_HASHED_PREFIX);
	crypto_generichash_update(&st, buf->data + toc,
				  (unsigned long long)count * BUNDLE_ENTRY_SIZE);
	crypto_generichash_update(&st, buf->data + strtab, strtab_size);
	crypto_generichash_final(&st, hdr + HDR_INDEX_HASH, BUNDLE_HASH_SIZE);
}

int bundle_writer_to_memory(struct bundle_writer *w, uint8_t **out, size_t *size,
			    struct bundle_diag *diag)
{
	if (!w || !out || !size)
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no writer or output");
	qsort(w->items, w->count, sizeof(*w->items), cmp_pending);

	/* Layout: header, entry data (each 8-aligned), string table, TOC. */
	struct wire_buf buf = { 0 };
	uint8_t *hdr = wire_buf_grow(&buf, BUNDLE_HEADER_SIZE);
	if (hdr)
		memset(hdr, 0, BUNDLE_HEADER_SIZE);
	uint64_t *offsets = calloc(w->count ? w->count : 1, sizeof(*offsets));
	uint32_t *name_offsets = calloc(w->count ? w->count : 1, sizeof(*name_offsets));
	if (!offsets || !name_offsets) {
		buf.failed = true;
		goto out_free;
	}
	for (size_t i = 0; i < w->count; i++) {
		pad_to(&buf, BUNDLE_DATA_ALIGN);
		offsets[i] = buf.len;
		wire_buf_append(&buf, w->items[i].stored, w->items[i].stored_size);
	}
	size_t strtab = buf.len;
	for (size_t i = 0; i < w->count; i++) {
		name_offsets[i] = (uint32_t)(buf.len - strtab);
		wire_buf_append(&buf, w->items[i].name, strlen(w->items[i].name) + 1);
	}
	size_t strtab_size = buf.len - strtab;
	if (strtab_size > BUNDLE_MAX_STRTAB) {
		wire_buf_release(&buf);
		free(offsets);
		free(name_offsets);
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "string table over %u bytes",
				   BUNDLE_MAX_STRTAB);
	}
	pad_to(&buf, BUNDLE_DATA_ALIGN);
	size_t toc = buf.len;
	for (size_t i = 0; i < w->count; i++)
		put_toc_entry(&buf, &w->items[i], name_offsets[i], offsets[i]);
	if (buf.failed)
		goto out_free;
	put_header(&buf, w->count, toc, strtab, strtab_size);

	free(offsets);
	free(name_offsets);
	*out = buf.data;
	*size = buf.len;
	return BUNDLE_OK;

out_free:
	free(offsets);
	free(name_offsets);
	wire_buf_release(&buf);
	return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory while assembling the bundle");
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

int bundle_writer_to_file(struct bundle_writer *w, const char *path, struct bundle_diag *diag)
{
	uint8_t *data;
	size_t size;
	int err = bundle_writer_to_memory(w, &data, &size, diag);
	if (err)
		return err;

	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	char *dir_copy = strdup(path);
	if (!tmp || !dir_copy) {
		err = bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
		goto out_free;
	}
	snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		err = bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot create temporary file: %s", tmp,
				  strerror(errno));
		goto out_free;
	}
	/* Bundles are content, not secrets: readable by the kiosk user. */
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, size) < 0 || fsync(fd) < 0) {
		err =
		    bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot write: %s", tmp, strerror(errno));
		close(fd);
		goto out_unlink;
	}
	if (close(fd) < 0) {
		err =
		    bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot write: %s", tmp, strerror(errno));
		goto out_unlink;
	}
	if (rename(tmp, path) < 0) {
		err = bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot replace: %s", path,
				  strerror(errno));
		goto out_unlink;
	}
	/* Make the rename itself durable: a power cut must leave old or new, never neither. */
	int dfd = open(dirname(dir_copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	err = BUNDLE_OK;
	goto out_free;

out_unlink:
	unlink(tmp);
out_free:
	free(tmp);
	free(dir_copy);
	free(data);
	return err;
}
