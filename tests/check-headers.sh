#!/bin/sh
# Every header in src/ compiles on its own with -std=c11 -pedantic (libinput's rule:
# a header that needs another included first breaks whoever includes it next).
# Prints "ok NAME" / "not ok NAME" for tests/run-checks.
set -u
cc=${CC:-cc}
pkgs="sdl2 SDL2_ttf SDL2_image libdrm libinput libudev inih libsystemd"
cflags=$(pkg-config --cflags $pkgs 2>/dev/null)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for h in src/*.h src/bundle/*.h; do
	[ -f "$h" ] || continue
	printf '#include "%s"\n' "${h#src/}" >"$tmp/one.c"
	# shellcheck disable=SC2086
	if $cc -std=c11 -pedantic -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes \
		-Wundef -Isrc $cflags -fsyntax-only "$tmp/one.c" >"$tmp/err" 2>&1; then
		echo "ok header $h"
	else
		echo "not ok header $h: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
	fi
done
