#include "bundle/bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include "bundle/bundle-private.h"
#include "bundle/wire.h"

struct entry_state {
	struct bundle_entry pub;
	bool verified;     /* hash checked and, if compressed, unpacked */
	uint8_t *unpacked; /* owned; NULL when stored uncompressed */
};

struct bundle {
	const uint8_t *data; /* the whole file; mapped or borrowed */
	size_t size;
	bool mapped; /* munmap on close */
	uint16_t minor;
	uint32_t flags;
	size_t count;
	struct entry_state *entries; /* count, in name (= TOC) order */
	uint8_t index_hash[BUNDLE_HASH_SIZE];
};

int bundle_fail(struct bundle_diag *diag, int err, const char *fmt, ...)
{
	if (diag) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
		va_end(ap);
	}
	return err;
}

const char *bundle_strerror(int err)
{
	switch (err) {
	case BUNDLE_OK:
		return "success";
	case BUNDLE_ERR_IO:
		return "input/output error";
	case BUNDLE_ERR_NOT_BUNDLE:
		return "not a foyer bundle";
	case BUNDLE_ERR_VERSION:
		return "unsupported bundle version";
	case BUNDLE_ERR_TRUNCATED:
		return "bundle is truncated";
	case BUNDLE_ERR_CORRUPT:
		return "bundle is corrupt";
	case BUNDLE_ERR_CHECKSUM:
		return "checksum mismatch";
	case BUNDLE_ERR_NOMEM:
		return "out of memory";
	case BUNDLE_ERR_NOT_FOUND:
		return "no such entry";
	case BUNDLE_ERR_LIMIT:
		return "exceeds a format limit";
	case BUNDLE_ERR_INVALID:
		return "invalid argument";
	}
	return "unknown error";
}

bool bundle_name_valid(const char *name, size_t len)
{
	if (len == 0 || len > BUNDLE_MAX_NAME || name[0] == '/' || name[len - 1] == '/')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
			  c == '_' || c == '-' || c == '/';
		if (!ok || (c == '/' && i + 1 < len && name[i + 1] == '/'))
			return false;
	}
	/* No "." or ".." path components: names may become file names in tools. */
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && name[j] != '/')
			j++;
		if ((j - i == 1 && name[i] == '.') ||
		    (j - i == 2 && name[i] == '.' && name[i + 1] == '.'))
			return false;
		i = j + 1;
	}
	return true;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Checks that [off, off+len) lies inside a file of size total. */
static bool range_ok(uint64_t off, uint64_t len, uint64_t total)
{
	return off <= total && len <= total - off;
}

static int check_header(const uint8_t *d, size_t size, struct bundle_diag *diag)
{
	if (size < BUNDLE_MAGIC_SIZE || memcmp(d, BUNDLE_MAGIC, BUNDLE_MAGIC_SIZE) != 0)
		return bundle_fail(
		    diag, BUNDLE_ERR_NOT_BUNDLE,
		    "header offset 0: wrong magic bytes, this is not a foyer bundle (.fpk)");
	if (size < BUNDLE_HEADER_SIZE)
		return bundle_fail(diag, BUNDLE_ERR_TRUNCATED,
				   "file is %zu bytes, shorter than the %d-byte header", size,
				   BUNDLE_HEADER_SIZE);
	unsigned major = wire_get_u16(d + HDR_VERSION_MAJOR);
	if (major != BUNDLE_VERSION_MAJOR)
		return bundle_fail(
		    diag, BUNDLE_ERR_VERSION,
		    "header offset %d: format version %u.%u, this reader understands %d.x; "
		    "rebuild the bundle with a matching foyer-pack",
		    HDR_VERSION_MAJOR, major, wire_get_u16(d + HDR_VERSION_MINOR),
		    BUNDLE_VERSION_MAJOR);
	uint64_t file_size = wire_get_u64(d + HDR_FILE_SIZE);
	if (file_size > size)
		return bundle_fail(diag, BUNDLE_ERR_TRUNCATED,
				   "header offset %d: header says %llu bytes but the file has %zu "
				   "(truncated copy?)",
				   HDR_FILE_SIZE, (unsigned long long)file_size, size);
	if (file_size < size)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "header offset %d: header says %llu bytes but the file has %zu "
				   "(trailing bytes)",
				   HDR_FILE_SIZE, (unsigned long long)file_size, size);
	if (!all_zero(d + HDR_RESERVED1, 4) ||
	    !all_zero(d + HDR_RESERVED2, HDR_INDEX_HASH - HDR_RESERVED2))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "header offset %d: reserved bytes are not zero", HDR_RESERVED1);
	return BUNDLE_OK;
}

static void bundle_free(struct bundle *b)
{
	if (!b)
		return;
	for (size_t i = 0; b->entries && i < b->count; i++)
		free(b->entries[i].unpacked);
	free(b->entries);
	if (b->mapped)
		munmap((void *)b->data, b->size);
	free(b);
}

/* The header's counts, sizes and offsets (reader rules 5 and 6). */
struct index_layout {
	uint32_t count, entry_size, strtab_size, sig_size;
	uint64_t toc, strtab, sig;
};

static int check_layout(const struct bundle *b, const struct index_layout *x,
			struct bundle_diag *diag)
{
	if (x->count > BUNDLE_MAX_ENTRIES)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "header offset %d: %u entries, the limit is %d", HDR_ENTRY_COUNT,
				   x->count, BUNDLE_MAX_ENTRIES);
	/* Minor versions may append fields to entries; the first 80 bytes keep their meaning. */
	if (x->entry_size < BUNDLE_ENTRY_SIZE || x->entry_size > 4096 || x->entry_size % 8)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "header offset %d: entry size %u is invalid", HDR_ENTRY_SIZE,
				   x->entry_size);
	if (x->toc < BUNDLE_HEADER_SIZE ||
	    !range_ok(x->toc, (uint64_t)x->count * x->entry_size, b->size))
		return bundle_fail(
		    diag, BUNDLE_ERR_CORRUPT,
		    "header offset %d: table of contents (%u entries at %llu) lies outside the file",
		    HDR_TOC_OFFSET, x->count, (unsigned long long)x->toc);
	if (x->strtab_size > BUNDLE_MAX_STRTAB)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "header offset %d: string table of %u bytes, the limit is %u",
				   HDR_STRTAB_SIZE, x->strtab_size, BUNDLE_MAX_STRTAB);
	if (x->strtab < BUNDLE_HEADER_SIZE || !range_ok(x->strtab, x->strtab_size, b->size))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "header offset %d: string table lies outside the file",
				   HDR_STRTAB_OFFSET);
	if ((b->flags & BUNDLE_FLAG_SIGNED)
		? (x->sig < BUNDLE_HEADER_SIZE || !range_ok(x->sig, x->sig_size, b->size) ||
		   x->sig_size == 0)
		: (x->sig != 0 || x->sig_size != 0))
		return bundle_fail(
		    diag, BUNDLE_ERR_CORRUPT,
		    "header offset %d: signature block does not match the signed flag",
		    HDR_SIG_OFFSET);
	return BUNDLE_OK;
}

/* The index hash covers header prefix, TOC and string table: checked before any
 * field of them is trusted further (reader rule 7). */
static int check_index_hash(struct bundle *b, const struct index_layout *x,
			    struct bundle_diag *diag)
{
	const uint8_t *d = b->data;
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, BUNDLE_HASH_SIZE);
	crypto_generichash_update(&st, d, HDR_HASHED_PREFIX);
	crypto_generichash_update(&st, d + x->toc, (unsigned long long)x->count * x->entry_size);
	crypto_generichash_update(&st, d + x->strtab, x->strtab_size);
	crypto_generichash_final(&st, b->index_hash, BUNDLE_HASH_SIZE);
	if (sodium_memcmp(b->index_hash, d + HDR_INDEX_HASH, BUNDLE_HASH_SIZE) != 0)
		return bundle_fail(
		    diag, BUNDLE_ERR_CHECKSUM,
		    "header offset %d: index hash does not match header, table of contents and string table (damaged file)",
		    HDR_INDEX_HASH);
	return BUNDLE_OK;
}

/* TOC entry i (reader rules 4, 5, 6 and 8); entries before it are parsed. */
static int parse_entry(struct bundle *b, const struct index_layout *x, uint32_t i,
		       struct bundle_diag *diag)
{
	const uint8_t *d = b->data;
	unsigned long long at = x->toc + (uint64_t)i * x->entry_size;
	const uint8_t *e = d + at;
	struct bundle_entry *pub = &b->entries[i].pub;
	uint32_t name_off = wire_get_u32(e + ENT_NAME_OFFSET);
	uint16_t name_len = wire_get_u16(e + ENT_NAME_SIZE);

	pub->type = wire_get_u16(e + ENT_TYPE);
	pub->flags = wire_get_u16(e + ENT_FLAGS);
	pub->offset = wire_get_u64(e + ENT_DATA_OFFSET);
	pub->stored_size = wire_get_u64(e + ENT_STORED_SIZE);
	pub->size = wire_get_u64(e + ENT_SIZE);
	pub->hash = e + ENT_HASH;
	/* Names are NUL-terminated in the string table, so they are used in place. */
	if (!range_ok(name_off, (uint64_t)name_len + 1, x->strtab_size) ||
	    d[x->strtab + name_off + name_len] != 0 ||
	    !bundle_name_valid((const char *)d + x->strtab + name_off, name_len))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "TOC entry %u (offset %llu): name is out of bounds or invalid",
				   i, at);
	pub->name = (const char *)d + x->strtab + name_off;
	if (pub->flags & ~BUNDLE_ENTRY_KNOWN_FLAGS)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "entry '%s' (TOC offset %llu): unknown flags 0x%x", pub->name,
				   at, pub->flags);
	if (!all_zero(e + ENT_RESERVED1, ENT_DATA_OFFSET - ENT_RESERVED1) ||
	    !all_zero(e + ENT_RESERVED2, ENT_HASH - ENT_RESERVED2))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "entry '%s' (TOC offset %llu): reserved bytes are not zero",
				   pub->name, at);
	if (pub->stored_size > BUNDLE_MAX_ENTRY_SIZE || pub->size > BUNDLE_MAX_ENTRY_SIZE)
		return bundle_fail(diag, BUNDLE_ERR_LIMIT,
				   "entry '%s' (TOC offset %llu): size over the %u-byte limit",
				   pub->name, at, BUNDLE_MAX_ENTRY_SIZE);
	if (pub->offset < BUNDLE_HEADER_SIZE || !range_ok(pub->offset, pub->stored_size, b->size))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "entry '%s' (TOC offset %llu): data lies outside the file",
				   pub->name, at);
	if (!(pub->flags & BUNDLE_ENTRY_ZSTD) && pub->size != pub->stored_size)
		return bundle_fail(
		    diag, BUNDLE_ERR_CORRUPT,
		    "entry '%s' (TOC offset %llu): stored and unpacked sizes differ for an uncompressed entry",
		    pub->name, at);
	if (i > 0 && strcmp(b->entries[i - 1].pub.name, pub->name) >= 0)
		return bundle_fail(
		    diag, BUNDLE_ERR_CORRUPT,
		    "entry '%s' (TOC offset %llu): names are not sorted or not unique", pub->name,
		    at);
	return BUNDLE_OK;
}

static int parse_index(struct bundle *b, struct bundle_diag *diag)
{
	const uint8_t *d = b->data;
	struct index_layout x = {
		.count = wire_get_u32(d + HDR_ENTRY_COUNT),
		.entry_size = wire_get_u32(d + HDR_ENTRY_SIZE),
		.toc = wire_get_u64(d + HDR_TOC_OFFSET),
		.strtab = wire_get_u64(d + HDR_STRTAB_OFFSET),
		.strtab_size = wire_get_u32(d + HDR_STRTAB_SIZE),
		.sig = wire_get_u64(d + HDR_SIG_OFFSET),
		.sig_size = wire_get_u32(d + HDR_SIG_SIZE),
	};
	int rc = check_layout(b, &x, diag);

	if (rc == BUNDLE_OK)
		rc = check_index_hash(b, &x, diag);
	if (rc != BUNDLE_OK)
		return rc;
	b->count = x.count;
	b->entries = calloc(x.count ? x.count : 1, sizeof(*b->entries));
	if (!b->entries)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory for %u entries", x.count);
	for (uint32_t i = 0; i < x.count && rc == BUNDLE_OK; i++)
		rc = parse_entry(b, &x, i, diag);
	return rc;
}

static int open_bytes(const uint8_t *data, size_t size, bool mapped, struct bundle **out,
		      struct bundle_diag *diag)
{
	*out = NULL;
	if (sodium_init() < 0)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "libsodium failed to initialise");
	int err = check_header(data, size, diag);
	if (err) {
		if (mapped)
			munmap((void *)data, size);
		return err;
	}
	struct bundle *b = calloc(1, sizeof(*b));
	if (!b) {
		if (mapped)
			munmap((void *)data, size);
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	}
	b->data = data;
	b->size = size;
	b->mapped = mapped;
	b->minor = wire_get_u16(data + HDR_VERSION_MINOR);
	b->flags = wire_get_u32(data + HDR_FLAGS);
	err = parse_index(b, diag);
	if (err) {
		bundle_free(b);
		return err;
	}
	*out = b;
	return BUNDLE_OK;
}

int bundle_open_memory(const void *data, size_t size, struct bundle **out, struct bundle_diag *diag)
{
	if (!out || (!data && size))
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no data");
	return open_bytes(data, size, false, out, diag);
}

int bundle_open(const char *path, struct bundle **out, struct bundle_diag *diag)
{
	if (!out || !path)
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no path");
	*out = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return bundle_fail(diag, BUNDLE_ERR_IO, "cannot open: %s", strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return bundle_fail(diag, BUNDLE_ERR_IO, "cannot stat: %s", strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return bundle_fail(diag, BUNDLE_ERR_IO, "not a regular file");
	}
	if (st.st_size < BUNDLE_HEADER_SIZE) {
		/* Read what there is so a short file still gets the precise message. */
		uint8_t small[BUNDLE_HEADER_SIZE];
		ssize_t n = read(fd, small, sizeof(small));
		close(fd);
		return open_bytes(small, n > 0 ? (size_t)n : 0, false, out, diag);
	}
	if ((uint64_t)st.st_size > SIZE_MAX) {
		close(fd);
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "file too large to map");
	}
	void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	int e = errno;
	close(fd);
	if (map == MAP_FAILED)
		return bundle_fail(diag, BUNDLE_ERR_IO, "cannot map: %s", strerror(e));
	return open_bytes(map, (size_t)st.st_size, true, out, diag);
}

void bundle_close(struct bundle *b)
{
	bundle_free(b);
}

uint16_t bundle_version_minor(const struct bundle *b)
{
	return b->minor;
}

uint32_t bundle_flags(const struct bundle *b)
{
	return b->flags;
}

uint64_t bundle_file_size(const struct bundle *b)
{
	return b->size;
}

const uint8_t *bundle_index_hash(const struct bundle *b)
{
	return b->index_hash;
}

size_t bundle_entry_count(const struct bundle *b)
{
	return b ? b->count : 0;
}

const struct bundle_entry *bundle_entry_at(const struct bundle *b, size_t i)
{
	return b && i < b->count ? &b->entries[i].pub : NULL;
}

const struct bundle_entry *bundle_find(const struct bundle *b, const char *name)
{
	if (!b || !name)
		return NULL;
	size_t lo = 0, hi = b->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->entries[mid].pub.name, name);
		if (c == 0)
			return &b->entries[mid].pub;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int bundle_entry_data(struct bundle *b, const struct bundle_entry *pub, const uint8_t **data,
		      size_t *size, struct bundle_diag *diag)
{
	if (!b || !pub || pub < &b->entries[0].pub || pub >= &b->entries[b->count].pub)
		return bundle_fail(diag, BUNDLE_ERR_INVALID,
				   "entry does not belong to this bundle");
	struct entry_state *e = (struct entry_state *)pub;
	const uint8_t *stored = b->data + pub->offset;
	if (!e->verified) {
		uint8_t hash[BUNDLE_HASH_SIZE];
		crypto_generichash(hash, sizeof(hash), stored, pub->stored_size, NULL, 0);
		if (sodium_memcmp(hash, pub->hash, BUNDLE_HASH_SIZE) != 0)
			return bundle_fail(
			    diag, BUNDLE_ERR_CHECKSUM,
			    "entry '%s' (data offset %llu): checksum mismatch, the data is "
			    "damaged",
			    pub->name, (unsigned long long)pub->offset);
		if (pub->flags & BUNDLE_ENTRY_ZSTD) {
			unsigned long long content =
			    ZSTD_getFrameContentSize(stored, pub->stored_size);
			if (content != pub->size)
				return bundle_fail(
				    diag, BUNDLE_ERR_CORRUPT,
				    "entry '%s': compressed frame does not declare the entry's "
				    "size %llu",
				    pub->name, (unsigned long long)pub->size);
			uint8_t *buf = malloc(pub->size ? pub->size : 1);
			if (!buf)
				return bundle_fail(diag, BUNDLE_ERR_NOMEM,
						   "entry '%s': out of memory", pub->name);
			size_t n = ZSTD_decompress(buf, pub->size, stored, pub->stored_size);
			if (ZSTD_isError(n) || n != pub->size) {
				free(buf);
				return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
						   "entry '%s': cannot decompress: %s", pub->name,
						   ZSTD_isError(n) ? ZSTD_getErrorName(n)
								   : "size mismatch");
			}
			e->unpacked = buf;
		}
		e->verified = true;
	}
	*data = e->unpacked ? e->unpacked : stored;
	*size = pub->size;
	return BUNDLE_OK;
}

int bundle_verify_all(struct bundle *b, struct bundle_diag *diag)
{
	for (size_t i = 0; i < bundle_entry_count(b); i++) {
		const uint8_t *data;
		size_t size;
		int err = bundle_entry_data(b, &b->entries[i].pub, &data, &size, diag);
		if (err)
			return err;
	}
	return BUNDLE_OK;
}
