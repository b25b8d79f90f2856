#!/bin/sh
# What a visitor's phone reads: the QR code at the end of a page with a web
# address (front matter url:), in both languages and on a small and a large
# screen, is decoded with zbarimg (Debian's zbar-tools) and must give the
# page's address.
set -u
build=${BUILD:-build}
bundle=${FOYER_BUNDLE:-$build/content.fpk}
out=$build/tests/qr
want=https://www.kulturbuero.dortmund.de
rm -rf "$out"
mkdir -p "$out"

if ! command -v zbarimg >/dev/null 2>&1; then
	echo "not ok qr: zbarimg is missing (tools/install-deps check installs zbar-tools)"
	exit 1
fi
for size in 800x480 1080x1920; do
	for lang in de en; do
		w=${size%x*}
		h=${size#*x}
		# to the page, then far down: the code ends the page
		cat >"$out/$lang-$size.replay" <<SCRIPT
tap-lang $lang
tap-tile 2
expect-page kultur
drag $((w / 2)) $((h * 9 / 10)) $((w / 2)) $((h / 5)) 900
wait 1500
drag $((w / 2)) $((h * 9 / 10)) $((w / 2)) $((h / 5)) 900
wait 1500
drag $((w / 2)) $((h * 9 / 10)) $((w / 2)) $((h / 5)) 900
wait 1500
drag $((w / 2)) $((h * 9 / 10)) $((w / 2)) $((h / 5)) 900
wait 1500
shot kultur-$lang-$size.png
SCRIPT
		if ! "$build/foyer" --bundle "$bundle" --replay "$out/$lang-$size.replay" \
			--size "$size" --out "$out" >"$out/$lang-$size.log" 2>&1; then
			echo "not ok qr kultur $lang $size: replay failed: $(head -n 2 "$out/$lang-$size.log")"
			continue
		fi
		got=$(zbarimg -q --raw "$out/kultur-$lang-$size.png" 2>/dev/null | head -n 1)
		if [ "$got" = "$want" ]; then
			echo "ok qr kultur $lang $size"
		else
			echo "not ok qr kultur $lang $size: the phone reads '$got', want $want; see $out/kultur-$lang-$size.png"
		fi
	done
done
