# foyer: offline touch information kiosk.  `make help` lists the targets.
# Sub-makefiles (one per part of the tree) add their targets; this file holds
# the shared flags and the entry points named in DESIGN.md.

.DEFAULT_GOAL := all
SHELL := /bin/sh

CC ?= cc
PKG_CONFIG ?= pkg-config
SANITIZE ?= 0

ifeq ($(SANITIZE),1)
# libhyphen leaks inside hnj_hyphen_hyphenate3 (see tests/fuzz/lsan.supp): a
# sanitizer build of foyer-pack must not fail on a leak that is not ours.
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/fuzz/lsan.supp
BUILD ?= build/san
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
BUILD ?= build
SANFLAGS :=
endif

WARN := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes -Wundef \
	-Wshadow -Wpointer-arith -Wvla -Wformat=2
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 $(WARN) $(SANFLAGS) \
	-Isrc -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Debian packages are installed on first use; the stamp keeps later builds quiet.
DEPS_STAMP := build/.deps-check
$(DEPS_STAMP):
	@tools/install-deps check
	@mkdir -p $(@D) && touch $@

# Objects mirror the source tree under $(BUILD)/obj.
$(BUILD)/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS_$(firstword $(subst /, ,$*))) -c $< -o $@

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

.SECONDEXPANSION:
# Keep intermediate objects (tests, fuzz replays) so a second make does nothing.
.SECONDARY:
CHECKS :=

include src/bundle/bundle.mk
include tools/pack/pack.mk
-include src/kiosk.mk
-include src/update/update.mk
-include tests/tests.mk
-include board/board.mk
-include tools/artwork.mk
-include tools/bench/bench.mk

.PHONY: all deps bundle check clean help
all: $(ALL_TARGETS)

deps:
	tools/install-deps check

bundle: $(BUILD)/content.fpk

help:
	@echo "make            build $(BUILD)/foyer and $(BUILD)/foyer-pack"
	@echo "make bundle     build $(BUILD)/content.fpk from assets/content/"
	@echo "make run        build everything and open the kiosk"
	@echo "make check      run every test (SANITIZE=1 for ASan+UBSan, CC=clang works too)"
	@echo "make bench      measure start-up, memory and tap latency against Chromium"
	@echo "make fuzz       run the fuzz harnesses with libFuzzer (clang)"
	@echo "make image      build the Raspberry Pi SD-card image"
	@echo "make image-test boot the image in QEMU and tap it"

clean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
