/* args: foyer's command line (the contract is in DESIGN.md):
 *   foyer [--bundle FILE] [--config FILE] [--fullscreen] [--size WxH] [--store DIR] [--keys DIR]
 *   foyer --bundle FILE --screenshot OUT.png [--page ID] [--lang LL] --size WxH
 *         [--text-scale 1|2|3] [--contrast normal|high] [--panel-mm WxH]
 *   foyer --bundle FILE --replay SCRIPT --size WxH [--out DIR]
 *   foyer --bundle FILE --sheet OUT.png [--size WxH[,WxH...]] [--notes FILE]
 *   foyer --watch DIR [--size WxH] */
#ifndef FOYER_ARGS_H
#define FOYER_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Sizes one --size may list (the sheet's columns): a sheet wider than this
 * many kiosk formats side by side is no longer readable. */
#define ARGS_MAX_SIZES 6

struct args {
	const char *bundle, *config, *screenshot, *page, *lang, *replay, *out;
	/* content updates from USB sticks: the store foyer-update fills, the keys
	 * bundles must be signed with (bundle-source.h); NULL: neither */
	const char *store, *keys;
	int width, height;            /* --size; 1280x720 when not given; the first of a list */
	int sizes[ARGS_MAX_SIZES][2]; /* --size WxH,WxH...: every size listed */
	size_t size_count;            /* 0: --size not given */
	bool fullscreen, size_given;
	/* what a visitor can switch on, for the headless modes */
	int text_scale;                /* --text-scale 1|2|3; 0: not given */
	bool high_contrast;            /* --contrast high */
	double panel_w_mm, panel_h_mm; /* --panel-mm WxH; 0: not given */
	const char *audio_out;         /* --audio-out FILE.wav: what would have been played */
	/* --sheet OUT.png: every page in every language and size on one picture,
	 * with the warnings of --notes FILE marked (sheet.h) */
	const char *sheet, *notes;
	const char *watch; /* --watch DIR: rebuild and reload on every save (watch.h) */
};

enum args_result {
	ARGS_OK,
	ARGS_HELP,  /* --help was printed: exit 0 */
	ARGS_ERROR, /* a message was printed to err: exit 2 */
};

enum args_result args_parse(struct args *a, int argc, char **argv, FILE *out, FILE *err);
void args_usage(FILE *f);

#endif
