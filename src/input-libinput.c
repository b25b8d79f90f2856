/* input-libinput: the device backend.  libinput on the udev seat; touchscreens,
 * absolute pointers (QEMU's usb-tablet), pens and mice all become touches; keyboards are read and
 * dropped.  Event translation lives in input.c (input_translate_raw), tested
 * without devices; this file is the thin glue that reads libinput. */
#include "input-private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libinput.h>
#include <libudev.h>

struct libinput_backend {
	struct input_options opts;
	const char *seat;
	struct udev *udev;
	struct libinput *li;
	struct input_pointer pointer;
	int devices; /* currently present, for the "no devices" hint */
};

static int handle_open_restricted(const char *path, int flags, void *user_data)
{
	struct libinput_backend *be = user_data;
	int fd = be->opts.open_restricted(path, flags, be->opts.restricted_user);

	if (fd < 0)
		logger_printf(&be->opts.log, LOG_LEVEL_WARNING, "input: cannot open %s: %s", path,
			      strerror(-fd));
	return fd;
}

static void handle_close_restricted(int fd, void *user_data)
{
	struct libinput_backend *be = user_data;

	be->opts.close_restricted(fd, be->opts.restricted_user);
}

static const struct libinput_interface restricted_interface = {
	.open_restricted = handle_open_restricted,
	.close_restricted = handle_close_restricted,
};

__attribute__((format(printf, 3, 0))) static void
handle_libinput_log(struct libinput *li, enum libinput_log_priority priority, const char *format,
		    va_list args)
{
	struct libinput_backend *be = libinput_get_user_data(li);
	enum log_level level = priority >= LIBINPUT_LOG_PRIORITY_ERROR  ? LOG_LEVEL_ERROR
			       : priority >= LIBINPUT_LOG_PRIORITY_INFO ? LOG_LEVEL_INFO
									: LOG_LEVEL_DEBUG;
	char message[LOGGER_MAX_MESSAGE - 16];
	size_t len;

	vsnprintf(message, sizeof(message), format, args);
	len = strlen(message);
	if (len && message[len - 1] == '\n')
		message[len - 1] = '\0';
	logger_printf(&be->opts.log, level, "libinput: %s", message);
}

static void device_note(struct libinput_backend *be, struct libinput_event *event, bool added)
{
	struct libinput_device *dev = libinput_event_get_device(event);
	bool touch = libinput_device_has_capability(dev, LIBINPUT_DEVICE_CAP_TOUCH);
	bool pointer = libinput_device_has_capability(dev, LIBINPUT_DEVICE_CAP_POINTER);

	be->devices += added ? 1 : -1;
	logger_printf(&be->opts.log, LOG_LEVEL_INFO, "input: %s %s (%s)",
		      added ? "added" : "removed", libinput_device_get_name(dev),
		      touch     ? "touch"
		      : pointer ? "pointer, acts as one finger"
				: "ignored");
}

/* libinput's event reduced to plain data for input_translate_raw(): one raw event,
 * or two for a pen tip (move there, then press or release). */
/* A finger on a touch screen: scaled to the output (LIBINPUT_CALIBRATION_MATRIX
 * from udev applies here). */
static void raw_from_touch(struct libinput_event *event, enum libinput_event_type type, int w,
			   int h, struct input_raw *raw)
{
	struct libinput_event_touch *t = libinput_event_get_touch_event(event);

	raw->type = type == LIBINPUT_EVENT_TOUCH_DOWN     ? INPUT_RAW_TOUCH_DOWN
		    : type == LIBINPUT_EVENT_TOUCH_MOTION ? INPUT_RAW_TOUCH_MOTION
		    : type == LIBINPUT_EVENT_TOUCH_UP     ? INPUT_RAW_TOUCH_UP
							  : INPUT_RAW_TOUCH_CANCEL;
	raw->slot = libinput_event_touch_get_seat_slot(t);
	if (type == LIBINPUT_EVENT_TOUCH_DOWN || type == LIBINPUT_EVENT_TOUCH_MOTION) {
		raw->x = libinput_event_touch_get_x_transformed(t, (uint32_t)w);
		raw->y = libinput_event_touch_get_y_transformed(t, (uint32_t)h);
	}
	raw->time_ms = input_clock_from_monotonic_us(libinput_event_touch_get_time_usec(t));
}

/* A mouse (relative), a touch foil that reports as an absolute pointer, or a
 * button. */
static void raw_from_pointer(struct libinput_event *event, enum libinput_event_type type, int w,
			     int h, struct input_raw *raw)
{
	struct libinput_event_pointer *p = libinput_event_get_pointer_event(event);

	switch (type) {
	case LIBINPUT_EVENT_POINTER_MOTION:
		raw->type = INPUT_RAW_POINTER_RELATIVE;
		raw->dx = libinput_event_pointer_get_dx(p);
		raw->dy = libinput_event_pointer_get_dy(p);
		break;
	case LIBINPUT_EVENT_POINTER_MOTION_ABSOLUTE:
		raw->type = INPUT_RAW_POINTER_ABSOLUTE;
		raw->x = libinput_event_pointer_get_absolute_x_transformed(p, (uint32_t)w);
		raw->y = libinput_event_pointer_get_absolute_y_transformed(p, (uint32_t)h);
		break;
	default: /* LIBINPUT_EVENT_POINTER_BUTTON */
		raw->type = INPUT_RAW_POINTER_BUTTON;
		raw->button = libinput_event_pointer_get_button(p);
		raw->pressed =
		    libinput_event_pointer_get_button_state(p) == LIBINPUT_BUTTON_STATE_PRESSED;
		raw->seat_button_count = libinput_event_pointer_get_seat_button_count(p);
		break;
	}
	raw->time_ms = input_clock_from_monotonic_us(libinput_event_pointer_get_time_usec(p));
}

/* A pen display (or a touch foil that calls itself a tablet): the pen's tip is
 * the finger.  Returns how many raws it filled: a tip event is a move and a
 * button. */
static int raw_from_tablet(struct libinput_event *event, enum libinput_event_type type, int w,
			   int h, struct input_raw raws[2])
{
	struct libinput_event_tablet_tool *tool = libinput_event_get_tablet_tool_event(event);

	raws[0].type = INPUT_RAW_POINTER_ABSOLUTE;
	raws[0].x = libinput_event_tablet_tool_get_x_transformed(tool, (uint32_t)w);
	raws[0].y = libinput_event_tablet_tool_get_y_transformed(tool, (uint32_t)h);
	raws[0].time_ms =
	    input_clock_from_monotonic_us(libinput_event_tablet_tool_get_time_usec(tool));
	if (type != LIBINPUT_EVENT_TABLET_TOOL_TIP)
		return 1;
	raws[1].type = INPUT_RAW_POINTER_BUTTON;
	raws[1].button = INPUT_BTN_TOUCH;
	raws[1].pressed =
	    libinput_event_tablet_tool_get_tip_state(tool) == LIBINPUT_TABLET_TOOL_TIP_DOWN;
	raws[1].seat_button_count = raws[1].pressed ? 1 : 0;
	raws[1].time_ms = raws[0].time_ms;
	return 2;
}

static int raw_from_libinput(struct libinput_backend *be, struct libinput_event *event,
			     struct input_raw raws[2])
{
	enum libinput_event_type type = libinput_event_get_type(event);
	int w = be->pointer.width, h = be->pointer.height;

	memset(raws, 0, 2 * sizeof(*raws));
	raws[0].type = INPUT_RAW_OTHER;
	switch (type) {
	case LIBINPUT_EVENT_TOUCH_DOWN:
	case LIBINPUT_EVENT_TOUCH_MOTION:
	case LIBINPUT_EVENT_TOUCH_UP:
	case LIBINPUT_EVENT_TOUCH_CANCEL:
		raw_from_touch(event, type, w, h, &raws[0]);
		break;
	case LIBINPUT_EVENT_POINTER_MOTION:
	case LIBINPUT_EVENT_POINTER_MOTION_ABSOLUTE:
	case LIBINPUT_EVENT_POINTER_BUTTON:
		raw_from_pointer(event, type, w, h, &raws[0]);
		break;
	case LIBINPUT_EVENT_TABLET_TOOL_AXIS:
	case LIBINPUT_EVENT_TABLET_TOOL_PROXIMITY:
	case LIBINPUT_EVENT_TABLET_TOOL_TIP:
		return raw_from_tablet(event, type, w, h, raws);
	case LIBINPUT_EVENT_KEYBOARD_KEY:
		raws[0].type = INPUT_RAW_KEY;
		break;
	case LIBINPUT_EVENT_DEVICE_ADDED:
		device_note(be, event, true);
		break;
	case LIBINPUT_EVENT_DEVICE_REMOVED:
		device_note(be, event, false);
		break;
	default:
		break;
	}
	return 1;
}

static int libinput_backend_dispatch(struct input_source *self, const void *native)
{
	struct libinput_backend *be = self->impl;
	struct libinput_event *event;
	int rc;

	(void)native;
	if (!be || !be->li)
		return -1;
	rc = libinput_dispatch(be->li);
	if (rc < 0) {
		logger_printf(&be->opts.log, LOG_LEVEL_ERROR, "input: libinput_dispatch: %s",
			      strerror(-rc));
		return -1;
	}
	while ((event = libinput_get_event(be->li))) {
		struct input_raw raws[2];
		struct input_event ev;
		int n = raw_from_libinput(be, event, raws);

		for (int i = 0; i < n; i++)
			if (input_translate_raw(&be->pointer, &raws[i], &ev) > 0)
				be->opts.on_event(be->opts.user, &ev);
		libinput_event_destroy(event);
	}
	return 0;
}

static void libinput_backend_close(struct input_source *self)
{
	struct libinput_backend *be = self->impl;

	if (!be)
		return;
	if (be->li)
		libinput_unref(be->li);
	if (be->udev)
		udev_unref(be->udev);
	free(be);
	self->impl = NULL;
}

static int libinput_backend_open(struct input_source *self, const struct input_options *opts)
{
	struct libinput_backend *be;

	if (!opts->open_restricted || !opts->close_restricted || !opts->on_event) {
		logger_printf(
		    &opts->log, LOG_LEVEL_ERROR,
		    "input: libinput needs open_restricted, close_restricted and on_event");
		return -1;
	}
	be = calloc(1, sizeof(*be));
	if (!be) {
		logger_printf(&opts->log, LOG_LEVEL_ERROR, "input: out of memory");
		return -1;
	}
	be->opts = *opts;
	be->seat = opts->seat ? opts->seat : "seat0";
	input_pointer_init(&be->pointer, opts->output_width, opts->output_height);
	self->impl = be;

	be->udev = udev_new();
	if (!be->udev) {
		logger_printf(&be->opts.log, LOG_LEVEL_ERROR,
			      "input: cannot create a udev context: %s", strerror(errno));
		goto out_close;
	}
	be->li = libinput_udev_create_context(&restricted_interface, be, be->udev);
	if (!be->li) {
		logger_printf(&be->opts.log, LOG_LEVEL_ERROR,
			      "input: cannot create a libinput context");
		goto out_close;
	}
	libinput_log_set_handler(be->li, handle_libinput_log);
	libinput_log_set_priority(be->li, LIBINPUT_LOG_PRIORITY_INFO);
	if (libinput_udev_assign_seat(be->li, be->seat) != 0) {
		logger_printf(
		    &be->opts.log, LOG_LEVEL_ERROR,
		    "input: cannot use seat '%s': udev is not running or /run/udev is not readable; "
		    "no touch input",
		    be->seat);
		goto out_close;
	}
	/* The initial DEVICE_ADDED events: nothing to translate yet, but they tell us
	 * whether anything is there at all. */
	if (libinput_backend_dispatch(self, NULL) < 0)
		goto out_close;
	if (be->devices == 0 && access("/run/udev", F_OK) != 0) {
		/* libinput's udev backend finds devices only through a running udevd
		 * (containers, chroots): nothing would ever appear, so say so and let the
		 * caller fall back to SDL input. */
		logger_printf(
		    &be->opts.log, LOG_LEVEL_ERROR,
		    "input: no seat '%s': udev is not running here (no /run/udev); no libinput devices",
		    be->seat);
		goto out_close;
	}
	if (be->devices == 0)
		logger_printf(
		    &be->opts.log, LOG_LEVEL_WARNING,
		    "input: no input devices on seat '%s' yet (is the user in group 'input'? is the "
		    "touchscreen connected?); waiting for one to appear",
		    be->seat);
	return 0;

out_close:
	libinput_backend_close(self);
	return -1;
}

static int libinput_backend_get_fd(struct input_source *self)
{
	struct libinput_backend *be = self->impl;

	return be && be->li ? libinput_get_fd(be->li) : -1;
}

static void libinput_backend_set_output_size(struct input_source *self, int width, int height)
{
	struct libinput_backend *be = self->impl;

	if (be)
		input_pointer_resize(&be->pointer, width, height);
}

void input_source_init_libinput(struct input_source *src)
{
	src->name = "libinput";
	src->open = libinput_backend_open;
	src->get_fd = libinput_backend_get_fd;
	src->dispatch = libinput_backend_dispatch;
	src->set_output_size = libinput_backend_set_output_size;
	src->close = libinput_backend_close;
	src->impl = NULL;
}
