#include "pack/inspect.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bundle/bundle.h"
#include "bundle/page.h"
#include "bundle/picture.h"
#include "bundle/site.h"
#include "bundle/speech.h"
#include "pack/image.h"

static const char *type_name(enum bundle_entry_type t)
{
	switch (t) {
	case BUNDLE_SITE:
		return "site";
	case BUNDLE_PAGE:
		return "page";
	case BUNDLE_IMAGE:
		return "image";
	case BUNDLE_FONT:
		return "font";
	case BUNDLE_SPEECH:
		return "speech";
	}
	return "unknown";
}

static int open_verified(const char *path, struct bundle **b, struct site *site, FILE *err)
{
	struct bundle_diag diag = { { 0 } };
	int rc = bundle_open(path, b, &diag);
	if (rc) {
		fprintf(err, "%s: error: %s: %s\n", path, bundle_strerror(rc), diag.message);
		return -1;
	}
	const struct bundle_entry *e = bundle_find(*b, "site");
	const uint8_t *data;
	size_t size;
	if (!e) {
		fprintf(err, "%s: error: the bundle has no 'site' entry\n", path);
		goto out_close;
	}
	if ((rc = bundle_entry_data(*b, e, &data, &size, &diag)) ||
	    (rc = site_decode(data, size, site, &diag))) {
		fprintf(err, "%s: error: %s: %s\n", path, bundle_strerror(rc), diag.message);
		goto out_close;
	}
	return 0;

out_close:
	bundle_close(*b);
	*b = NULL;
	return -1;
}

/* Page ids from the entry names "page/ID/LANG", deduplicated (entries are sorted). */
static size_t page_ids(const struct bundle *b, const char **ids, size_t max, size_t *lens)
{
	size_t n = 0;
	for (size_t i = 0; i < bundle_entry_count(b); i++) {
		const struct bundle_entry *e = bundle_entry_at(b, i);
		if (e->type != BUNDLE_PAGE || strncmp(e->name, "page/", 5) != 0)
			continue;
		const char *id = e->name + 5;
		const char *slash = strchr(id, '/');
		size_t len = slash ? (size_t)(slash - id) : strlen(id);
		if (n && lens[n - 1] == len && !strncmp(ids[n - 1], id, len))
			continue;
		if (n == max)
			break;
		ids[n] = id;
		lens[n] = len;
		n++;
	}
	return n;
}

int inspect_ls(const char *path, FILE *out, FILE *err)
{
	struct bundle *b;
	struct site site;
	if (open_verified(path, &b, &site, err))
		return -1;
	size_t count = bundle_entry_count(b);
	const char **ids = calloc(count + 1, sizeof(*ids));
	size_t *lens = calloc(count + 1, sizeof(*lens));
	if (!ids || !lens) {
		free(ids);
		free(lens);
		bundle_close(b);
		fprintf(err, "%s: error: out of memory\n", path);
		return -1;
	}
	size_t n = page_ids(b, ids, count, lens);
	fprintf(out, "%s\n", site.start_page);
	for (size_t i = 0; i < n; i++)
		if (!(lens[i] == strlen(site.start_page) &&
		      !strncmp(ids[i], site.start_page, lens[i])))
			fprintf(out, "%.*s\n", (int)lens[i], ids[i]);
	free(ids);
	free(lens);
	bundle_close(b);
	return 0;
}

int inspect_info(const char *path, FILE *out, FILE *err)
{
	struct bundle *b;
	struct site site;
	if (open_verified(path, &b, &site, err))
		return -1;
	int status = 0;
	const uint8_t *hash = bundle_index_hash(b);
	fprintf(out, "bundle:     %s\n", path);
	fprintf(out, "format:     %d.%u\n", BUNDLE_VERSION_MAJOR, bundle_version_minor(b));
	fprintf(out, "size:       %llu bytes\n", (unsigned long long)bundle_file_size(b));
	fprintf(out, "content id: ");
	for (int i = 0; i < 8; i++)
		fprintf(out, "%02x", hash[i]);
	fprintf(out, "\nsigned:     %s\n", bundle_flags(b) & BUNDLE_FLAG_SIGNED ? "yes" : "no");
	fprintf(out, "site:       %s\n", site.name.text[0]);
	fprintf(out, "languages: ");
	for (size_t l = 0; l < site.lang_count; l++)
		fprintf(out, " %s%s", site.langs[l], l == 0 ? " (default)" : "");
	fprintf(out, "\nstart page: %s\ntiles:     ", site.start_page);
	for (size_t t = 0; t < site.tile_count; t++)
		fprintf(out, " %s", site.tiles[t]);
	fprintf(out, "\nlocations: ");
	for (size_t k = 0; k < site.location_count; k++)
		fprintf(out, " %s", site.locations[k].id);
	fprintf(out, "\nentries:    %zu\n", bundle_entry_count(b));

	size_t totals[6] = { 0 }, counts[6] = { 0 };
	double speech_seconds = 0;
	for (size_t i = 0; i < bundle_entry_count(b); i++) {
		const struct bundle_entry *e = bundle_entry_at(b, i);
		const uint8_t *data;
		size_t size;
		struct bundle_diag diag = { { 0 } };
		int rc = bundle_entry_data(b, e, &data, &size, &diag);
		char detail[160] = "";
		if (!rc && e->type == BUNDLE_PAGE) {
			struct page *pg;
			rc = page_decode(data, size, &pg, &diag);
			if (!rc) {
				snprintf(detail, sizeof(detail), "%zu blocks, \"%s\"",
					 pg->block_count, pg->title);
				/* Drop soft hyphens so the title reads normally in a terminal. */
				char *w = detail;
				for (char *r = detail; *r; r++) {
					if ((unsigned char)r[0] == 0xc2 &&
					    (unsigned char)r[1] == 0xad) {
						r++;
						continue;
					}
					*w++ = *r;
				}
				*w = 0;
				page_free(pg);
			}
		} else if (!rc && e->type == BUNDLE_SPEECH) {
			struct speech *sp;
			rc = speech_decode(data, size, &sp, &diag);
			if (!rc) {
				uint64_t samples = 0;
				for (size_t u = 0; u < sp->count; u++)
					samples += sp->utterances[u].samples;
				double seconds = (double)samples / sp->sample_rate;
				speech_seconds += seconds;
				snprintf(detail, sizeof(detail), "%zu utterances, %.1f s, %s",
					 sp->count, seconds, sp->voice);
				speech_free(sp);
			}
		} else if (!rc && e->type == BUNDLE_IMAGE) {
			int w, h;
			if (qoi_size(data, size, &w, &h))
				snprintf(detail, sizeof(detail), "%dx%d QOI", w, h);
			else
				snprintf(detail, sizeof(detail), "not QOI");
		}
		if (rc) {
			fprintf(err, "%s: error: %s\n", path, diag.message);
			status = -1;
			continue;
		}
		unsigned t = e->type <= BUNDLE_SPEECH ? e->type : 0;
		totals[t] += e->stored_size;
		counts[t]++;
		fprintf(out, "  %-6s %-36s %9llu B%s %s\n", type_name(e->type), e->name,
			(unsigned long long)e->stored_size,
			(e->flags & BUNDLE_ENTRY_ZSTD) ? " zstd" : "     ", detail);
	}
	fprintf(out, "totals:     %zu pages (%zu B), %zu images (%zu B), %zu fonts (%zu B)\n",
		counts[BUNDLE_PAGE], totals[BUNDLE_PAGE], counts[BUNDLE_IMAGE],
		totals[BUNDLE_IMAGE], counts[BUNDLE_FONT], totals[BUNDLE_FONT]);
	fprintf(out, "speech:     %zu entries (%zu B), %.0f s of speech\n", counts[BUNDLE_SPEECH],
		totals[BUNDLE_SPEECH], speech_seconds);
	fprintf(out, "verified:   %s\n",
		status ? "NO: see errors"
		       : "every entry's checksum "
			 "and structure");
	bundle_close(b);
	return status;
}
