# Tests.  Every tests/test-*.c is a cmocka program linked against the kiosk, pack
# and bundle libraries; every tests/check-*.sh is a script test printing
# "ok NAME" / "not ok NAME" lines.  tests/run-checks runs them all and ends with
# "N passed, N failed".  Drop a file in; nothing here needs editing.
TEST_SRC := $(wildcard tests/test-*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
TEST_SUPPORT_SRC := $(filter-out $(TEST_SRC) tests/fuzz-%.c,$(wildcard tests/*.c))
TEST_SUPPORT_OBJ := $(TEST_SUPPORT_SRC:%.c=$(BUILD)/obj/%.o)
TEST_PKGS := cmocka
EXTRA_CFLAGS_tests = $(call pc_cflags,$(TEST_PKGS) $(KIOSK_PKGS) $(PACK_PKGS) $(BUNDLE_PKGS)) \
	-I/usr/include/stb -Itools -DFOYER_SOURCE_DIR='"$(CURDIR)"'
TEST_LDLIBS = $(call pc_libs,$(TEST_PKGS) $(KIOSK_PKGS) $(PACK_PKGS) $(BUNDLE_PKGS)) \
	$(KIOSK_EXTRA_LIBS) -lhyphen -lm

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(TEST_SUPPORT_OBJ) $(UPDATE_LIB) $(KIOSK_LIB) $(PACK_LIB) \
		$(BUNDLE_LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJ) $(UPDATE_LIB) $(KIOSK_LIB) $(PACK_LIB) \
		$(BUNDLE_LIB) $(TEST_LDLIBS)

.PHONY: check check-build
check-build: $(ALL_TARGETS) $(TEST_BIN) $(BUILD)/content.fpk $(CHECK_EXTRA)

check: check-build
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) tests/run-checks $(TEST_BIN) $(wildcard tests/check-*.sh)

# Fuzz harnesses (tests/fuzz/fuzz-*.c, tests/fuzz-*.c): built with a replay main for
# `make check`, which feeds them every file of tests/corpus/fuzz/NAME/, and with
# libFuzzer for `make fuzz`.
FUZZ_SRC := $(wildcard tests/fuzz/fuzz-*.c tests/fuzz-*.c)
FUZZ_NAMES := $(basename $(notdir $(FUZZ_SRC)))
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)
FUZZ_SECONDS ?= 60
fuzz_src_of = $(filter %/$(1).c,$(FUZZ_SRC))

$(BUILD)/fuzz-replay/%: $(BUILD)/obj/tests/fuzz/replay-main.o $(KIOSK_LIB) $(PACK_LIB) $(BUNDLE_LIB) \
		$$(call fuzz_src_of,%) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS_tests) -o $@ $(call fuzz_src_of,$*) $< \
		$(KIOSK_LIB) $(PACK_LIB) $(BUNDLE_LIB) $(ALL_LDFLAGS) $(TEST_LDLIBS)

check-build: $(FUZZ_REPLAY)

.PHONY: fuzz
fuzz: | $(DEPS_STAMP)
	@mkdir -p build/fuzz
	@for n in $(FUZZ_NAMES); do \
		src=$$(ls tests/fuzz/$$n.c tests/$$n.c 2>/dev/null | head -n 1); \
		echo "== $$n ($(FUZZ_SECONDS) s)"; \
		clang -std=c11 -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
			-Isrc -Itools -I/usr/include/stb $(EXTRA_CFLAGS_tests) -o build/fuzz/$$n $$src \
			$(filter-out src/main.c,$(wildcard src/*.c)) $(BUNDLE_SRC) $(PACK_SRC) \
			$(TEST_LDLIBS) || exit 1; \
		mkdir -p build/fuzz/corpus-$$n tests/corpus/fuzz/$$n; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp build/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -artifact_prefix=build/fuzz/$$n- \
			build/fuzz/corpus-$$n tests/corpus/fuzz/$$n || exit 1; \
	done
	@echo "new inputs are in build/fuzz/corpus-*; copy interesting ones to tests/corpus/fuzz/"

# A test helper, not a test: LD_PRELOADed by tests/check-pack.sh to hold a
# bundle's fsync while a signal arrives.  Built without sanitizers (it is loaded
# into programs that may have them; it calls nothing they watch).
$(BUILD)/tests/slow-fsync.so: tests/helpers/slow-fsync.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl

check-build: $(BUILD)/tests/slow-fsync.so
