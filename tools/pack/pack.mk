# foyer-pack: the editors' build tool.  Everything but main.c goes into libpack.a
# so the tests link the same code.
PACK_SRC := $(filter-out tools/pack/main.c,$(wildcard tools/pack/*.c))
# The kiosk's interface strings: foyer-pack speaks every one of them; and how
# foyer-pack preview finds the kiosk beside it.
PACK_OBJ := $(PACK_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/src/ui-text.o \
	$(BUILD)/obj/src/sibling.o
PACK_PKGS := md4c inih libsodium libzstd libwebp freetype2 espeak-ng opus soxr libqrencode
PACK_LIB := $(BUILD)/libpack.a
PACK_LDLIBS = $(call pc_libs,$(PACK_PKGS)) -lhyphen -lm
EXTRA_CFLAGS_tools = $(call pc_cflags,$(PACK_PKGS)) -I/usr/include/stb -Itools

$(PACK_LIB): $(PACK_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/foyer-pack: $(BUILD)/obj/tools/pack/main.o $(PACK_LIB) $(BUNDLE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PACK_LDLIBS) $(call pc_libs,$(BUNDLE_PKGS))

ALL_TARGETS += $(BUILD)/foyer-pack

CONTENT_DIR ?= assets/content
CONTENT_FILES = $(shell find $(CONTENT_DIR) -type f 2>/dev/null)

$(BUILD)/content.fpk: $(BUILD)/foyer-pack $(CONTENT_FILES)
	$(BUILD)/foyer-pack build $(CONTENT_DIR) -o $@
