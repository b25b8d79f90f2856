# artwork: the project's own drawings for assets/content/images/.
# `make artwork` regenerates them with tools/make-artwork (python3 stdlib +
# rsvg-convert from librsvg2-bin).  The PNGs are checked in, so `make bundle`
# never needs python; there is deliberately no file rule from the script to
# the PNGs, or a fresh checkout (random mtimes) would try to redraw them.
ARTWORK_DIR ?= assets/content/images

.PHONY: artwork
artwork:
	@command -v python3 >/dev/null || { echo "artwork: python3 is missing (apt-get install python3)" >&2; exit 1; }
	@command -v rsvg-convert >/dev/null || { echo "artwork: rsvg-convert is missing (apt-get install librsvg2-bin)" >&2; exit 1; }
	tools/make-artwork --out $(ARTWORK_DIR)
