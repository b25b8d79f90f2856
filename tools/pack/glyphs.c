#include "pack/glyphs.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdbool.h>
#include <stdlib.h>

#include "bundle/wire.h"

/* Lines reported per file before the rest is summed up in one message. */
#define GLYPHS_MAX_LINES 5

struct glyphs {
	FT_Library lib;
	FT_Face face;
};

struct glyphs *glyphs_open(const uint8_t *font, size_t size)
{
	struct glyphs *g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	if (FT_Init_FreeType(&g->lib) != 0)
		goto out_free;
	if (FT_New_Memory_Face(g->lib, font, (FT_Long)size, 0, &g->face) != 0)
		goto out_done;
	return g;

out_done:
	FT_Done_FreeType(g->lib);
out_free:
	free(g);
	return NULL;
}

void glyphs_close(struct glyphs *g)
{
	if (!g)
		return;
	FT_Done_Face(g->face);
	FT_Done_FreeType(g->lib);
	free(g);
}

/* Characters nobody sees drawn: the kiosk's layout handles them itself. */
static bool invisible(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || cp == 0xad || cp == 0xfeff ||
	       (cp >= 0x200b && cp <= 0x200d);
}

size_t glyphs_check(struct glyphs *g, const char *path, unsigned first_line, const char *text,
		    size_t size, struct report *r)
{
	unsigned line = first_line, reported = 0, more_lines = 0, last_line = 0;
	size_t missing = 0;
	for (size_t i = 0; i < size;) {
		uint32_t cp;
		size_t k = wire_utf8_decode(text + i, &cp);
		size_t at = i;
		i += k;
		if (cp == '\n') {
			line++;
			continue;
		}
		if (invisible(cp) || FT_Get_Char_Index(g->face, cp) != 0)
			continue;
		missing++;
		if (line == last_line)
			continue; /* one message per line */
		last_line = line;
		if (reported == GLYPHS_MAX_LINES) {
			more_lines++;
			continue;
		}
		reported++;
		report_error(r, path, line,
			     "'%.*s' (U+%04X) is not in the kiosk's fonts (Noto Sans: Latin, "
			     "Greek, Cyrillic), so visitors would see an empty box: leave it out "
			     "or write it in those letters",
			     (int)k, text + at, (unsigned)cp);
	}
	if (more_lines)
		report_error(r, path, last_line,
			     "%u more lines with characters the kiosk's fonts do not have",
			     more_lines);
	return missing;
}
