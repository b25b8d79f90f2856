#include "pack/readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

const char *readfile_kind(unsigned mode)
{
	static const struct {
		unsigned type;
		const char *what;
	} kinds[] = {
		{ S_IFDIR, "a folder" },  { S_IFIFO, "a FIFO (named pipe)" },
		{ S_IFSOCK, "a socket" }, { S_IFCHR, "a device" },
		{ S_IFBLK, "a device" },
	};
	if (S_ISREG(mode))
		return NULL;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if ((mode & S_IFMT) == kinds[i].type)
			return kinds[i].what;
	return "not a regular file";
}

static void size_words(char *buf, size_t n, size_t bytes)
{
	if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
		snprintf(buf, n, "%zu MiB", bytes >> 20);
	else
		snprintf(buf, n, "%zu KiB", bytes >> 10);
}

int readfile_load(const char *path, size_t max_size, uint8_t **data, size_t *size, char *why,
		  size_t why_size)
{
	struct stat st;
	const char *kind;
	/* stat before open: opening some devices has effects of its own */
	if (stat(path, &st) != 0) {
		snprintf(why, why_size, "cannot read: %s", strerror(errno));
		return -1;
	}
	if ((kind = readfile_kind(st.st_mode))) {
		snprintf(why, why_size, "is %s, not a file: only regular files are read", kind);
		return -1;
	}
	/* O_NONBLOCK: should it have become a FIFO since, open does not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, why_size, "cannot read: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || (kind = readfile_kind(st.st_mode))) {
		snprintf(why, why_size, "is %s, not a file: only regular files are read",
			 kind ? kind : "unreadable");
		goto out_close;
	}
	if ((uint64_t)st.st_size > max_size) {
		char limit[32];
		size_words(limit, sizeof(limit), max_size);
		snprintf(why, why_size, "file is larger than %s", limit);
		goto out_close;
	}
	/* st_size may be stale (a file still being written): read to the end, capped */
	uint8_t *buf = malloc((size_t)st.st_size + 2);
	size_t cap = (size_t)st.st_size + 1, n = 0;
	while (buf) {
		ssize_t k = read(fd, buf + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			snprintf(why, why_size, "cannot read: %s", strerror(errno));
			free(buf);
			goto out_close;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n > max_size) {
			char limit[32];
			size_words(limit, sizeof(limit), max_size);
			snprintf(why, why_size, "file is larger than %s", limit);
			free(buf);
			goto out_close;
		}
		if (n == cap) {
			size_t ncap = cap * 2 > max_size + 1 ? max_size + 1 : cap * 2;
			uint8_t *nb = realloc(buf, ncap + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap = ncap;
		}
	}
	if (!buf) {
		snprintf(why, why_size, "out of memory");
		goto out_close;
	}
	close(fd);
	buf[n] = 0;
	*data = buf;
	*size = n;
	return 0;

out_close:
	close(fd);
	return -1;
}

void readfile_normalise(char *text, size_t *size)
{
	size_t n = *size, i = 0, o = 0;
	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < n; i++) {
		if (text[i] == '\r') {
			text[o++] = '\n';
			if (i + 1 < n && text[i + 1] == '\n')
				i++;
		} else {
			text[o++] = text[i];
		}
	}
	text[o] = 0;
	*size = o;
}

int readfile_text(const char *path, size_t max_size, char **text, size_t *size, char *why,
		  size_t why_size)
{
	uint8_t *data;
	if (readfile_load(path, max_size, &data, size, why, why_size) != 0)
		return -1;
	*text = (char *)data;
	readfile_normalise(*text, size);
	return 0;
}

bool readfile_ignored(const char *name)
{
	/* Windows writes these in any case: Thumbs.db, THUMBS.DB */
	static const char *const system_files[] = { "thumbs.db", "ehthumbs.db", "desktop.ini" };
	static const char *const backup_suffixes[] = { "~", ".bak", ".BAK", ".tmp", ".swp" };
	size_t n = strlen(name);
	if (n == 0 || name[0] == '.') /* .DS_Store, ._name, .name.swp, .git */
		return true;
	if (name[0] == '#' || (n >= 2 && name[0] == '~' && name[1] == '$'))
		return true; /* Emacs autosave #name#, Office lock file ~$name.docx */
	for (size_t i = 0; i < sizeof(system_files) / sizeof(system_files[0]); i++)
		if (strcasecmp(name, system_files[i]) == 0)
			return true;
	for (size_t i = 0; i < sizeof(backup_suffixes) / sizeof(backup_suffixes[0]); i++) {
		size_t k = strlen(backup_suffixes[i]);
		if (n > k && strcmp(name + n - k, backup_suffixes[i]) == 0)
			return true;
	}
	return false;
}
