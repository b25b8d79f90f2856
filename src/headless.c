/* headless: software rendering onto a surface; see headless.h. */
#include "headless.h"

#include <stdlib.h>
#include <string.h>

#include "audio.h"
#include "snapshot.h"

int headless_open(struct headless *h, int out_w, int out_h, enum rotation rotation)
{
	*h = (struct headless){ 0 };
	/* RGBA32 is what snapshot_write_png writes: no second full-screen copy */
	h->surface = snapshot_surface_new(out_w, out_h);
	if (!h->surface)
		return -1;
	h->renderer = SDL_CreateSoftwareRenderer(h->surface);
	if (!h->renderer) {
		snapshot_surface_free(h->surface);
		return -1;
	}
	if (output_init(&h->out, h->renderer, rotation) != 0) {
		headless_close(h);
		return -1;
	}
	return 0;
}

void headless_close(struct headless *h)
{
	output_close(&h->out);
	if (h->renderer)
		SDL_DestroyRenderer(h->renderer);
	snapshot_surface_free(h->surface);
	*h = (struct headless){ 0 };
}

int headless_shot(struct headless *h, struct app *app, const char *path)
{
	output_present(&h->out, app);
	return snapshot_write_png(h->surface, path);
}

double headless_lit_fraction(const struct headless *h)
{
	const SDL_Surface *s = h->surface;
	long lit = 0;

	for (int y = 0; y < s->h; y++) {
		const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;

		/* RGBA32: anything above near-black in R, G or B is light */
		for (int x = 0; x < s->w; x++)
			lit += row[4 * x] > 16 || row[4 * x + 1] > 16 || row[4 * x + 2] > 16;
	}
	return s->w && s->h ? (double)lit / ((double)s->w * s->h) : 0;
}

long headless_diff(const struct headless *a, const struct headless *b, int delta)
{
	const SDL_Surface *sa = a->surface, *sb = b->surface;
	long n = 0;

	if (sa->w != sb->w || sa->h != sb->h)
		return -1;
	for (int y = 0; y < sa->h; y++) {
		const uint8_t *ra = (const uint8_t *)sa->pixels + (size_t)y * (size_t)sa->pitch;
		const uint8_t *rb = (const uint8_t *)sb->pixels + (size_t)y * (size_t)sb->pitch;

		for (int x = 0; x < 4 * sa->w; x += 4)
			for (int c = 0; c < 3; c++)
				if (abs(ra[x + c] - rb[x + c]) > delta) {
					n++;
					break;
				}
	}
	return n;
}

/* Shows what was asked for: 0, 1 (broken bundle) or 2 (no such page). */
static int show(struct app *app, const struct args *args, const struct app_options *opt,
		const struct logger *log)
{
	struct app_snapshot s;
	const char *page, *lang;

	app_snapshot(app, &s);
	if (s.broken)
		return 1;
	if (!args->page && !args->lang)
		return 0;
	page = args->page ? args->page : s.page; /* the start page, just opened */
	lang = args->lang ? args->lang : s.langs[0];
	if (app_show(app, page, lang, 0))
		return 0;
	logger_printf(log, LOG_LEVEL_ERROR, "%s: no page '%s' in language '%s'", opt->bundle_path,
		      page, lang);
	return 2;
}

int headless_screenshot(const struct args *args, const struct app_options *opt,
			const struct logger *log)
{
	struct headless h;
	struct app *app;
	struct app_options app_opt = *opt;
	uint64_t t0 = SDL_GetPerformanceCounter();
	char why[256] = "";
	int rc;

	if (headless_open(&h, args->width, args->height, ROTATION_0) != 0) {
		logger_printf(log, LOG_LEVEL_ERROR, "cannot set up a software renderer: %s",
			      SDL_GetError());
		return 2;
	}
	/* one frame plays nothing: a WAV of no samples, when asked for one */
	if (args->audio_out &&
	    !(app_opt.audio = audio_open_wav(args->audio_out, 0, why, sizeof(why)))) {
		logger_printf(log, LOG_LEVEL_ERROR, "%s: %s", args->audio_out, why);
		headless_close(&h);
		return 2;
	}
	app = app_new(&app_opt, h.renderer, h.out.w, h.out.h, 0);
	if (!app) {
		logger_printf(log, LOG_LEVEL_ERROR, "%s", SDL_GetError());
		if (app_opt.audio)
			audio_close(app_opt.audio, 0, why, sizeof(why));
		headless_close(&h);
		return 2;
	}
	rc = show(app, args, opt, log);
	if (rc != 2) {
		output_present(&h.out, app);
		/* the first frame, from the start of this mode (FOYER_TIMING: docs/kiosk.md) */
		if (getenv("FOYER_TIMING"))
			logger_printf(log, LOG_LEVEL_INFO, "first frame after %.1f ms",
				      (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
					  (double)SDL_GetPerformanceFrequency());
		if (snapshot_write_png(h.surface, args->screenshot) != 0) {
			logger_printf(log, LOG_LEVEL_ERROR, "cannot write %s: %s", args->screenshot,
				      SDL_GetError());
			rc = 2;
		}
	}
	app_free(app);
	if (app_opt.audio && audio_close(app_opt.audio, 0, why, sizeof(why)) != 0) {
		logger_printf(log, LOG_LEVEL_ERROR, "%s: %s", args->audio_out, why);
		rc = 2;
	}
	headless_close(&h);
	return rc;
}
