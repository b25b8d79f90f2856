/* Offsets within the header and a TOC entry (docs/bundle-format.md), shared by the
 * reader and the writer so the two cannot drift apart. */
#ifndef FOYER_BUNDLE_PRIVATE_H
#define FOYER_BUNDLE_PRIVATE_H

enum bundle_header_offset {
	HDR_MAGIC = 0,          /* 8 bytes */
	HDR_VERSION_MAJOR = 8,  /* u16 */
	HDR_VERSION_MINOR = 10, /* u16 */
	HDR_FLAGS = 12,         /* u32 */
	HDR_FILE_SIZE = 16,     /* u64 */
	HDR_ENTRY_COUNT = 24,   /* u32 */
	HDR_ENTRY_SIZE = 28,    /* u32 */
	HDR_TOC_OFFSET = 32,    /* u64 */
	HDR_STRTAB_OFFSET = 40, /* u64 */
	HDR_STRTAB_SIZE = 48,   /* u32 */
	HDR_RESERVED1 = 52,     /* u32, zero */
	HDR_SIG_OFFSET = 56,    /* u64 */
	HDR_SIG_SIZE = 64,      /* u32 */
	HDR_RESERVED2 = 68,     /* 28 bytes, zero */
	HDR_INDEX_HASH = 96,    /* 32 bytes */
};
#define HDR_HASHED_PREFIX 96 /* header bytes covered by the index hash */

enum bundle_entry_offset {
	ENT_TYPE = 0,         /* u16 */
	ENT_FLAGS = 2,        /* u16 */
	ENT_NAME_OFFSET = 4,  /* u32, into the string table */
	ENT_NAME_SIZE = 8,    /* u16 */
	ENT_RESERVED1 = 10,   /* 6 bytes, zero */
	ENT_DATA_OFFSET = 16, /* u64 */
	ENT_STORED_SIZE = 24, /* u64 */
	ENT_SIZE = 32,        /* u64 */
	ENT_RESERVED2 = 40,   /* 8 bytes, zero */
	ENT_HASH = 48,        /* 32 bytes */
};

#define BUNDLE_DATA_ALIGN 8

struct bundle_diag;

/* Fills diag (if given) with a formatted sentence and returns err: one line for the
 * "report and fail" that every decoder does. */
int bundle_fail(struct bundle_diag *diag, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4))); /* entry data and the TOC start on 8-byte boundaries */

#endif
