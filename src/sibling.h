/* sibling: the other program of foyer's pair, found beside this one
 * (build/foyer next to build/foyer-pack, /usr/bin/foyer next to
 * /usr/bin/foyer-pack), so a build tree runs its own kiosk and packer and not
 * whatever an older install left on PATH.  foyer --watch runs foyer-pack;
 * foyer-pack preview runs foyer. */
#ifndef FOYER_SIBLING_H
#define FOYER_SIBLING_H

#include <stddef.h>

/* Writes the path of program `name` in this program's folder to buf when it
 * is there and executable; else `name` itself, for execvp() to find on PATH. */
void sibling_program(const char *name, char *buf, size_t size);

#endif
