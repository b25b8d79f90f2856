/* config: foyer.conf through inih.
 *
 * Debian's inih calls handlers without line numbers and only returns the first bad
 * line, so all lines reach inih through our own reader: it counts lines (the
 * handler, called synchronously for the line just read, reports with that count),
 * and it screens out what inih would reject or misread (over-long lines, which inih
 * would split; bad UTF-8; control bytes; lines that are neither a section, a key
 * nor a comment; indented lines, which inih would glue to the previous value).  A
 * screened line reaches inih as an empty line, so inih itself never sees an error. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

enum key {
	KEY_SITE,
	KEY_LANGUAGE,
	KEY_IDLE,
	KEY_ATTRACT,
	KEY_ROTATION,
	KEY_LOG_LEVEL,
	KEY_PANEL_MM,
	KEY_DISTANCE,
	KEY_MOUNT,
	KEY_HOLIDAYS,
	KEY_CLOSED,
	KEY_CLOSED_SCREEN,
	KEY_DAY0, /* KEY_DAY0 + tm_wday: sunday..saturday, in [hours] */
	KEY_COUNT = KEY_DAY0 + 7,
};

enum section {
	SECTION_NONE, /* before the first header */
	SECTION_KIOSK,
	SECTION_HOURS,
	SECTION_IGNORED, /* unknown or broken header, already reported */
};

/* Every key but the day names, and the section it belongs in. */
static const struct {
	enum section section;
	const char *name;
} keys[KEY_DAY0] = {
	[KEY_SITE] = { SECTION_KIOSK, "site" },
	[KEY_LANGUAGE] = { SECTION_KIOSK, "language" },
	[KEY_IDLE] = { SECTION_KIOSK, "idle_timeout" },
	[KEY_ATTRACT] = { SECTION_KIOSK, "attract_timeout" },
	[KEY_ROTATION] = { SECTION_KIOSK, "rotation" },
	[KEY_LOG_LEVEL] = { SECTION_KIOSK, "log_level" },
	[KEY_PANEL_MM] = { SECTION_KIOSK, "panel_mm" },
	[KEY_DISTANCE] = { SECTION_KIOSK, "viewing_distance_mm" },
	[KEY_MOUNT] = { SECTION_KIOSK, "mount_bottom_mm" },
	[KEY_HOLIDAYS] = { SECTION_HOURS, "holidays" },
	[KEY_CLOSED] = { SECTION_HOURS, "closed" },
	[KEY_CLOSED_SCREEN] = { SECTION_HOURS, "closed_screen" },
};

struct parser {
	struct config *cfg;
	const char *name; /* file name for messages */
	const struct logger *log;
	const char *data; /* whole file, not NUL-terminated */
	size_t size, pos; /* pos: start of the next line */
	unsigned line;    /* number of the line last handed to inih */
	int problems;
	enum section section;
	unsigned hours_line;          /* line of the [hours] header */
	unsigned key_line[KEY_COUNT]; /* where each key was last set; 0: never */
};

__attribute__((format(printf, 4, 5))) static void report(struct parser *p, enum log_level level,
							 unsigned line, const char *fmt, ...)
{
	char message[LOGGER_MAX_MESSAGE - 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	p->problems++;
	if (line)
		logger_printf(p->log, level, "%s:%u: %s", p->name, line, message);
	else
		logger_printf(p->log, level, "%s: %s", p->name, message);
}

void config_init_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->language = CONFIG_LANGUAGE_DE;
	cfg->idle_timeout_s = CONFIG_IDLE_DEFAULT;
	cfg->attract_timeout_s = CONFIG_ATTRACT_DEFAULT;
	cfg->rotation = ROTATION_0;
	cfg->log_level = LOG_LEVEL_INFO;
	schedule_init_always_open(&cfg->hours);
	cfg->hours_given = false;
	cfg->closed_screen = CONFIG_CLOSED_DIM;
}

const char *config_closed_screen_name(enum config_closed_screen c)
{
	return c == CONFIG_CLOSED_OFF ? "off" : "dim";
}

const char *config_language_code(enum config_language lang)
{
	return lang == CONFIG_LANGUAGE_EN ? "en" : "de";
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if it is not one. */
static size_t utf8_sequence_length(const unsigned char *s, size_t avail)
{
	uint32_t cp;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07u;
	else
		return 0;
	if (avail < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Why the raw line cannot be used, or NULL. */
static const char *line_problem(const char *line, size_t len)
{
	const unsigned char *s = (const unsigned char *)line;

	for (size_t i = 0; i < len;) {
		size_t n;

		if (s[i] == 0)
			return "NUL byte in line; ignored";
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return "control character in line; ignored";
		n = utf8_sequence_length(s + i, len - i);
		if (n == 0)
			return "invalid UTF-8 (save the file as UTF-8); line ignored";
		i += n;
	}
	return NULL;
}

static void trim(const char **start, size_t *len)
{
	while (*len && (**start == ' ' || **start == '\t'))
		(*start)++, (*len)--;
	while (*len && ((*start)[*len - 1] == ' ' || (*start)[*len - 1] == '\t'))
		(*len)--;
}

/* A section header: remembers the section (inih keeps its own copy of the name; we
 * use ours, with case and blanks forgiven). */
static bool section_enter(struct parser *p, const char *text, size_t len)
{
	const char *close = memchr(text, ']', len);
	const char *name = text + 1;
	size_t name_len;

	if (!close) {
		report(p, LOG_LEVEL_ERROR, p->line,
		       "missing ']' in section header; the keys after it are ignored");
		p->section = SECTION_IGNORED;
		return false;
	}
	name_len = (size_t)(close - name);
	trim(&name, &name_len);
	if (name_len == 5 && strncasecmp(name, "kiosk", 5) == 0) {
		p->section = SECTION_KIOSK;
	} else if (name_len == 5 && strncasecmp(name, "hours", 5) == 0) {
		p->section = SECTION_HOURS;
		if (!p->hours_line)
			p->hours_line = p->line;
	} else {
		report(p, LOG_LEVEL_ERROR, p->line,
		       "unknown section [%.*s] (known: [kiosk], [hours]); its keys are ignored",
		       (int)(name_len > 40 ? 40 : name_len), name);
		p->section = SECTION_IGNORED;
	}
	return true;
}

/* ini_reader: hands inih one screened line at a time. */
static char *reader_next_line(char *str, int num, void *stream)
{
	struct parser *p = stream;
	const char *line, *end;
	size_t len;
	const char *why;

	if (p->pos >= p->size || num < 3)
		return NULL;
	line = p->data + p->pos;
	end = memchr(line, '\n', p->size - p->pos);
	len = end ? (size_t)(end - line) : p->size - p->pos;
	p->pos += len + (end ? 1 : 0);
	p->line++;
	str[0] = '\n';
	str[1] = '\0';

	if (len && line[len - 1] == '\r')
		len--;
	if (p->line == 1 && len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3, len -= 3;
	if (len > (size_t)num - 2) {
		report(p, LOG_LEVEL_ERROR, p->line, "line longer than %d characters; ignored",
		       num - 2);
		return str;
	}
	why = line_problem(line, len);
	if (why) {
		report(p, LOG_LEVEL_ERROR, p->line, "%s", why);
		return str;
	}
	trim(&line, &len);
	if (len == 0 || line[0] == ';' || line[0] == '#')
		return str;
	if (line[0] == '[') {
		if (!section_enter(p, line, len))
			return str;
	} else if (!memchr(line, '=', len) && !memchr(line, ':', len)) {
		report(p, LOG_LEVEL_ERROR, p->line,
		       "expected 'key = value', a [section] or a comment; line ignored");
		return str;
	}
	memcpy(str, line, len);
	str[len] = '\n';
	str[len + 1] = '\0';
	return str;
}

/* A whole number of seconds in [min, max]; false if it is not one. */
static bool parse_seconds(const char *value, unsigned min, unsigned max, unsigned *out)
{
	unsigned long v = 0;

	if (!*value)
		return false;
	for (const char *s = value; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > max)
			return false;
	}
	if (v < min)
		return false;
	*out = (unsigned)v;
	return true;
}

static void set_site(struct parser *p, const char *value)
{
	size_t len = strlen(value);

	if (len > CONFIG_SITE_MAX) {
		report(p, LOG_LEVEL_ERROR, p->line,
		       "site is longer than %d characters; no site set", CONFIG_SITE_MAX);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];

		if (!isalnum(c) && c != '-' && c != '_') {
			report(
			    p, LOG_LEVEL_ERROR, p->line,
			    "site '%s' may only contain letters a-z, digits, '-' and '_'; no site set",
			    value);
			return;
		}
	}
	for (size_t i = 0; i <= len; i++)
		p->cfg->site[i] = (char)tolower((unsigned char)value[i]);
}

/* "closed = 2026-12-24, 2026-12-27..2026-12-31": every item on its own; a bad one
 * is reported and skipped, the good ones count.  Lines add up. */
static void add_closures(struct parser *p, const char *value)
{
	struct schedule *s = &p->cfg->hours;
	const char *item = value;

	for (;;) {
		const char *end = strchr(item, ',');
		size_t len = end ? (size_t)(end - item) : strlen(item);
		char text[64];
		const char *why = NULL;
		struct schedule_closure c;

		if (len >= sizeof(text)) {
			report(p, LOG_LEVEL_ERROR, p->line,
			       "closed '%.20s...': expected a date like 2026-12-24 or a range like "
			       "2026-12-24..2026-12-31; ignored",
			       item);
		} else {
			memcpy(text, item, len);
			text[len] = '\0';
			if (schedule_parse_closure(text, &c, &why) < 0) {
				const char *t = text;
				size_t n = strlen(t);

				trim(&t, &n);
				report(p, LOG_LEVEL_ERROR, p->line, "closed '%.*s': %s; ignored",
				       (int)n, t, why);
			} else if (s->closure_count == SCHEDULE_MAX_CLOSURES) {
				report(p, LOG_LEVEL_ERROR, p->line,
				       "more than %d closed dates and ranges; '%s' ignored",
				       SCHEDULE_MAX_CLOSURES, text);
			} else {
				s->closure[s->closure_count++] = c;
			}
		}
		if (!end)
			break;
		item = end + 1;
	}
}

static void set_key(struct parser *p, enum key key, const char *value)
{
	struct config *cfg = p->cfg;
	unsigned seconds;

	switch (key) {
	case KEY_SITE:
		set_site(p, value);
		break;
	case KEY_LANGUAGE:
		if (strcasecmp(value, "de") == 0)
			cfg->language = CONFIG_LANGUAGE_DE;
		else if (strcasecmp(value, "en") == 0)
			cfg->language = CONFIG_LANGUAGE_EN;
		else
			report(p, LOG_LEVEL_ERROR, p->line,
			       "language '%s' is not de or en; using %s", value,
			       config_language_code(cfg->language));
		break;
	case KEY_IDLE:
		if (parse_seconds(value, CONFIG_IDLE_MIN, CONFIG_IDLE_MAX, &seconds))
			cfg->idle_timeout_s = seconds;
		else
			report(
			    p, LOG_LEVEL_ERROR, p->line,
			    "idle_timeout '%s' is not a number of seconds from %d to %d; using %u",
			    value, CONFIG_IDLE_MIN, CONFIG_IDLE_MAX, cfg->idle_timeout_s);
		break;
	case KEY_ATTRACT:
		if (parse_seconds(value, 1, CONFIG_ATTRACT_MAX, &seconds))
			cfg->attract_timeout_s = seconds;
		else
			report(p, LOG_LEVEL_ERROR, p->line,
			       "attract_timeout '%s' is not a number of seconds up to %d; using %u",
			       value, CONFIG_ATTRACT_MAX, cfg->attract_timeout_s);
		break;
	case KEY_ROTATION: {
		unsigned degrees;

		if (parse_seconds(value, 0, 270, &degrees) && rotation_is_valid((int)degrees))
			cfg->rotation = (enum rotation)degrees;
		else
			report(p, LOG_LEVEL_ERROR, p->line,
			       "rotation '%s' is not 0, 90, 180 or 270; using %d", value,
			       (int)cfg->rotation);
		break;
	}
	case KEY_LOG_LEVEL: {
		static const enum log_level levels[] = {
			LOG_LEVEL_ERROR,
			LOG_LEVEL_WARNING,
			LOG_LEVEL_INFO,
			LOG_LEVEL_DEBUG,
		};
		bool found = false;

		for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
			if (strcasecmp(value, logger_level_name(levels[i])) == 0) {
				cfg->log_level = levels[i];
				found = true;
			}
		}
		if (!found)
			report(p, LOG_LEVEL_ERROR, p->line,
			       "log_level '%s' is not error, warning, info or debug; using %s",
			       value, logger_level_name(cfg->log_level));
		break;
	}
	case KEY_HOLIDAYS: {
		int h = schedule_holidays_from_name(value);

		if (h >= 0)
			cfg->hours.holidays = (enum schedule_holidays)h;
		else
			report(p, LOG_LEVEL_ERROR, p->line,
			       "holidays '%s' is not nrw or none; using %s", value,
			       cfg->hours.holidays == SCHEDULE_HOLIDAYS_NRW ? "nrw" : "none");
		break;
	}
	case KEY_CLOSED:
		add_closures(p, value);
		break;
	case KEY_CLOSED_SCREEN:
		if (strcasecmp(value, "dim") == 0)
			cfg->closed_screen = CONFIG_CLOSED_DIM;
		else if (strcasecmp(value, "off") == 0)
			cfg->closed_screen = CONFIG_CLOSED_OFF;
		else
			report(p, LOG_LEVEL_ERROR, p->line,
			       "closed_screen '%s' is not dim or off; using %s", value,
			       config_closed_screen_name(cfg->closed_screen));
		break;
	case KEY_PANEL_MM:
		if (!panel_parse_mm(value, &cfg->panel.width_mm, &cfg->panel.height_mm))
			report(
			    p, LOG_LEVEL_ERROR, p->line,
			    "panel_mm '%s' is not the panel's width and height in millimetres (e.g. 476x268); using the display's own size",
			    value);
		break;
	case KEY_DISTANCE:
		if (parse_seconds(value, (unsigned)PANEL_DISTANCE_MM_MIN,
				  (unsigned)PANEL_DISTANCE_MM_MAX, &seconds))
			cfg->panel.distance_mm = seconds;
		else
			report(
			    p, LOG_LEVEL_ERROR, p->line,
			    "viewing_distance_mm '%s' is not a number of millimetres from %d to %d; using %d",
			    value, (int)PANEL_DISTANCE_MM_MIN, (int)PANEL_DISTANCE_MM_MAX,
			    (int)(cfg->panel.distance_mm > 0 ? cfg->panel.distance_mm
							     : PANEL_DISTANCE_MM_DEFAULT));
		break;
	case KEY_MOUNT:
		if (parse_seconds(value, 0, CONFIG_MOUNT_MAX_MM, &seconds))
			cfg->mount_bottom_mm = seconds;
		else
			report(
			    p, LOG_LEVEL_ERROR, p->line,
			    "mount_bottom_mm '%s' is not a number of millimetres from 0 to %d; the controls follow the panel's shape",
			    value, CONFIG_MOUNT_MAX_MM);
		break;
	default:
		break;
	}
}

/* ini_handler: one key of the line p->line. */
static int handle_key(void *user, const char *section, const char *name, const char *value)
{
	struct parser *p = user;
	int key = -1;

	(void)section; /* ours is in p->section, see section_enter() */
	switch (p->section) {
	case SECTION_NONE:
		report(p, LOG_LEVEL_ERROR, p->line, "'%s' before any [section]; ignored", name);
		return 1;
	case SECTION_IGNORED:
		return 1;
	case SECTION_KIOSK:
	case SECTION_HOURS: {
		int wday = p->section == SECTION_HOURS ? schedule_day_from_name(name) : -1;

		if (wday >= 0)
			key = KEY_DAY0 + wday;
		for (int k = 0; k < KEY_DAY0; k++)
			if (keys[k].section == p->section && strcasecmp(name, keys[k].name) == 0)
				key = k;
		break;
	}
	}
	if (key < 0) {
		report(p, LOG_LEVEL_ERROR, p->line, "unknown key '%s' in [%s]; ignored", name,
		       p->section == SECTION_KIOSK ? "kiosk" : "hours");
		return 1;
	}
	if (p->key_line[key] && key != KEY_CLOSED) /* closed dates add up */
		report(p, LOG_LEVEL_WARNING, p->line,
		       "'%s' set again (first on line %u); this value is used", name,
		       p->key_line[key]);
	p->key_line[key] = p->line;
	if (key >= KEY_DAY0) {
		const char *why = NULL;

		if (schedule_parse_day(value, &p->cfg->hours.day[key - KEY_DAY0], &why) < 0) {
			report(p, LOG_LEVEL_ERROR, p->line, "%s '%s': %s; open all day", name,
			       value, why);
			schedule_day_set_always_open(&p->cfg->hours.day[key - KEY_DAY0]);
		}
	} else {
		set_key(p, (enum key)key, value);
	}
	return 1;
}

/* Checks between keys, once the whole file is read. */
static void config_check_whole(struct parser *p)
{
	struct config *cfg = p->cfg;

	if (cfg->attract_timeout_s <= cfg->idle_timeout_s) {
		unsigned line =
		    p->key_line[KEY_ATTRACT] ? p->key_line[KEY_ATTRACT] : p->key_line[KEY_IDLE];
		unsigned fixed = cfg->idle_timeout_s + CONFIG_ATTRACT_AFTER_IDLE;

		report(p, LOG_LEVEL_ERROR, line,
		       "attract_timeout (%u s) must be longer than idle_timeout (%u s); using %u",
		       cfg->attract_timeout_s, cfg->idle_timeout_s, fixed);
		cfg->attract_timeout_s = fixed;
	}
	{
		bool any_day = false;

		for (int wday = 0; wday < 7; wday++)
			any_day |= p->key_line[KEY_DAY0 + wday] != 0;
		cfg->hours_given = any_day || cfg->hours.holidays != SCHEDULE_HOLIDAYS_NONE ||
				   cfg->hours.closure_count > 0;
		/* an [hours] with every day left out: open around the clock on the days
		 * (as documented), closed only on holidays and closed dates */
		if (!any_day)
			return;
		for (int i = 1; i <= 7; i++) {
			int wday = i % 7; /* monday first, as people write them */

			if (p->key_line[KEY_DAY0 + wday])
				continue;
			report(
			    p, LOG_LEVEL_WARNING, p->hours_line,
			    "[hours] has no %s; open all day (write '%s = closed' to blank the screen)",
			    schedule_day_name(wday), schedule_day_name(wday));
		}
	}
}

int config_load_buffer(struct config *cfg, const char *name, const char *data, size_t size,
		       const struct logger *log)
{
	struct parser p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.cfg = cfg;
	p.name = name;
	p.log = log;
	p.data = data;
	p.size = data ? size : 0;
	rc = ini_parse_stream(reader_next_line, &p, handle_key, &p);
	if (rc != 0) /* the reader screens everything inih rejects; this is a safety net */
		report(&p, LOG_LEVEL_ERROR, rc > 0 ? (unsigned)rc : 0,
		       "cannot parse this line; ignored");
	config_check_whole(&p);
	return p.problems;
}

int config_load_file(struct config *cfg, const char *path, const struct logger *log)
{
	struct parser p = { .name = path, .log = log };
	struct stat st;
	char *data = NULL;
	size_t size = 0;
	int fd, problems;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		report(&p, LOG_LEVEL_WARNING, 0, "cannot open: %s; using defaults",
		       strerror(errno));
		return p.problems;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		report(&p, LOG_LEVEL_WARNING, 0, "not a regular file; using defaults");
		goto out_close;
	}
	data = malloc(CONFIG_MAX_FILE_SIZE);
	if (!data) {
		report(&p, LOG_LEVEL_ERROR, 0, "out of memory; using defaults");
		goto out_close;
	}
	while (size < CONFIG_MAX_FILE_SIZE) {
		ssize_t n = read(fd, data + size, CONFIG_MAX_FILE_SIZE - size);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			report(&p, LOG_LEVEL_WARNING, 0, "cannot read: %s; using defaults",
			       strerror(errno));
			goto out_free_data;
		}
		if (n == 0)
			break;
		size += (size_t)n;
	}
	if (size == CONFIG_MAX_FILE_SIZE && st.st_size > CONFIG_MAX_FILE_SIZE)
		report(&p, LOG_LEVEL_ERROR, 0, "larger than %d KiB; only the beginning is read",
		       CONFIG_MAX_FILE_SIZE / 1024);
	problems = config_load_buffer(cfg, path, data, size, log);
	p.problems += problems;
out_free_data:
	free(data);
out_close:
	close(fd);
	return p.problems;
}
