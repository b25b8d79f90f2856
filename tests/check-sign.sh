#!/bin/sh
# foyer-pack sign / verify against Debian's minisign, with key pairs made here:
# what foyer-pack signs, minisign -V accepts; what minisign -S -H signs with a
# foyer-version in its trusted comment, foyer-pack verify accepts; a changed
# bundle, a changed comment, another key and a missing version are refused.
set -u
build=${BUILD:-build}
pack=$build/foyer-pack
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
nok() { echo "not ok $1${2:+: $2}"; }
# check NAME COMMAND...: ok when the command succeeds
check() {
	name=$1
	shift
	if "$@" >"$tmp/out" 2>&1; then ok "$name"; else nok "$name" "$(tr '\n' ' ' <"$tmp/out")"; fi
}
# refuse NAME TEXT COMMAND...: ok when the command exits 1 and says TEXT
refuse() {
	name=$1
	text=$2
	shift 2
	"$@" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q -- "$text" "$tmp/out"; then
		ok "$name"
	else
		nok "$name" "exit $rc, wanted 1 and \"$text\": $(tr '\n' ' ' <"$tmp/out")"
	fi
}

command -v minisign >/dev/null || { nok minisign-installed "tools/install-deps check installs it"; exit 1; }
cp "$build/content.fpk" "$tmp/content.fpk"
b=$tmp/content.fpk
minisign -G -W -p "$tmp/city.pub" -s "$tmp/city.key" >/dev/null 2>&1
minisign -G -W -p "$tmp/other.pub" -s "$tmp/other.key" >/dev/null 2>&1

check sign-writes-minisig "$pack" sign "$b" -s "$tmp/city.key"
check minisign-accepts-foyer-signature minisign -V -H -p "$tmp/city.pub" -m "$b"
grep -q '^trusted comment: foyer-version:[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]\.1$' "$b.minisig" &&
	ok sign-puts-version-in-trusted-comment || nok sign-puts-version-in-trusted-comment "$(cat "$b.minisig")"
check verify-good "$pack" verify "$b" -p "$tmp/city.pub"
grep -q 'good signature by key .*, version ' "$tmp/out" && ok verify-says-version ||
	nok verify-says-version "$(cat "$tmp/out")"

# Signing the same file again counts the version up.
"$pack" sign "$b" -s "$tmp/city.key" >/dev/null 2>&1
grep -q 'foyer-version:.*\.2$' "$b.minisig" && ok sign-again-counts-up || nok sign-again-counts-up "$(cat "$b.minisig")"
check sign-explicit-version "$pack" sign "$b" -s "$tmp/city.key" --version 2031-05-04.7
grep -q 'foyer-version:2031-05-04.7$' "$b.minisig" && ok explicit-version-kept || nok explicit-version-kept
refuse sign-bad-version "not a version" "$pack" sign "$b" -s "$tmp/city.key" --version 2031-5-4

refuse verify-other-key "not one of the 1 trusted key" "$pack" verify "$b" -p "$tmp/other.pub"
cp "$b" "$tmp/changed.fpk"
cp "$b.minisig" "$tmp/changed.fpk.minisig"
printf 'X' | dd of="$tmp/changed.fpk" bs=1 seek=3000 conv=notrunc status=none
refuse verify-changed-bundle "changed after signing" "$pack" verify "$tmp/changed.fpk" -p "$tmp/city.pub"
sed 's/^trusted comment: foyer-version:2031-05-04.7$/trusted comment: foyer-version:2031-05-04.8/' \
	"$b.minisig" >"$tmp/forged.minisig"
refuse verify-forged-comment "comment was changed" "$pack" verify "$b" -p "$tmp/city.pub" -x "$tmp/forged.minisig"
refuse verify-no-signature "cannot open" "$pack" verify "$b" -p "$tmp/city.pub" -x "$tmp/none.minisig"
refuse verify-broken-pubkey "not a minisign public key" "$pack" verify "$b" -p "$b.minisig"

# minisign itself, with the version typed into the trusted comment.
minisign -S -H -s "$tmp/city.key" -m "$b" -x "$tmp/ms.minisig" -t "foyer-version:2032-01-02.3" >/dev/null 2>&1
check verify-minisign-made "$pack" verify "$b" -p "$tmp/city.pub" -x "$tmp/ms.minisig"
grep -q 'version 2032-01-02.3' "$tmp/out" && ok verify-minisign-version || nok verify-minisign-version "$(cat "$tmp/out")"
minisign -S -H -s "$tmp/city.key" -m "$b" -x "$tmp/plain.minisig" >/dev/null 2>&1
refuse verify-needs-version "no \"foyer-version:" "$pack" verify "$b" -p "$tmp/city.pub" -x "$tmp/plain.minisig"
minisign -S -l -s "$tmp/city.key" -m "$b" -x "$tmp/legacy.minisig" >/dev/null 2>&1
refuse verify-refuses-legacy "legacy" "$pack" verify "$b" -p "$tmp/city.pub" -x "$tmp/legacy.minisig"

# A rollback permission beside the bundle is checked and reported.
check sign-rollback "$pack" sign "$b" -s "$tmp/city.key" --rollback-from 2040-01-01.1
grep -q '^trusted comment: foyer-rollback-from:2040-01-01.1$' "$b.rollback.minisig" &&
	ok rollback-comment || nok rollback-comment
check minisign-accepts-rollback minisign -V -p "$tmp/city.pub" -m "$b" -x "$b.rollback.minisig"
check verify-reports-rollback "$pack" verify "$b" -p "$tmp/city.pub"
grep -q 'may replace version 2040-01-01.1 and older' "$tmp/out" && ok verify-rollback-line ||
	nok verify-rollback-line "$(cat "$tmp/out")"

# A broken bundle gets no signature, and no file is left behind.
head -c 5000 "$b" >"$tmp/short.fpk"
refuse sign-refuses-broken-bundle "not signed" "$pack" sign "$tmp/short.fpk" -s "$tmp/city.key"
[ ! -e "$tmp/short.fpk.minisig" ] && ok no-signature-for-broken || nok no-signature-for-broken

# A password-protected key (minisign's default: scrypt, 1 GiB), password from the
# environment; a wrong one is refused.
printf 'korrekt\nkorrekt\n' | minisign -G -p "$tmp/pw.pub" -s "$tmp/pw.key" >/dev/null 2>&1
refuse sign-wrong-password "wrong password" env FOYER_KEY_PASSWORD=falsch "$pack" sign "$b" -s "$tmp/pw.key"
check sign-with-password env FOYER_KEY_PASSWORD=korrekt "$pack" sign "$b" -s "$tmp/pw.key"
check minisign-accepts-password-key-signature minisign -V -p "$tmp/pw.pub" -m "$b"
refuse sign-password-no-terminal "set FOYER_KEY_PASSWORD" setsid "$pack" sign "$b" -s "$tmp/pw.key"
