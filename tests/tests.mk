# Tests.  Every tests/test-*.c is a cmocka program linked against the kiosk, pack
# and bundle libraries; every tests/check-*.sh is a script test printing
# "ok NAME" / "not ok NAME" lines.  tests/run-checks runs them all and ends with
# "N passed, N failed".  Drop a file in; nothing here needs editing.
TEST_SRC := $(wildcard tests/test-*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT_SRC := $(filter-out $(TEST_SRC),$(wildcard tests/*.c))
TEST_SUPPORT_OBJ := $(TEST_SUPPORT_SRC:%.c=$(BUILD)/obj/%.o)
TEST_PKGS := cmocka
EXTRA_CFLAGS_tests = $(call pc_cflags,$(TEST_PKGS) $(KIOSK_PKGS) $(PACK_PKGS) $(BUNDLE_PKGS)) \
	-I/usr/include/stb -Itools -DFOYER_SOURCE_DIR='"$(CURDIR)"'
TEST_LDLIBS = $(call pc_libs,$(TEST_PKGS) $(KIOSK_PKGS) $(PACK_PKGS) $(BUNDLE_PKGS)) \
	$(KIOSK_EXTRA_LIBS) -lhyphen -lm

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_SUPPORT_OBJ) $(KIOSK_LIB) $(PACK_LIB) $(BUNDLE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJ) $(KIOSK_LIB) $(PACK_LIB) $(BUNDLE_LIB) $(TEST_LDLIBS)

.PHONY: check check-build
check-build: $(ALL_TARGETS) $(TEST_BIN) $(BUILD)/content.fpk $(CHECK_EXTRA)

check: check-build
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) tests/run-checks $(TEST_BIN) $(wildcard tests/check-*.sh)
