# foyer-update: the privileged helper that installs signed bundles from a USB
# stick into the kiosk's store (src/update/install.h).  Everything but main.c
# goes into libupdate.a for the tests.  A second copy, built with
# -DFOYER_UPDATE_FAULTS, can stop after any step (tests/check-update.sh); the
# image never gets that one.
UPDATE_SRC := $(filter-out src/update/main.c,$(wildcard src/update/*.c))
UPDATE_OBJ := $(UPDATE_SRC:%.c=$(BUILD)/obj/%.o)
UPDATE_LIB := $(BUILD)/libupdate.a
UPDATE_LDLIBS = $(call pc_libs,$(BUNDLE_PKGS)) -lm

$(UPDATE_LIB): $(UPDATE_OBJ)
	@rm -f $@
	ar rcs $@ $^

# libkiosk.a supplies the logger and the QOI decoder (no SDL in either).
$(BUILD)/foyer-update: $(BUILD)/obj/src/update/main.o $(UPDATE_LIB) $(KIOSK_LIB) $(BUNDLE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(UPDATE_LDLIBS)

ALL_TARGETS += $(BUILD)/foyer-update

$(BUILD)/obj-faults/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS_$(firstword $(subst /, ,$*))) -DFOYER_UPDATE_FAULTS \
		-c $< -o $@

$(BUILD)/tests/foyer-update-faults: $(BUILD)/obj-faults/src/update/main.o \
		$(UPDATE_SRC:%.c=$(BUILD)/obj-faults/%.o) $(KIOSK_LIB) $(BUNDLE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(UPDATE_LDLIBS)

CHECK_EXTRA += $(BUILD)/tests/foyer-update-faults

# Header changes rebuild these objects too (the main Makefile reads only obj/'s).
-include $(shell find $(BUILD)/obj-faults -name '*.d' 2>/dev/null)
