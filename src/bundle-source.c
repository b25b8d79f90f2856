#include "bundle-source.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle/page.h"
#include "bundle/site.h"

static const char *const origin_names[BUNDLE_ORIGIN_COUNT] = {
	[BUNDLE_ORIGIN_CURRENT] = "the installed bundle",
	[BUNDLE_ORIGIN_PREVIOUS] = "the previously installed bundle",
	[BUNDLE_ORIGIN_FAT] = "the FAT partition's bundle",
};

/* Counts the *.pub files, so a folder of only broken keys still counts as keys
 * configured (and verifies nothing) rather than as a kiosk without keys. */
static bool has_key_files(const char *dir)
{
	DIR *d = dir ? opendir(dir) : NULL;
	bool found = false;
	struct dirent *e;
	while (d && !found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		found = e->d_name[0] != '.' && n > 4 && !strcmp(e->d_name + n - 4, ".pub");
	}
	if (d)
		closedir(d);
	return found;
}

int bundle_source_init(struct bundle_source *s, const struct bundle_source_options *opt)
{
	memset(s, 0, sizeof(*s));
	s->opt = *opt;
	s->inotify_fd = -1;
	struct bundle_diag diag = { { 0 } };
	if (opt->keys_dir) {
		s->keys_configured = has_key_files(opt->keys_dir);
		if (release_keyring_load(opt->keys_dir, &s->ring, &diag)) {
			s->keys_broken = true;
			snprintf(s->keys_error, sizeof(s->keys_error), "%s", diag.message);
			logger_printf(opt->log, LOG_LEVEL_ERROR,
				      "keys: %s; no bundle can be verified", diag.message);
		} else if (s->ring.count) {
			logger_printf(opt->log, LOG_LEVEL_INFO,
				      "keys: %zu in %s; bundles must be signed", s->ring.count,
				      opt->keys_dir);
		}
	}
	if (opt->store_dir) {
		struct store_status st;
		if (store_status_read(opt->store_dir, &st, NULL) == BUNDLE_OK)
			s->last_seq = st.seq;
		s->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (s->inotify_fd >= 0 &&
		    inotify_add_watch(s->inotify_fd, opt->store_dir,
				      IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE) < 0) {
			logger_printf(opt->log, LOG_LEVEL_WARNING,
				      "%s: cannot watch for updates: %s", opt->store_dir,
				      strerror(errno));
			close(s->inotify_fd);
			s->inotify_fd = -1;
		}
	}
	return 0;
}

void bundle_source_destroy(struct bundle_source *s)
{
	if (s->inotify_fd >= 0)
		close(s->inotify_fd);
	s->inotify_fd = -1;
}

bool bundle_source_keys_configured(const struct bundle_source *s)
{
	return s->keys_configured;
}

int bundle_source_fd(const struct bundle_source *s)
{
	return s->inotify_fd;
}

static bool is_bad(const struct bundle_source *s, const char *resolved)
{
	for (unsigned i = 0; i < s->bad_count && i < BUNDLE_SOURCE_MAX_BAD; i++)
		if (!strcmp(s->bad[i], resolved))
			return true;
	return false;
}

static int missing(struct bundle_diag *diag, const char *what)
{
	snprintf(diag->message, sizeof(diag->message), "the bundle has no %s", what);
	return BUNDLE_ERR_NOT_FOUND;
}

/* Opens the bundle and decodes its site and its start page in every language:
 * what the first frame needs. */
static int check_opens(const char *path, struct bundle_diag *diag)
{
	struct bundle *b;
	int err = bundle_open(path, &b, diag);
	if (err)
		return err;
	const struct bundle_entry *e = bundle_find(b, "site");
	const uint8_t *data;
	size_t size;
	struct site site;
	if (!e)
		err = missing(diag, "'site' entry");
	else if (!(err = bundle_entry_data(b, e, &data, &size, diag)))
		err = site_decode(data, size, &site, diag);
	for (size_t l = 0; !err && l < site.lang_count; l++) {
		char name[BUNDLE_MAX_NAME + 1];
		snprintf(name, sizeof(name), "page/%s/%s", site.start_page, site.langs[l]);
		struct page *pg;
		if (!(e = bundle_find(b, name)))
			err = missing(diag, "start page");
		else if (!(err = bundle_entry_data(b, e, &data, &size, diag)) &&
			 !(err = page_decode(data, size, &pg, diag)))
			page_free(pg);
	}
	bundle_close(b);
	return err;
}

/* Appends one sentence to the verdict. */
static void note(struct bundle_choice *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void note(struct bundle_choice *c, const char *fmt, ...)
{
	size_t n = strlen(c->reason);
	if (n + 3 >= sizeof(c->reason))
		return;
	if (n)
		c->reason[n++] = ' ';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->reason + n, sizeof(c->reason) - n, fmt, ap);
	va_end(ap);
}

/* Checks one candidate; true when it is good. */
static bool try_candidate(struct bundle_source *s, enum bundle_origin o, struct bundle_choice *c)
{
	const char *what = origin_names[o];
	char path[STORE_PATH_MAX], sig[STORE_PATH_MAX + 16], resolved[PATH_MAX];
	if (o == BUNDLE_ORIGIN_FAT) {
		if (!s->opt.fat_bundle)
			return false;
		snprintf(path, sizeof(path), "%s", s->opt.fat_bundle);
	} else if (!s->opt.store_dir ||
		   store_slot_path(s->opt.store_dir,
				   o == BUNDLE_ORIGIN_CURRENT ? STORE_SLOT_CURRENT
							      : STORE_SLOT_PREVIOUS,
				   STORE_BUNDLE, path, sizeof(path))) {
		return false;
	}
	if (!realpath(path, resolved)) {
		if (o == BUNDLE_ORIGIN_FAT)
			note(c, "%s (%s) is missing.", what, path);
		return false; /* an empty store slot is normal */
	}
	if (is_bad(s, resolved)) {
		note(c, "%s (%s) failed earlier.", what, path);
		return false;
	}
	struct bundle_diag diag = { { 0 } };
	struct release_version v;
	c->version[0] = 0;
	c->verified = false;
	if (s->keys_broken) {
		note(c, "%s was not used: the kiosk's keys are unusable (%s).", what,
		     s->keys_error);
		return false;
	}
	if (s->ring.count) {
		snprintf(sig, sizeof(sig), "%s%s", path, RELEASE_SIG_SUFFIX);
		if (release_verify(&s->ring, path, sig, &v, NULL, &diag)) {
			note(c, "%s was refused: %s.", what, diag.message);
			return false;
		}
		release_version_format(&v, c->version);
		c->verified = true;
	}
	if (check_opens(path, &diag)) {
		note(c, "%s (%s) does not open: %s.", what, path, diag.message);
		return false;
	}
	c->origin = o;
	snprintf(c->path, sizeof(c->path), "%s", path);
	if (c->verified)
		note(c, "Showing %s, version %s, signature verified.", what, c->version);
	else
		note(c, "Showing %s (no keys configured, not verified).", what);
	return true;
}

int bundle_source_choose(struct bundle_source *s, struct bundle_choice *out)
{
	memset(out, 0, sizeof(*out));
	for (int o = 0; o < BUNDLE_ORIGIN_COUNT; o++)
		if (try_candidate(s, (enum bundle_origin)o, out)) {
			logger_printf(s->opt.log, LOG_LEVEL_INFO, "bundle: %s", out->reason);
			return 0;
		}
	if (!out->reason[0])
		note(out, "There is no bundle.");
	logger_printf(s->opt.log, LOG_LEVEL_ERROR, "bundle: no good bundle. %s", out->reason);
	return -1;
}

void bundle_source_mark_bad(struct bundle_source *s, const struct bundle_choice *c, const char *why)
{
	char resolved[PATH_MAX];
	if (!realpath(c->path, resolved))
		snprintf(resolved, sizeof(resolved), "%s", c->path);
	logger_printf(s->opt.log, LOG_LEVEL_ERROR,
		      "bundle: %s (%s%s%s) failed while showing it: %s; falling back",
		      origin_names[c->origin], c->path, c->version[0] ? ", version " : "",
		      c->version, why);
	snprintf(s->bad[s->bad_count % BUNDLE_SOURCE_MAX_BAD], STORE_PATH_MAX, "%s", resolved);
	s->bad_count++;
}

enum bundle_source_event bundle_source_poll(struct bundle_source *s, struct store_status *out)
{
	if (s->inotify_fd < 0)
		return BUNDLE_SOURCE_NOTHING;
	/* The events only say "something changed"; the status file says what. */
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	while (read(s->inotify_fd, buf, sizeof(buf)) > 0)
		;
	struct store_status st;
	if (store_status_read(s->opt.store_dir, &st, NULL) != BUNDLE_OK || st.seq == s->last_seq)
		return BUNDLE_SOURCE_NOTHING;
	s->last_seq = st.seq;
	if (out)
		*out = st;
	logger_printf(s->opt.log, st.installed ? LOG_LEVEL_INFO : LOG_LEVEL_WARNING,
		      "update %lu: %s, version %s: %s", st.seq, store_code_name(st.code),
		      st.version[0] ? st.version : "unknown", st.detail);
	return st.installed ? BUNDLE_SOURCE_INSTALLED : BUNDLE_SOURCE_REFUSED;
}
