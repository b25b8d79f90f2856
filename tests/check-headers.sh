#!/bin/sh
# Every header of the bundle library compiles on its own with -pedantic (what it
# needs, it includes), as libinput checks its public headers.
set -u
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
for h in src/bundle/*.h; do
	name=$(basename "$h")
	printf '#include "bundle/%s"\n#include "bundle/%s"\nint header_check(void);\nint header_check(void) { return 0; }\n' \
		"$name" "$name" >"$tmp/t.c"
	if $cc -std=c11 -pedantic -Wall -Wextra -Werror -Isrc -c "$tmp/t.c" -o "$tmp/t.o" 2>"$tmp/err"; then
		echo "ok header-$name"
	else
		echo "not ok header-$name: $(head -n 3 "$tmp/err")"
	fi
done
