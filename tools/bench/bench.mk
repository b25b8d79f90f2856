# make bench: foyer against a Chromium kiosk showing the same page (tools/bench/bench.py).
BENCH_ROUNDS ?= 7

$(BUILD)/bench/bench-open: tools/bench/bench-open.c $(BUNDLE_LIB) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUNDLE_LIB) $(ALL_LDFLAGS) $(call pc_libs,$(BUNDLE_PKGS))

.PHONY: bench
bench: $(BUILD)/foyer $(BUILD)/content.fpk $(BUILD)/bench/bench-open
	@tools/install-deps bench
	@mkdir -p $(BUILD)/bench
	python3 tools/bench/chromium-page.py $(CONTENT_DIR) de $(BUILD)/bench/start-de.html
	python3 tools/bench/bench.py $(BUILD) $(BENCH_ROUNDS)
