# make bench: foyer against a Chromium kiosk showing the same page (tools/bench/bench.py).
# make bench-check / bench-baseline: callgrind's instruction counts of first frame,
# page switch, language switch and fling against tools/bench/counts-baseline.tsv
# (tools/bench/counts.py; docs/performance.md says when to re-record).
BENCH_ROUNDS ?= 7
COUNTS_BASELINE := tools/bench/counts-baseline.tsv
COUNTS_HISTORY := tools/bench/counts-history.tsv
COUNTS_CHART := docs/performance-counts.png

$(BUILD)/bench/bench-open: tools/bench/bench-open.c $(BUNDLE_LIB) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUNDLE_LIB) $(ALL_LDFLAGS) $(call pc_libs,$(BUNDLE_PKGS))

# The PNG encoders compared for screenshots (libspng only here, not in the kiosk).
$(BUILD)/bench/png-encoders: tools/bench/png-encoders.c | $(DEPS_STAMP)
	@tools/install-deps bench
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(call pc_cflags,libpng libdeflate) -o $@ $< $(ALL_LDFLAGS) \
		$(call pc_libs,libpng libdeflate) -lspng

.PHONY: bench bench-check bench-baseline bench-chart
bench: $(BUILD)/foyer $(BUILD)/content.fpk $(BUILD)/bench/bench-open $(BUILD)/bench/png-encoders
	@tools/install-deps bench
	@mkdir -p $(BUILD)/bench
	python3 tools/bench/chromium-page.py $(CONTENT_DIR) de $(BUILD)/bench/start-de.html
	python3 tools/bench/bench.py $(BUILD) $(BENCH_ROUNDS)

bench-check: $(BUILD)/foyer $(BUILD)/content.fpk
	python3 tools/bench/counts.py check $(BUILD) $(COUNTS_BASELINE)

# After a change that makes a step cost more on purpose (or less: keep the gain).
bench-baseline: $(BUILD)/foyer $(BUILD)/content.fpk
	@tools/install-deps bench
	python3 tools/bench/counts.py record $(BUILD) $(COUNTS_BASELINE) $(COUNTS_HISTORY)
	/usr/bin/python3 tools/bench/counts.py chart $(COUNTS_HISTORY) $(COUNTS_CHART)

bench-chart:
	@tools/install-deps bench
	/usr/bin/python3 tools/bench/counts.py chart $(COUNTS_HISTORY) $(COUNTS_CHART)
