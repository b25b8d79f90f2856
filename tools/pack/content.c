#include "pack/content.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bundle/page.h"
#include "bundle/site.h"
#include "pack/advice.h"
#include "pack/arena.h"
#include "pack/contrast.h"
#include "pack/focusini.h"
#include "pack/glyphs.h"
#include "pack/hyphenate.h"
#include "pack/image.h"
#include "pack/markdown.h"
#include "pack/qr.h"
#include "pack/readfile.h"
#include "pack/siteini.h"
#include "pack/speak.h"

#define DEFAULT_FONT_DIR "/usr/share/fonts/truetype/noto"
/* Noto Sans faces are about 0.5 MiB; a CJK collection would be about 20 MiB. */
#define CONTENT_MAX_FONT (32u << 20)

static const struct {
	const char *entry;
	const char *file;
} fonts[] = {
	{ "font/regular", "NotoSans-Regular.ttf" },
	{ "font/bold", "NotoSans-Bold.ttf" },
	{ "font/italic", "NotoSans-Italic.ttf" },
	{ "font/bolditalic", "NotoSans-BoldItalic.ttf" },
	/* inline code: set apart from the text around it (Debian's fonts-noto-mono) */
	{ "font/mono", "NotoMono-Regular.ttf" },
};

#define FONT_COUNT (sizeof(fonts) / sizeof(fonts[0]))

struct image_file {
	const char *file; /* "friedensplatz.png" */
	const char *stem; /* "friedensplatz" */
	const char *path;
	const char *focus_path; /* images/STEM.focus, or NULL */
	bool used;
	unsigned width, height; /* of the source, once converted */
};

struct page_dir {
	const char *id;
	struct page_source *sources; /* one per site language */
	bool reachable;
};

struct packer {
	const char *dir;
	struct report *r;
	struct arena a;
	struct site_source site;
	struct page_dir *pages;
	size_t npages;
	struct image_file *images;
	size_t nimages;
	/* A limit cut a listing short: what is missing from it cannot be checked,
	 * and "does not exist" or "not used" would be follow-on messages. */
	bool truncated;
	uint8_t *font_data[FONT_COUNT]; /* owned */
	size_t font_size[FONT_COUNT];
	struct glyphs *glyphs;        /* over the regular face, NULL without one */
	struct cache *cache;          /* borrowed, may be NULL */
	size_t work_done, work_total; /* for the progress bar: page files, pictures */
};

static void progress(struct packer *p, const char *what)
{
	report_progress(p->r, what, ++p->work_done, p->work_total);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Sorted directory listing without the files systems and editors leave around
 * (readfile_ignored()); NULL if unreadable. */
static struct dirent **list_dir(struct packer *p, const char *path, int *n)
{
	struct dirent **list = NULL;
	*n = scandir(path, &list, NULL, alphasort);
	if (*n < 0)
		return NULL;
	int k = 0;
	for (int i = 0; i < *n; i++) {
		if (readfile_ignored(list[i]->d_name))
			free(list[i]);
		else
			list[k++] = list[i];
	}
	*n = k;
	(void)p;
	return list;
}

static void free_list(struct dirent **list, int n)
{
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* "de, en": the site's languages, for messages. */
static const char *site_langs(struct packer *p)
{
	const struct site *s = &p->site.site;
	const char *list = "";
	for (size_t l = 0; l < s->lang_count; l++)
		list = arena_printf(&p->a, "%s%s%s", list, l ? ", " : "", s->langs[l]);
	return list;
}

static void scan_images(struct packer *p)
{
	const char *dir = arena_printf(&p->a, "%s/images", p->dir);
	if (!is_dir(dir))
		return; /* no pictures is fine */
	int n;
	struct dirent **list = list_dir(p, dir, &n);
	if (!list) {
		report_error(p->r, dir, 0, "cannot read the folder");
		return;
	}
	p->images = arena_alloc(&p->a, (size_t)(n ? n : 1) * sizeof(*p->images));
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		const char *path = arena_printf(&p->a, "%s/%s", dir, name);
		const char *dot = strrchr(name, '.');
		if (dot && strcmp(dot, ".focus") == 0)
			continue; /* side files: matched to their pictures below */
		char stem[PAGE_ID_MAX + 1], why[512];
		if (image_check_name(name, stem, sizeof(stem), why, sizeof(why)) != 0) {
			report_error(p->r, path, 0, "%s", why);
			continue;
		}
		if (p->nimages == CONTENT_MAX_IMAGES) {
			report_error(p->r, path, 0, "more than %d pictures", CONTENT_MAX_IMAGES);
			p->truncated = true;
			break;
		}
		bool dup = false;
		for (size_t k = 0; k < p->nimages; k++)
			dup |= strcmp(p->images[k].stem, stem) == 0;
		if (dup) {
			report_error(p->r, path, 0,
				     "another picture is also called '%s' (names must "
				     "differ without the extension)",
				     stem);
			continue;
		}
		p->images[p->nimages++] = (struct image_file){ .file = arena_strdup(&p->a, name),
							       .stem = arena_strdup(&p->a, stem),
							       .path = path };
	}
	/* NAME.focus: what matters in picture NAME (pack/focusini.h) */
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		const char *dot = strrchr(name, '.');
		size_t k = 0;
		if (!dot || strcmp(dot, ".focus") != 0)
			continue;
		while (k < p->nimages && (strlen(p->images[k].stem) != (size_t)(dot - name) ||
					  strncmp(p->images[k].stem, name, (size_t)(dot - name))))
			k++;
		if (k == p->nimages)
			report_error(p->r, arena_printf(&p->a, "%s/%s", dir, name), 0,
				     "a focus file for a picture that does not exist (NAME.focus "
				     "goes with NAME.png or NAME.jpg)");
		else
			p->images[k].focus_path = arena_printf(&p->a, "%s/%s", dir, name);
	}
	free_list(list, n);
}

static struct image_file *find_image(struct packer *p, const char *file)
{
	for (size_t i = 0; i < p->nimages; i++)
		if (image_name_matches(p->images[i].file, file))
			return &p->images[i];
	return NULL;
}

static struct page_dir *find_page(struct packer *p, const char *id)
{
	for (size_t i = 0; i < p->npages; i++)
		if (strcmp(p->pages[i].id, id) == 0)
			return &p->pages[i];
	return NULL;
}

/* Page folders, for the progress bar's total before they are read. */
static size_t count_page_files(struct packer *p)
{
	int n;
	struct dirent **list = list_dir(p, arena_printf(&p->a, "%s/pages", p->dir), &n);
	if (!list)
		return 0;
	free_list(list, n);
	return (size_t)n;
}

static void scan_pages(struct packer *p, struct hyphenator **hyph)
{
	const struct site *s = &p->site.site;
	const char *dir = arena_printf(&p->a, "%s/pages", p->dir);
	int n;
	struct dirent **list = list_dir(p, dir, &n);
	if (!list) {
		report_error(p->r, dir, 0,
			     "cannot read the pages folder (every content folder "
			     "needs pages/ID/LANG.md files)");
		return;
	}
	p->pages = arena_alloc(&p->a, (size_t)(n ? n : 1) * sizeof(*p->pages));
	for (int i = 0; i < n; i++) {
		const char *id = arena_strdup(&p->a, list[i]->d_name);
		const char *pdir = arena_printf(&p->a, "%s/%s", dir, id);
		if (!is_dir(pdir)) {
			report_error(p->r, pdir, 0,
				     "pages/ holds one folder per page (pages/ID/de.md, "
				     "pages/ID/en.md), not files");
			continue;
		}
		if (!page_id_valid(id)) {
			report_error(p->r, pdir, 0,
				     "page folder names are page ids: a-z, 0-9 and -, at "
				     "most %d characters",
				     PAGE_ID_MAX);
			continue;
		}
		if (p->npages == CONTENT_MAX_PAGES) {
			report_error(p->r, pdir, 0, "more than %d pages", CONTENT_MAX_PAGES);
			p->truncated = true;
			break;
		}
		struct page_dir *pd = &p->pages[p->npages++];
		pd->id = id;
		pd->sources =
		    arena_alloc(&p->a, (s->lang_count ? s->lang_count : 1) * sizeof(*pd->sources));
		/* Files present that are not a site language. */
		int nf;
		struct dirent **files = list_dir(p, pdir, &nf);
		for (int f = 0; files && f < nf; f++) {
			const char *fn = files[f]->d_name;
			size_t len = strlen(fn);
			bool known = false;
			for (size_t l = 0; l < s->lang_count; l++)
				known |= len == 5 && !strncmp(fn, s->langs[l], 2) &&
					 !strcmp(fn + 2, ".md");
			if (!known)
				report_error(
				    p->r, arena_printf(&p->a, "%s/%s", pdir, fn), 0,
				    "unexpected file: a page folder holds one LANG.md per site "
				    "language (%s)",
				    site_langs(p));
		}
		if (files)
			free_list(files, nf);
		for (size_t l = 0; l < s->lang_count; l++) {
			const char *path = arena_printf(&p->a, "%s/%s.md", pdir, s->langs[l]);
			struct stat st;
			if (stat(path, &st) != 0) {
				report_error(p->r, path, 0,
					     "missing: page '%s' needs a file for every "
					     "language of the site",
					     id);
				pd->sources[l].path = NULL;
				continue;
			}
			struct page_source *src = &pd->sources[l];
			char why[256];
			progress(p, "pages");
			if (markdown_load(path, id, s->langs[l], p->site.credit.text[l], hyph[l],
					  &p->a, p->r, src) == 0 &&
			    qr_add_to_page(&p->a, &src->page, why, sizeof(why)) != 0)
				report_error(p->r, path, 0, "%s", why);
			if (p->glyphs && src->text)
				glyphs_check(p->glyphs, path, 1, src->text, src->text_size, p->r);
		}
	}
	free_list(list, n);
}

/* hyphenation/LANG.txt: the editors' own word breaks for each site language
 * (optional); any other file there is a mistake worth naming. */
static void scan_hyphenation(struct packer *p, struct hyphenator **hyph)
{
	const struct site *s = &p->site.site;
	const char *dir = arena_printf(&p->a, "%s/hyphenation", p->dir);
	int n;
	struct dirent **list = is_dir(dir) ? list_dir(p, dir, &n) : NULL;
	for (int i = 0; list && i < n; i++) {
		const char *fn = list[i]->d_name;
		const char *path = arena_printf(&p->a, "%s/%s", dir, fn);
		size_t l = 0;
		while (l < s->lang_count && !(strlen(fn) == 6 && !strncmp(fn, s->langs[l], 2) &&
					      !strcmp(fn + 2, ".txt")))
			l++;
		if (l == s->lang_count)
			report_error(p->r, path, 0,
				     "unexpected file: hyphenation/ holds one LANG.txt "
				     "per site language (%s)",
				     site_langs(p));
		else if (!hyph[l])
			report_warning(p->r, path, 0,
				       "ignored: there is no hyphenation dictionary "
				       "for '%s'",
				       s->langs[l]);
		else
			hyphenator_load_exceptions(hyph[l], path, p->r);
	}
	if (list)
		free_list(list, n);
}

static void check_refs(struct packer *p)
{
	const struct site *s = &p->site.site;
	/* Without languages no page was read: every reference check would be a
	 * follow-on of the site.ini error. */
	if (s->lang_count == 0)
		return;
	for (size_t i = 0; i < p->npages; i++) {
		struct page_dir *pd = &p->pages[i];
		for (size_t l = 0; l < s->lang_count; l++) {
			struct page_source *src = &pd->sources[l];
			if (!src->path)
				continue;
			for (size_t k = 0; k < src->ref_count; k++) {
				struct markdown_ref *ref = &src->refs[k];
				if (ref->kind == REF_PAGE) {
					struct page_dir *t = find_page(p, ref->target);
					if (!t && p->truncated)
						continue;
					if (!t)
						report_error(
						    p->r, src->path, ref->line,
						    "link to page "
						    "'%s', which does not exist (no folder "
						    "pages/%s)",
						    ref->target, ref->target);
					else if (t != pd)
						t->reachable = true;
				} else {
					struct image_file *img = find_image(p, ref->target);
					if (!img && p->truncated)
						continue;
					if (!img)
						report_error(p->r, src->path, ref->line,
							     "picture '%s' "
							     "not found in images/",
							     ref->target);
					else
						img->used = true;
				}
			}
		}
	}
	if (s->start_page) {
		struct page_dir *start = find_page(p, s->start_page);
		if (!start && p->truncated)
			;
		else if (!start)
			report_error(p->r, p->site.path, p->site.start_line,
				     "start page '%s' does "
				     "not exist (no folder pages/%s)",
				     s->start_page, s->start_page);
		else
			start->reachable = true;
	}
	for (size_t t = 0; t < s->tile_count; t++) {
		struct page_dir *pd = find_page(p, s->tiles[t]);
		if (s->start_page && strcmp(s->tiles[t], s->start_page) == 0) {
			report_error(p->r, p->site.path, p->site.tiles_line,
				     "tile '%s' is the start page itself: a tile leads away from "
				     "the start page (the bar's home button leads back)",
				     s->tiles[t]);
			continue;
		}
		if (!pd && p->truncated)
			continue;
		if (!pd) {
			report_error(p->r, p->site.path, p->site.tiles_line,
				     "tile '%s' names a page "
				     "that does not exist (no folder pages/%s)",
				     s->tiles[t], s->tiles[t]);
			continue;
		}
		pd->reachable = true;
		for (size_t l = 0; l < s->lang_count; l++)
			if (pd->sources[l].path && !pd->sources[l].tile_line)
				report_error(
				    p->r, pd->sources[l].path, 1,
				    "page '%s' is a tile on the "
				    "start page and needs a short 'tile:' title in its front "
				    "matter",
				    pd->id);
	}
	if (p->truncated)
		return;
	for (size_t i = 0; i < p->npages; i++)
		if (!p->pages[i].reachable)
			report_warning(
			    p->r, arena_printf(&p->a, "%s/pages/%s", p->dir, p->pages[i].id), 0,
			    "no tile or link leads to this page: visitors cannot reach it");
	for (size_t i = 0; i < p->nimages; i++)
		if (!p->images[i].used)
			report_warning(p->r, p->images[i].path, 0,
				       "picture is not used by any page");
}

static void add_entry(struct packer *p, struct bundle_writer *w, enum bundle_entry_type type,
		      const char *name, const void *data, size_t size, unsigned flags,
		      const char *path)
{
	struct bundle_diag diag = { { 0 } };
	if (bundle_writer_add(w, type, name, data, size, flags, &diag))
		report_error(p->r, path, 0, "cannot add to the bundle: %s", diag.message);
}

/* Reads the fonts the bundle carries, before the pages: their characters are
 * checked against the regular face. */
static void load_fonts(struct packer *p, const struct content_options *opt)
{
	const char *dir = opt && opt->font_dir ? opt->font_dir : getenv("FOYER_FONT_DIR");
	if (!dir)
		dir = DEFAULT_FONT_DIR;
	for (size_t i = 0; i < FONT_COUNT; i++) {
		const char *path = arena_printf(&p->a, "%s/%s", dir, fonts[i].file);
		char why[256];
		if (readfile_load(path, CONTENT_MAX_FONT, &p->font_data[i], &p->font_size[i], why,
				  sizeof(why)) != 0) {
			report_error(p->r, path, 0,
				     "%s (install Debian's fonts-noto-core and fonts-noto-mono, "
				     "or set FOYER_FONT_DIR)",
				     why);
			continue;
		}
		const uint8_t *buf = p->font_data[i];
		/* TrueType starts with 0x00010000 or 'true'; anything else is not a font. */
		if (p->font_size[i] < 12 ||
		    (memcmp(buf, "\0\1\0\0", 4) && memcmp(buf, "true", 4))) {
			report_error(p->r, path, 0, "not a TrueType font");
			free(p->font_data[i]);
			p->font_data[i] = NULL;
		}
	}
	if (p->font_data[0] && !(p->glyphs = glyphs_open(p->font_data[0], p->font_size[0])))
		report_error(p->r, arena_printf(&p->a, "%s/%s", dir, fonts[0].file), 0,
			     "FreeType cannot read the font");
}

/* The site's names and slogans are on screen too. */
static void check_site_glyphs(struct packer *p, const char *path)
{
	char *text, why[256];
	size_t size;
	if (readfile_text(path, SITEINI_MAX_FILE, &text, &size, why, sizeof(why)) != 0)
		return; /* siteini_load() read it a moment ago and said so if it failed */
	glyphs_check(p->glyphs, path, 1, text, size, p->r);
	free(text);
}

static void add_fonts(struct packer *p, struct bundle_writer *w)
{
	for (size_t i = 0; i < FONT_COUNT; i++)
		if (p->font_data[i])
			add_entry(p, w, BUNDLE_FONT, fonts[i].entry, p->font_data[i],
				  p->font_size[i], BUNDLE_ADD_COMPRESS, fonts[i].file);
}

/* The picture's focus file, checked, and as entry "focus/STEM" when writing. */
static void add_focus(struct packer *p, struct bundle_writer *w, const struct image_file *img)
{
	struct focus f;
	struct bundle_diag diag = { { 0 } };
	uint8_t *data;
	size_t size;
	if (!img->focus_path || focusini_load(img->focus_path, p->r, &f) != 0 || !w)
		return;
	if (focus_encode(&f, &data, &size, &diag) != BUNDLE_OK) {
		report_error(p->r, img->focus_path, 0, "%s", diag.message);
		return;
	}
	add_entry(p, w, BUNDLE_FOCUS, arena_printf(&p->a, "focus/%s", img->stem), data, size, 0,
		  img->focus_path);
	free(data);
}

static void add_images(struct packer *p, struct bundle_writer *w)
{
	for (size_t i = 0; i < p->nimages; i++) {
		struct image_file *img = &p->images[i];
		struct image_result res;
		char why[256];
		progress(p, "pictures");
		if (image_convert_cached(img->path, p->cache, &res, why, sizeof(why)) < 0) {
			report_error(p->r, img->path, 0, "%s", why);
			continue;
		}
		img->width = res.source_width;
		img->height = res.source_height;
		if (w)
			add_entry(p, w, BUNDLE_IMAGE, arena_printf(&p->a, "image/%s", img->stem),
				  res.qoi, res.qoi_size, 0, img->path);
		if (w && res.thumb_qoi)
			add_entry(p, w, BUNDLE_IMAGE, arena_printf(&p->a, "thumb/%s", img->stem),
				  res.thumb_qoi, res.thumb_size, 0, img->path);
		add_focus(p, w, img);
		free(res.qoi);
		free(res.thumb_qoi);
	}
}

/* Warnings for what an editor should look at (pack/advice.h). */
static void give_advice(struct packer *p)
{
	const struct site *s = &p->site.site;
	for (size_t i = 0; i < p->npages; i++) {
		const struct page_dir *pd = &p->pages[i];
		for (size_t l = 0; l < s->lang_count; l++) {
			const struct page_source *src = &pd->sources[l];
			if (!src->path)
				continue;
			advice_page(src, p->r);
			for (size_t k = 0; k < src->ref_count; k++) {
				const struct markdown_ref *ref = &src->refs[k];
				const struct image_file *img =
				    ref->kind == REF_IMAGE && ref->line != src->image_line
					? find_image(p, ref->target)
					: NULL;
				if (img)
					advice_picture(src->path, ref->line, ref->target,
						       img->width, img->height, p->r);
			}
		}
		advice_languages(pd->sources, s->lang_count, p->r);
	}
}

static void add_pages(struct packer *p, struct bundle_writer *w)
{
	const struct site *s = &p->site.site;
	uint8_t *data;
	size_t size;
	struct bundle_diag diag = { { 0 } };
	if (site_encode(s, &data, &size, &diag) != 0) {
		report_error(p->r, p->site.path, 0, "%s", diag.message);
	} else {
		if (w)
			add_entry(p, w, BUNDLE_SITE, "site", data, size, 0, p->site.path);
		free(data);
	}
	for (size_t i = 0; i < p->npages; i++) {
		for (size_t l = 0; l < s->lang_count; l++) {
			struct page_source *src = &p->pages[i].sources[l];
			if (page_encode(&src->page, &data, &size, &diag) != 0) {
				report_error(p->r, src->path, 0, "%s", diag.message);
				continue;
			}
			char name[128];
			page_entry_name(name, sizeof(name), src->page.id, src->page.lang);
			if (w)
				add_entry(p, w, BUNDLE_PAGE, name, data, size, BUNDLE_ADD_COMPRESS,
					  src->path);
			free(data);
		}
	}
}

/* The speech stage (tools/pack/speak.c): every page and the interface in every
 * site language, spoken.  Only when building: checking stays quick. */
static void add_speech(struct packer *p, struct bundle_writer *w)
{
	const struct site *s = &p->site.site;
	char why[256];
	struct speak *sp = speak_new(why, sizeof(why));
	if (!sp) {
		report_error(p->r, p->site.path, 0, "cannot read aloud: %s", why);
		return;
	}
	speak_set_cache(sp, p->cache);
	for (size_t l = 0; l < s->lang_count; l++)
		speak_add_ui(sp, s, l, w, p->r, p->site.path);
	for (size_t i = 0; i < p->npages; i++)
		for (size_t l = 0; l < s->lang_count; l++) {
			struct page_source *src = &p->pages[i].sources[l];
			speak_add_page(sp, &src->page, w, p->r, src->path);
		}
	speak_free(sp);
}

int content_pack(const char *dir, const struct content_options *opt, struct report *r,
		 struct bundle_writer *w)
{
	return content_pack_summary(dir, opt, r, w, NULL);
}

int content_pack_summary(const char *dir, const struct content_options *opt, struct report *r,
			 struct bundle_writer *w, struct content_summary *sum)
{
	struct packer p = { .dir = dir, .r = r, .cache = opt ? opt->cache : NULL };
	size_t errors_before = r->errors;
	if (!is_dir(dir)) {
		report_error(r, dir, 0,
			     "not a content folder (expected site.ini, pages/, images/)");
		return -1;
	}
	const char *site_path = arena_printf(&p.a, "%s/site.ini", dir);
	load_fonts(&p, opt);
	/* colours are only weighed once they all parsed: no echo of a typo */
	if (siteini_load(site_path, &p.a, r, &p.site) == 0) {
		contrast_check(&p.site, r);
		if (p.glyphs)
			check_site_glyphs(&p, site_path);
	}
	const struct site *s = &p.site.site;

	struct hyphenator *hyph[SITE_MAX_LANGS] = { NULL };
	for (size_t l = 0; l < s->lang_count; l++) {
		hyph[l] =
		    hyphenator_load_cached(s->langs[l], opt ? opt->hyphen_dir : NULL, p.cache);
		if (!hyph[l]) {
			report_warning(r, site_path, 0,
				       "no hyphenation dictionary for '%s' (install "
				       "Debian's hyphen-%s): long words will break anywhere",
				       s->langs[l], s->langs[l]);
			continue;
		}
		if (!hyphenator_has_words(hyph[l]))
			report_warning(r, site_path, 0,
				       "no word list for '%s' (install Debian's wngerman and "
				       "wbritish): compounds break at syllables, not at their "
				       "joints, and foreign names may break",
				       s->langs[l]);
		if (p.site.hyphenation[l].set)
			hyphenator_set_limits(hyph[l], p.site.hyphenation[l].min_word,
					      p.site.hyphenation[l].left,
					      p.site.hyphenation[l].right);
	}
	scan_hyphenation(&p, hyph);
	scan_images(&p);
	p.work_total = p.nimages + count_page_files(&p) * s->lang_count;
	if (s->lang_count)
		scan_pages(&p, hyph);
	check_refs(&p);
	if (w)
		add_fonts(&p, w);
	add_images(&p, w);
	if (r->errors == errors_before)
		give_advice(&p);
	/* Pages are encoded only from a consistent model: a failed page has no data.
	 * `check` encodes them too, so it refuses whatever `build` would. */
	if (r->errors == errors_before)
		add_pages(&p, w);
	if (w && r->errors == errors_before)
		add_speech(&p, w);

	report_progress_done(r);
	if (sum)
		*sum = (struct content_summary){ p.npages, s->lang_count, p.nimages };
	for (size_t l = 0; l < s->lang_count; l++)
		hyphenator_free(hyph[l]);
	glyphs_close(p.glyphs);
	for (size_t i = 0; i < FONT_COUNT; i++)
		free(p.font_data[i]);
	arena_release(&p.a);
	return r->errors > errors_before ? -1 : 0;
}
