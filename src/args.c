/* args: the command line, one table row per option; see args.h. */
#include "args.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/picture.h"
#include "panel.h"

/* The smallest output that still holds the bar and one line of text. */
#define ARGS_MIN_SIDE 64

enum arg_kind {
	ARG_FLAG,       /* sets a bool */
	ARG_STRING,     /* takes the next argument */
	ARG_SIZE,       /* WxH */
	ARG_TEXT_SCALE, /* 1..PANEL_TEXT_SCALES */
	ARG_CONTRAST,   /* normal | high */
	ARG_PANEL_MM,   /* WxH in millimetres */
};

static const struct {
	const char *name;
	enum arg_kind kind;
	size_t offset;
} options[] = {
	{ "--bundle", ARG_STRING, offsetof(struct args, bundle) },
	{ "--config", ARG_STRING, offsetof(struct args, config) },
	{ "--screenshot", ARG_STRING, offsetof(struct args, screenshot) },
	{ "--page", ARG_STRING, offsetof(struct args, page) },
	{ "--lang", ARG_STRING, offsetof(struct args, lang) },
	{ "--replay", ARG_STRING, offsetof(struct args, replay) },
	{ "--out", ARG_STRING, offsetof(struct args, out) },
	{ "--store", ARG_STRING, offsetof(struct args, store) },
	{ "--keys", ARG_STRING, offsetof(struct args, keys) },
	{ "--size", ARG_SIZE, 0 },
	{ "--text-scale", ARG_TEXT_SCALE, 0 },
	{ "--contrast", ARG_CONTRAST, 0 },
	{ "--panel-mm", ARG_PANEL_MM, 0 },
	{ "--audio-out", ARG_STRING, offsetof(struct args, audio_out) },
	{ "--sheet", ARG_STRING, offsetof(struct args, sheet) },
	{ "--notes", ARG_STRING, offsetof(struct args, notes) },
	{ "--watch", ARG_STRING, offsetof(struct args, watch) },
	{ "--fullscreen", ARG_FLAG, offsetof(struct args, fullscreen) },
};

void args_usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: foyer [--bundle FILE] [--config FILE] [--fullscreen] [--size WxH]\n"
	    "             [--store DIR] [--keys DIR]   bundles from USB sticks, signed\n"
	    "       foyer --bundle FILE --screenshot OUT.png [--page ID] [--lang LL] --size WxH\n"
	    "             [--text-scale 1|2|3] [--contrast normal|high] [--panel-mm WxH]\n"
	    "             [--audio-out FILE.wav]\n"
	    "       foyer --bundle FILE --replay SCRIPT --size WxH [--out DIR] [--config FILE]\n"
	    "             [--audio-out FILE.wav] and the options of --screenshot\n"
	    "       foyer --bundle FILE --sheet OUT.png [--size WxH[,WxH...]] [--notes FILE]\n"
	    "             every page in every language and size on one picture\n"
	    "       foyer --watch DIR [--size WxH]   a content folder in a window, rebuilt\n"
	    "             and reloaded on every save\n");
}

static bool parse_side(const char *s, char **end, int *out)
{
	long v;

	errno = 0;
	v = strtol(s, end, 10);
	if (errno || *end == s || v < ARGS_MIN_SIDE || v > PIXEL_MAX_SIDE)
		return false;
	*out = (int)v;
	return true;
}

/* "WxH" or "WxH,WxH,...": every size into a->sizes, the first as width x height. */
static bool parse_sizes(struct args *a, const char *s)
{
	char *end;

	a->size_count = 0;
	for (;;) {
		int *wh;

		if (a->size_count == ARGS_MAX_SIZES)
			return false;
		wh = a->sizes[a->size_count++];
		if (!parse_side(s, &end, &wh[0]) || *end != 'x' ||
		    !parse_side(end + 1, &end, &wh[1]))
			return false;
		if (*end != ',')
			break;
		s = end + 1;
	}
	a->width = a->sizes[0][0];
	a->height = a->sizes[0][1];
	return !*end;
}

/* One option's value into a; 0, or -1 after a message naming what is wanted. */
static int parse_value(struct args *a, enum arg_kind kind, size_t offset, const char *v, FILE *err)
{
	switch (kind) {
	case ARG_FLAG:
		break;
	case ARG_STRING:
		*(const char **)((char *)a + offset) = v;
		break;
	case ARG_SIZE:
		if (parse_sizes(a, v)) {
			a->size_given = true;
			break;
		}
		fprintf(err,
			"foyer: --size wants WxH between %dx%d and %dx%d, e.g. 1920x1080 "
			"(--sheet: up to %d of them, e.g. 1920x1080,1080x1920)\n",
			ARGS_MIN_SIDE, ARGS_MIN_SIDE, PIXEL_MAX_SIDE, PIXEL_MAX_SIDE,
			ARGS_MAX_SIZES);
		return -1;
	case ARG_TEXT_SCALE:
		if (v[0] >= '1' && v[0] < '1' + PANEL_TEXT_SCALES && !v[1]) {
			a->text_scale = v[0] - '0';
			break;
		}
		fprintf(err, "foyer: --text-scale wants 1, 2 or 3\n");
		return -1;
	case ARG_CONTRAST:
		if (strcmp(v, "normal") == 0 || strcmp(v, "high") == 0) {
			a->high_contrast = v[0] == 'h';
			break;
		}
		fprintf(err, "foyer: --contrast wants normal or high\n");
		return -1;
	case ARG_PANEL_MM:
		if (panel_parse_mm(v, &a->panel_w_mm, &a->panel_h_mm))
			break;
		fprintf(
		    err,
		    "foyer: --panel-mm wants the panel's width and height in mm, e.g. 476x268\n");
		return -1;
	}
	return 0;
}

enum args_result args_parse(struct args *a, int argc, char **argv, FILE *out, FILE *err)
{
	*a = (struct args){ .width = 1280, .height = 720 };
	for (int i = 1; i < argc; i++) {
		size_t k = 0;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			args_usage(out);
			return ARGS_HELP;
		}
		while (k < sizeof(options) / sizeof(options[0]) && strcmp(argv[i], options[k].name))
			k++;
		if (k == sizeof(options) / sizeof(options[0])) {
			fprintf(err, "foyer: unknown option '%s'\n", argv[i]);
			args_usage(err);
			return ARGS_ERROR;
		}
		if (options[k].kind == ARG_FLAG) {
			*(bool *)((char *)a + options[k].offset) = true;
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(err, "foyer: %s needs a value\n", argv[i]);
			args_usage(err);
			return ARGS_ERROR;
		}
		i++;
		if (parse_value(a, options[k].kind, options[k].offset, argv[i], err) != 0)
			return ARGS_ERROR;
	}
	if (a->size_count > 1 && !a->sheet) {
		fprintf(err, "foyer: only --sheet takes several sizes\n");
		return ARGS_ERROR;
	}
	return ARGS_OK;
}
