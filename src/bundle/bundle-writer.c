#include "bundle/bundle-writer.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zstd.h>

#include "bundle/bundle-private.h"
#include "bundle/durable.h"
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
	int level; /* zstd's; 0: WRITER_ZSTD_LEVEL */
};

struct bundle_writer *bundle_writer_new(void)
{
	if (sodium_init() < 0)
		return NULL;
	return calloc(1, sizeof(struct bundle_writer));
}

void bundle_writer_set_level(struct bundle_writer *w, int level)
{
	w->level = level;
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
		size_t n =
		    ZSTD_compress(z, bound, data, size, w->level ? w->level : WRITER_ZSTD_LEVEL);
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

/* What kind of file a non-regular one is, for the message. */
static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO (named pipe)";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "not a regular file";
}

/* Where writing path really goes, malloc'd: a symlink is followed to the file it
 * names (the rename would otherwise replace the link and leave its target old),
 * and that must be a regular file or a new name.  A device, FIFO or folder is
 * refused: renaming over /dev/null would replace the device node itself. */
static char *write_target(const char *path, struct bundle_diag *diag, int *err)
{
	struct stat st;
	char *target;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT) {
			*err = bundle_fail(diag, BUNDLE_ERR_IO, "%s: %s", path, strerror(errno));
			return NULL;
		}
		target = strdup(path); /* a new file */
	} else if (S_ISLNK(st.st_mode)) {
		target = realpath(path, NULL);
		if (!target) {
			*err = bundle_fail(diag, BUNDLE_ERR_IO,
					   "%s: a link to a file that does not exist (%s)", path,
					   strerror(errno));
			return NULL;
		}
		if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {
			*err = bundle_fail(diag, BUNDLE_ERR_IO,
					   "%s: links to %s, which is %s, not a file: name a "
					   "bundle file",
					   path, target, file_kind(st.st_mode));
			free(target);
			return NULL;
		}
	} else if (!S_ISREG(st.st_mode)) {
		*err = bundle_fail(diag, BUNDLE_ERR_IO, "%s is %s, not a file: name a bundle file",
				   path, file_kind(st.st_mode));
		return NULL;
	} else {
		target = strdup(path);
	}
	if (!target)
		*err = bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	return target;
}

int bundle_writer_check_path(const char *path, struct bundle_diag *diag)
{
	int err = BUNDLE_OK;
	free(write_target(path, diag, &err));
	return err;
}

int bundle_writer_to_file(struct bundle_writer *w, const char *out_path, struct bundle_diag *diag)
{
	uint8_t *data;
	size_t size;
	int err = BUNDLE_OK;
	char *path = write_target(out_path, diag, &err);
	if (!path)
		return err;
	err = bundle_writer_to_memory(w, &data, &size, diag);
	if (err == BUNDLE_OK) {
		/* Bundles are content, not secrets: readable by the kiosk user. */
		err = durable_write_file(path, data, size, 0644, diag);
		free(data);
	}
	free(path);
	return err;
}
