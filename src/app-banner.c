/* app-banner: what became of a content update from a USB stick, for a few
 * seconds over whatever is shown, so the technician who plugged the stick in
 * reads it at the kiosk (issue 10): "Inhalte aktualisiert: Version ..." or why
 * the bundle was refused.  The lines stand in every language of the site, the
 * one shown first, like the idle prompt's question; with a voice mode on they
 * are spoken too, without the version (the spoken copies are made at pack
 * time, the version is not known then). */
#include "app-private.h"

#include <stdio.h>

/* What the banner says for each result: a title, the version after it for an
 * install, and the reason after it for a refusal. */
static const struct {
	enum ui_text_id title;
	enum ui_text_id reason; /* UI_TEXT_COUNT: none */
	bool version;
} results[STORE_CODE_COUNT] = {
	[STORE_CODE_INSTALLED] = { UI_UPDATE_INSTALLED, UI_TEXT_COUNT, true },
	[STORE_CODE_ROLLED_BACK] = { UI_UPDATE_ROLLED_BACK, UI_TEXT_COUNT, true },
	[STORE_CODE_NO_KEYS] = { UI_UPDATE_REFUSED, UI_REFUSED_NO_KEYS, false },
	[STORE_CODE_UNSIGNED] = { UI_UPDATE_REFUSED, UI_REFUSED_UNSIGNED, false },
	[STORE_CODE_BAD_SIGNATURE] = { UI_UPDATE_REFUSED, UI_REFUSED_BAD_SIGNATURE, false },
	[STORE_CODE_NO_VERSION] = { UI_UPDATE_REFUSED, UI_REFUSED_NO_VERSION, false },
	[STORE_CODE_NOT_NEWER] = { UI_UPDATE_REFUSED, UI_REFUSED_NOT_NEWER, false },
	[STORE_CODE_DAMAGED] = { UI_UPDATE_REFUSED, UI_REFUSED_DAMAGED, false },
	[STORE_CODE_NO_SPACE] = { UI_UPDATE_REFUSED, UI_REFUSED_NO_SPACE, false },
	[STORE_CODE_FAILED] = { UI_UPDATE_FAILED, UI_TEXT_COUNT, false },
};

void banner_init(struct app *a, layout_image_size_fn image_size)
{
	layout_init(&a->banner.layout, &a->fonts, image_size, a);
}

void banner_free(struct app *a)
{
	layout_free(&a->banner.layout);
}

void app_banner(struct app *a, enum store_code code, const char *version, uint64_t now)
{
	struct app_banner *b = &a->banner;

	b->code = (unsigned)code < STORE_CODE_COUNT ? code : STORE_CODE_FAILED;
	snprintf(b->version, sizeof(b->version), "%s", version && *version ? version : "?");
	b->until = now + APP_BANNER_MS;
	b->up = true;
	a->dirty = true;
	if (!(a->access.read_aloud || a->access.explore))
		return;
	voice_say_ui(a, results[b->code].title, true);
	if (results[b->code].reason != UI_TEXT_COUNT)
		voice_say_ui(a, results[b->code].reason, false);
}

void banner_tick(struct app *a, uint64_t now)
{
	if (a->banner.up && now >= a->banner.until) {
		a->banner.up = false;
		a->dirty = true;
	}
}

bool banner_deadline(const struct app *a, uint64_t *t)
{
	*t = a->banner.until;
	return a->banner.up;
}

/* The banner's line in lang: title, then the version or the reason. */
static void banner_line(const struct app *a, const char *lang, char *out, size_t cap)
{
	const struct app_banner *b = &a->banner;
	enum ui_text_id reason = results[b->code].reason;

	snprintf(out, cap, "%s %s", ui_text(lang, results[b->code].title),
		 results[b->code].version  ? b->version
		 : reason != UI_TEXT_COUNT ? ui_text(lang, reason)
					   : "");
}

void banner_draw(struct app *a)
{
	struct layout *l = &a->banner.layout;
	struct layout_flow first = { LAYOUT_SIZE_BODY, LAYOUT_BOLD, LAYOUT_COLOR_ACCENT_TEXT,
				     LAYOUT_COLOR_ACCENT_TEXT, 1.3 };
	struct layout_flow other = first;
	int pad = app_em(a, 0.75), x, w, y;
	/* the top of the content, under the bar or, with the bar at the bottom, the screen's */
	int top = a->m.view.y;
	char line[512];

	if (!a->banner.up)
		return;
	other.face = LAYOUT_REGULAR;
	content_column(a, &x, &w);
	layout_reset(l);
	banner_line(a, app_lang(a), line, sizeof(line));
	y = layout_flow_text(l, &first, line, x, pad, w);
	for (size_t i = 0; i < a->site.lang_count; i++) {
		if ((int)i == a->nav.lang)
			continue;
		banner_line(a, a->site.langs[i], line, sizeof(line));
		y = layout_flow_text(l, &other, line, x, y, w);
	}
	render_fill(&a->render, (SDL_Rect){ 0, top, a->w, y + pad }, LAYOUT_COLOR_ACCENT);
	render_layout(&a->render, l, 0, top, (SDL_Rect){ 0, 0, a->w, a->h });
}
