#include "pack/preview.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pack/readfile.h"
#include "sibling.h"

/* A page's Markdown is read again only to see which pictures it names; pages
 * are far smaller (the build refuses larger ones first). */
#define PREVIEW_PAGE_MAX (4u << 20)

/* The part of path inside dir ("pages/kultur/de.md"), or path itself. */
static const char *relative(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	if (strncmp(path, dir, n) != 0)
		return path;
	path += n;
	while (*path == '/')
		path++;
	return path;
}

/* "pages/ID/LANG.md" into id and lang; false for anything else. */
static bool page_file(const char *rel, char *id, size_t id_size, char *lang, size_t lang_size)
{
	const char *slash, *dot;

	if (strncmp(rel, "pages/", 6) != 0)
		return false;
	rel += 6;
	slash = strchr(rel, '/');
	if (!slash || (size_t)(slash - rel) >= id_size)
		return false;
	dot = strrchr(slash + 1, '.');
	if (!dot || strcmp(dot, ".md") != 0 || strchr(slash + 1, '/') ||
	    (size_t)(dot - slash - 1) >= lang_size || dot == slash + 1)
		return false;
	snprintf(id, id_size, "%.*s", (int)(slash - rel), rel);
	snprintf(lang, lang_size, "%.*s", (int)(dot - slash - 1), slash + 1);
	return true;
}

/* Does the page file name the picture?  Its stem followed by a dot matches
 * "campus.png" for both images/campus.png and images/campus.focus. */
static bool names_picture(const char *path, const char *stem)
{
	char *text = NULL, why[256];
	size_t size, n = strlen(stem);
	bool found = false;

	if (readfile_text(path, PREVIEW_PAGE_MAX, &text, &size, why, sizeof(why)) != 0)
		return false;
	for (const char *p = strstr(text, stem); p && !found; p = strstr(p + 1, stem))
		found = p[n] == '.' &&
			(p == text || !strchr("abcdefghijklmnopqrstuvwxyz0123456789-_", p[-1]));
	free(text);
	return found;
}

/* The page files of one page folder that name the picture: a line each. */
static int folder_notes(const char *dir, const char *page, const char *stem, const char *text,
			FILE *out)
{
	char path[PATH_MAX], id[NAME_MAX + 1], lang[NAME_MAX + 1];
	struct dirent **files = NULL;
	int count, found = 0;

	snprintf(path, sizeof(path), "%s/pages/%s", dir, page);
	count = page[0] == '.' ? -1 : scandir(path, &files, NULL, alphasort);
	for (int i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "%s/pages/%s/%s", dir, page, files[i]->d_name);
		if (page_file(relative(dir, path), id, sizeof(id), lang, sizeof(lang)) &&
		    names_picture(path, stem)) {
			fprintf(out, "%s\t%s\t%s\n", id, lang, text);
			found++;
		}
		free(files[i]);
	}
	free(files);
	return found;
}

/* A warning on a picture, for every page file that names it; how many. */
static int picture_notes(const char *dir, const char *rel, const char *text, FILE *out)
{
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	const char *dot = strrchr(base, '.');
	char stem[NAME_MAX + 1], path[PATH_MAX];
	struct dirent **pages = NULL;
	int count, found = 0;

	snprintf(stem, sizeof(stem), "%.*s", (int)(dot ? (size_t)(dot - base) : strlen(base)),
		 base);
	snprintf(path, sizeof(path), "%s/pages", dir);
	count = scandir(path, &pages, NULL, alphasort);
	for (int i = 0; i < count; i++) {
		found += folder_notes(dir, pages[i]->d_name, stem, text, out);
		free(pages[i]);
	}
	free(pages);
	return found;
}

/* "path:12" to "path"; a path alone stays as it is. */
static void cut_line_number(char *where)
{
	char *colon = strrchr(where, ':');

	if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1))
		*colon = 0;
}

/* One warning, "WHERE: warning: TEXT" (WHERE is path or path:line). */
static void note(const char *dir, const char *line, size_t len, FILE *out)
{
	static const char tag[] = ": warning: ";
	char copy[2048], msg[2048 + 16], id[NAME_MAX + 1], lang[NAME_MAX + 1];
	const char *rel;
	char *at;

	snprintf(copy, sizeof(copy), "%.*s", (int)len, line);
	at = strstr(copy, tag);
	if (!at)
		return;
	*at = 0;
	rel = relative(dir, copy);
	snprintf(msg, sizeof(msg), "%s: %s", rel, at + sizeof(tag) - 1);
	cut_line_number(copy);
	if (page_file(rel, id, sizeof(id), lang, sizeof(lang)))
		fprintf(out, "%s\t%s\t%s\n", id, lang, msg);
	else if (strncmp(rel, "images/", 7) != 0 || picture_notes(dir, rel, msg, out) == 0)
		fprintf(out, "*\t*\t%s\n", msg);
}

int preview_notes(const char *dir, const struct report *r, FILE *out)
{
	const char *p = r->text, *end = r->text ? r->text + r->len : NULL;

	while (p && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		note(dir, p, len, out);
		p += len + 1;
	}
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

static bool listed(const char *list, const char *size, size_t n)
{
	for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, size, n) == 0 && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

int preview_sizes(const char *extra, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "%s", PREVIEW_SIZES);

	for (const char *p = extra; p && *p && len < size;) {
		size_t n = strcspn(p, ",");

		if (n && !listed(buf, p, n))
			len += (size_t)snprintf(buf + len, size - len, ",%.*s", (int)n, p);
		p += n + (p[n] == ',');
	}
	return len < size;
}

int preview_draw(const char *bundle, const char *notes, const char *sizes, const char *out,
		 FILE *err)
{
	char kiosk[PATH_MAX];
	char *argv[] = { kiosk,     "--bundle",    (char *)bundle, "--sheet",     (char *)out,
			 "--notes", (char *)notes, "--size",       (char *)sizes, NULL };
	int status;
	pid_t pid;

	sibling_program("foyer", kiosk, sizeof(kiosk));
	fflush(err);
	pid = fork();
	if (pid < 0) {
		fprintf(err, "foyer-pack: cannot start %s: %s\n", kiosk, strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execvp(kiosk, argv);
		fprintf(err,
			"foyer-pack: preview draws with the kiosk program 'foyer', which is "
			"neither beside foyer-pack nor on PATH (%s)\n",
			strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	/* a kiosk stopped while writing leaves its temporary name (sheet.h) */
	snprintf(kiosk, sizeof(kiosk), "%s.tmp.%ld", out, (long)pid);
	remove(kiosk);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 127)
		fprintf(err, "foyer-pack: the kiosk could not draw the sheet (above)\n");
	return -1;
}
