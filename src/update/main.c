/* foyer-update: installs a signed bundle from a USB stick into the kiosk's store.
 * Run as root by foyer-update@.service, which a udev rule starts when a vfat or
 * exfat stick appears; the kiosk itself stays unprivileged and notices the
 * result through the store (src/bundle/store.h).  Messages go to stderr (the
 * journal). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle-source.h"
#include "bundle/release.h"
#include "bundle/store.h"
#include "logger.h"
#include "update/install.h"
#include "update/stick.h"

#define DEFAULT_MOUNTPOINT "/run/foyer-update/stick"
#define DEFAULT_FAT_BUNDLE "/boot/firmware/content.fpk"

enum exit_status {
	EXIT_DONE = 0,    /* installed, or nothing on the stick for us */
	EXIT_REFUSED = 1, /* a bundle was offered and refused */
	EXIT_USAGE = 2,
	EXIT_BROKEN = 3, /* the stick or the store could not be used */
};

static void usage(FILE *f)
{
	fputs(
	    "usage: foyer-update --device DEV [--mountpoint DIR] [OPTIONS]\n"
	    "       foyer-update --from DIR [OPTIONS]   take DIR/foyer/content.fpk\n"
	    "       foyer-update --clean [OPTIONS]      remove leftovers of interrupted runs\n"
	    "       foyer-update --which [OPTIONS]      say which bundle the kiosk shows, and why\n"
	    "options: --store DIR (" STORE_DEFAULT_DIR "), --keys DIR (" RELEASE_KEYS_DIR "),\n"
	    "         --fat FILE (" DEFAULT_FAT_BUNDLE ")\n",
	    f);
#ifdef FOYER_UPDATE_FAULTS
	fputs("test build: --list-steps; " INSTALL_CUT_ENV "=STEP stops after STEP\n", f);
#endif
}

static void log_stderr(void *user, enum log_level level, const char *message)
{
	(void)user;
	fprintf(stderr, "foyer-update: %s: %s\n", logger_level_name(level), message);
}

/* --which: the kiosk's own choice (src/bundle-source.h), printed as
 * "PATH VERSION" on stdout (VERSION "-" when unsigned) and the verdict on stderr. */
static int print_choice(const struct install_options *opt)
{
	struct bundle_source src;
	struct bundle_source_options so = { opt->store_dir, opt->fat_bundle, opt->keys_dir,
					    opt->log };
	bundle_source_init(&src, &so);
	struct bundle_choice c;
	int rc = bundle_source_choose(&src, &c);
	if (!rc)
		printf("%s %s\n", c.path, c.version[0] ? c.version : "-");
	bundle_source_destroy(&src);
	return rc ? EXIT_REFUSED : EXIT_DONE;
}

int main(int argc, char **argv)
{
	struct install_options opt = {
		.store_dir = STORE_DEFAULT_DIR,
		.keys_dir = RELEASE_KEYS_DIR,
		.fat_bundle = DEFAULT_FAT_BUNDLE,
	};
	const char *device = NULL, *mountpoint = DEFAULT_MOUNTPOINT;
	int clean = 0, which = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--clean") || !strcmp(a, "--which")) {
			*(a[2] == 'c' ? &clean : &which) = 1;
			continue;
		}
#ifdef FOYER_UPDATE_FAULTS
		if (!strcmp(a, "--list-steps")) {
			for (unsigned s = 0; s < install_step_count; s++)
				puts(install_steps[s]);
			return EXIT_DONE;
		}
#endif
		if (!v) {
			usage(stderr);
			return EXIT_USAGE;
		}
		i++;
		if (!strcmp(a, "--device"))
			device = v;
		else if (!strcmp(a, "--mountpoint"))
			mountpoint = v;
		else if (!strcmp(a, "--from"))
			opt.source_dir = v;
		else if (!strcmp(a, "--store"))
			opt.store_dir = v;
		else if (!strcmp(a, "--keys"))
			opt.keys_dir = v;
		else if (!strcmp(a, "--fat"))
			opt.fat_bundle = v;
		else {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	struct logger log = { log_stderr, NULL };
	opt.log = &log;
	if (clean + which + !!device + !!opt.source_dir != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	struct bundle_diag diag = { { 0 } };
	if (clean) {
		if (install_clean(opt.store_dir, &diag)) {
			logger_printf(&log, LOG_LEVEL_ERROR, "%s", diag.message);
			return EXIT_BROKEN;
		}
		return EXIT_DONE;
	}
	if (which)
		return print_choice(&opt);
	const char *fstype = NULL;
	if (device) {
		/* Our own mount point under /run (a tmpfs), never one on the medium. */
		if (mkdir(mountpoint, 0700) < 0 && errno != EEXIST) {
			logger_printf(&log, LOG_LEVEL_ERROR, "%s: cannot make: %s", mountpoint,
				      strerror(errno));
			return EXIT_BROKEN;
		}
		if (stick_mount(device, mountpoint, &fstype, &diag)) {
			logger_printf(&log, LOG_LEVEL_INFO, "%s; ignored", diag.message);
			return EXIT_DONE;
		}
		logger_printf(&log, LOG_LEVEL_INFO, "%s mounted read-only (%s) at %s", device,
			      fstype, mountpoint);
		opt.source_dir = mountpoint;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct install_result result;
	int rc = install_from(&opt, &result);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (device && stick_unmount(mountpoint, &diag))
		logger_printf(&log, LOG_LEVEL_WARNING, "%s", diag.message);
	else if (device)
		logger_printf(&log, LOG_LEVEL_INFO, "%s unmounted; it may be pulled out", device);
	if (rc)
		return EXIT_BROKEN;
	if (result.offered)
		logger_printf(&log, LOG_LEVEL_INFO, "%s %s in %.2f s: %s",
			      result.status.installed ? "done" : "refused",
			      store_code_name(result.status.code),
			      (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
			      result.status.detail);
	return result.offered && !result.status.installed ? EXIT_REFUSED : EXIT_DONE;
}
