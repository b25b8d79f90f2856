/* typeset: measures the typography of every page of a bundle, as the kiosk lays
 * it out, at the four reference screens and in every language; and times the
 * layout.  The table in docs/kiosk.md ("Line breaking") is its output.
 *
 *   typeset stats BUNDLE CONTENT_DIR   one row per page, language and size:
 *       hyphenated lines, the longest run of them, broken names, widows
 *   typeset time BUNDLE ROUNDS         median layout time of each page and size
 *
 * A broken name is a line break inside a name: a hyphen inside a word of a name
 * listed in CONTENT_DIR/hyphenation/LANG.txt (a name line, or a word that never
 * breaks), a break between two words of a listed name, or on an English page a
 * hyphen inside a capitalised word that British English does not know
 * ("An-gelegenheiten").  A widow is a paragraph's or heading's last line that
 * holds one word, shorter than a third of the column, while the line before it
 * holds more. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle/bundle.h"
#include "bundle/page.h"
#include "bundle/site.h"
#include "layout.h"
#include "panel.h"
#include "pack/letters.h"
#include "pack/wordlist.h"

#define MAX_NAMES 512
#define MAX_WORD 128

static const struct {
	int w, h;
} sizes[] = { { 800, 480 }, { 1280, 720 }, { 1920, 1080 }, { 1080, 1920 } };

static const char *const face_entries[LAYOUT_FACE_COUNT] = {
	"font/regular",
	"font/bold",
	"font/italic",
	"font/bolditalic",
};

struct names {
	char *multi[MAX_NAMES]; /* name lines: "Signal Iduna Park" */
	size_t nmulti;
	char *words[MAX_NAMES]; /* words that never break ("Dortmund") */
	size_t nwords;
	struct wordlist *english; /* for English pages, else NULL */
};

static struct bundle *bundle;
static bool verbose; /* TYPESET_VERBOSE set: each widow and broken name on stderr */

static bool entry(const char *name, const uint8_t **data, size_t *size)
{
	const struct bundle_entry *e = bundle_find(bundle, name);
	struct bundle_diag diag;

	return e && bundle_entry_data(bundle, e, data, size, &diag) == BUNDLE_OK;
}

static bool image_size(void *ctx, const char *name, int *w, int *h)
{
	char path[300];
	const uint8_t *p;
	size_t size;

	(void)ctx;
	snprintf(path, sizeof(path), "image/%s", name);
	if (!entry(path, &p, &size) || size < 14 || memcmp(p, "qoif", 4) != 0)
		return false;
	*w = (int)((uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7]);
	*h = (int)((uint32_t)p[8] << 24 | (uint32_t)p[9] << 16 | (uint32_t)p[10] << 8 | p[11]);
	return *w > 0 && *h > 0;
}

static int open_fonts(struct layout_fonts *f, int body)
{
	const void *data[LAYOUT_FACE_COUNT] = { 0 };
	size_t size[LAYOUT_FACE_COUNT] = { 0 };

	for (int i = 0; i < LAYOUT_FACE_COUNT; i++) {
		const uint8_t *d;

		if (entry(face_entries[i], &d, &size[i]))
			data[i] = d;
	}
	return layout_fonts_init(f, data, size, body);
}

/* The kiosk's sizes on a w x h screen of the default panel (21.5", read from
 * 500 mm) at the normal text size: app.c's compute_metrics(). */
static int body_px(int w, int h)
{
	struct panel panel = { 0 };

	return layout_body_px(panel_min_text_px(&panel, w, h, LAYOUT_CAP_EM), panel_text_scale(1));
}

/* Lays page p out as the kiosk does on a w x h screen. */
static void lay_out(struct layout *l, const struct page *p, int w, int h)
{
	struct panel panel = { 0 };
	int body = body_px(w, h), x, cw, bar = (int)lround(body * 2.4);

	if (bar < panel_target_px(&panel, w, h))
		bar = panel_target_px(&panel, w, h);
	layout_text_column(w, body, &x, &cw);
	layout_page(l, p, x, cw, (h - bar) * 3 / 5);
}

static void read_names(struct names *n, const char *dir, const char *lang)
{
	char path[512], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/hyphenation/%s.txt", dir, lang);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f)) {
		bool name;

		line[strcspn(line, "\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		name = strchr(line, ' ') || strchr(line, '/');
		if (!name && (strchr(line, '-') || strchr(line, '=')))
			continue; /* a word with breaks of its own */
		if (name && n->nmulti < MAX_NAMES)
			n->multi[n->nmulti++] = strdup(line);
		else if (!name && n->nwords < MAX_NAMES)
			n->words[n->nwords++] = strdup(line);
	}
	if (f)
		fclose(f);
}

static void free_names(struct names *n)
{
	for (size_t i = 0; i < n->nmulti; i++)
		free(n->multi[i]);
	for (size_t i = 0; i < n->nwords; i++)
		free(n->words[i]);
	wordlist_free(n->english);
	memset(n, 0, sizeof(*n));
}

/* Strips what surrounds a word: quotes, brackets, punctuation, a possessive. */
static void bare(char *w)
{
	static const char *const strip[] = { "\xe2\x80\x99s", "'s",           "\xe2\x80\x9c",
					     "\xe2\x80\x9d",  "\xe2\x80\x9e", "\xe2\x80\x9a",
					     "\xe2\x80\x98",  "\xe2\x80\x99" };
	size_t n = strlen(w), start = 0;
	bool again = true;

	while (again) {
		again = false;
		while (n > 0 && strchr(".,;:!?()[]\"", w[n - 1])) {
			n--;
			again = true;
		}
		while (start < n && strchr("([\"", w[start])) {
			start++;
			again = true;
		}
		for (size_t k = 0; k < sizeof(strip) / sizeof(strip[0]); k++) {
			size_t m = strlen(strip[k]);

			if (n - start >= m && memcmp(w + n - m, strip[k], m) == 0) {
				n -= m;
				again = true;
			}
			if (n - start >= m && memcmp(w + start, strip[k], m) == 0 && m == 3) {
				start += m;
				again = true;
			}
		}
	}
	memmove(w, w + start, n - start);
	w[n - start] = 0;
}

static bool is_name_word(const struct names *n, const char *w)
{
	uint32_t cps[MAX_WORD];
	size_t k = 0;

	for (size_t i = 0; i < n->nwords; i++)
		if (strcmp(n->words[i], w) == 0)
			return true;
	if (!n->english || !*w)
		return false;
	for (size_t i = 0; w[i] && k < MAX_WORD;)
		i += letters_decode((const unsigned char *)w + i, &cps[k++]);
	return letters_is_upper(cps[0]) && !wordlist_has(n->english, cps, k);
}

/* Whether a listed name runs across the break between lines a and b (a
 * hyphenated a is joined to b without its hyphen). */
static bool splits_name(const struct names *n, const char *a, const char *b, bool hyphen)
{
	size_t alen = strlen(a) - hyphen, len = alen + 1 + strlen(b);
	char *both = malloc(len + 1);
	bool split = false;

	if (!both)
		return false;
	snprintf(both, len + 1, "%.*s%s%s", (int)alen, a, hyphen ? "" : " ", b);
	for (size_t i = 0; i < n->nmulti && !split; i++) {
		size_t nlen = strlen(n->multi[i]);

		for (const char *at = strstr(both, n->multi[i]); at && !split;
		     at = strstr(at + 1, n->multi[i]))
			split = (size_t)(at - both) < alen && (size_t)(at - both) + nlen > alen;
	}
	free(both);
	return split;
}

static void last_word(const char *line, char *out)
{
	const char *sp = strrchr(line, ' ');

	snprintf(out, MAX_WORD, "%s", sp ? sp + 1 : line);
}

static void first_word(const char *line, char *out)
{
	size_t n = strcspn(line, " ");

	snprintf(out, MAX_WORD, "%.*s", (int)(n < MAX_WORD - 1 ? n : MAX_WORD - 1), line);
}

struct counts {
	int hyphenated, run, names, widows;
};

static struct counts measure(const struct layout *l, const struct names *n)
{
	struct counts c = { 0, 0, 0, 0 };
	int run = 0;

	for (size_t i = 0; i < l->line_count; i++) {
		const struct layout_line *ln = &l->lines[i];
		const struct layout_line *next = i + 1 < l->line_count ? &l->lines[i + 1] : NULL;
		bool first = i == 0 || l->lines[i - 1].flow != ln->flow;

		if (first)
			run = 0;
		if (ln->hyphen) {
			c.hyphenated++;
			if (++run > c.run)
				c.run = run;
		} else {
			run = 0;
		}
		/* a short word alone on the last line, where the line before could
		 * have given it company (a heading of two long words is one word a
		 * line; a compound filling a third of the line is no stray word) */
		if (ln->last && !first && ln->words == 1 && l->lines[i - 1].words > 1 &&
		    ln->width * 3 < ln->column) {
			c.widows++;
			if (verbose)
				fprintf(stderr, "widow: '%s' after '%s'\n", ln->text,
					l->lines[i - 1].text);
		}
		if (next && next->flow == ln->flow) {
			char a[MAX_WORD], b[MAX_WORD];

			last_word(ln->text, a);
			first_word(next->text, b);
			if (ln->hyphen) {
				char joined[2 * MAX_WORD], *part;

				a[strlen(a) - 1] = 0;
				/* the word the hyphen is in: between the slashes around it */
				part = strrchr(a, '/') ? strrchr(a, '/') + 1 : a;
				snprintf(joined, sizeof(joined), "%s%.*s", part,
					 (int)strcspn(b, "/"), b);
				bare(joined);
				if (is_name_word(n, joined) ||
				    splits_name(n, ln->text, next->text, true)) {
					c.names++;
					if (verbose)
						fprintf(stderr, "broken name: '%s' / '%s'\n",
							ln->text, next->text);
				}
			} else {
				if (splits_name(n, ln->text, next->text, false)) {
					c.names++;
					if (verbose)
						fprintf(stderr, "broken name: '%s' / '%s'\n",
							ln->text, next->text);
				}
			}
		}
	}
	return c;
}

/* Each page of the site in each language, in bundle (name) order. */
static struct page *next_page(size_t *at, const struct site *site, size_t *lang)
{
	while (*at < bundle_entry_count(bundle)) {
		const struct bundle_entry *e = bundle_entry_at(bundle, (*at)++);
		const uint8_t *data;
		size_t size;
		struct page *p;
		struct bundle_diag diag;

		if (e->type != BUNDLE_PAGE || !entry(e->name, &data, &size) ||
		    page_decode(data, size, &p, &diag) != BUNDLE_OK)
			continue;
		*lang = 0;
		while (*lang < site->lang_count && strcmp(site->langs[*lang], p->lang) != 0)
			(*lang)++;
		return p;
	}
	return NULL;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int run(const char *mode, const char *arg, const struct site *site)
{
	int rounds = strcmp(mode, "time") == 0 ? atoi(arg) : 0;
	struct names names[SITE_MAX_LANGS] = { 0 };

	if (rounds <= 0 && strcmp(mode, "stats") != 0)
		return 2;
	for (size_t k = 0; rounds == 0 && k < site->lang_count; k++) {
		read_names(&names[k], arg, site->langs[k]);
		if (strcmp(site->langs[k], "en") == 0)
			names[k].english = wordlist_load("/usr/share/dict/british-english");
	}
	if (rounds)
		printf("page\tlang\tsize\tlayout ms (median of %d)\n", rounds);
	else
		printf("page\tlang\tsize\thyphenated\tlongest run\tbroken names\twidows\n");
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		int w = sizes[s].w, h = sizes[s].h;
		struct layout_fonts fonts;
		struct layout l;
		struct page *p;
		size_t at = 0, lang;

		if (open_fonts(&fonts, body_px(w, h)) != 0)
			return 1;
		layout_init(&l, &fonts, image_size, NULL);
		l.keep_lines = rounds == 0;
		while ((p = next_page(&at, site, &lang)) != NULL) {
			if (rounds) {
				double *ms = calloc((size_t)rounds, sizeof(*ms));

				for (int r = 0; ms && r < rounds; r++) {
					double t0 = now_ms();

					lay_out(&l, p, w, h);
					ms[r] = now_ms() - t0;
				}
				if (ms) {
					qsort(ms, (size_t)rounds, sizeof(*ms), compare_double);
					printf("%s\t%s\t%dx%d\t%.3f\n", p->id, p->lang, w, h,
					       ms[rounds / 2]);
				}
				free(ms);
			} else {
				struct counts c;

				lay_out(&l, p, w, h);
				c = measure(&l, &names[lang < SITE_MAX_LANGS ? lang : 0]);
				printf("%s\t%s\t%dx%d\t%d\t%d\t%d\t%d\n", p->id, p->lang, w, h,
				       c.hyphenated, c.run, c.names, c.widows);
			}
			page_free(p);
		}
		layout_free(&l);
		layout_fonts_close(&fonts);
	}
	for (size_t k = 0; k < site->lang_count; k++)
		free_names(&names[k]);
	return 0;
}

int main(int argc, char **argv)
{
	struct bundle_diag diag = { "" };
	const uint8_t *data;
	size_t size;
	struct site site;
	int rc;

	if (argc != 4 || (strcmp(argv[1], "stats") && strcmp(argv[1], "time"))) {
		fprintf(stderr, "usage: %s stats BUNDLE CONTENT_DIR | time BUNDLE ROUNDS\n",
			argv[0]);
		return 2;
	}
	if (bundle_open(argv[2], &bundle, &diag) != BUNDLE_OK) {
		fprintf(stderr, "%s: %s\n", argv[2], diag.message);
		return 1;
	}
	if (!entry("site", &data, &size) || site_decode(data, size, &site, &diag) != BUNDLE_OK) {
		fprintf(stderr, "%s: no site record\n", argv[2]);
		return 1;
	}
	verbose = getenv("TYPESET_VERBOSE") != NULL;
	if (TTF_Init() != 0)
		return 1;
	rc = run(argv[1], argv[3], &site);
	TTF_Quit();
	bundle_close(bundle);
	return rc;
}
