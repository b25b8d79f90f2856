# foyer: the kiosk app.  Everything but main.c goes into libkiosk.a so the tests
# link the same code.
KIOSK_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
KIOSK_OBJ := $(KIOSK_SRC:%.c=$(BUILD)/obj/%.o)
# libopus decodes the bundle's speech (src/audio.c).
# SDL2_image decodes pictures the kiosk enlarges (src/render.c); screenshots are
# written with libpng directly (src/snapshot.c), at a faster compression level
KIOSK_PKGS := sdl2 SDL2_ttf SDL2_image libpng libinput libudev inih libsystemd libdrm opus
KIOSK_EXTRA_LIBS := -lm
KIOSK_LIB := $(BUILD)/libkiosk.a
EXTRA_CFLAGS_src = $(call pc_cflags,$(KIOSK_PKGS) $(BUNDLE_PKGS))

$(KIOSK_LIB): $(KIOSK_OBJ)
	@rm -f $@
	ar rcs $@ $^

ifneq ($(wildcard src/main.c),)
$(BUILD)/foyer: $(BUILD)/obj/src/main.o $(KIOSK_LIB) $(BUNDLE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(call pc_libs,$(KIOSK_PKGS) $(BUNDLE_PKGS)) $(KIOSK_EXTRA_LIBS)

ALL_TARGETS += $(BUILD)/foyer
endif

# The golden-image comparer (a tool of tests/check-golden.sh, not a cmocka test).
$(BUILD)/tests/pngdiff: tests/golden/pngdiff.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(call pc_cflags,sdl2 SDL2_image) -o $@ $< $(ALL_LDFLAGS) \
		$(call pc_libs,sdl2 SDL2_image)

CHECK_EXTRA += $(BUILD)/tests/pngdiff

# How long a WAV's sound lasts (a tool of tests/check-speech.sh).
$(BUILD)/tests/wavspan: tests/tools/wavspan.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

CHECK_EXTRA += $(BUILD)/tests/wavspan

.PHONY: golden run
# Re-renders tests/golden/*.png from the current bundle; look at them before committing.
golden: $(BUILD)/foyer $(BUILD)/foyer-pack $(BUILD)/content.fpk $(BUILD)/tests/pngdiff
	BUILD=$(BUILD) sh tests/check-golden.sh --update

# A window where there is a display; without one, screenshots of the start page.
run: $(BUILD)/foyer $(BUILD)/content.fpk
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
		echo "foyer: Esc quits, the mouse acts as a finger"; \
		$(BUILD)/foyer --bundle $(BUILD)/content.fpk; \
	else \
		mkdir -p $(BUILD)/run; \
		echo "make run: no display (neither DISPLAY nor WAYLAND_DISPLAY is set);"; \
		echo "writing screenshots of the start page to $(BUILD)/run/ instead:"; \
		for s in 1920x1080 1280x720 800x480 1080x1920; do for l in de en; do \
			$(BUILD)/foyer --bundle $(BUILD)/content.fpk --page start --lang $$l \
				--size $$s --screenshot $(BUILD)/run/start-$$l-$$s.png && \
			echo "  $(BUILD)/run/start-$$l-$$s.png"; \
		done; done; \
	fi
