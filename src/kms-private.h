/* kms-private: the parts of kms.c that need no device, for tests. */
#ifndef FOYER_KMS_PRIVATE_H
#define FOYER_KMS_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <xf86drmMode.h>

/* Index into modes[0..n) of the mode to use: of want_w x want_h when both are
 * > 0 and there is one, else current (a mode the CRTC already shows, NULL if
 * none) when it is among them, else the preferred one, else the first.
 * -1 when n == 0. */
int kms_pick_mode(const drmModeModeInfo *modes, int n, const drmModeModeInfo *current, int want_w,
		  int want_h);

/* Copies h rows of row_bytes from src (src_pitch apart) to dst (dst_pitch apart). */
void kms_copy_rows(uint8_t *dst, size_t dst_pitch, const uint8_t *src, size_t src_pitch,
		   size_t row_bytes, int h);

#endif
