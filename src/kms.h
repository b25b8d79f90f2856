/* kms: the device's display through DRM/KMS dumb buffers, drawn by SDL's
 * software renderer.  No EGL, GBM or Mesa is loaded, and with them not the
 * LLVM library that Debian's Mesa links into every GL driver (about 20 MB of
 * the kiosk's memory in QEMU; docs/performance.md).  The app draws into an
 * ordinary surface in RAM (blending reads the destination, which is slow from
 * a scan-out buffer); kms_present() copies it into the back one of two dumb
 * buffers and flips to it at the next vertical blank.
 *
 * The loop: kms_open(), SDL_CreateSoftwareRenderer(kms_surface()), draw,
 * SDL_RenderPresent(), kms_present(), ..., kms_close().  SDL's video subsystem
 * stays uninitialised (its KMSDRM backend would load GBM and Mesa). */
#ifndef FOYER_KMS_H
#define FOYER_KMS_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>
#include <xf86drmMode.h>

#include "logger.h"

/* One scan-out buffer: a dumb buffer, its framebuffer object and its mapping. */
struct kms_buffer {
	uint32_t handle, fb_id, pitch;
	uint64_t size;
	uint8_t *map;
};

struct kms {
	int fd; /* the DRM card, or -1 */
	uint32_t connector_id, crtc_id;
	drmModeModeInfo mode; /* what we show */
	int width, height;    /* the mode's */
	struct kms_buffer buf[2];
	int front;               /* the buffer on screen */
	bool flip_pending;       /* a page flip was asked for and has not happened */
	drmModeCrtc *saved_crtc; /* the CRTC's state before us, put back on close */
	SDL_Surface *surface;    /* what the app draws, copied out on present */
	struct logger log;
};

/* Whether the kiosk should show its frames this way: SDL_VIDEODRIVER=kmsdrm
 * with SDL_RENDER_DRIVER=software (SDL 2's own KMSDRM backend cannot show a
 * software renderer's frames; foyer.service chooses). */
bool kms_wanted(void);

/* Finds the first DRM card with a connected display, takes its current mode
 * (the one the console shows), else its preferred one, or the one of
 * want_w x want_h when both are > 0 and it has it, and shows a black frame.
 * Returns 0, or -1 with the reason logged (and k safe to kms_close()). */
int kms_open(struct kms *k, int want_w, int want_h, const struct logger *log);

/* The surface to draw (ARGB8888, the mode's size); lives until kms_close(). */
SDL_Surface *kms_surface(struct kms *k);

/* Puts the surface on screen at the next vertical blank; waits for the
 * previous flip first.  Returns 0, or -1 (logged). */
int kms_present(struct kms *k);

/* Puts the console's mode back and frees everything; safe after a failed open. */
void kms_close(struct kms *k);

#endif
