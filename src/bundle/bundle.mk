# libbundle: the .fpk reader/writer and page/site codecs; no SDL.
BUNDLE_SRC := $(wildcard src/bundle/*.c)
BUNDLE_OBJ := $(BUNDLE_SRC:%.c=$(BUILD)/obj/%.o)
BUNDLE_PKGS := libsodium libzstd
BUNDLE_LIB := $(BUILD)/libbundle.a

$(BUNDLE_LIB): $(BUNDLE_OBJ)
	@rm -f $@
	ar rcs $@ $^
