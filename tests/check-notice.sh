#!/bin/sh
# Notices with a validity period (front matter notice, valid_from, valid_until):
# foyer-pack warns about one that has already ended and builds anyway; the kiosk
# shows a current notice on the start screen and an ended one not at all (the
# start screen is then the plain one, pixel for pixel).
set -u
build=${BUILD:-build}
pack=$build/foyer-pack
foyer=$build/foyer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

ok() { echo "ok $1"; }
notok() { echo "not ok $1${2:+: $2}"; }

# A copy of the Dortmund content whose start page carries a notice from $1 to $2.
content_with_notice() {
	rm -rf "$tmp/content"
	cp -r assets/content "$tmp/content"
	for lang in de en; do
		sed -i "0,/^---\$/! {0,/^---\$/ s/^---\$/notice: Am 24. Dezember geschlossen.\nvalid_from: $1\nvalid_until: $2\n---/}" \
			"$tmp/content/pages/start/$lang.md"
	done
}

"$foyer" --bundle "$build/content.fpk" --screenshot "$tmp/plain.png" --page start --lang de \
	--size 1280x720 >/dev/null 2>&1

# 2026-12-01 12:00 UTC is the build date: a notice that ended on 2026-11-30 is old
export SOURCE_DATE_EPOCH=1796126400
content_with_notice 2026-11-01 2026-11-30
if "$pack" build "$tmp/content" -o "$tmp/old.fpk" >/dev/null 2>"$tmp/old.err" &&	grep -q "pages/start/de.md:[0-9]*: warning: the notice ended on 2026-11-30" "$tmp/old.err"; then
	ok notice-expired-warning
else
	notok notice-expired-warning "$(cat "$tmp/old.err")"
fi
"$foyer" --bundle "$tmp/old.fpk" --screenshot "$tmp/old.png" --page start --lang de \
	--size 1280x720 >/dev/null 2>&1
if "$build/tests/pngdiff" --delta 0 --percent 0 "$tmp/plain.png" "$tmp/old.png" >/dev/null; then
	ok notice-expired-not-shown
else
	notok notice-expired-not-shown "the start screen differs from the plain one"
fi

# A notice for today and every day to come: no warning, on the start screen.
content_with_notice 2026-11-01 2199-12-31
if "$pack" build "$tmp/content" -o "$tmp/new.fpk" >/dev/null 2>"$tmp/new.err" &&
	! grep -q warning "$tmp/new.err"; then
	ok notice-current-no-warning
else
	notok notice-current-no-warning "$(cat "$tmp/new.err")"
fi
"$foyer" --bundle "$tmp/new.fpk" --screenshot "$tmp/new.png" --page start --lang de \
	--size 1280x720 >/dev/null 2>&1
if ! "$build/tests/pngdiff" "$tmp/plain.png" "$tmp/new.png" >/dev/null; then
	ok notice-current-shown
else
	notok notice-current-shown "the start screen shows no notice"
fi
