/* outoforder: the last-resort "Außer Betrieb / Out of order" screen, drawn without
 * the bundle (it is what shows when the bundle is missing or broken).  It uses a
 * system font when one is installed and plain shapes otherwise, and is never
 * black: a calm light background a passer-by reads as "resting", not "dead". */
#ifndef FOYER_OUTOFORDER_H
#define FOYER_OUTOFORDER_H

#include <stdbool.h>

#include <SDL.h>
#include <SDL_ttf.h>

/* Small print for the technician under the message (e.g. that the clock is not
 * set): a German line, '\n', an English line; copied; NULL or "" for none.  One per process: the
 * screen is drawn without the app's state. */
void outoforder_set_note(const char *note);

/* Draws the screen into the renderer's current target of size w x h.  Returns
 * true when it could use a font, false when it fell back to shapes only. */
bool outoforder_draw(SDL_Renderer *r, int w, int h);

/* The first of the system fonts the SD image and Debian desktops ship that
 * opens, at px; NULL when none does.  Close with TTF_CloseFont(). */
TTF_Font *outoforder_system_font(int px);

#endif
