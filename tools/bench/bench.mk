# make bench: foyer against a Chromium kiosk showing the same page (tools/bench/bench.py).
BENCH_ROUNDS ?= 7

$(BUILD)/bench/bench-open: tools/bench/bench-open.c $(BUNDLE_LIB) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUNDLE_LIB) $(ALL_LDFLAGS) $(call pc_libs,$(BUNDLE_PKGS))

# typeset: the typography table of docs/kiosk.md and the layout time per page.
$(BUILD)/bench/typeset: tools/bench/typeset.c $(KIOSK_LIB) $(PACK_LIB) $(BUNDLE_LIB) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(EXTRA_CFLAGS_src) -Itools -o $@ $< $(KIOSK_LIB) $(PACK_LIB) \
		$(BUNDLE_LIB) $(ALL_LDFLAGS) $(call pc_libs,$(KIOSK_PKGS) $(BUNDLE_PKGS)) \
		$(KIOSK_EXTRA_LIBS)

.PHONY: typeset
typeset: $(BUILD)/bench/typeset $(BUILD)/content.fpk
	@$(BUILD)/bench/typeset stats $(BUILD)/content.fpk $(CONTENT_DIR)

.PHONY: bench
bench: $(BUILD)/foyer $(BUILD)/content.fpk $(BUILD)/bench/bench-open $(BUILD)/bench/typeset
	@tools/install-deps bench
	@mkdir -p $(BUILD)/bench
	python3 tools/bench/chromium-page.py $(CONTENT_DIR) de $(BUILD)/bench/start-de.html
	python3 tools/bench/bench.py $(BUILD) $(BENCH_ROUNDS)
	@echo "layout time per page (median of 51), ms:"
	@$(BUILD)/bench/typeset time $(BUILD)/content.fpk 51 | \
		awk -F'\t' 'NR > 1 { t[$$3] += $$4; n[$$3]++; if ($$4 > m[$$3]) m[$$3] = $$4 } \
		END { for (s in t) printf "  %-10s mean %.2f, slowest page %.2f\n", s, t[s] / n[s], m[s] }'

