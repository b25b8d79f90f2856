#!/bin/sh
# A page prepared while the finger rested (tests/replay/prepare.replay) must look
# exactly like the same page rendered the plain way (--screenshot): every shot
# named prepared-PAGE-LANG-WxH.png is compared pixel for pixel.
set -u
build=${BUILD:-build}
bundle=${FOYER_BUNDLE:-$build/content.fpk}
out=$build/tests/prepared
rm -rf "$out"
mkdir -p "$out"

if ! "$build/foyer" --bundle "$bundle" --replay tests/replay/prepare.replay --size 1280x720 \
	--out "$out" >"$out/replay.log" 2>&1; then
	echo "not ok prepared: replay failed: $(head -n 3 "$out/replay.log")"
	exit 1
fi
n=0
for shot in "$out"/prepared-*.png; do
	[ -f "$shot" ] || continue
	n=$((n + 1))
	name=$(basename "$shot" .png)
	set -- $(echo "${name#prepared-}" | tr '-' ' ')
	# page ids may contain '-': the last two fields are language and size
	eval "size=\${$#}; lang=\${$(($# - 1))}"
	page=$(echo "${name#prepared-}" | sed "s/-$lang-$size\$//")
	"$build/foyer" --bundle "$bundle" --screenshot "$out/plain-$page-$lang-$size.png" \
		--page "$page" --lang "$lang" --size "$size" 2>>"$out/plain.log"
	if result=$("$build/tests/pngdiff" --delta 0 --percent 0 --out "$out/$name.diff.png" \
		"$out/plain-$page-$lang-$size.png" "$shot"); then
		echo "ok prepared $page $lang $size: $result"
	else
		echo "not ok prepared $page $lang $size: $result; see $shot and $out/$name.diff.png"
	fi
done
[ "$n" -gt 0 ] || echo "not ok prepared: the replay took no shots"
