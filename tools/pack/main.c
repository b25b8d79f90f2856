/* foyer-pack: the editors' tool.  Turns a content folder into a bundle, checks
 * one, and describes bundles.  Messages follow "path:line: error: message". */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle/bundle-writer.h"
#include "pack/cache.h"
#include "pack/content.h"
#include "pack/inspect.h"
#include "pack/preview.h"
#include "pack/report.h"
#include "pack/signing.h"

static void usage(FILE *f)
{
	fputs("usage: foyer-pack build DIR -o FILE   build a bundle from a content folder\n"
	      "       foyer-pack check DIR           validate a content folder only\n"
	      "       foyer-pack preview DIR -o SHEET.png [--size WxH[,WxH...]]\n"
	      "                                      every page in every language at the\n"
	      "                                      kiosk's sizes (" PREVIEW_SIZES " and\n"
	      "                                      those listed) on one picture, drawn by\n"
	      "                                      the kiosk, warnings marked\n"
	      "       foyer-pack info FILE           describe and verify a bundle\n"
	      "       foyer-pack ls FILE             list page ids, start page first\n"
	      "       foyer-pack sign FILE -s SECRETKEY [--version YYYY-MM-DD.N]\n"
	      "                                      write FILE.minisig (minisign's format)\n"
	      "       foyer-pack sign FILE -s SECRETKEY --rollback-from YYYY-MM-DD.N\n"
	      "                                      write FILE.rollback.minisig: FILE may\n"
	      "                                      replace that version and older ones\n"
	      "       foyer-pack verify FILE -p PUBKEY [-x SIGFILE]\n"
	      "                                      check FILE's signature and version\n"
	      "options for build, check and preview:\n"
	      "       --cache DIR   keep converted pictures and hyphenation tables here\n"
	      "                     (default: $FOYER_PACK_CACHE, else ~/.cache/foyer-pack)\n"
	      "       --no-cache    convert everything afresh\n"
	      "       --draft       (build) compress lightly: faster, a larger bundle, for\n"
	      "                     a look at it (foyer --watch), not for the kiosks\n",
	      f);
}

/* "6 pages in 2 languages, 7 pictures": what a run found, for its last line. */
static void describe(char *buf, size_t n, const struct content_summary *s)
{
	snprintf(buf, n, "%zu page%s in %zu language%s, %zu picture%s", s->pages,
		 s->pages == 1 ? "" : "s", s->languages, s->languages == 1 ? "" : "s", s->pictures,
		 s->pictures == 1 ? "" : "s");
}

static int summarise(const struct report *r, const char *what)
{
	if (r->errors)
		fprintf(stderr, "foyer-pack: %zu error%s, %zu warning%s: %s\n", r->errors,
			r->errors == 1 ? "" : "s", r->warnings, r->warnings == 1 ? "" : "s", what);
	return r->errors ? 1 : 0;
}

static const char *warnings_words(const struct report *r, char *buf, size_t n)
{
	if (!r->warnings)
		return "no warnings";
	snprintf(buf, n, "%zu warning%s (above)", r->warnings, r->warnings == 1 ? "" : "s");
	return buf;
}

struct run {
	struct report r;
	struct content_options opt;
	struct content_summary sum;
};

static void run_begin(struct run *run, const char *cache_dir, int use_cache)
{
	memset(run, 0, sizeof(*run));
	run->r.out = stderr;
	run->r.tty = isatty(STDERR_FILENO);
	if (use_cache) {
		char *dir = cache_dir ? strdup(cache_dir) : cache_default_dir();
		run->opt.cache = cache_open(dir);
		free(dir);
	}
}

static void run_end(struct run *run)
{
	cache_close(run->opt.cache);
	report_release(&run->r);
}

static int cmd_check(const char *dir, const char *cache_dir, int use_cache)
{
	struct run run;
	char summary[128], warn[64];
	run_begin(&run, cache_dir, use_cache);
	content_pack_summary(dir, &run.opt, &run.r, NULL, &run.sum);
	int rc = summarise(&run.r, "the content folder has problems");
	if (!rc) {
		describe(summary, sizeof(summary), &run.sum);
		printf("%s: ok: %s, %s\n", dir, summary,
		       warnings_words(&run.r, warn, sizeof(warn)));
	}
	run_end(&run);
	return rc;
}

/* A Ctrl-C (or SIGTERM, SIGHUP) during the write of the bundle takes effect once
 * the temporary file is either renamed into place or removed, never leaving
 * "out.fpk.tmp.XXXXXX" behind; at any other time it ends foyer-pack at once.  A
 * handler rather than a blocked mask: espeak-ng runs threads of its own, and a
 * signal goes to any thread that does not block it.  (The write is one buffer
 * and an fsync: it holds the signal for well under a second.) */
static volatile sig_atomic_t writing, held_signal;

static void on_signal(int sig)
{
	if (writing) {
		held_signal = sig;
		return;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction sa, old;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		/* a signal the caller ignores (nohup, a background job) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
}

static int write_bundle(struct bundle_writer *w, const char *out, struct bundle_diag *diag)
{
	writing = 1;
	int err = bundle_writer_to_file(w, out, diag);
	writing = 0;
	if (held_signal) {
		signal(held_signal, SIG_DFL);
		raise(held_signal);
	}
	return err;
}

static int cmd_build(const char *dir, const char *out, const char *cache_dir, int use_cache,
		     int draft)
{
	struct run run;
	struct bundle_diag diag = { { 0 } };
	char summary[128], warn[64];
	/* a device or FIFO as -o is said before minutes of work, not after */
	if (bundle_writer_check_path(out, &diag) != BUNDLE_OK) {
		fprintf(stderr, "%s: error: %s\nfoyer-pack: 1 error: no bundle written\n", out,
			diag.message);
		return 1;
	}
	struct bundle_writer *w = bundle_writer_new();
	if (!w) {
		fputs("foyer-pack: out of memory\n", stderr);
		return 1;
	}
	if (draft)
		bundle_writer_set_level(w, BUNDLE_DRAFT_LEVEL);
	run_begin(&run, cache_dir, use_cache);
	catch_signals();
	if (content_pack_summary(dir, &run.opt, &run.r, w, &run.sum) == 0 &&
	    write_bundle(w, out, &diag) != 0)
		report_error(&run.r, out, 0, "%s", diag.message);
	int rc = summarise(&run.r, "no bundle written");
	if (!rc) {
		struct stat st;
		describe(summary, sizeof(summary), &run.sum);
		if (stat(out, &st) != 0)
			st.st_size = 0;
		printf("%s: written: %s, %.1f MB, %s\n", out, summary, (double)st.st_size / 1e6,
		       warnings_words(&run.r, warn, sizeof(warn)));
	}
	bundle_writer_free(w);
	run_end(&run);
	return rc;
}

/* foyer-pack sign FILE -s KEY [--version V | --rollback-from V] */
static int cmd_sign(int argc, char **argv)
{
	struct signing_options opt = { .now = (long long)time(NULL) };
	for (int i = 2; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(argv[i], "-s") && v)
			opt.secret_key = argv[++i];
		else if (!strcmp(argv[i], "--version") && v)
			opt.version = argv[++i];
		else if (!strcmp(argv[i], "--rollback-from") && v)
			opt.rollback_from = argv[++i];
		else if (argv[i][0] != '-' && !opt.bundle)
			opt.bundle = argv[i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!opt.bundle || !opt.secret_key || (opt.version && opt.rollback_from)) {
		usage(stderr);
		return 2;
	}
	return signing_sign(&opt, stdout, stderr);
}

/* foyer-pack verify FILE -p PUBKEY [-x SIGFILE] */
static int cmd_verify(int argc, char **argv)
{
	const char *file = NULL, *pub = NULL, *sig = NULL;
	for (int i = 2; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(argv[i], "-p") && v)
			pub = argv[++i];
		else if (!strcmp(argv[i], "-x") && v)
			sig = argv[++i];
		else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!file || !pub) {
		usage(stderr);
		return 2;
	}
	return signing_verify(file, pub, sig, stdout, stderr);
}

/* The temporary folder of a preview: its bundle and notes, removed after. */
struct preview_tmp {
	char dir[PATH_MAX - 32], bundle[PATH_MAX], notes[PATH_MAX];
};

static int preview_tmp_make(struct preview_tmp *t)
{
	const char *base = getenv("TMPDIR");

	snprintf(t->dir, sizeof(t->dir), "%s/foyer-preview.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(t->dir)) {
		fprintf(stderr, "foyer-pack: cannot make a temporary folder in %s: %s\n",
			base && *base ? base : "/tmp", strerror(errno));
		return -1;
	}
	snprintf(t->bundle, sizeof(t->bundle), "%s/content.fpk", t->dir);
	snprintf(t->notes, sizeof(t->notes), "%s/notes.tsv", t->dir);
	return 0;
}

static void preview_tmp_remove(struct preview_tmp *t)
{
	remove(t->bundle);
	remove(t->notes);
	rmdir(t->dir);
}

static int write_notes(const char *dir, const struct report *r, const char *path)
{
	FILE *f = fopen(path, "w");
	int rc = f ? preview_notes(dir, r, f) : -1;

	if ((f && fclose(f) != 0) || rc != 0) {
		fprintf(stderr, "foyer-pack: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Built as `build` builds (the same messages, the same cache), into t; then
 * drawn by the kiosk.  Returns the exit status. */
static int preview_in(struct preview_tmp *t, const char *dir, const char *out, const char *sizes,
		      struct run *run)
{
	struct bundle_diag diag = { { 0 } };
	struct bundle_writer *w = bundle_writer_new();
	char summary[128], warn[64];

	if (!w) {
		fputs("foyer-pack: out of memory\n", stderr);
		return 1;
	}
	bundle_writer_set_level(w, BUNDLE_DRAFT_LEVEL); /* read once, then removed */
	if (content_pack_summary(dir, &run->opt, &run->r, w, &run->sum) == 0 &&
	    bundle_writer_to_file(w, t->bundle, &diag) != 0)
		report_error(&run->r, t->bundle, 0, "%s", diag.message);
	bundle_writer_free(w);
	if (summarise(&run->r, "no sheet written"))
		return 1;
	if (write_notes(dir, &run->r, t->notes) != 0 ||
	    preview_draw(t->bundle, t->notes, sizes, out, stderr) != 0) {
		fputs("foyer-pack: no sheet written\n", stderr);
		return 1;
	}
	describe(summary, sizeof(summary), &run->sum);
	printf("%s: written: %s at %s, %s\n", out, summary, sizes,
	       warnings_words(&run->r, warn, sizeof(warn)));
	return 0;
}

static int cmd_preview(const char *dir, const char *out, const char *extra, const char *cache_dir,
		       int use_cache)
{
	struct bundle_diag diag = { { 0 } };
	struct preview_tmp t;
	struct run run;
	char sizes[256];
	int rc;

	if (!preview_sizes(extra, sizes, sizeof(sizes))) {
		fprintf(stderr, "foyer-pack: --size lists too many sizes\n");
		return 2;
	}
	if (bundle_writer_check_path(out, &diag) != BUNDLE_OK) {
		fprintf(stderr, "%s: error: %s\nfoyer-pack: 1 error: no sheet written\n", out,
			diag.message);
		return 1;
	}
	if (preview_tmp_make(&t) != 0)
		return 1;
	run_begin(&run, cache_dir, use_cache);
	/* a Ctrl-C takes effect once the temporary folder is gone */
	catch_signals();
	writing = 1;
	rc = preview_in(&t, dir, out, sizes, &run);
	preview_tmp_remove(&t);
	writing = 0;
	run_end(&run);
	if (held_signal) {
		signal(held_signal, SIG_DFL);
		raise(held_signal);
	}
	return rc;
}

int main(int argc, char **argv)
{
	const char *cache_dir = NULL, *out = NULL, *sizes = NULL, *args[3] = { NULL };
	int use_cache = 1, draft = 0, nargs = 0;
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--cache") && i + 1 < argc)
			cache_dir = argv[++i];
		else if (!strcmp(argv[i], "--size") && i + 1 < argc)
			sizes = argv[++i];
		else if (!strcmp(argv[i], "--no-cache"))
			use_cache = 0;
		else if (!strcmp(argv[i], "--draft"))
			draft = 1;
		else if (nargs < 3)
			args[nargs++] = argv[i];
		else
			nargs++;
	}
	if (nargs == 2 && out && !strcmp(args[0], "build"))
		return cmd_build(args[1], out, cache_dir, use_cache, draft);
	if (nargs == 2 && out && !strcmp(args[0], "preview"))
		return cmd_preview(args[1], out, sizes, cache_dir, use_cache);
	if (nargs == 2 && !out && !strcmp(args[0], "check"))
		return cmd_check(args[1], cache_dir, use_cache);
	if (argc == 3 && !strcmp(argv[1], "info"))
		return inspect_info(argv[2], stdout, stderr) ? 1 : 0;
	if (argc == 3 && !strcmp(argv[1], "ls"))
		return inspect_ls(argv[2], stdout, stderr) ? 1 : 0;
	if (argc >= 3 && !strcmp(argv[1], "sign"))
		return cmd_sign(argc, argv);
	if (argc >= 3 && !strcmp(argv[1], "verify"))
		return cmd_verify(argc, argv);
	usage(stderr);
	return 2;
}
