/* input: what the backends share: the clock, plain device opening, and the
 * translation of the pointer into a finger. */
#include "input-private.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <time.h>
#include <unistd.h>

uint64_t input_clock_ms(void)
{
	return SDL_GetTicks64();
}

uint64_t input_clock_from_monotonic_us(uint64_t monotonic_us)
{
	struct timespec ts;
	uint64_t mono_now_ms, now_ms = input_clock_ms(), event_ms = monotonic_us / 1000;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	mono_now_ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
	/* The event happened (mono_now - event) ago; never in the future, never before 0.
	 * Measured afresh each time, so the two clocks cannot drift apart. */
	if (event_ms > mono_now_ms)
		return now_ms;
	return mono_now_ms - event_ms < now_ms ? now_ms - (mono_now_ms - event_ms) : 0;
}

int input_open_restricted_plain(const char *path, int flags, void *user_data)
{
	int fd;

	(void)user_data;
	fd = open(path, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

void input_close_restricted_plain(int fd, void *user_data)
{
	(void)user_data;
	close(fd);
}

static double clamp(double v, double lo, double hi)
{
	if (!(v >= lo)) /* also catches NaN */
		return lo;
	return v > hi ? hi : v;
}

void input_pointer_resize(struct input_pointer *p, int width, int height)
{
	p->width = width > 0 ? width : 1;
	p->height = height > 0 ? height : 1;
	p->x = clamp(p->x, 0, p->width - 1);
	p->y = clamp(p->y, 0, p->height - 1);
}

void input_pointer_init(struct input_pointer *p, int width, int height)
{
	p->pressed = false;
	p->scale_x = p->scale_y = 1.0;
	p->x = width / 2;
	p->y = height / 2;
	input_pointer_resize(p, width, height);
}

static int pointer_event(struct input_pointer *p, enum input_event_type type, uint64_t time_ms,
			 struct input_event *out)
{
	out->type = type;
	out->slot = INPUT_SLOT_POINTER;
	out->x = p->x;
	out->y = p->y;
	out->time_ms = time_ms;
	return 1;
}

/* The cursor moved to (x, y): a finger moving if the button is held, else hover. */
static int pointer_move(struct input_pointer *p, double x, double y, uint64_t time_ms,
			struct input_event *out)
{
	p->x = clamp(x, 0, p->width - 1);
	p->y = clamp(y, 0, p->height - 1);
	return p->pressed ? pointer_event(p, INPUT_EVENT_MOTION, time_ms, out) : 0;
}

int input_translate_raw(struct input_pointer *p, const struct input_raw *raw,
			struct input_event *out)
{
	out->slot = raw->slot;
	out->x = raw->x;
	out->y = raw->y;
	out->time_ms = raw->time_ms;
	switch (raw->type) {
	case INPUT_RAW_TOUCH_DOWN:
		out->type = INPUT_EVENT_DOWN;
		return 1;
	case INPUT_RAW_TOUCH_MOTION:
		out->type = INPUT_EVENT_MOTION;
		return 1;
	case INPUT_RAW_TOUCH_UP:
		out->type = INPUT_EVENT_UP;
		out->x = out->y = NAN; /* libinput gives no position on UP */
		return 1;
	case INPUT_RAW_TOUCH_CANCEL:
		out->type = INPUT_EVENT_CANCEL;
		out->x = out->y = NAN;
		return 1;
	case INPUT_RAW_POINTER_RELATIVE:
		if (!isfinite(raw->dx) || !isfinite(raw->dy))
			return 0;
		return pointer_move(p, p->x + raw->dx, p->y + raw->dy, raw->time_ms, out);
	case INPUT_RAW_POINTER_ABSOLUTE:
		if (!isfinite(raw->x) || !isfinite(raw->y))
			return 0;
		return pointer_move(p, raw->x, raw->y, raw->time_ms, out);
	case INPUT_RAW_POINTER_BUTTON:
		if (raw->button != INPUT_BTN_LEFT && raw->button != INPUT_BTN_TOUCH)
			return 0; /* right and middle buttons mean nothing on a kiosk */
		if (raw->pressed && !p->pressed) {
			p->pressed = true;
			return pointer_event(p, INPUT_EVENT_DOWN, raw->time_ms, out);
		}
		/* With two mice, the finger lifts when the last button is released. */
		if (!raw->pressed && p->pressed && raw->seat_button_count == 0) {
			p->pressed = false;
			return pointer_event(p, INPUT_EVENT_UP, raw->time_ms, out);
		}
		return 0;
	case INPUT_RAW_KEY:
	case INPUT_RAW_OTHER:
		break;
	}
	return 0;
}

int input_source_open_auto(struct input_source *src, bool want_libinput,
			   const struct input_options *opts)
{
	if (want_libinput) {
		input_source_init_libinput(src);
		if (src->open(src, opts) == 0)
			return 0;
		logger_printf(&opts->log, LOG_LEVEL_WARNING, "input: falling back to SDL's input");
	}
	input_source_init_sdl(src);
	return src->open(src, opts);
}
