#include "pack/focusini.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pack/siteini.h"

struct focus_reader {
	const char *path;
	struct report *r;
	struct focus *out;
	bool have_focus;
};

/* Reads n percentages (0..100) from value; false if it is anything else. */
static bool percentages(const char *value, double *v, int n)
{
	int used = 0;

	for (int i = 0; i < n; i++) {
		int k;

		if (sscanf(value + used, " %lf%n", &v[i], &k) != 1 || v[i] < 0 || v[i] > 100)
			return false;
		used += k;
		v[i] /= 100;
	}
	return value[used + (int)strspn(value + used, " \t")] == '\0';
}

static int on_setting(void *user, const char *section, const char *key, const char *value,
		      unsigned line)
{
	struct focus_reader *fr = user;
	double v[4];

	if (*section) {
		report_error(fr->r, fr->path, line, "a focus file has no [sections]");
	} else if (strcmp(key, "focus") == 0) {
		if (!percentages(value, v, 2)) {
			report_error(fr->r, fr->path, line,
				     "focus is two percentages: from the left, from the top "
				     "(e.g. 'focus = 50 35')");
		} else {
			fr->out->x = v[0];
			fr->out->y = v[1];
			fr->have_focus = true;
		}
	} else if (strcmp(key, "safe") == 0) {
		if (!percentages(value, v, 4) || v[2] <= v[0] || v[3] <= v[1]) {
			report_error(fr->r, fr->path, line,
				     "safe is four percentages: left, top, right, bottom, "
				     "with right > left and bottom > top (e.g. 'safe = 20 10 "
				     "80 75')");
		} else {
			fr->out->safe_x0 = v[0];
			fr->out->safe_y0 = v[1];
			fr->out->safe_x1 = v[2];
			fr->out->safe_y1 = v[3];
		}
	} else {
		report_error(fr->r, fr->path, line, "unknown setting '%s' (known: focus, safe)",
			     key);
	}
	return 1;
}

int focusini_load(const char *path, struct report *r, struct focus *out)
{
	struct focus_reader fr = { path, r, out, false };
	size_t errors_before = r->errors, nsyntax = 0;
	unsigned syntax[1];
	char why[256] = "";
	int rc;

	*out = focus_centre;
	rc = siteini_parse_lines(path, on_setting, &fr, syntax, 1, &nsyntax, why, sizeof(why));
	if (rc < 0) {
		report_error(r, path, 0, "cannot read the focus file%s%s", why[0] ? ": " : "", why);
		return -1;
	}
	if (nsyntax)
		report_error(r, path, syntax[0], "not a 'key = value' line");
	if (!fr.have_focus && r->errors == errors_before)
		report_error(r, path, 0, "no 'focus = LEFT TOP' line");
	return r->errors > errors_before ? -1 : 0;
}
