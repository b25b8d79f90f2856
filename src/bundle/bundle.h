/* bundle: the .fpk content bundle, read side.  The byte layout is specified in
 * docs/bundle-format.md; the constants here are that document's limits.
 *
 * Opening maps the file and checks the header, the table of contents and the
 * string table (cost independent of the data size).  Each entry's checksum is
 * verified the first time its data is asked for.  Every byte is untrusted.
 * The library never prints: functions return a bundle_error and, where a
 * struct bundle_diag is given, fill it with a sentence naming the place. */
#ifndef FOYER_BUNDLE_H
#define FOYER_BUNDLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BUNDLE_MAGIC                                                                               \
	"\x89"                                                                                     \
	"FPK\r\n\x1a\n"
#define BUNDLE_MAGIC_SIZE 8
#define BUNDLE_VERSION_MAJOR 1
#define BUNDLE_VERSION_MINOR 1 /* 1.1 added speech entries and site record 2 */
#define BUNDLE_HEADER_SIZE 128
#define BUNDLE_ENTRY_SIZE 80
#define BUNDLE_HASH_SIZE 32 /* BLAKE2b-256 */
#define BUNDLE_MAX_ENTRIES 65536
#define BUNDLE_MAX_NAME 255                /* bytes in an entry name */
#define BUNDLE_MAX_STRTAB (16u << 20)      /* bytes in the string table */
#define BUNDLE_MAX_ENTRY_SIZE (256u << 20) /* bytes of one entry, stored or unpacked */
#define BUNDLE_FLAG_SIGNED 0x1u            /* header flags: a signature block is present */
#define BUNDLE_ENTRY_ZSTD 0x1u             /* entry flags: data is one zstd frame */
#define BUNDLE_ENTRY_KNOWN_FLAGS BUNDLE_ENTRY_ZSTD

enum bundle_entry_type {
	BUNDLE_SITE = 1,  /* the site description (site.h), exactly one, named "site" */
	BUNDLE_PAGE = 2,  /* one page in one language (page.h), "page/ID/LANG" */
	BUNDLE_IMAGE = 3, /* a QOI picture, "image/NAME" */
	BUNDLE_FONT = 4,  /* a TrueType font, "font/regular", "font/bold", ... */
	/* spoken text as Opus packets (speech.h), "speech/page/ID/LANG", "speech/ui/LANG" */
	BUNDLE_SPEECH = 5,
};

enum bundle_error {
	BUNDLE_OK = 0,
	BUNDLE_ERR_IO,         /* the file could not be opened, read or written */
	BUNDLE_ERR_NOT_BUNDLE, /* wrong magic: not an .fpk file */
	BUNDLE_ERR_VERSION,    /* a major version this reader does not know */
	BUNDLE_ERR_TRUNCATED,  /* shorter than its header says */
	BUNDLE_ERR_CORRUPT,    /* a field out of range or inconsistent */
	BUNDLE_ERR_CHECKSUM,   /* stored hash does not match the bytes */
	BUNDLE_ERR_NOMEM,
	BUNDLE_ERR_NOT_FOUND, /* no entry of that name */
	BUNDLE_ERR_LIMIT,     /* exceeds one of the BUNDLE_MAX_* limits */
	BUNDLE_ERR_INVALID,   /* the caller passed something unusable */
};

/* Detail for one failure: "entry 'page/start/de' at TOC offset 208: checksum mismatch". */
struct bundle_diag {
	char message[256];
};

struct bundle;

struct bundle_entry {
	enum bundle_entry_type type; /* may be a type this reader does not know */
	const char *name;            /* NUL-terminated, lives until bundle_close() */
	uint32_t flags;
	uint64_t offset; /* of the stored bytes in the file */
	uint64_t stored_size;
	uint64_t size;       /* after decompression */
	const uint8_t *hash; /* BUNDLE_HASH_SIZE bytes */
};

/* Static English text for an error code. */
const char *bundle_strerror(int err);

/* Opens and checks the bundle at path.  On success *out owns the mapping; free it
 * with bundle_close().  On failure *out is NULL and diag (if given) says why. */
int bundle_open(const char *path, struct bundle **out, struct bundle_diag *diag);
/* The same over bytes the caller keeps alive until bundle_close() (tests, fuzzers). */
int bundle_open_memory(const void *data, size_t size, struct bundle **out,
		       struct bundle_diag *diag);
void bundle_close(struct bundle *b);

uint16_t bundle_version_minor(const struct bundle *b);
uint32_t bundle_flags(const struct bundle *b);
uint64_t bundle_file_size(const struct bundle *b);
/* The index hash (header + TOC + string table); a stable id of the content. */
const uint8_t *bundle_index_hash(const struct bundle *b);

size_t bundle_entry_count(const struct bundle *b);
/* Entry i (0 <= i < count, in name order); the pointer lives until bundle_close(). */
const struct bundle_entry *bundle_entry_at(const struct bundle *b, size_t i);
/* Looks an entry up by name (binary search); NULL when there is none. */
const struct bundle_entry *bundle_find(const struct bundle *b, const char *name);

/* Verifies (first call only) and returns an entry's uncompressed bytes.  The bytes
 * live until bundle_close(); compressed entries are unpacked once and kept. */
int bundle_entry_data(struct bundle *b, const struct bundle_entry *e, const uint8_t **data,
		      size_t *size, struct bundle_diag *diag);
/* Verifies every entry (foyer-pack info --verify, tests); stops at the first bad one. */
int bundle_verify_all(struct bundle *b, struct bundle_diag *diag);

/* True for names made of [a-z0-9._/-], not starting with '/', 1..BUNDLE_MAX_NAME bytes. */
bool bundle_name_valid(const char *name, size_t len);

#endif
