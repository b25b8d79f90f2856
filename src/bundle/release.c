#include "bundle/release.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/bundle-private.h"

static bool digits(const char *s, size_t n, uint32_t *out)
{
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint32_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

bool release_version_parse(const char *s, size_t len, struct release_version *out)
{
	/* YYYY-MM-DD.N: 10 characters of date, a dot, 1..6 digits. */
	uint32_t y, m, d, n;
	if (len < 12 || len > 17 || s[4] != '-' || s[7] != '-' || s[10] != '.' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d) ||
	    !digits(s + 11, len - 11, &n))
		return false;
	if (y < 2000 || m < 1 || m > 12 || d < 1 || d > 31 || n < 1 || n > RELEASE_MAX_COUNTER ||
	    (s[11] == '0'))
		return false;
	out->date = y * 10000 + m * 100 + d;
	out->counter = n;
	return true;
}

void release_version_format(const struct release_version *v, char out[RELEASE_VERSION_TEXT])
{
	snprintf(out, RELEASE_VERSION_TEXT, "%04u-%02u-%02u.%u", (v->date / 10000) % 10000,
		 (v->date / 100) % 100, v->date % 100, v->counter % (RELEASE_MAX_COUNTER + 1));
}

int release_version_compare(const struct release_version *a, const struct release_version *b)
{
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->counter != b->counter)
		return a->counter < b->counter ? -1 : 1;
	return 0;
}

bool release_comment_field(const char *comment, const char *key, const char **value, size_t *len)
{
	size_t klen = strlen(key);
	const char *p = comment;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, " \t");
		if (n >= klen && memcmp(p, key, klen) == 0) {
			*value = p + klen;
			*len = n - klen;
			return true;
		}
		p += n;
	}
	return false;
}

int release_read_small(const char *path, char *buf, size_t cap, size_t *len,
		       struct bundle_diag *diag)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return bundle_fail(diag, errno == ENOENT ? BUNDLE_ERR_NOT_FOUND : BUNDLE_ERR_IO,
				   "%s: cannot open: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return bundle_fail(diag, BUNDLE_ERR_IO, "%s: not a regular file", path);
	}
	size_t n = 0;
	for (;;) {
		ssize_t k = read(fd, buf + n, cap - 1 - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			int e = errno;
			close(fd);
			return bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot read: %s", path,
					   strerror(e));
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n == cap - 1) {
			close(fd);
			return bundle_fail(diag, BUNDLE_ERR_LIMIT,
					   "%s: larger than %zu bytes, not a key or signature",
					   path, cap - 2);
		}
	}
	close(fd);
	buf[n] = 0;
	*len = n;
	return BUNDLE_OK;
}

static int name_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int release_keyring_load(const char *dir, struct release_keyring *ring, struct bundle_diag *diag)
{
	ring->count = 0;
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? BUNDLE_OK
				       : bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot read: %s",
						     dir, strerror(errno));
	/* Sorted, so "key 3 is broken" means the same file on every kiosk. */
	char *names[RELEASE_MAX_KEYS + 1];
	size_t n = 0;
	int err = BUNDLE_OK;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".pub") != 0)
			continue;
		if (n == RELEASE_MAX_KEYS) {
			err = bundle_fail(diag, BUNDLE_ERR_LIMIT, "%s: more than %d keys", dir,
					  RELEASE_MAX_KEYS);
			break;
		}
		if (!(names[n] = strdup(e->d_name))) {
			err = bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	if (!err)
		qsort(names, n, sizeof(names[0]), name_order);
	for (size_t i = 0; i < n && !err; i++) {
		char path[4096], text[MINISIGN_MAX_FILE + 2];
		size_t len;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		struct bundle_diag why = { { 0 } };
		err = release_read_small(path, text, sizeof(text), &len, &why);
		if (!err)
			err = minisign_public_key_parse(text, len, &ring->keys[ring->count], &why);
		if (err)
			bundle_fail(diag, err, "%s: %s", path, why.message);
		else
			ring->count++;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	if (err)
		ring->count = 0;
	return err;
}

/* Reads, parses and checks one signature of the file whose prehash is given. */
static int check_signature(const struct release_keyring *ring, const char *sig_path,
			   const uint8_t prehash[MINISIGN_PREHASH_SIZE],
			   struct minisign_signature *sig, struct bundle_diag *diag)
{
	char text[MINISIGN_MAX_FILE + 2];
	size_t len;
	struct bundle_diag why = { { 0 } };
	int err = release_read_small(sig_path, text, sizeof(text), &len, &why);
	if (err)
		return bundle_fail(diag, err, "%s", why.message);
	if ((err = minisign_signature_parse(text, len, sig, &why)) ||
	    (err = minisign_verify(ring->keys, ring->count, sig, prehash, &why)))
		return bundle_fail(diag, err, "%s: %s", sig_path, why.message);
	return BUNDLE_OK;
}

static int comment_version(const char *sig_path, const struct minisign_signature *sig,
			   const char *field, struct release_version *out, struct bundle_diag *diag)
{
	const char *v;
	size_t n;
	if (!release_comment_field(sig->trusted_comment, field, &v, &n))
		return bundle_fail(diag, BUNDLE_ERR_VERSION,
				   "%s: the trusted comment has no \"%sYYYY-MM-DD.N\" field",
				   sig_path, field);
	if (!release_version_parse(v, n, out))
		return bundle_fail(diag, BUNDLE_ERR_VERSION,
				   "%s: \"%s%.*s\" is not a version of the form YYYY-MM-DD.N",
				   sig_path, field, (int)(n > 40 ? 40 : n), v);
	return BUNDLE_OK;
}

int release_verify(const struct release_keyring *ring, const char *bundle_path,
		   const char *sig_path, struct release_version *version,
		   uint8_t prehash[MINISIGN_PREHASH_SIZE], struct bundle_diag *diag)
{
	if (ring->count == 0)
		return bundle_fail(diag, BUNDLE_ERR_INVALID, "no public key to check against");
	uint8_t own[MINISIGN_PREHASH_SIZE];
	uint8_t *h = prehash ? prehash : own;
	struct bundle_diag why = { { 0 } };
	int err = minisign_prehash_file(bundle_path, h, &why);
	if (err)
		return bundle_fail(diag, err, "%s: %s", bundle_path, why.message);
	struct minisign_signature sig;
	if ((err = check_signature(ring, sig_path, h, &sig, diag)))
		return err;
	return comment_version(sig_path, &sig, RELEASE_FIELD_VERSION, version, diag);
}

int release_verify_rollback(const struct release_keyring *ring,
			    const uint8_t prehash[MINISIGN_PREHASH_SIZE],
			    const char *permission_path, struct release_version *from,
			    struct bundle_diag *diag)
{
	struct minisign_signature sig;
	int err = check_signature(ring, permission_path, prehash, &sig, diag);
	if (err)
		return err;
	return comment_version(permission_path, &sig, RELEASE_FIELD_ROLLBACK, from, diag);
}
