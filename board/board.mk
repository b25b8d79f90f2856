# board: the Raspberry Pi SD-card image (make image) and its QEMU boot test
# (make image-test).  Technicians' guide and measured times: board/README.md.
#
# Slow steps are cached in $(BUILD)/board as tarballs named after a hash of what
# they are made from: the arm64 root (mmdebstrap under qemu-user, ~15 min) and the
# cross build root (~3 min).  Everything else is redone on every `make image`.
# Both need root (mmdebstrap's root mode, chroot, file ownership in the image).

BOARD_WORK := $(BUILD)/board
IMAGE := $(BUILD)/foyer-rpi-arm64.img
IMAGE_ARM64 := $(BUILD)/arm64
IMAGE_DEPS_STAMP := $(BUILD)/.deps-image

board_hash = $(shell cat $(1) | sha256sum | cut -c1-12)
BOARD_ROOT_INPUTS := board/packages.txt board/scripts/mkroot.sh \
	board/rootfs/etc/initramfs-tools/conf.d/foyer.conf board/rootfs/etc/initramfs-tools/modules
BOARD_ROOT_TAR := $(BOARD_WORK)/root-$(call board_hash,$(BOARD_ROOT_INPUTS)).tar
BOARD_XROOT_INPUTS := board/build-packages.txt board/scripts/mkxroot.sh
BOARD_XROOT_TAR := $(BOARD_WORK)/xroot-$(call board_hash,$(BOARD_XROOT_INPUTS)).tar

# Until the kiosk and the content exist, `make image FOYER_ALLOW_INCOMPLETE=1` builds
# an image without them (for the board layer's own work).
FOYER_ALLOW_INCOMPLETE ?= 0
export FOYER_ALLOW_INCOMPLETE
BOARD_HAVE_KIOSK := $(wildcard src/main.c)
BOARD_HAVE_CONTENT := $(wildcard $(CONTENT_DIR)/*)
IMAGE_KIOSK := $(if $(BOARD_HAVE_KIOSK),$(IMAGE_ARM64)/foyer,-)
IMAGE_CONTENT := $(if $(BOARD_HAVE_CONTENT),$(BUILD)/content.fpk,-)

.PHONY: image image-test image-arm64 image-clean

$(IMAGE_DEPS_STAMP):
	@tools/install-deps image
	@mkdir -p $(@D) && touch $@

$(BOARD_ROOT_TAR): $(BOARD_ROOT_INPUTS) | $(IMAGE_DEPS_STAMP)
	@mkdir -p $(@D)
	@rm -f $(BOARD_WORK)/root-*.tar
	board/scripts/mkroot.sh board/packages.txt $@

$(BOARD_XROOT_TAR): $(BOARD_XROOT_INPUTS) | $(IMAGE_DEPS_STAMP)
	@mkdir -p $(@D)
	@rm -f $(BOARD_WORK)/xroot-*.tar
	board/scripts/mkxroot.sh board/build-packages.txt $@

# The arm64 kiosk (and foyer-pack), cross-compiled with the repository's Makefile;
# incremental inside the build root.
image-arm64: $(BOARD_XROOT_TAR)
ifneq ($(BOARD_HAVE_KIOSK),)
	board/scripts/cross-build.sh $(BOARD_XROOT_TAR) $(BOARD_WORK) $(IMAGE_ARM64) foyer foyer-pack \
		foyer-update
else
	board/scripts/cross-build.sh $(BOARD_XROOT_TAR) $(BOARD_WORK) $(IMAGE_ARM64) foyer-pack
endif

image: $(BOARD_ROOT_TAR) image-arm64 $(if $(BOARD_HAVE_CONTENT),$(BUILD)/content.fpk) | $(IMAGE_DEPS_STAMP)
	board/scripts/mkimage.sh $(BOARD_ROOT_TAR) $(IMAGE_KIOSK) $(IMAGE_CONTENT) $(BOARD_WORK) $(IMAGE)
	board/scripts/release.sh $(IMAGE)

# Boots the image made by `make image` (made first if missing) in QEMU.
# FOYER_TEST_TAP=X,Y is where the test taps, on a 1280x800 screen; empty: the
# first tile, found by the kiosk headless on the host.
FOYER_TEST_TAP ?=
IMAGE_TEST_ARGS ?=
image-test: | $(IMAGE_DEPS_STAMP)
	@test -e $(IMAGE) || $(MAKE) image
ifneq ($(BOARD_HAVE_KIOSK),)
	$(MAKE) $(BUILD)/foyer $(BUILD)/foyer-pack
	/usr/bin/python3 board/scripts/image-test.py --image $(IMAGE) --out $(BUILD)/image-test \
		--foyer $(BUILD)/foyer --pack $(BUILD)/foyer-pack $(if $(FOYER_TEST_TAP),--tap $(FOYER_TEST_TAP)) \
		$(IMAGE_TEST_ARGS)
else
	/usr/bin/python3 board/scripts/image-test.py --image $(IMAGE) --out $(BUILD)/image-test \
		--boot-only $(IMAGE_TEST_ARGS)
endif

# Drops the cached roots too (the next `make image` takes the long way).
image-clean:
	rm -rf $(BOARD_WORK) $(IMAGE_ARM64) $(IMAGE) $(IMAGE).xz $(IMAGE).xz.sha256 \
		$(BUILD)/foyer-rpi-arm64.os-list.json $(BUILD)/foyer-rpi-arm64.manifest.tsv \
		$(BUILD)/image-test
