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
# One cache for every run here: the German hyphenation tables are built once.
export FOYER_PACK_CACHE="$tmp/cache"

ok() { echo "ok $1"; }
notok() { echo "not ok $1${2:+: $2}"; }

# Base fixture is valid.
if "$pack" check "$corpus/base" >"$tmp/out" 2>&1; then ok base-valid; else notok base-valid "$(cat "$tmp/out")"; fi

# Each fixture is the base fixture with the fixture's files laid over it (REMOVE
# lists files to delete, SETUP is a shell script run inside the copy for what git
# cannot hold or should not: FIFOs, symlinks, thousands of files).  EXPECT holds
# every message foyer-pack must print, exactly and in order, with paths relative
# to the fixture; the build must fail exactly when one of them is an error, and
# then leave no file behind.  `check` must print the same messages as `build`.
for rule in "$corpus"/*/; do
	rule=${rule%/}
	name=$(basename "$rule")
	[ "$name" = base ] && continue
	dir=$tmp/$name
	cp -r "$corpus/base" "$dir"
	(cd "$rule" && find . -type f ! -name EXPECT ! -name REMOVE ! -name SETUP) | while read -r f; do
		mkdir -p "$(dirname "$dir/$f")"
		cp "$rule/$f" "$dir/$f"
	done
	if [ -f "$rule/REMOVE" ]; then
		while read -r f; do rm -rf "${dir:?}/$f"; done <"$rule/REMOVE"
	fi
	if [ -f "$rule/SETUP" ] && ! (cd "$dir" && sh "$OLDPWD/$rule/SETUP") >"$tmp/$name.setup" 2>&1; then
		notok "$name" "SETUP failed: $(cat "$tmp/$name.setup")"
		continue
	fi
	sed "s|^|$dir/|" "$rule/EXPECT" >"$tmp/$name.expect"
	timeout 60 "$pack" build "$dir" -o "$tmp/$name.fpk" 2>"$tmp/$name.err" >/dev/null
	rc=$?
	timeout 60 "$pack" check "$dir" 2>"$tmp/$name.check" >/dev/null
	crc=$?
	grep -aE ': (error|warning): ' "$tmp/$name.err" >"$tmp/$name.got"
	grep -aE ': (error|warning): ' "$tmp/$name.check" >"$tmp/$name.checkgot"
	want_fail=0
	grep -q ': error: ' "$tmp/$name.expect" && want_fail=1
	if [ "$rc" -eq 124 ] || [ "$crc" -eq 124 ]; then
		notok "$name" "foyer-pack hung (killed after 60 s)"
	elif [ "$want_fail" -eq 1 ] && [ "$rc" -eq 0 ]; then
		notok "$name" "exit status 0"
	elif [ "$want_fail" -eq 0 ] && [ "$rc" -ne 0 ]; then
		notok "$name" "the build failed: $(cat "$tmp/$name.err")"
	elif [ "$want_fail" -eq 1 ] && { [ -e "$tmp/$name.fpk" ] || ls "$tmp/$name.fpk".tmp.* >/dev/null 2>&1; }; then
		notok "$name" "an output file was left behind"
	elif ! cmp -s "$tmp/$name.expect" "$tmp/$name.got"; then
		notok "$name" "messages differ from EXPECT: $(diff "$tmp/$name.expect" "$tmp/$name.got" | sed -n 's/^[<>]/&/p' | head -n 6)"
	else
		ok "$name"
	fi
	if [ "$crc" -ne "$rc" ] && { [ "$crc" -eq 0 ] || [ "$rc" -eq 0 ]; }; then
		notok "$name-check-agrees" "check exit status $crc, build $rc"
	elif ! cmp -s "$tmp/$name.got" "$tmp/$name.checkgot"; then
		notok "$name-check-agrees" "check and build say different things: $(diff "$tmp/$name.got" "$tmp/$name.checkgot" | head -n 4)"
	else
		ok "$name-check-agrees"
	fi
done

# The Dortmund content builds, twice byte-identically, and the cache (filled by
# the first build, read by the second) changes nothing against none at all, but
# for the speech: espeak-ng carries state from one utterance to the next (its
# pitch flutter), so an utterance kept from another build can differ from a fresh
# one by milliseconds; its key, text and place are the same.
if "$pack" build assets/content -o "$tmp/a.fpk" >/dev/null 2>"$tmp/a.err" &&
	"$pack" build assets/content -o "$tmp/b.fpk" >/dev/null 2>&1 &&
	cmp -s "$tmp/a.fpk" "$tmp/b.fpk"; then
	ok dortmund-deterministic
else
	notok dortmund-deterministic "$(cat "$tmp/a.err")"
fi
describe() { # the entries as info lists them, speech without its bytes and seconds
	"$pack" info "$1" | sed -e '/^bundle:/d' -e '/^size:/d' -e '/^content id:/d' \
		-e 's/^\(  speech .*\) [0-9]* B \(.*utterances\), [0-9.]* s,/\1 \2,/' \
		-e 's/^\(speech: .* entries\).*/\1/' | tr -s ' '
}
if "$pack" build assets/content -o "$tmp/nocache.fpk" --no-cache >/dev/null 2>&1 &&
	describe "$tmp/a.fpk" >"$tmp/a.info" && describe "$tmp/nocache.fpk" >"$tmp/nocache.info" &&
	cmp -s "$tmp/a.info" "$tmp/nocache.info"; then
	ok cache-changes-nothing
else
	notok cache-changes-nothing "a cached build differs from an uncached one: $(diff "$tmp/a.info" "$tmp/nocache.info" | head -n 4)"
fi
# A damaged cache item is a miss, not a wrong bundle.
for f in "$FOYER_PACK_CACHE"/*; do printf 'junk' | dd of="$f" bs=1 seek=60 conv=notrunc 2>/dev/null; done
if "$pack" build assets/content -o "$tmp/damaged.fpk" >/dev/null 2>&1 &&
	describe "$tmp/damaged.fpk" >"$tmp/damaged.info" && cmp -s "$tmp/a.info" "$tmp/damaged.info"; then
	ok cache-damage-ignored
else
	notok cache-damage-ignored
fi

# -o: a FIFO, a folder and a dangling link are refused by name and left as they
# were; a link to a file writes the file it names and keeps the link.
mkfifo "$tmp/fifo.fpk"
if ! timeout 60 "$pack" build "$corpus/base" -o "$tmp/fifo.fpk" >/dev/null 2>"$tmp/e" &&
	[ -p "$tmp/fifo.fpk" ] && grep -q "fifo.fpk is a FIFO (named pipe), not a file" "$tmp/e"; then
	ok output-fifo-refused
else
	notok output-fifo-refused "$(cat "$tmp/e")"
fi
mkdir "$tmp/dir.fpk"
if ! "$pack" build "$corpus/base" -o "$tmp/dir.fpk" >/dev/null 2>"$tmp/e" && [ -d "$tmp/dir.fpk" ] &&
	grep -q "dir.fpk is a folder, not a file" "$tmp/e"; then
	ok output-folder-refused
else
	notok output-folder-refused "$(cat "$tmp/e")"
fi
echo old >"$tmp/target.fpk"
ln -s "$tmp/target.fpk" "$tmp/link.fpk"
if "$pack" build "$corpus/base" -o "$tmp/link.fpk" >/dev/null 2>"$tmp/e" && [ -L "$tmp/link.fpk" ] &&
	"$pack" info "$tmp/target.fpk" >/dev/null 2>&1; then
	ok output-link-followed
else
	notok output-link-followed "$(cat "$tmp/e")"
fi
ln -s "$tmp/fifo.fpk" "$tmp/fifolink.fpk"
if ! timeout 60 "$pack" build "$corpus/base" -o "$tmp/fifolink.fpk" >/dev/null 2>&1 &&
	[ -p "$tmp/fifo.fpk" ] && [ -L "$tmp/fifolink.fpk" ]; then
	ok output-link-to-fifo-refused
else
	notok output-link-to-fifo-refused
fi

# SIGINT and SIGTERM while the bundle is written leave no temporary file: a
# preloaded shim holds the fsync of the temporary file until a gate file exists,
# the signal arrives meanwhile, then the write may finish.
shim=$build/tests/slow-fsync.so
if [ -f "$shim" ]; then
	for sig in INT TERM; do
		rm -f "$tmp/sig.fpk" "$tmp/gate"
		# a background job ignores SIGINT: env gives it back its default, as a
		# terminal's Ctrl-C finds it
		FOYER_TEST_FSYNC_GATE="$tmp/gate" LD_PRELOAD="$shim" ASAN_OPTIONS=verify_asan_link_order=0 \
			env --default-signal=INT "$pack" build "$corpus/base" -o "$tmp/sig.fpk" >/dev/null 2>&1 &
		spid=$!
		n=0
		while ! ls "$tmp"/sig.fpk.tmp.* >/dev/null 2>&1 && [ $n -lt 1200 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		kill -"$sig" "$spid"
		touch "$tmp/gate"
		wait "$spid"
		rc=$?
		if ls "$tmp"/sig.fpk.tmp.* >/dev/null 2>&1; then
			notok "signal-$sig-no-temp-file" "a temporary file was left: $(ls "$tmp"/sig.fpk.tmp.*)"
		elif [ "$rc" -lt 128 ]; then
			notok "signal-$sig-no-temp-file" "the signal did not end foyer-pack (status $rc)"
		elif [ -e "$tmp/sig.fpk" ] && ! "$pack" info "$tmp/sig.fpk" >/dev/null 2>&1; then
			notok "signal-$sig-no-temp-file" "a damaged bundle was left"
		else
			ok "signal-$sig-no-temp-file"
		fi
	done
else
	notok signal-no-temp-file "no $shim (make check-build makes it)"
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
