/* args: foyer's command line (the contract is in DESIGN.md):
 *   foyer [--bundle FILE] [--config FILE] [--fullscreen] [--size WxH]
 *   foyer --bundle FILE --screenshot OUT.png [--page ID] [--lang LL] --size WxH
 *         [--text-scale 1|2|3] [--contrast normal|high] [--panel-mm WxH]
 *   foyer --bundle FILE --replay SCRIPT --size WxH [--out DIR] */
#ifndef FOYER_ARGS_H
#define FOYER_ARGS_H

#include <stdbool.h>
#include <stdio.h>

struct args {
	const char *bundle, *config, *screenshot, *page, *lang, *replay, *out;
	int width, height; /* --size; 1280x720 when not given */
	bool fullscreen, size_given;
	/* what a visitor can switch on, for the headless modes */
	int text_scale;                /* --text-scale 1|2|3; 0: not given */
	bool high_contrast;            /* --contrast high */
	double panel_w_mm, panel_h_mm; /* --panel-mm WxH; 0: not given */
	const char *audio_out;         /* --audio-out FILE.wav: what would have been played */
};

enum args_result {
	ARGS_OK,
	ARGS_HELP,  /* --help was printed: exit 0 */
	ARGS_ERROR, /* a message was printed to err: exit 2 */
};

enum args_result args_parse(struct args *a, int argc, char **argv, FILE *out, FILE *err);
void args_usage(FILE *f);

#endif
