/* input-sdl: the desktop backend.  The main loop pulls SDL events and hands each to
 * dispatch(); the mouse acts as one finger, SDL touch fingers as themselves. */
#include "input-private.h"

#include <stdlib.h>

struct sdl_backend {
	struct input_options opts;
	struct input_pointer pointer;
};

/* SDL stamps events with a 32-bit millisecond tick that wraps after 49 days (a
 * kiosk runs for months); its age is exact in 32-bit arithmetic, so subtract the
 * age from the 64-bit tick. */
static uint64_t sdl_event_time_ms(const SDL_Event *ev)
{
	uint64_t now = input_clock_ms();
	uint32_t age = (uint32_t)now - ev->common.timestamp;

	return age < now ? now - age : 0;
}

int input_sdl_translate(struct input_pointer *p, const SDL_Event *ev, uint64_t time_ms,
			struct input_event *out, bool *consumed)
{
	*consumed = true;
	out->time_ms = time_ms;
	out->slot = INPUT_SLOT_POINTER;
	switch (ev->type) {
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP: {
		struct input_raw raw = {
			.type = INPUT_RAW_POINTER_ABSOLUTE,
			.x = ev->button.x * p->scale_x,
			.y = ev->button.y * p->scale_y,
			.time_ms = time_ms,
		};

		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			return 0; /* SDL's mouse copy of a touch: the finger event comes too */
		input_translate_raw(p, &raw, out); /* moves the cursor; button still up/down */
		raw.type = INPUT_RAW_POINTER_BUTTON;
		raw.button = INPUT_BTN_LEFT;
		raw.pressed = ev->type == SDL_MOUSEBUTTONDOWN;
		raw.seat_button_count = raw.pressed ? 1 : 0;
		return input_translate_raw(p, &raw, out);
	}
	case SDL_MOUSEMOTION: {
		struct input_raw raw = {
			.type = INPUT_RAW_POINTER_ABSOLUTE,
			.x = ev->motion.x * p->scale_x,
			.y = ev->motion.y * p->scale_y,
			.time_ms = time_ms,
		};

		if (ev->motion.which == SDL_TOUCH_MOUSEID)
			return 0;
		if (p->pressed && !(ev->motion.state & SDL_BUTTON_LMASK)) {
			/* the release happened where we did not see it (outside the window) */
			raw.type = INPUT_RAW_POINTER_BUTTON;
			raw.button = INPUT_BTN_LEFT;
			raw.pressed = false;
			return input_translate_raw(p, &raw, out);
		}
		return input_translate_raw(p, &raw, out);
	}
	case SDL_FINGERDOWN:
	case SDL_FINGERMOTION:
	case SDL_FINGERUP:
		if (ev->tfinger.touchId == SDL_MOUSE_TOUCHID)
			return 0; /* SDL's touch copy of the mouse, which we already use */
		out->type = ev->type == SDL_FINGERDOWN ? INPUT_EVENT_DOWN
			    : ev->type == SDL_FINGERUP ? INPUT_EVENT_UP
						       : INPUT_EVENT_MOTION;
		out->slot = (int64_t)ev->tfinger.fingerId;
		/* SDL normalises touch positions to 0..1 of the window */
		out->x = (double)ev->tfinger.x * p->width;
		out->y = (double)ev->tfinger.y * p->height;
		return 1;
	case SDL_WINDOWEVENT:
		*consumed = false;
		if (ev->window.event != SDL_WINDOWEVENT_FOCUS_LOST)
			return 0;
		/* Fingers and buttons lifted while unfocused never report an UP. */
		p->pressed = false;
		out->type = INPUT_EVENT_CANCEL;
		out->slot = INPUT_SLOT_ALL;
		out->x = out->y = 0;
		return 1;
	default:
		*consumed = false;
		return 0;
	}
}

static int sdl_open(struct input_source *self, const struct input_options *opts)
{
	struct sdl_backend *be = calloc(1, sizeof(*be));

	if (!be) {
		logger_printf(&opts->log, LOG_LEVEL_ERROR, "input: out of memory");
		return -1;
	}
	be->opts = *opts;
	input_pointer_init(&be->pointer, opts->output_width, opts->output_height);
	self->impl = be;
	return 0;
}

static int sdl_get_fd(struct input_source *self)
{
	(void)self;
	return -1;
}

/* Mouse positions are in window points; with SDL_WINDOW_ALLOW_HIGHDPI the output
 * has more pixels than that. */
static void pointer_scale_update(struct input_pointer *p, const SDL_Event *ev)
{
	SDL_Window *window;
	int w = 0, h = 0;

	if (ev->type != SDL_MOUSEBUTTONDOWN && ev->type != SDL_MOUSEBUTTONUP &&
	    ev->type != SDL_MOUSEMOTION)
		return;
	window = SDL_GetWindowFromID(ev->type == SDL_MOUSEMOTION ? ev->motion.windowID
								 : ev->button.windowID);
	if (!window)
		return;
	SDL_GetWindowSize(window, &w, &h);
	if (w > 0 && h > 0) {
		p->scale_x = (double)p->width / w;
		p->scale_y = (double)p->height / h;
	}
}

static int sdl_dispatch(struct input_source *self, const void *native)
{
	struct sdl_backend *be = self->impl;
	struct input_event ev;
	bool consumed;

	if (!be || !native)
		return 0;
	pointer_scale_update(&be->pointer, native);
	if (input_sdl_translate(&be->pointer, native, sdl_event_time_ms(native), &ev, &consumed) >
	    0)
		be->opts.on_event(be->opts.user, &ev);
	return consumed ? 1 : 0;
}

static void sdl_set_output_size(struct input_source *self, int width, int height)
{
	struct sdl_backend *be = self->impl;

	if (be)
		input_pointer_resize(&be->pointer, width, height);
}

static void sdl_close(struct input_source *self)
{
	free(self->impl);
	self->impl = NULL;
}

void input_source_init_sdl(struct input_source *src)
{
	src->name = "sdl";
	src->open = sdl_open;
	src->get_fd = sdl_get_fd;
	src->dispatch = sdl_dispatch;
	src->set_output_size = sdl_set_output_size;
	src->close = sdl_close;
	src->impl = NULL;
}
