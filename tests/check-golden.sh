#!/bin/sh
# Golden images: renders every page of the bundle in both languages at 1280x720
# and 1080x1920, and the start page also at 800x480 and 1920x1080, and compares
# each with tests/golden/NAME.png.  What a visitor can switch on is rendered
# too: every page at the four sizes with large text in both steps (step 2 in
# German, step 3 in English) and in high contrast (German), compared with
# tests/golden/access/PAGE-VARIANT-SIZE.png.  Tolerance (tests/golden/pngdiff.c): at most
# 0.2 % of the pixels may differ by more than 8 in any channel.  A failure leaves
# the rendering and a diff picture (red = different) in $BUILD/tests/golden/.
#
#   tests/check-golden.sh            compare (make check)
#   tests/check-golden.sh --update   re-render the references (make golden); look
#                                    at every changed picture before committing
set -u
build=${BUILD:-build}
bundle=${FOYER_BUNDLE:-$build/content.fpk}
gold=tests/golden
out=$build/tests/golden
update=0
[ "${1:-}" = "--update" ] && update=1
mkdir -p "$out"

pages=$("$build/foyer-pack" ls "$bundle") || {
	echo "not ok golden: cannot list the pages of $bundle"
	exit 1
}
start=$(echo "$pages" | head -n 1)

check() { # name page lang size [foyer options...]
	name=$1 page=$2 lang=$3 size=$4
	shift 4
	mkdir -p "$(dirname "$out/$name")"
	if ! "$build/foyer" --bundle "$bundle" --screenshot "$out/$name.png" --page "$page" \
		--lang "$lang" --size "$size" "$@" 2>"$out/$name.log"; then
		echo "not ok golden $name: foyer failed: $(head -n 3 "$out/$name.log")"
		return
	fi
	if [ "$update" -eq 1 ]; then
		if [ -f "$gold/$name.png" ] &&
			"$build/tests/pngdiff" --delta 0 --percent 0 "$gold/$name.png" "$out/$name.png" \
				>/dev/null; then
			echo "ok golden $name (unchanged)"
		else
			mkdir -p "$(dirname "$gold/$name")"
			cp "$out/$name.png" "$gold/$name.png"
			echo "ok golden $name (updated)"
		fi
		return
	fi
	if [ ! -f "$gold/$name.png" ]; then
		echo "not ok golden $name: no reference $gold/$name.png (make golden)"
		return
	fi
	if result=$("$build/tests/pngdiff" --out "$out/$name.diff.png" "$gold/$name.png" \
		"$out/$name.png"); then
		echo "ok golden $name: $result"
	else
		echo "not ok golden $name: $result; see $out/$name.png and $out/$name.diff.png"
	fi
}

expected=
for page in $pages; do
	for lang in de en; do
		sizes="1280x720 1080x1920"
		[ "$page" = "$start" ] && sizes="800x480 1280x720 1920x1080 1080x1920"
		for size in $sizes; do
			check "$page-$lang-$size" "$page" "$lang" "$size"
			expected="$expected $page-$lang-$size.png"
		done
	done
done

# the accessibility variants: t2 (large text, German), t3 (larger, English),
# hc (high contrast, German)
for page in $pages; do
	for size in 800x480 1280x720 1920x1080 1080x1920; do
		check "access/$page-t2-$size" "$page" de "$size" --text-scale 2
		check "access/$page-t3-$size" "$page" en "$size" --text-scale 3
		check "access/$page-hc-$size" "$page" de "$size" --contrast high
		expected="$expected access/$page-t2-$size.png access/$page-t3-$size.png access/$page-hc-$size.png"
	done
done
# The Markdown examples (tests/content/markdown): each construct as the kiosk
# draws it, at every size, so a table or a nested quote is looked at in portrait
# and at 800x480 too.
md_bundle=$build/tests/markdown.fpk
if "$build/foyer-pack" build tests/content/markdown -o "$md_bundle" --no-cache >/dev/null \
	2>"$out/markdown.log"; then
	bundle=$md_bundle
	for page in formen zitate bilder tabelle; do
		for size in 800x480 1280x720 1920x1080 1080x1920; do
			check "md-$page-de-$size" "$page" de "$size"
			expected="$expected md-$page-de-$size.png"
		done
	done
else
	echo "not ok golden markdown: the examples do not build: $(head -n 3 "$out/markdown.log")"
fi

# References without a page any more are stale: removed on --update, reported otherwise.
for f in "$gold"/*.png "$gold"/access/*.png; do
	[ -e "$f" ] || continue
	case " $expected " in
	*" ${f#"$gold"/} "*) ;;
	*)
		if [ "$update" -eq 1 ]; then
			rm -f "$f"
			echo "ok golden $(basename "$f" .png) (removed, no such page)"
		else
			echo "not ok golden $(basename "$f" .png): reference for a page the bundle does not have"
		fi
		;;
	esac
done
