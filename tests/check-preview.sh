#!/bin/sh
# foyer-pack preview end to end: a fixture with warnings on both languages of its
# start page makes a PNG, the very picture `foyer --sheet` draws from `build`'s
# bundle with those warnings on those pages (so each warning reached its page);
# --size adds a column; a broken fixture prints build's path:line error and
# leaves no file at all; without the kiosk program it says so and writes nothing.
# (The layout and the marks pixel by pixel: tests/test-sheet.c.)
set -u
build=${BUILD:-build}
pack=$build/foyer-pack
corpus=tests/corpus/pack
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export FOYER_PACK_CACHE="$tmp/cache"

ok() { echo "ok $1"; }
notok() { echo "not ok $1${2:+: $2}"; }

# PNG width and height from the IHDR chunk (bytes 16-23, big-endian).
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}

# The fixture: the base content with an empty heading in both page files of start.
warn=$tmp/warn
cp -r "$corpus/base" "$warn"
cp "$corpus/heading-empty/pages/start/de.md" "$corpus/heading-empty/pages/start/en.md" \
	"$warn/pages/start/"
mkdir "$tmp/out"

if ! "$pack" preview "$warn" -o "$tmp/out/sheet.png" >"$tmp/preview.out" 2>"$tmp/preview.err"; then
	notok preview-writes "exit status $?: $(head -n 3 "$tmp/preview.err")"
elif [ "$(ls "$tmp/out")" != sheet.png ]; then
	notok preview-writes "the output folder holds: $(ls "$tmp/out" | tr '\n' ' ')"
elif ! grep -q "sheet.png: written: 2 pages in 2 languages" "$tmp/preview.out"; then
	notok preview-writes "no summary: $(cat "$tmp/preview.out")"
else
	ok preview-writes
fi
# The warnings are the build's, printed as it prints them.
if grep -q "pages/start/de.md:7: warning: heading without text" "$tmp/preview.err" &&
	grep -q "pages/start/en.md:7: warning: heading without text" "$tmp/preview.err"; then
	ok preview-prints-warnings
else
	notok preview-prints-warnings "$(cat "$tmp/preview.err")"
fi

# The same picture from build + foyer --sheet with the notes written by hand.
printf 'start\tde\tpages/start/de.md:7: heading without text: write the heading or delete the '"'"'#'"'"' line\n' >"$tmp/notes"
printf 'start\ten\tpages/start/en.md:7: heading without text: write the heading or delete the '"'"'#'"'"' line\n' >>"$tmp/notes"
if "$pack" build "$warn" -o "$tmp/warn.fpk" >/dev/null 2>&1 &&
	"$build/foyer" --bundle "$tmp/warn.fpk" --sheet "$tmp/direct.png" --notes "$tmp/notes" \
		--size 1920x1080,1080x1920 2>"$tmp/direct.err" &&
	result=$("$build/tests/pngdiff" --delta 0 --percent 0 "$tmp/direct.png" "$tmp/out/sheet.png"); then
	ok preview-is-the-kiosks-sheet
else
	notok preview-is-the-kiosks-sheet "${result:-$(cat "$tmp/direct.err")}"
fi

# --size adds a column: wider, same height.
"$pack" preview "$warn" -o "$tmp/wide.png" --size 800x480 >/dev/null 2>&1
two=$(png_size "$tmp/out/sheet.png")
three=$(png_size "$tmp/wide.png" 2>/dev/null)
if [ "${two#*x}" = "${three#*x}" ] && [ "${three%x*}" -gt "${two%x*}" ]; then
	ok preview-size-adds-a-column
else
	notok preview-size-adds-a-column "$two without --size, ${three:-nothing} with 800x480"
fi

# A broken fixture: build's message with path:line, exit 1, no file, no leftovers.
bad=$tmp/bad
cp -r "$corpus/base" "$bad"
cp "$corpus/bad-url/pages/start/de.md" "$bad/pages/start/de.md"
mkdir "$tmp/badout"
"$pack" preview "$bad" -o "$tmp/badout/sheet.png" >/dev/null 2>"$tmp/bad.err"
rc=$?
if [ "$rc" -ne 1 ]; then
	notok preview-broken-refused "exit status $rc"
elif ! grep -q "^$bad/pages/start/de.md:3: error: url must be a web address" "$tmp/bad.err"; then
	notok preview-broken-refused "no path:line message: $(head -n 3 "$tmp/bad.err")"
elif ! grep -q "no sheet written" "$tmp/bad.err"; then
	notok preview-broken-refused "does not say that no sheet was written"
elif [ -n "$(ls "$tmp/badout")" ]; then
	notok preview-broken-refused "left behind: $(ls "$tmp/badout" | tr '\n' ' ')"
else
	ok preview-broken-refused
fi

# Without the kiosk program: a clear message, no file.
mkdir "$tmp/alone"
cp "$pack" "$tmp/alone/foyer-pack"
PATH=/nonexistent "$tmp/alone/foyer-pack" preview "$warn" -o "$tmp/alone/sheet.png" \
	>/dev/null 2>"$tmp/alone.err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q "kiosk program 'foyer'" "$tmp/alone.err" &&
	[ "$(ls "$tmp/alone")" = foyer-pack ]; then
	ok preview-without-kiosk
else
	notok preview-without-kiosk "exit $rc, $(cat "$tmp/alone.err"), files: $(ls "$tmp/alone" | tr '\n' ' ')"
fi
