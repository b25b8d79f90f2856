/* qr: QR codes for web addresses, made at pack time with libqrencode (Debian's
 * libqrencode-dev) and stored in the page record, so the kiosk draws a matrix
 * of modules and links no QR library (everything expensive at build time). */
#ifndef FOYER_PACK_QR_H
#define FOYER_PACK_QR_H

#include <stddef.h>

#include "bundle/page.h"
#include "pack/arena.h"

/* Encodes url (error correction level M: a smudged screen still scans) into out,
 * modules allocated in a.  Returns 0, or -1 with a sentence in why. */
int qr_make(struct arena *a, const char *url, struct page_qr *out, char *why, size_t why_size);

/* Gives p a QR code for its url and for every external link of its text, each
 * address once.  Returns 0, or -1 with a sentence in why. */
int qr_add_to_page(struct arena *a, struct page *p, char *why, size_t why_size);

#endif
