#!/bin/sh
# foyer-pack end to end: every bad-content fixture in tests/corpus/pack/ is refused
# with its expected "path:line: error:" message and a non-zero exit and leaves no
# output file; the base fixture and the Dortmund content build; builds are
# byte-identical; info and ls work and refuse damaged bundles.
set -u
build=${BUILD:-build}
pack=$build/foyer-pack
corpus=tests/corpus/pack
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { echo "ok $1"; }
notok() { echo "not ok $1${2:+: $2}"; }

# Base fixture is valid.
if "$pack" check "$corpus/base" >"$tmp/out" 2>&1; then ok base-valid; else notok base-valid "$(cat "$tmp/out")"; fi

for rule in "$corpus"/*/; do
	rule=${rule%/}
	name=$(basename "$rule")
	[ "$name" = base ] && continue
	dir=$tmp/$name
	cp -r "$corpus/base" "$dir"
	(cd "$rule" && find . -type f ! -name EXPECT ! -name REMOVE) | while read -r f; do
		mkdir -p "$(dirname "$dir/$f")"
		cp "$rule/$f" "$dir/$f"
	done
	if [ -f "$rule/REMOVE" ]; then
		while read -r f; do rm -f "$dir/$f"; done <"$rule/REMOVE"
	fi
	expect="$dir/$(head -n 1 "$rule/EXPECT")"
	"$pack" build "$dir" -o "$tmp/$name.fpk" 2>"$tmp/$name.err" >/dev/null
	rc=$?
	if [ "$rc" -eq 0 ]; then
		notok "$name" "exit status 0"
	elif [ -e "$tmp/$name.fpk" ] || ls "$tmp/$name.fpk".tmp.* >/dev/null 2>&1; then
		notok "$name" "an output file was left behind"
	elif ! grep -qF -- "$expect" "$tmp/$name.err"; then
		notok "$name" "expected '$expect', got: $(cat "$tmp/$name.err")"
	else
		ok "$name"
	fi
done

# The Dortmund content builds, twice byte-identically.
if "$pack" build assets/content -o "$tmp/a.fpk" >/dev/null 2>"$tmp/a.err" &&
	"$pack" build assets/content -o "$tmp/b.fpk" >/dev/null 2>&1 &&
	cmp -s "$tmp/a.fpk" "$tmp/b.fpk"; then
	ok dortmund-deterministic
else
	notok dortmund-deterministic "$(cat "$tmp/a.err")"
fi
if grep -q 'warning' "$tmp/a.err"; then notok dortmund-no-warnings "$(cat "$tmp/a.err")"; else ok dortmund-no-warnings; fi
if "$pack" info "$tmp/a.fpk" >"$tmp/info" 2>&1 && grep -q '^verified:   every entry' "$tmp/info"; then
	ok info-verifies
else
	notok info-verifies "$(cat "$tmp/info")"
fi
if [ "$("$pack" ls "$tmp/a.fpk" | head -n 1)" = start ] &&
	[ "$("$pack" ls "$tmp/a.fpk" | wc -l)" -ge 5 ]; then ok ls-start-first; else notok ls-start-first; fi

# A rebuild over an existing bundle that fails keeps the old bundle untouched.
cp "$tmp/a.fpk" "$tmp/keep.fpk"
if ! "$pack" build "$corpus/../pack/base/nonexistent" -o "$tmp/keep.fpk" 2>/dev/null &&
	cmp -s "$tmp/a.fpk" "$tmp/keep.fpk"; then ok failed-build-keeps-old; else notok failed-build-keeps-old; fi

# Damaged bundles: truncated, one flipped byte in the data, not a bundle, wrong version.
size=$(wc -c <"$tmp/a.fpk")
head -c $((size / 2)) "$tmp/a.fpk" >"$tmp/trunc.fpk"
if "$pack" info "$tmp/trunc.fpk" >/dev/null 2>"$tmp/e" || ! grep -q "trunc.fpk: error: .*truncated" "$tmp/e"; then
	notok info-refuses-truncated "$(cat "$tmp/e")"
else ok info-refuses-truncated; fi
cp "$tmp/a.fpk" "$tmp/flip.fpk"
printf '\377' | dd of="$tmp/flip.fpk" bs=1 seek=4096 conv=notrunc 2>/dev/null
if "$pack" info "$tmp/flip.fpk" >/dev/null 2>"$tmp/e" || ! grep -q "checksum mismatch" "$tmp/e"; then
	notok info-refuses-flipped-data "$(cat "$tmp/e")"
else ok info-refuses-flipped-data; fi
echo "hello" >"$tmp/text.fpk"
if "$pack" info "$tmp/text.fpk" >/dev/null 2>"$tmp/e" || ! grep -q "not a foyer bundle" "$tmp/e"; then
	notok info-refuses-non-bundle "$(cat "$tmp/e")"
else ok info-refuses-non-bundle; fi
cp "$tmp/a.fpk" "$tmp/v2.fpk"
printf '\002' | dd of="$tmp/v2.fpk" bs=1 seek=8 conv=notrunc 2>/dev/null
if "$pack" info "$tmp/v2.fpk" >/dev/null 2>"$tmp/e" || ! grep -q "format version 2\.[0-9]*, this reader understands 1" "$tmp/e"; then
	notok info-refuses-major-2 "$(cat "$tmp/e")"
else ok info-refuses-major-2; fi
if "$pack" frobnicate >/dev/null 2>&1; then notok usage-error; else ok usage-error; fi
