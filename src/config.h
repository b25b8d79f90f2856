/* config: foyer.conf, the technician's settings on the FAT partition.
 *
 * The file is untrusted and hand-edited: every bad line is reported through the
 * caller's logger as "FILE:LINE: message" and the default is kept for that setting.
 * Loading never fails; a missing or unreadable file means all defaults.  The keys,
 * defaults and ranges are documented for technicians in docs/config.md. */
#ifndef FOYER_CONFIG_H
#define FOYER_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "logger.h"
#include "panel.h"
#include "rotation.h"
#include "schedule.h"

#define CONFIG_SITE_MAX 63     /* bytes of a location id */
#define CONFIG_IDLE_DEFAULT 90 /* s: back to the start page */
#define CONFIG_IDLE_MIN 10     /* s: shorter interrupts reading */
#define CONFIG_IDLE_MAX 3600
#define CONFIG_ATTRACT_DEFAULT 300 /* s: attract screen */
#define CONFIG_ATTRACT_MAX 86400
#define CONFIG_ATTRACT_AFTER_IDLE 60     /* s: used when attract <= idle */
#define CONFIG_MAX_FILE_SIZE (64 * 1024) /* a settings file, not a data file */
#define CONFIG_MOUNT_MAX_MM 3000         /* a panel's lower edge: higher is a ceiling */

/* What the screen shows outside the opening hours once nobody touches it. */
enum config_closed_screen {
	CONFIG_CLOSED_DIM, /* a dark screen with the hours and "Bitte berühren / Please touch" */
	CONFIG_CLOSED_OFF, /* black (the panel may be switched off by the building) */
};

enum config_language {
	CONFIG_LANGUAGE_DE,
	CONFIG_LANGUAGE_EN,
};

struct config {
	char site[CONFIG_SITE_MAX + 1]; /* location id, lower case [a-z0-9_-]; "" if unset */
	enum config_language language;  /* the default language, back to it on idle */
	unsigned idle_timeout_s;        /* CONFIG_IDLE_MIN..CONFIG_IDLE_MAX */
	unsigned attract_timeout_s;     /* > idle_timeout_s, <= CONFIG_ATTRACT_MAX */
	enum rotation rotation;
	enum log_level log_level;
	struct panel panel;     /* panel_mm (0 x 0: ask the display) and viewing_distance_mm */
	double mount_bottom_mm; /* the panel's lower edge above the floor; 0: not given */
	struct schedule hours;  /* always open unless [hours] says otherwise; applied
				 * only with a trusted clock (schedule_closed_now) */
	bool hours_given;       /* [hours] set a day, holidays or closed dates */
	enum config_closed_screen closed_screen;
};

/* All defaults: no site, German, 90 s idle, 300 s attract, no rotation, log level
 * info, open around the clock, a dimmed screen when closed. */
void config_init_defaults(struct config *cfg);

/* Loads path over the defaults.  Problems go to log (may be NULL) as
 * "path:line: ..." (error for bad lines, warning for a missing file).  Returns the
 * number of problems reported; *cfg is always usable. */
int config_load_file(struct config *cfg, const char *path, const struct logger *log);

/* The same from memory (tests, fuzzing); name is used in messages.  data need not
 * be NUL-terminated and may contain anything. */
int config_load_buffer(struct config *cfg, const char *name, const char *data, size_t size,
		       const struct logger *log);

/* "dim" / "off"; static. */
const char *config_closed_screen_name(enum config_closed_screen c);

/* "de" / "en"; static. */
const char *config_language_code(enum config_language lang);

#endif
