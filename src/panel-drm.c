/* panel-drm: the panel's size from the display itself (its EDID, through the
 * kernel's DRM connector), for the device.  Read once at start: a kiosk's
 * panel does not change while it runs; a technician's panel_mm wins. */
#include "panel.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <xf86drm.h>
#include <xf86drmMode.h>

/* card0 is the Pi 4's vc4 display; the others are render-only GPUs or a USB
 * display adapter; a few are plenty. */
#define PANEL_DRM_CARDS 4

/* The first connected connector of one card that reports a size. */
static bool read_card(int fd, double *w_mm, double *h_mm)
{
	drmModeResPtr res = drmModeGetResources(fd);
	bool found = false;

	for (int i = 0; res && i < res->count_connectors && !found; i++) {
		drmModeConnectorPtr c = drmModeGetConnector(fd, res->connectors[i]);

		if (c && c->connection == DRM_MODE_CONNECTED && c->mmWidth > 0 && c->mmHeight > 0) {
			*w_mm = c->mmWidth;
			*h_mm = c->mmHeight;
			found = true;
		}
		drmModeFreeConnector(c);
	}
	drmModeFreeResources(res);
	return found;
}

bool panel_read_drm(struct panel *p, const struct logger *log)
{
	char path[32];
	double w = 0, h = 0;

	for (int card = 0; card < PANEL_DRM_CARDS; card++) {
		int fd;
		bool found;

		snprintf(path, sizeof(path), "/dev/dri/card%d", card);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		found = read_card(fd, &w, &h);
		close(fd);
		/* EDIDs of projectors and some TVs say 0 or a token size: take a real one */
		if (found && w >= 10 && h >= 10 && w <= PANEL_SIDE_MM_MAX &&
		    h <= PANEL_SIDE_MM_MAX) {
			p->width_mm = w;
			p->height_mm = h;
			logger_printf(log, LOG_LEVEL_INFO, "panel: %.0fx%.0f mm (EDID, %s)", w, h,
				      path);
			return true;
		}
	}
	logger_printf(
	    log, LOG_LEVEL_WARNING,
	    "panel: the display does not report its size; sizes assume a %.1f-inch panel (set panel_mm in foyer.conf)",
	    PANEL_DIAGONAL_MM_DEFAULT / 25.4);
	return false;
}
