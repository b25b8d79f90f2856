/* kms: dumb buffers on the first connected display; see kms.h. */
#include "kms.h"
#include "kms-private.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xf86drm.h>
#include <xf86drmMode.h>

/* /dev/dri/card0.. tried in turn: a Pi 4 has two (v3d renders, vc4 shows),
 * QEMU one; more than this many would be a different machine. */
#define KMS_MAX_CARDS 16
/* How long a page flip may take before present gives up waiting: many
 * vertical blanks, so only a stuck driver hits it. */
#define KMS_FLIP_TIMEOUT_MS 1000

bool kms_wanted(void)
{
	const char *video = getenv("SDL_VIDEODRIVER"), *render = getenv("SDL_RENDER_DRIVER");

	return video && SDL_strcasecmp(video, "kmsdrm") == 0 && render &&
	       SDL_strcasecmp(render, "software") == 0;
}

int kms_pick_mode(const drmModeModeInfo *modes, int n, const drmModeModeInfo *current, int want_w,
		  int want_h)
{
	int preferred = -1;

	if (n <= 0)
		return -1;
	for (int i = 0; want_w > 0 && want_h > 0 && i < n; i++)
		if (modes[i].hdisplay == want_w && modes[i].vdisplay == want_h)
			return i;
	for (int i = 0; current && i < n; i++)
		if (memcmp(&modes[i], current, sizeof(*current)) == 0)
			return i;
	for (int i = 0; i < n && preferred < 0; i++)
		if (modes[i].type & DRM_MODE_TYPE_PREFERRED)
			preferred = i;
	return preferred >= 0 ? preferred : 0;
}

void kms_copy_rows(uint8_t *dst, size_t dst_pitch, const uint8_t *src, size_t src_pitch,
		   size_t row_bytes, int h)
{
	if (dst_pitch == src_pitch && row_bytes == src_pitch) {
		memcpy(dst, src, row_bytes * (size_t)h);
		return;
	}
	for (int y = 0; y < h; y++)
		memcpy(dst + (size_t)y * dst_pitch, src + (size_t)y * src_pitch, row_bytes);
}

/* A CRTC that can drive the connector: its encoder's, else the first free
 * one any of its encoders can use.  0 when none. */
static uint32_t find_crtc(int fd, const drmModeRes *res, const drmModeConnector *conn)
{
	uint32_t crtc = 0;

	if (conn->encoder_id) {
		drmModeEncoder *enc = drmModeGetEncoder(fd, conn->encoder_id);

		if (enc) {
			crtc = enc->crtc_id;
			drmModeFreeEncoder(enc);
		}
	}
	for (int e = 0; !crtc && e < conn->count_encoders; e++) {
		drmModeEncoder *enc = drmModeGetEncoder(fd, conn->encoders[e]);

		for (int c = 0; enc && !crtc && c < res->count_crtcs; c++)
			if (enc->possible_crtcs & (1u << c))
				crtc = res->crtcs[c];
		drmModeFreeEncoder(enc);
	}
	return crtc;
}

/* The connected connector of card fd with modes, its CRTC and the mode the
 * CRTC shows now (mode_valid 0: none).  0 when this card shows nothing. */
static int find_display(struct kms *k, drmModeModeInfo *mode, int want_w, int want_h)
{
	drmModeRes *res = drmModeGetResources(k->fd);
	int found = -1;

	for (int i = 0; res && found < 0 && i < res->count_connectors; i++) {
		drmModeConnector *conn = drmModeGetConnector(k->fd, res->connectors[i]);
		drmModeCrtc *crtc = NULL;
		int m;

		if (!conn || conn->connection != DRM_MODE_CONNECTED || conn->count_modes == 0) {
			drmModeFreeConnector(conn);
			continue;
		}
		k->crtc_id = find_crtc(k->fd, res, conn);
		if (k->crtc_id)
			crtc = drmModeGetCrtc(k->fd, k->crtc_id);
		m = kms_pick_mode(conn->modes, conn->count_modes,
				  crtc && crtc->mode_valid ? &crtc->mode : NULL, want_w, want_h);
		if (k->crtc_id && m >= 0) {
			*mode = conn->modes[m];
			k->connector_id = conn->connector_id;
			k->saved_crtc = crtc;
			crtc = NULL;
			found = 0;
		}
		drmModeFreeCrtc(crtc);
		drmModeFreeConnector(conn);
	}
	drmModeFreeResources(res);
	return found;
}

static int buffer_create(struct kms *k, struct kms_buffer *b)
{
	uint64_t offset;

	if (drmModeCreateDumbBuffer(k->fd, (uint32_t)k->width, (uint32_t)k->height, 32, 0,
				    &b->handle, &b->pitch, &b->size) != 0)
		return -1;
	if (drmModeAddFB(k->fd, (uint32_t)k->width, (uint32_t)k->height, 24, 32, b->pitch,
			 b->handle, &b->fb_id) != 0)
		return -1;
	if (drmModeMapDumbBuffer(k->fd, b->handle, &offset) != 0)
		return -1;
	b->map = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, k->fd, (off_t)offset);
	if (b->map == MAP_FAILED) {
		b->map = NULL;
		return -1;
	}
	memset(b->map, 0, b->size); /* black until the first frame */
	return 0;
}

static void buffer_destroy(struct kms *k, struct kms_buffer *b)
{
	if (b->map)
		munmap(b->map, b->size);
	if (b->fb_id)
		drmModeRmFB(k->fd, b->fb_id);
	if (b->handle)
		drmModeDestroyDumbBuffer(k->fd, b->handle);
	memset(b, 0, sizeof(*b));
}

int kms_open(struct kms *k, int want_w, int want_h, const struct logger *log)
{
	drmModeModeInfo *mode = &k->mode;
	char path[32];
	uint64_t dumb = 0;

	memset(k, 0, sizeof(*k));
	k->fd = -1;
	k->log = *log;
	for (int i = 0; i < KMS_MAX_CARDS && k->fd < 0; i++) {
		snprintf(path, sizeof(path), "/dev/dri/card%d", i);
		k->fd = open(path, O_RDWR | O_CLOEXEC);
		if (k->fd < 0)
			continue;
		if (drmGetCap(k->fd, DRM_CAP_DUMB_BUFFER, &dumb) != 0 || !dumb ||
		    find_display(k, mode, want_w, want_h) != 0) {
			close(k->fd);
			k->fd = -1;
		}
	}
	if (k->fd < 0) {
		logger_printf(log, LOG_LEVEL_ERROR,
			      "kms: no DRM card in /dev/dri with a connected display");
		return -1;
	}
	k->width = mode->hdisplay;
	k->height = mode->vdisplay;
	for (int i = 0; i < 2; i++) {
		if (buffer_create(k, &k->buf[i]) != 0) {
			logger_printf(log, LOG_LEVEL_ERROR, "kms: %s: no %dx%d scan-out buffer: %s",
				      path, k->width, k->height, strerror(errno));
			return -1;
		}
	}
	if (drmModeSetCrtc(k->fd, k->crtc_id, k->buf[0].fb_id, 0, 0, &k->connector_id, 1, mode) !=
	    0) {
		logger_printf(log, LOG_LEVEL_ERROR, "kms: %s: cannot set %dx%d: %s", path, k->width,
			      k->height, strerror(errno));
		return -1;
	}
	k->surface =
	    SDL_CreateRGBSurfaceWithFormat(0, k->width, k->height, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!k->surface) {
		logger_printf(log, LOG_LEVEL_ERROR, "kms: %s", SDL_GetError());
		return -1;
	}
	logger_printf(log, LOG_LEVEL_INFO, "kms: %s, %dx%d at %d Hz, software rendering", path,
		      k->width, k->height, mode->vrefresh);
	return 0;
}

SDL_Surface *kms_surface(struct kms *k)
{
	return k->surface;
}

static void handle_flip(int fd, unsigned frame, unsigned sec, unsigned usec, void *data)
{
	struct kms *k = data;

	(void)fd;
	(void)frame;
	(void)sec;
	(void)usec;
	k->flip_pending = false;
}

/* Waits until the last page flip happened (or KMS_FLIP_TIMEOUT_MS passed). */
static void wait_flip(struct kms *k)
{
	drmEventContext ev = { .version = 2, .page_flip_handler = handle_flip };

	while (k->flip_pending) {
		struct pollfd p = { k->fd, POLLIN, 0 };
		int n = poll(&p, 1, KMS_FLIP_TIMEOUT_MS);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			logger_printf(&k->log, LOG_LEVEL_WARNING, "kms: no page flip within %d ms",
				      KMS_FLIP_TIMEOUT_MS);
			k->flip_pending = false;
			return;
		}
		drmHandleEvent(k->fd, &ev);
	}
}

int kms_present(struct kms *k)
{
	struct kms_buffer *back = &k->buf[1 - k->front];

	wait_flip(k);
	kms_copy_rows(back->map, back->pitch, k->surface->pixels, (size_t)k->surface->pitch,
		      (size_t)k->width * 4, k->height);
	if (drmModePageFlip(k->fd, k->crtc_id, back->fb_id, DRM_MODE_PAGE_FLIP_EVENT, k) == 0) {
		k->flip_pending = true;
	} else if (drmModeSetCrtc(k->fd, k->crtc_id, back->fb_id, 0, 0, &k->connector_id, 1,
				  &k->mode) != 0) {
		/* no page flips (some drivers): show it at once, tearing and all */
		logger_printf(&k->log, LOG_LEVEL_ERROR, "kms: cannot show a frame: %s",
			      strerror(errno));
		return -1;
	}
	k->front = 1 - k->front;
	return 0;
}

void kms_close(struct kms *k)
{
	drmModeCrtc *saved = k->saved_crtc;

	if (k->fd >= 0) {
		wait_flip(k);
		if (saved && saved->mode_valid)
			drmModeSetCrtc(k->fd, saved->crtc_id, saved->buffer_id, saved->x, saved->y,
				       &k->connector_id, 1, &saved->mode);
		for (int i = 0; i < 2; i++)
			buffer_destroy(k, &k->buf[i]);
		close(k->fd);
	}
	drmModeFreeCrtc(saved);
	SDL_FreeSurface(k->surface);
	memset(k, 0, sizeof(*k));
	k->fd = -1;
}
