/* bundle-source: which bundle the kiosk shows, and noticing a new one.
 *
 * Candidates, best first: the store's `current` bundle (installed from a USB
 * stick by foyer-update), its `previous` one, then the FAT partition's bundle
 * (first installation, kiosks without keys).  With keys configured
 * (RELEASE_KEYS_DIR holds *.pub files) a candidate must carry a good signature
 * with a foyer-version; every candidate must open and decode its site and start
 * page.  A bundle that fails later, at run time, is reported with
 * bundle_source_mark_bad() and not chosen again by this process, so the kiosk
 * falls back to the last good one by itself.
 *
 * The store's folder is watched with inotify: bundle_source_fd() is a file
 * descriptor the main loop polls; when it is readable, bundle_source_poll()
 * says whether the updater finished an attempt (installed: reload; refused:
 * show why).  No SDL; messages go to the logger. */
#ifndef FOYER_BUNDLE_SOURCE_H
#define FOYER_BUNDLE_SOURCE_H

#include <stdbool.h>
#include <stdint.h>

#include "bundle/release.h"
#include "bundle/store.h"
#include "logger.h"

/* Bundles that failed at run time, remembered for the life of the process. */
#define BUNDLE_SOURCE_MAX_BAD 8

struct bundle_source_options {
	const char *store_dir;  /* STORE_DEFAULT_DIR; NULL: no store (desktop, tests) */
	const char *fat_bundle; /* the FAT partition's bundle (--bundle); may be NULL */
	const char *keys_dir;   /* RELEASE_KEYS_DIR; NULL: no keys */
	const struct logger *log;
};

enum bundle_origin {
	BUNDLE_ORIGIN_CURRENT,
	BUNDLE_ORIGIN_PREVIOUS,
	BUNDLE_ORIGIN_FAT,
	BUNDLE_ORIGIN_COUNT,
};

struct bundle_choice {
	enum bundle_origin origin;
	char path[STORE_PATH_MAX];          /* what to pass to bundle_open() */
	char version[RELEASE_VERSION_TEXT]; /* from its signature; "" when unsigned */
	bool verified;                      /* its signature was checked */
	/* the verdict: why this bundle, and why better candidates were passed over */
	char reason[768];
};

struct bundle_source {
	struct bundle_source_options opt;
	struct release_keyring ring;
	bool keys_configured; /* the keys folder has *.pub files (even broken ones) */
	bool keys_broken;     /* ... and one of them is unusable: nothing verifies */
	char keys_error[256];
	int inotify_fd; /* -1 without a store */
	unsigned long last_seq;
	char bad[BUNDLE_SOURCE_MAX_BAD][STORE_PATH_MAX]; /* resolved paths */
	unsigned bad_count;
};

/* Loads the keys and starts watching the store.  Returns 0; problems (broken
 * keys, no store) are logged and reflected in what choose() finds. */
int bundle_source_init(struct bundle_source *s, const struct bundle_source_options *opt);
void bundle_source_destroy(struct bundle_source *s);

bool bundle_source_keys_configured(const struct bundle_source *s);

/* Picks the best good candidate.  Returns 0 and fills *out, or -1 when none is
 * good (out->reason then says why each was refused: the out-of-order page and
 * the log show it). */
int bundle_source_choose(struct bundle_source *s, struct bundle_choice *out);

/* The chosen bundle failed at run time (cannot open, a page does not decode):
 * log why and never choose it again; call choose() for the next one. */
void bundle_source_mark_bad(struct bundle_source *s, const struct bundle_choice *c,
			    const char *why);

/* A descriptor that becomes readable when the store changes; -1 without one. */
int bundle_source_fd(const struct bundle_source *s);

enum bundle_source_event {
	BUNDLE_SOURCE_NOTHING,   /* nothing new for the visitor */
	BUNDLE_SOURCE_INSTALLED, /* a new bundle is current: choose() and switch */
	BUNDLE_SOURCE_REFUSED,   /* an offered bundle was refused: show why */
};

/* Drains the descriptor and reads the status the updater left; *st (may be
 * NULL) receives it for the banner (app_banner).  Never blocks. */
enum bundle_source_event bundle_source_poll(struct bundle_source *s, struct store_status *st);

#endif
