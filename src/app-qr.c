/* app-qr: a web address's QR code over the screen, opened by tapping a link to
 * the web (the kiosk is offline: the visitor takes the address to a phone).
 * Any touch closes it, and so does anything that changes the screen. */
#include "app-private.h"

#include <stdio.h>

void qr_init(struct app *a)
{
	layout_init(&a->qr.layout, &a->fonts, NULL, NULL);
	a->qr.shown = false;
}

void qr_free(struct app *a)
{
	layout_free(&a->qr.layout);
}

void qr_open(struct app *a, const char *url)
{
	if (!a->page || layout_qr_overlay(&a->qr.layout, a->page, url, a->w, a->h) != 0) {
		SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION, "%s: no QR code for '%s'", a->bundle_path,
			    url);
		return;
	}
	a->qr.shown = true;
	a->dirty = true;
}

void qr_close(struct app *a)
{
	if (!a->qr.shown)
		return;
	layout_reset(&a->qr.layout);
	a->qr.shown = false;
	a->dirty = true;
}

void qr_draw(struct app *a)
{
	if (a->qr.shown)
		render_layout(&a->render, &a->qr.layout, 0, 0, (SDL_Rect){ 0, 0, a->w, a->h });
}
