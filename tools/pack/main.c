/* foyer-pack: the editors' tool.  Turns a content folder into a bundle, checks
 * one, and describes bundles.  Messages follow "path:line: error: message". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle/bundle-writer.h"
#include "pack/content.h"
#include "pack/inspect.h"
#include "pack/report.h"
#include "pack/signing.h"

static void usage(FILE *f)
{
	fputs("usage: foyer-pack build DIR -o FILE   build a bundle from a content folder\n"
	      "       foyer-pack check DIR           validate a content folder only\n"
	      "       foyer-pack info FILE           describe and verify a bundle\n"
	      "       foyer-pack ls FILE             list page ids, start page first\n"
	      "       foyer-pack sign FILE -s SECRETKEY [--version YYYY-MM-DD.N]\n"
	      "                                      write FILE.minisig (minisign's format)\n"
	      "       foyer-pack sign FILE -s SECRETKEY --rollback-from YYYY-MM-DD.N\n"
	      "                                      write FILE.rollback.minisig: FILE may\n"
	      "                                      replace that version and older ones\n"
	      "       foyer-pack verify FILE -p PUBKEY [-x SIGFILE]\n"
	      "                                      check FILE's signature and version\n",
	      f);
}

static int summarise(const struct report *r, const char *what)
{
	if (r->errors)
		fprintf(stderr, "foyer-pack: %zu error%s, %zu warning%s: %s\n", r->errors,
			r->errors == 1 ? "" : "s", r->warnings, r->warnings == 1 ? "" : "s", what);
	else if (r->warnings)
		fprintf(stderr, "foyer-pack: %zu warning%s\n", r->warnings,
			r->warnings == 1 ? "" : "s");
	return r->errors ? 1 : 0;
}

static int cmd_check(const char *dir)
{
	struct report r = { .out = stderr };
	content_pack(dir, NULL, &r, NULL);
	int rc = summarise(&r, "the content folder has problems");
	if (!rc)
		printf("%s: ok\n", dir);
	report_release(&r);
	return rc;
}

static int cmd_build(const char *dir, const char *out)
{
	struct report r = { .out = stderr };
	struct bundle_writer *w = bundle_writer_new();
	if (!w) {
		fputs("foyer-pack: out of memory\n", stderr);
		return 1;
	}
	int rc = 1;
	if (content_pack(dir, NULL, &r, w) == 0) {
		struct bundle_diag diag = { { 0 } };
		if (bundle_writer_to_file(w, out, &diag) != 0)
			report_error(&r, out, 0, "%s", diag.message);
	}
	rc = summarise(&r, "no bundle written");
	if (!rc)
		printf("%s: written\n", out);
	bundle_writer_free(w);
	report_release(&r);
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

int main(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	if (argc == 5 && !strcmp(argv[1], "build") && !strcmp(argv[3], "-o"))
		return cmd_build(argv[2], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "build") && !strcmp(argv[2], "-o"))
		return cmd_build(argv[4], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "check"))
		return cmd_check(argv[2]);
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
