#include "bundle/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle-private.h"
#include "bundle/durable.h"
#include "bundle/wire.h"

static const char *const code_names[STORE_CODE_COUNT] = {
	[STORE_CODE_INSTALLED] = "installed",
	[STORE_CODE_ROLLED_BACK] = "rolled-back",
	[STORE_CODE_NO_KEYS] = "no-keys",
	[STORE_CODE_UNSIGNED] = "unsigned",
	[STORE_CODE_BAD_SIGNATURE] = "bad-signature",
	[STORE_CODE_NO_VERSION] = "no-version",
	[STORE_CODE_NOT_NEWER] = "not-newer",
	[STORE_CODE_DAMAGED] = "damaged",
	[STORE_CODE_NO_SPACE] = "no-space",
	[STORE_CODE_FAILED] = "failed",
};

int store_code_parse(const char *name, size_t len)
{
	for (int c = 0; c < STORE_CODE_COUNT; c++)
		if (strlen(code_names[c]) == len && !memcmp(code_names[c], name, len))
			return c;
	return -1;
}

const char *store_code_name(enum store_code code)
{
	return (unsigned)code < STORE_CODE_COUNT ? code_names[code] : code_names[STORE_CODE_FAILED];
}

int store_slot_path(const char *dir, enum store_slot slot, const char *file, char *out, size_t cap)
{
	int n = snprintf(out, cap, "%s/%s/%s", dir,
			 slot == STORE_SLOT_CURRENT ? STORE_CURRENT : STORE_PREVIOUS, file);
	if (n < 0 || (size_t)n >= cap)
		return bundle_fail(NULL, BUNDLE_ERR_LIMIT, "path too long");
	return BUNDLE_OK;
}

/* Copies a value into a fixed field, cutting it at the field's size. */
static void set_text(char *field, size_t cap, const char *value, size_t len)
{
	if (len >= cap)
		len = cap - 1;
	memcpy(field, value, len);
	field[len] = 0;
}

int store_status_read(const char *dir, struct store_status *st, struct bundle_diag *diag)
{
	char path[STORE_PATH_MAX], text[STORE_STATUS_MAX + 2];
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", dir, STORE_STATUS);
	memset(st, 0, sizeof(*st));
	st->code = STORE_CODE_FAILED;
	int err = release_read_small(path, text, sizeof(text), &len, diag);
	if (err)
		return err;
	if (memchr(text, 0, len) || !wire_utf8_valid(text, len))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "%s: not UTF-8 text", path);
	bool have_seq = false, have_result = false;
	unsigned line = 0;
	for (char *p = text; *p;) {
		char *end = strchr(p, '\n');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		line++;
		char *eq = memchr(p, '=', n);
		if (!eq)
			return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "%s:%u: no '=' in the line",
					   path, line);
		size_t klen = (size_t)(eq - p), vlen = n - klen - 1;
		const char *v = eq + 1;
		if (klen == 3 && !memcmp(p, "seq", 3)) {
			char num[24];
			set_text(num, sizeof(num), v, vlen);
			char *e;
			st->seq = strtoul(num, &e, 10);
			have_seq = vlen > 0 && *e == 0;
		} else if (klen == 6 && !memcmp(p, "result", 6)) {
			st->installed = vlen == 9 && !memcmp(v, "installed", 9);
			have_result = st->installed || (vlen == 7 && !memcmp(v, "refused", 7));
		} else if (klen == 4 && !memcmp(p, "code", 4)) {
			int c = store_code_parse(v, vlen);
			if (c >= 0)
				st->code = (enum store_code)c;
		} else if (klen == 7 && !memcmp(p, "version", 7)) {
			set_text(st->version, sizeof(st->version), v, vlen);
		} else if (klen == 6 && !memcmp(p, "detail", 6)) {
			set_text(st->detail, sizeof(st->detail), v, vlen);
		}
		p += n + (end ? 1 : 0);
	}
	if (!have_seq || !have_result)
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT, "%s: no seq= or result= line", path);
	return BUNDLE_OK;
}

int store_status_write(const char *dir, const struct store_status *st, struct bundle_diag *diag)
{
	char path[STORE_PATH_MAX], text[STORE_STATUS_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, STORE_STATUS);
	/* The detail is one line: a newline in a message would start a new key. */
	char detail[sizeof(st->detail)];
	snprintf(detail, sizeof(detail), "%s", st->detail);
	for (char *c = detail; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	int n = snprintf(text, sizeof(text), "seq=%lu\nresult=%s\ncode=%s\nversion=%s\ndetail=%s\n",
			 st->seq, st->installed ? "installed" : "refused",
			 store_code_name(st->code), st->version, detail);
	if (n < 0 || (size_t)n >= sizeof(text))
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "%s: status too long", path);
	return durable_write_file(path, text, (size_t)n, 0644, diag);
}
