#include "update/install.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "bundle/bundle-private.h"
#include "bundle/durable.h"
#include "bundle/minisign.h"
#include "bundle/page.h"
#include "bundle/release.h"
#include "bundle/site.h"
#include "qoi-shrink.h"

/* Names of the steps after which a test build may stop (see install.h). */
enum install_step {
	STEP_CLEAN,          /* leftovers of an earlier, interrupted run removed */
	STEP_INCOMING,       /* the new folder exists */
	STEP_COPY_BUNDLE,    /* content.fpk written into it */
	STEP_SYNC_BUNDLE,    /* ... and flushed */
	STEP_COPY_SIGNATURE, /* content.fpk.minisig written and flushed */
	STEP_SYNC_INCOMING,  /* the folder's entries flushed */
	STEP_VERIFIED,       /* the copy passed every check */
	STEP_PUBLISH,        /* the folder renamed to bundles/VERSION-ID */
	STEP_SYNC_BUNDLES,   /* bundles/ flushed */
	STEP_LINK_PREVIOUS,  /* previous -> the old current */
	STEP_LINK_CURRENT,   /* current -> the new bundle */
	STEP_SYNC_STORE,     /* the store's folder flushed */
	STEP_STATUS,         /* status written */
	STEP_DONE,           /* the bundle no longer referenced removed */
	STEP_COUNT,
};

const char *const install_steps[] = {
	[STEP_CLEAN] = "clean",
	[STEP_INCOMING] = "incoming",
	[STEP_COPY_BUNDLE] = "copy-bundle",
	[STEP_SYNC_BUNDLE] = "sync-bundle",
	[STEP_COPY_SIGNATURE] = "copy-signature",
	[STEP_SYNC_INCOMING] = "sync-incoming",
	[STEP_VERIFIED] = "verified",
	[STEP_PUBLISH] = "publish",
	[STEP_SYNC_BUNDLES] = "sync-bundles",
	[STEP_LINK_PREVIOUS] = "link-previous",
	[STEP_LINK_CURRENT] = "link-current",
	[STEP_SYNC_STORE] = "sync-store",
	[STEP_STATUS] = "status",
	[STEP_DONE] = "done",
};
const unsigned install_step_count = STEP_COUNT;

#ifdef FOYER_UPDATE_FAULTS
/* A power cut right after this step: no cleanup, no flush, no exit handlers. */
static void step_done(enum install_step step)
{
	const char *cut = getenv(INSTALL_CUT_ENV);
	if (cut && !strcmp(cut, install_steps[step]))
		_exit(INSTALL_CUT_EXIT);
}
#else
static void step_done(enum install_step step)
{
	(void)step;
}
#endif

/* snprintf for paths: -1 (and out cut) when it does not fit. */
static int path_fmt(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int path_fmt(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static int path_join(char *out, size_t cap, const char *a, const char *b)
{
	return path_fmt(out, cap, "%s/%s", a, b);
}

/* Removes a folder of plain files (an install folder); errors are ignored. */
static void remove_bundle_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		char path[STORE_PATH_MAX];
		while ((e = readdir(d)))
			if (e->d_name[0] != '.' ||
			    (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
				if (!path_join(path, sizeof(path), dir, e->d_name))
					unlink(path);
		closedir(d);
	}
	rmdir(dir);
}

/* The bundle folder a store symlink names ("bundles/NAME" -> NAME), or "". */
static void link_target(const char *store, const char *link, char *name, size_t cap)
{
	char path[STORE_PATH_MAX], target[STORE_PATH_MAX];
	name[0] = 0;
	if (path_join(path, sizeof(path), store, link))
		return;
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = 0;
	const char *slash = strrchr(target, '/');
	path_fmt(name, cap, "%s", slash ? slash + 1 : target);
}

int install_clean(const char *store_dir, struct bundle_diag *diag)
{
	char current[256], previous[256], bundles[STORE_PATH_MAX], path[STORE_PATH_MAX];
	link_target(store_dir, STORE_CURRENT, current, sizeof(current));
	link_target(store_dir, STORE_PREVIOUS, previous, sizeof(previous));
	bool changed = false;
	DIR *d = opendir(store_dir);
	if (!d)
		return bundle_fail(diag, BUNDLE_ERR_IO, "%s: cannot read: %s", store_dir,
				   strerror(errno));
	struct dirent *e;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, STORE_INCOMING_PREFIX, strlen(STORE_INCOMING_PREFIX)) &&
		    !path_join(path, sizeof(path), store_dir, e->d_name)) {
			remove_bundle_dir(path);
			changed = true;
		}
	closedir(d);
	if (changed)
		durable_sync_dir(store_dir, NULL);
	changed = false;
	if (path_join(bundles, sizeof(bundles), store_dir, STORE_BUNDLES))
		return bundle_fail(diag, BUNDLE_ERR_LIMIT, "path too long");
	if (!(d = opendir(bundles)))
		return BUNDLE_OK;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, current) &&
		    strcmp(e->d_name, previous) &&
		    !path_join(path, sizeof(path), bundles, e->d_name)) {
			remove_bundle_dir(path);
			changed = true;
		}
	closedir(d);
	if (changed)
		durable_sync_dir(bundles, NULL);
	return BUNDLE_OK;
}

/* Every picture decodes: into a small box, which still reads every row. */
static int check_picture(const struct bundle_entry *e, const uint8_t *data, size_t size,
			 struct bundle_diag *diag)
{
	enum { BOX = 8 };
	uint32_t pixels[BOX * BOX];
	int w, h;
	if (!qoi_size(data, size, &w, &h) ||
	    !qoi_shrink_into(data, size, BOX, BOX, false, pixels, BOX * 4, NULL))
		return bundle_fail(diag, BUNDLE_ERR_CORRUPT,
				   "entry '%s': the picture does not decode", e->name);
	return BUNDLE_OK;
}

int install_check_content(const char *bundle_path, struct bundle_diag *diag)
{
	struct bundle *b;
	int err = bundle_open(bundle_path, &b, diag);
	if (err)
		return err;
	if ((err = bundle_verify_all(b, diag)))
		goto out_close;
	const struct bundle_entry *se = bundle_find(b, "site");
	const uint8_t *data;
	size_t size;
	struct site site;
	if (!se) {
		err = bundle_fail(diag, BUNDLE_ERR_CORRUPT, "the bundle has no 'site' entry");
		goto out_close;
	}
	if ((err = bundle_entry_data(b, se, &data, &size, diag)) ||
	    (err = site_decode(data, size, &site, diag)))
		goto out_close;
	for (size_t l = 0; l < site.lang_count; l++) {
		char name[BUNDLE_MAX_NAME + 1];
		path_fmt(name, sizeof(name), "page/%s/%s", site.start_page, site.langs[l]);
		if (!bundle_find(b, name)) {
			err = bundle_fail(diag, BUNDLE_ERR_CORRUPT,
					  "the start page '%s' is missing", name);
			goto out_close;
		}
	}
	for (size_t i = 0; i < bundle_entry_count(b); i++) {
		const struct bundle_entry *e = bundle_entry_at(b, i);
		if ((err = bundle_entry_data(b, e, &data, &size, diag)))
			goto out_close;
		if (e->type == BUNDLE_PAGE) {
			struct page *pg;
			if ((err = page_decode(data, size, &pg, diag))) {
				char why[sizeof(diag->message)];
				snprintf(why, sizeof(why), "%s", diag->message);
				bundle_fail(diag, err, "entry '%s': %s", e->name, why);
				goto out_close;
			}
			page_free(pg);
		} else if (e->type == BUNDLE_IMAGE && (err = check_picture(e, data, size, diag))) {
			goto out_close;
		}
	}
out_close:
	bundle_close(b);
	return err;
}

/* One update attempt's state. */
struct run {
	const struct install_options *opt;
	struct install_result *result;
	char stick_bundle[STORE_PATH_MAX], stick_sig[STORE_PATH_MAX],
	    stick_rollback[STORE_PATH_MAX];
	char incoming[STORE_PATH_MAX]; /* "" when none was made */
	char bundle[STORE_PATH_MAX], sig[STORE_PATH_MAX];
	struct release_keyring ring;
	struct release_version version;
	uint8_t prehash[MINISIGN_PREHASH_SIZE];
	bool rollback;
};

/* Ends the attempt as refused (or failed) with a code and the English reason. */
static int refuse(struct run *r, enum store_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(struct run *r, enum store_code code, const char *fmt, ...)
{
	struct store_status *st = &r->result->status;
	st->installed = false;
	st->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->detail, sizeof(st->detail), fmt, ap);
	va_end(ap);
	logger_printf(r->opt->log, LOG_LEVEL_WARNING, "update refused (%s): %s",
		      store_code_name(code), st->detail);
	return -1;
}

/* The version of the bundle in the store's current slot, else the FAT bundle's,
 * read from their signatures' trusted comments (the store is written only by
 * this program after a full check; the FAT bundle's is checked by the kiosk). */
static bool installed_version(const struct install_options *o, struct release_version *v)
{
	char path[STORE_PATH_MAX], text[MINISIGN_MAX_FILE + 2];
	size_t len, n;
	struct minisign_signature sig;
	const char *value;
	bool have = store_slot_path(o->store_dir, STORE_SLOT_CURRENT, STORE_SIGNATURE, path,
				    sizeof(path)) == BUNDLE_OK &&
		    access(path, F_OK) == 0;
	if (!have && o->fat_bundle)
		path_fmt(path, sizeof(path), "%s%s", o->fat_bundle, RELEASE_SIG_SUFFIX);
	return release_read_small(path, text, sizeof(text), &len, NULL) == BUNDLE_OK &&
	       minisign_signature_parse(text, len, &sig, NULL) == BUNDLE_OK &&
	       release_comment_field(sig.trusted_comment, RELEASE_FIELD_VERSION, &value, &n) &&
	       release_version_parse(value, n, v);
}

static int copy_into(const char *src, const char *dst, bool *no_space)
{
	int in = open(src, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (in < 0)
		return -1;
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (out < 0) {
		close(in);
		return -1;
	}
	enum { BLOCK = 1 << 16 };
	char *buf = malloc(BLOCK);
	int rc = buf ? 0 : -1;
	while (!rc) {
		ssize_t n = read(in, buf, BLOCK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : 0;
			break;
		}
		for (ssize_t done = 0; done < n && !rc;) {
			ssize_t k = write(out, buf + done, (size_t)(n - done));
			if (k < 0 && errno != EINTR)
				rc = -1;
			else if (k > 0)
				done += k;
		}
	}
	if (rc && errno == ENOSPC)
		*no_space = true;
	int e = errno;
	free(buf);
	close(in);
	if (close(out) < 0 && !rc)
		rc = -1;
	errno = e;
	return rc;
}

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* Copies the stick's bundle and signature into a new incoming folder. */
static int copy_stage(struct run *r)
{
	const char *store = r->opt->store_dir;
	path_fmt(r->incoming, sizeof(r->incoming), "%s/%sXXXXXX", store, STORE_INCOMING_PREFIX);
	if (!mkdtemp(r->incoming)) {
		r->incoming[0] = 0;
		return refuse(r, STORE_CODE_FAILED, "%s: cannot make a folder: %s", store,
			      strerror(errno));
	}
	chmod(r->incoming, 0755);
	step_done(STEP_INCOMING);
	bool no_space = false;
	path_join(r->bundle, sizeof(r->bundle), r->incoming, STORE_BUNDLE);
	path_join(r->sig, sizeof(r->sig), r->incoming, STORE_SIGNATURE);
	if (copy_into(r->stick_bundle, r->bundle, &no_space) < 0)
		return refuse(r, no_space ? STORE_CODE_NO_SPACE : STORE_CODE_FAILED,
			      "copying %s: %s", r->stick_bundle, strerror(errno));
	step_done(STEP_COPY_BUNDLE);
	if (sync_file(r->bundle) < 0)
		return refuse(r, STORE_CODE_FAILED, "%s: cannot flush: %s", r->bundle,
			      strerror(errno));
	step_done(STEP_SYNC_BUNDLE);
	if (copy_into(r->stick_sig, r->sig, &no_space) < 0 || sync_file(r->sig) < 0)
		return refuse(r, no_space ? STORE_CODE_NO_SPACE : STORE_CODE_FAILED,
			      "copying %s: %s", r->stick_sig, strerror(errno));
	step_done(STEP_COPY_SIGNATURE);
	if (durable_sync_dir(r->incoming, NULL))
		return refuse(r, STORE_CODE_FAILED, "%s: cannot flush", r->incoming);
	step_done(STEP_SYNC_INCOMING);
	return 0;
}

/* Signature, version (or rollback permission) and content of the copy. */
static int check_stage(struct run *r)
{
	struct bundle_diag diag = { { 0 } };
	struct store_status *st = &r->result->status;
	int err = release_verify(&r->ring, r->bundle, r->sig, &r->version, r->prehash, &diag);
	if (err == BUNDLE_ERR_VERSION)
		return refuse(r, STORE_CODE_NO_VERSION, "%s", diag.message);
	if (err == BUNDLE_ERR_IO)
		return refuse(r, STORE_CODE_FAILED, "%s", diag.message);
	if (err)
		return refuse(r, STORE_CODE_BAD_SIGNATURE, "%s", diag.message);
	release_version_format(&r->version, st->version);

	struct release_version have, from;
	char have_text[RELEASE_VERSION_TEXT], from_text[RELEASE_VERSION_TEXT];
	if (installed_version(r->opt, &have) && release_version_compare(&r->version, &have) <= 0) {
		release_version_format(&have, have_text);
		if (access(r->stick_rollback, F_OK) != 0)
			return refuse(r, STORE_CODE_NOT_NEWER,
				      "version %s is not newer than version %s shown now, and "
				      "there is no rollback permission (%s)",
				      st->version, have_text, STORE_BUNDLE RELEASE_ROLLBACK_SUFFIX);
		if ((err = release_verify_rollback(&r->ring, r->prehash, r->stick_rollback, &from,
						   &diag)))
			return refuse(r, STORE_CODE_BAD_SIGNATURE, "rollback permission: %s",
				      diag.message);
		release_version_format(&from, from_text);
		if (release_version_compare(&have, &from) > 0 ||
		    release_version_compare(&r->version, &have) == 0)
			return refuse(r, STORE_CODE_NOT_NEWER,
				      "version %s is shown now; the rollback permission lets "
				      "version %s replace version %s and older only",
				      have_text, st->version, from_text);
		r->rollback = true;
	}
	if ((err = install_check_content(r->bundle, &diag)))
		return refuse(r, STORE_CODE_DAMAGED, "%s", diag.message);
	step_done(STEP_VERIFIED);
	return 0;
}

/* Replaces the store symlink `name` by one to target (a relative path). */
static int relink(const char *store, const char *name, const char *target)
{
	char link[STORE_PATH_MAX], tmp[STORE_PATH_MAX];
	if (path_join(link, sizeof(link), store, name) ||
	    snprintf(tmp, sizeof(tmp), "%s.new", link) >= (int)sizeof(tmp))
		return -1;
	unlink(tmp);
	if (symlink(target, tmp) < 0 || rename(tmp, link) < 0)
		return -1;
	return 0;
}

/* Publishes the checked copy and points current at it, previous at the old one. */
static int switch_stage(struct run *r)
{
	const char *store = r->opt->store_dir;
	char name[RELEASE_VERSION_TEXT + 16], bundles[STORE_PATH_MAX], final[STORE_PATH_MAX],
	    target[STORE_PATH_MAX], old[256];
	path_fmt(name, sizeof(name), "%s-%02x%02x%02x%02x", r->result->status.version,
		 r->prehash[0], r->prehash[1], r->prehash[2], r->prehash[3]);
	path_join(bundles, sizeof(bundles), store, STORE_BUNDLES);
	path_join(final, sizeof(final), bundles, name);
	path_fmt(target, sizeof(target), "%s/%s", STORE_BUNDLES, name);
	if (mkdir(bundles, 0755) < 0 && errno != EEXIST)
		return refuse(r, STORE_CODE_FAILED, "%s: cannot make: %s", bundles,
			      strerror(errno));
	/* The same bundle may still be here as previous (going back to it). */
	if (access(final, F_OK) == 0) {
		remove_bundle_dir(r->incoming);
	} else if (rename(r->incoming, final) < 0) {
		return refuse(r, STORE_CODE_FAILED, "%s: cannot publish: %s", final,
			      strerror(errno));
	}
	r->incoming[0] = 0;
	step_done(STEP_PUBLISH);
	if (durable_sync_dir(bundles, NULL))
		return refuse(r, STORE_CODE_FAILED, "%s: cannot flush", bundles);
	step_done(STEP_SYNC_BUNDLES);
	link_target(store, STORE_CURRENT, old, sizeof(old));
	if (old[0] && strcmp(old, name)) {
		char prev[STORE_PATH_MAX];
		path_fmt(prev, sizeof(prev), "%s/%s", STORE_BUNDLES, old);
		if (relink(store, STORE_PREVIOUS, prev) < 0)
			return refuse(r, STORE_CODE_FAILED, "%s/%s: cannot link: %s", store,
				      STORE_PREVIOUS, strerror(errno));
	}
	step_done(STEP_LINK_PREVIOUS);
	if (relink(store, STORE_CURRENT, target) < 0)
		return refuse(r, STORE_CODE_FAILED, "%s/%s: cannot link: %s", store, STORE_CURRENT,
			      strerror(errno));
	step_done(STEP_LINK_CURRENT);
	if (durable_sync_dir(store, NULL))
		return refuse(r, STORE_CODE_FAILED, "%s: cannot flush", store);
	step_done(STEP_SYNC_STORE);
	return 0;
}

/* Finds the stick's files; false (nothing offered) when there is no bundle. */
static bool find_offer(struct run *r)
{
	const char *src = r->opt->source_dir;
	path_fmt(r->stick_bundle, sizeof(r->stick_bundle), "%s/%s/%s", src, INSTALL_STICK_DIR,
		 STORE_BUNDLE);
	path_fmt(r->stick_sig, sizeof(r->stick_sig), "%s%s", r->stick_bundle, RELEASE_SIG_SUFFIX);
	path_fmt(r->stick_rollback, sizeof(r->stick_rollback), "%s%s", r->stick_bundle,
		 RELEASE_ROLLBACK_SUFFIX);
	struct stat st;
	return lstat(r->stick_bundle, &st) == 0 && S_ISREG(st.st_mode);
}

/* Everything before the copy: keys, signature present, room. */
static int precheck_stage(struct run *r)
{
	struct bundle_diag diag = { { 0 } };
	if (release_keyring_load(r->opt->keys_dir, &r->ring, &diag))
		return refuse(r, STORE_CODE_NO_KEYS, "the kiosk's keys are unusable: %s",
			      diag.message);
	if (r->ring.count == 0)
		return refuse(r, STORE_CODE_NO_KEYS,
			      "this kiosk has no public keys in %s, so it takes no bundles "
			      "from a USB stick",
			      r->opt->keys_dir);
	struct stat sig, b;
	if (lstat(r->stick_sig, &sig) < 0 || !S_ISREG(sig.st_mode))
		return refuse(r, STORE_CODE_UNSIGNED, "%s: no signature beside the bundle",
			      r->stick_sig);
	struct statvfs fs;
	if (stat(r->stick_bundle, &b) == 0 && statvfs(r->opt->store_dir, &fs) == 0 &&
	    (unsigned long long)fs.f_bavail * fs.f_frsize <
		(unsigned long long)b.st_size + sig.st_size + INSTALL_SPARE_BYTES)
		return refuse(r, STORE_CODE_NO_SPACE,
			      "the bundle has %lld bytes, the data partition has %llu free",
			      (long long)b.st_size, (unsigned long long)fs.f_bavail * fs.f_frsize);
	return 0;
}

int install_from(const struct install_options *opt, struct install_result *result)
{
	memset(result, 0, sizeof(*result));
	struct run *r = calloc(1, sizeof(*r));
	if (!r)
		return -1;
	r->opt = opt;
	r->result = result;
	struct bundle_diag diag = { { 0 } };
	int rc = -1;
	/* Two sticks at once are taken one after the other. */
	char lock_path[STORE_PATH_MAX];
	path_fmt(lock_path, sizeof(lock_path), "%s/.lock", opt->store_dir);
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock < 0) {
		logger_printf(opt->log, LOG_LEVEL_ERROR, "%s: cannot open: %s", lock_path,
			      strerror(errno));
		goto out_free;
	}
	if (flock(lock, LOCK_EX) < 0) {
		logger_printf(opt->log, LOG_LEVEL_ERROR, "%s: cannot lock: %s", lock_path,
			      strerror(errno));
		goto out_unlock;
	}
	if (!find_offer(r)) {
		logger_printf(opt->log, LOG_LEVEL_INFO, "no %s/%s on %s: nothing to do",
			      INSTALL_STICK_DIR, STORE_BUNDLE, opt->source_dir);
		rc = 0;
		goto out_unlock;
	}
	result->offered = true;
	struct store_status old;
	if (store_status_read(opt->store_dir, &old, NULL) == BUNDLE_OK)
		result->status.seq = old.seq;
	result->status.seq++;

	if (install_clean(opt->store_dir, &diag)) {
		logger_printf(opt->log, LOG_LEVEL_ERROR, "%s", diag.message);
		goto out_unlock;
	}
	step_done(STEP_CLEAN);
	if (!precheck_stage(r) && !copy_stage(r) && !check_stage(r) && !switch_stage(r)) {
		result->status.installed = true;
		result->status.code = r->rollback ? STORE_CODE_ROLLED_BACK : STORE_CODE_INSTALLED;
		path_fmt(result->status.detail, sizeof(result->status.detail),
			 "%s version %s from %s", r->rollback ? "went back to" : "installed",
			 result->status.version, r->stick_bundle);
		logger_printf(opt->log, LOG_LEVEL_INFO, "%s", result->status.detail);
	}
	if (r->incoming[0])
		remove_bundle_dir(r->incoming);
	if (store_status_write(opt->store_dir, &result->status, &diag)) {
		logger_printf(opt->log, LOG_LEVEL_ERROR, "%s", diag.message);
		goto out_unlock;
	}
	step_done(STEP_STATUS);
	install_clean(opt->store_dir, NULL);
	step_done(STEP_DONE);
	rc = 0;
out_unlock:
	close(lock);
out_free:
	free(r);
	return rc;
}
