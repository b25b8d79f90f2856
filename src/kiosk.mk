# foyer: the kiosk app.  Everything but main.c goes into libkiosk.a so the tests
# link the same code.
KIOSK_SRC := $(filter-out src/main.c,$(wildcard src/*.c))
KIOSK_OBJ := $(KIOSK_SRC:%.c=$(BUILD)/obj/%.o)
KIOSK_PKGS := sdl2 SDL2_ttf SDL2_image libinput libudev inih libsystemd
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
