#include "bundle/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle/bundle-private.h"

/* Fills the temporary file fd; returns 0 or an errno value. */
typedef int (*fill_fn)(int fd, const void *ctx);

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

struct memory {
	const void *data;
	size_t size;
};

static int fill_memory(int fd, const void *ctx)
{
	const struct memory *m = ctx;
	return write_all(fd, m->data, m->size);
}

static int fill_copy(int fd, const void *ctx)
{
	int in = *(const int *)ctx;
	enum { BLOCK = 65536 };
	uint8_t *buf = malloc(BLOCK);
	if (!buf)
		return ENOMEM;
	int err = 0;
	for (;;) {
		ssize_t n = read(in, buf, BLOCK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : 0;
			break;
		}
		if ((err = write_all(fd, buf, (size_t)n)))
			break;
	}
	free(buf);
	return err;
}

int durable_sync_dir(const char *dir, struct bundle_diag *diag)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot open folder: %s", dir,
				   strerror(errno));
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	if (rc < 0)
		return bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot flush folder: %s", dir,
				   strerror(e));
	return BUNDLE_OK;
}

int durable_sync_parent(const char *path, struct bundle_diag *diag)
{
	char *copy = strdup(path);
	if (!copy)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	int err = durable_sync_dir(dirname(copy), diag);
	free(copy);
	return err;
}

static int write_with(const char *path, mode_t mode, fill_fn fill, const void *ctx,
		      struct bundle_diag *diag)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	if (!tmp)
		return bundle_fail(diag, BUNDLE_ERR_NOMEM, "out of memory");
	snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
	int err;
	int fd = mkstemp(tmp);
	if (fd < 0) {
		err = bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot create temporary file: %s", tmp,
				  strerror(errno));
		goto out_free;
	}
	int e = fchmod(fd, mode) < 0 ? errno : fill(fd, ctx);
	if (!e && fsync(fd) < 0)
		e = errno;
	if (close(fd) < 0 && !e)
		e = errno;
	if (e) {
		err = bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot write: %s", tmp, strerror(e));
		goto out_unlink;
	}
	if (rename(tmp, path) < 0) {
		err = bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot replace: %s", path,
				  strerror(errno));
		goto out_unlink;
	}
	/* Make the rename itself durable: a power cut must leave old or new, never neither. */
	err = durable_sync_parent(path, diag);
	goto out_free;

out_unlink:
	unlink(tmp);
out_free:
	free(tmp);
	return err;
}

int durable_write_file(const char *path, const void *data, size_t size, mode_t mode,
		       struct bundle_diag *diag)
{
	struct memory m = { data, size };
	return write_with(path, mode, fill_memory, &m, diag);
}

int durable_copy_file(const char *src, const char *dst, mode_t mode, struct bundle_diag *diag)
{
	int in = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (in < 0)
		return bundle_fail(diag, errno == ENOENT ? BUNDLE_ERR_NOT_FOUND : BUNDLE_ERR_IO,
				   "%s: cannot open: %s", src, strerror(errno));
	struct stat st;
	int err;
	if (fstat(in, &st) < 0 || !S_ISREG(st.st_mode))
		err = bundle_fail(diag, BUNDLE_ERR_IO, "%s: not a regular file", src);
	else
		err = write_with(dst, mode, fill_copy, &in, diag);
	close(in);
	return err;
}
