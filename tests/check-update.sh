#!/bin/sh
# foyer-update, the USB-stick installer, on a store in a temporary folder, with
# key pairs made here by Debian's minisign and bundles signed by foyer-pack:
# a newer signed bundle is installed and the kiosk's choice (foyer-update --which,
# the kiosk's own bundle-source module) shows it on screen; tampered, unsigned,
# older, damaged and foreign bundles are refused with their reason and the old
# one stays; a rollback permission lets an older one back; and a power cut after
# every step of an install (the test build foyer-update-faults) leaves a store
# from which the kiosk shows the old or the new bundle, never nothing.
set -u
build=${BUILD:-build}
pack=$build/foyer-pack
update=$build/foyer-update
faults=$build/tests/foyer-update-faults
foyer=$build/foyer
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=dummy

ok() { echo "ok $1"; }
nok() { echo "not ok $1${2:+: $2}"; }

command -v minisign >/dev/null || { nok minisign-installed "tools/install-deps check installs it"; exit 1; }
minisign -G -W -p "$tmp/city.pub" -s "$tmp/city.key" >/dev/null 2>&1
minisign -G -W -p "$tmp/other.pub" -s "$tmp/other.key" >/dev/null 2>&1
mkdir -p "$tmp/keys" "$tmp/nokeys"
cp "$tmp/city.pub" "$tmp/keys/city.pub"

# Two bundles a visitor can tell apart: the real one, and one with another slogan.
cp "$build/content.fpk" "$tmp/old.fpk"
cp -r assets/content "$tmp/content"
sed -i 's/^de = Dortmund überrascht. Dich.$/de = Neue Inhalte vom USB-Stick./' "$tmp/content/site.ini"
"$pack" build "$tmp/content" -o "$tmp/new.fpk" >/dev/null 2>&1 || nok build-new-bundle
"$pack" sign "$tmp/old.fpk" -s "$tmp/city.key" --version 2026-01-10.1 >/dev/null
"$pack" sign "$tmp/new.fpk" -s "$tmp/city.key" --version 2026-02-20.1 >/dev/null

shot() { # shot BUNDLE OUT.png: the start page as a visitor sees it
	"$foyer" --bundle "$1" --screenshot "$2" --page start --lang de --size 800x480 >/dev/null 2>&1
}
shot "$tmp/old.fpk" "$tmp/old.png"
shot "$tmp/new.fpk" "$tmp/new.png"
if cmp -s "$tmp/old.png" "$tmp/new.png"; then nok bundles-differ-on-screen; else ok bundles-differ-on-screen; fi

# stick NAME BUNDLE [SIG [ROLLBACK]]: a folder laid out as a technician's stick
stick() {
	rm -rf "$tmp/$1"
	mkdir -p "$tmp/$1/foyer" "$tmp/$1/DCIM"
	echo "holiday photo" >"$tmp/$1/DCIM/IMG_0001.JPG"
	cp "$2" "$tmp/$1/foyer/content.fpk"
	[ -n "${3:-}" ] && cp "$3" "$tmp/$1/foyer/content.fpk.minisig"
	[ -n "${4:-}" ] && cp "$4" "$tmp/$1/foyer/content.fpk.rollback.minisig"
	return 0
}
# run STORE STICK [KEYS]: foyer-update on a stick folder; sets rc
run() {
	"$update" --from "$tmp/$2" --store "$1" --keys "${3:-$tmp/keys}" --fat "${fat:-$tmp/fat.fpk}" \
		>"$tmp/log" 2>&1
	rc=$?
}
status() { sed -n "s/^$2=//p" "$1/status"; }
# shows NAME STORE WANT.png: the kiosk's choice, rendered, is WANT
shows() {
	"$update" --which --store "$2" --keys "$tmp/keys" --fat "$tmp/fat.fpk" >"$tmp/which" 2>"$tmp/why"
	chosen=$(cut -d' ' -f1 "$tmp/which")
	if [ -n "$chosen" ] && shot "$chosen" "$tmp/seen.png" && cmp -s "$tmp/seen.png" "$3"; then
		ok "$1"
	else
		nok "$1" "chose '$(cat "$tmp/which")': $(tr '\n' ' ' <"$tmp/why")"
	fi
}
# refused NAME CODE: the last run refused with status code CODE, old content stays
refused() {
	if [ "$rc" -eq 1 ] && [ "$(status "$s" result)" = refused ] && [ "$(status "$s" code)" = "$2" ]; then
		ok "$1"
	else
		nok "$1" "exit $rc, status $(tr '\n' ' ' <"$s/status" 2>/dev/null): $(tr '\n' ' ' <"$tmp/log")"
	fi
}

# The FAT partition holds the old bundle, signed: the kiosk's first installation.
cp "$tmp/old.fpk" "$tmp/fat.fpk"
cp "$tmp/old.fpk.minisig" "$tmp/fat.fpk.minisig"
s=$tmp/store
mkdir -p "$s"
shows empty-store-shows-fat "$s" "$tmp/old.png"

stick new "$tmp/new.fpk" "$tmp/new.fpk.minisig"
run "$s" new
if [ "$rc" -eq 0 ] && [ "$(status "$s" code)" = installed ] && [ "$(status "$s" version)" = 2026-02-20.1 ]; then
	ok install-newer
else
	nok install-newer "exit $rc: $(tr '\n' ' ' <"$tmp/log")"
fi
shows new-bundle-on-screen "$s" "$tmp/new.png"
seq_before=$(status "$s" seq)

# Tampered: one byte of the bundle changed after signing.
cp "$tmp/new.fpk" "$tmp/tampered.fpk"
printf 'X' | dd of="$tmp/tampered.fpk" bs=1 seek=4000 conv=notrunc status=none
stick tampered "$tmp/tampered.fpk" "$tmp/new.fpk.minisig"
run "$s" tampered
refused tampered-refused bad-signature
shows tampered-old-content-stays "$s" "$tmp/new.png"
[ "$(status "$s" seq)" -gt "$seq_before" ] && ok status-counts-attempts || nok status-counts-attempts

stick unsigned "$tmp/new.fpk"
run "$s" unsigned
refused unsigned-refused unsigned

"$pack" sign "$tmp/new.fpk" -s "$tmp/other.key" --version 2026-03-01.1 >/dev/null
cp "$tmp/new.fpk.minisig" "$tmp/foreign.minisig"
stick foreign "$tmp/new.fpk" "$tmp/foreign.minisig"
run "$s" foreign
refused foreign-key-refused bad-signature

minisign -S -H -s "$tmp/city.key" -m "$tmp/new.fpk" -x "$tmp/noversion.minisig" >/dev/null 2>&1
stick noversion "$tmp/new.fpk" "$tmp/noversion.minisig"
run "$s" noversion
refused no-version-refused no-version

# Older than what is shown: the old bundle signed anew with an older version.
cp "$tmp/old.fpk" "$tmp/older.fpk"
"$pack" sign "$tmp/older.fpk" -s "$tmp/city.key" --version 2026-01-15.1 >/dev/null
stick older "$tmp/older.fpk" "$tmp/older.fpk.minisig"
run "$s" older
refused older-refused not-newer
shows older-old-content-stays "$s" "$tmp/new.png"

# The same bundle again: not newer either.
run "$s" new
refused same-version-refused not-newer

# Signed by the city, but damaged inside (a page entry's bytes): refused by the
# complete check, although the signature is good.
cp "$tmp/new.fpk" "$tmp/damaged.fpk"
printf 'X' | dd of="$tmp/damaged.fpk" bs=1 seek=200 conv=notrunc status=none
"$pack" sign "$tmp/damaged.fpk" -s "$tmp/city.key" --version 2026-04-01.1 >/dev/null 2>&1 ||
	minisign -S -H -s "$tmp/city.key" -m "$tmp/damaged.fpk" -t "foyer-version:2026-04-01.1" >/dev/null 2>&1
stick damaged "$tmp/damaged.fpk" "$tmp/damaged.fpk.minisig"
run "$s" damaged
refused damaged-refused damaged
shows damaged-old-content-stays "$s" "$tmp/new.png"

# Without keys the kiosk takes nothing from a stick.
run "$s" new "$tmp/nokeys"
refused no-keys-refused no-keys

# A stick without foyer/content.fpk is ignored: no status, no change.
seq_before=$(status "$s" seq)
rm -rf "$tmp/photos" && mkdir -p "$tmp/photos/DCIM" && echo x >"$tmp/photos/DCIM/a.jpg"
run "$s" photos
if [ "$rc" -eq 0 ] && [ "$(status "$s" seq)" = "$seq_before" ]; then ok foreign-stick-ignored; else nok foreign-stick-ignored; fi

# Going back on purpose: the old bundle with its old signature and a rollback
# permission for the version shown now.
"$pack" sign "$tmp/old.fpk" -s "$tmp/city.key" --rollback-from 2026-02-20.1 >/dev/null
stick back "$tmp/old.fpk" "$tmp/old.fpk.minisig" "$tmp/old.fpk.rollback.minisig"
run "$s" back
if [ "$rc" -eq 0 ] && [ "$(status "$s" code)" = rolled-back ]; then ok rollback-permitted; else
	nok rollback-permitted "exit $rc: $(tr '\n' ' ' <"$tmp/log")"; fi
shows rollback-on-screen "$s" "$tmp/old.png"
# The permission does not reach past the version it names.
"$pack" sign "$tmp/old.fpk" -s "$tmp/city.key" --rollback-from 2026-02-19.9 >/dev/null
run "$s" new >/dev/null
stick back2 "$tmp/old.fpk" "$tmp/old.fpk.minisig" "$tmp/old.fpk.rollback.minisig"
run "$s" back2
refused rollback-limited-to-named-version not-newer
# A permission signed by someone else is no permission.
"$pack" sign "$tmp/old.fpk" -s "$tmp/other.key" --rollback-from 2030-01-01.1 >/dev/null
stick back3 "$tmp/old.fpk" "$tmp/old.fpk.minisig" "$tmp/old.fpk.rollback.minisig"
run "$s" back3
refused foreign-rollback-refused bad-signature

# Only current and previous are kept.
n=$(ls "$s/bundles" | wc -l)
[ "$n" -le 2 ] && ok keeps-two-bundles || nok keeps-two-bundles "$n folders: $(ls "$s/bundles")"

# Power cuts: from a store showing the old bundle, install the new one and stop
# after each step.  Afterwards the kiosk must show old or new, and the next
# update must still work.
base=$tmp/base
mkdir -p "$base"
stick old "$tmp/old.fpk" "$tmp/old.fpk.minisig"
fat=$tmp/nofat.fpk run "$base" old
[ "$(status "$base" code)" = installed ] && ok cut-base-ready || nok cut-base-ready "$(cat "$tmp/log")"
steps=$("$faults" --list-steps)
[ -n "$steps" ] && ok fault-build-lists-steps || nok fault-build-lists-steps
for step in $steps; do
	rm -rf "$tmp/cut" && cp -a "$base" "$tmp/cut"
	FOYER_UPDATE_CUT_AFTER=$step "$faults" --from "$tmp/new" --store "$tmp/cut" \
		--keys "$tmp/keys" --fat "$tmp/fat.fpk" >"$tmp/log" 2>&1
	frc=$?
	if [ "$frc" -ne 99 ]; then
		nok "cut-after-$step" "the test build did not stop there (exit $frc)"
		continue
	fi
	"$update" --which --store "$tmp/cut" --keys "$tmp/keys" --fat "$tmp/nofat.fpk" >"$tmp/which" 2>"$tmp/why"
	chosen=$(cut -d' ' -f1 "$tmp/which")
	if [ -n "$chosen" ] && shot "$chosen" "$tmp/seen.png" &&
		{ cmp -s "$tmp/seen.png" "$tmp/old.png" || cmp -s "$tmp/seen.png" "$tmp/new.png"; }; then
		ok "cut-after-$step-shows-a-good-bundle"
	else
		nok "cut-after-$step-shows-a-good-bundle" "$(cat "$tmp/which") $(tr '\n' ' ' <"$tmp/why")"
	fi
	# The next plug-in of the same stick finishes the job (or finds it done).
	fat=$tmp/nofat.fpk run "$tmp/cut" new
	"$update" --which --store "$tmp/cut" --keys "$tmp/keys" --fat "$tmp/nofat.fpk" >"$tmp/which" 2>/dev/null
	chosen=$(cut -d' ' -f1 "$tmp/which")
	if [ -n "$chosen" ] && shot "$chosen" "$tmp/seen.png" && cmp -s "$tmp/seen.png" "$tmp/new.png" &&
		[ -z "$(ls -a "$tmp/cut" | grep '^\.incoming-')" ]; then
		ok "cut-after-$step-then-retry-installs"
	else
		nok "cut-after-$step-then-retry-installs" "exit $rc $(cat "$tmp/which") $(tr '\n' ' ' <"$tmp/log")"
	fi
done
