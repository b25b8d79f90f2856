/* app-prepare: the page a resting finger points at, laid out and its first
 * screen decoded before the finger lifts, so the tap's frame finds everything
 * ready.  The work is two steps that are due at once and then gone, so an idle
 * kiosk still never wakes. */
#include "app-private.h"

#include <stdio.h>
#include <string.h>

void prepare_init(struct app *a)
{
	memset(&a->prepare, 0, sizeof(a->prepare));
}

void prepare_free(struct app *a)
{
	prepare_drop(a, false);
	layout_free(&a->prepare.layout);
}

void prepare_drop(struct app *a, bool keep_ready)
{
	struct app_prepare *pr = &a->prepare;

	if (keep_ready && pr->stage == APP_PREPARE_READY)
		return;
	if (pr->p)
		page_free(pr->p);
	pr->p = NULL;
	layout_reset(&pr->layout);
	pr->stage = APP_PREPARE_NONE;
}

void prepare_begin(struct app *a, const char *id)
{
	struct app_prepare *pr = &a->prepare;

	if (strcmp(id, a->nav.start) == 0 ||
	    (a->nav.screen == NAV_PAGE && strcmp(id, a->nav.page) == 0))
		return; /* the start screen, or the page shown: nothing to open */
	if (pr->stage != APP_PREPARE_NONE && pr->lang == a->nav.lang && strcmp(pr->page, id) == 0)
		return; /* prepared already, or on the way */
	prepare_drop(a, false);
	snprintf(pr->page, sizeof(pr->page), "%s", id);
	pr->lang = a->nav.lang;
	pr->stage = APP_PREPARE_LAYOUT;
}

bool prepare_pending(const struct app *a)
{
	return a->prepare.stage == APP_PREPARE_LAYOUT || a->prepare.stage == APP_PREPARE_DECODE;
}

void prepare_step(struct app *a)
{
	struct app_prepare *pr = &a->prepare;

	switch (pr->stage) {
	case APP_PREPARE_LAYOUT:
		pr->p = app_load_page_any(a, pr->page, pr->lang);
		layout_reset(&pr->layout);
		if (!pr->p || content_layout_page(a, &pr->layout, pr->p) != 0 || pr->layout.nomem) {
			prepare_drop(a, false);
			break;
		}
		pr->stage = APP_PREPARE_DECODE;
		break;
	case APP_PREPARE_DECODE:
		/* prepared pictures take the place of unused ones, not more memory */
		render_trim(&a->render);
		render_prefetch(&a->render, &pr->layout, 0, a->m.view.y, a->m.view);
		pr->stage = APP_PREPARE_READY;
		break;
	case APP_PREPARE_NONE:
	case APP_PREPARE_READY:
		break;
	}
}

bool prepare_take(struct app *a, const char *id, int lang, struct page **page, struct layout *l)
{
	struct app_prepare *pr = &a->prepare;
	struct layout tmp;

	/* what a resting finger prepared: the same layout a plain open makes now */
	pr->used = false;
	if (!id || pr->stage < APP_PREPARE_DECODE || pr->lang != lang || strcmp(pr->page, id) != 0)
		return false;
	pr->used = true;
	*page = pr->p;
	pr->p = NULL;
	tmp = *l;
	*l = pr->layout;
	pr->layout = tmp;
	return true;
}
