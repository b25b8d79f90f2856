#!/bin/sh
# Replay tests: runs every tests/replay/*.replay against the bundle at the sizes
# its "# sizes:" line names (default 1280x720), with the panel rotation its
# "# rotation:" line names (default 0) and the foyer.conf lines its "# config:"
# lines give, in the time zone of the Dortmund kiosks, then checks the error paths: a
# failing expectation and a script error are reported with SCRIPT:LINE, and a
# missing, truncated or garbage bundle gives the out-of-order screen (never
# black), a log line naming the file, and no crash.
set -u
build=${BUILD:-build}
bundle=${FOYER_BUNDLE:-$build/content.fpk}
out=$build/tests/replay
# the opening hours in replays are Dortmund's local time
TZ=Europe/Berlin
export TZ
rm -rf "$out"
mkdir -p "$out"
# ASan's shadow memory makes resident-size limits meaningless
[ "${SANITIZE:-0}" = 1 ] && export FOYER_NO_RSS=1

for script in tests/replay/*.replay; do
	name=$(basename "$script" .replay)
	sizes=$(sed -n 's/^# sizes: *//p' "$script")
	# "# rotation: 90" runs the script on a panel mounted that way (foyer.conf)
	rotation=$(sed -n 's/^# rotation: *//p' "$script")
	printf '[kiosk]\nrotation = %s\n' "${rotation:-0}" >"$out/$name.conf"
	# "# config: LINE" lines are foyer.conf lines for this script (e.g. opening hours)
	sed -n 's/^# config: *//p' "$script" >>"$out/$name.conf"
	for size in ${sizes:-1280x720}; do
		mkdir -p "$out/$name-$size"
		if "$build/foyer" --bundle "$bundle" --config "$out/$name.conf" --replay "$script" \
			--size "$size" --out "$out/$name-$size" >"$out/$name-$size.log" 2>&1; then
			echo "ok replay $name $size"
		else
			echo "not ok replay $name $size: $(head -n 3 "$out/$name-$size.log")"
		fi
	done
done

# foyer.conf reaches the kiosk: default language and idle timeout.
printf '[kiosk]\nlanguage = en\nidle_timeout = 20\nsite = stadthaus\n' >"$out/kiosk.conf"
printf 'expect-lang en\ntap-tile 1\ntap-lang de\nwait 19000\nexpect-page projekte\nwait 1500\nexpect-page start\nexpect-lang en\n' \
	>"$out/config.replay"
if "$build/foyer" --bundle "$bundle" --config "$out/kiosk.conf" --replay "$out/config.replay" \
	--size 1280x720 >"$out/config.log" 2>&1; then
	echo "ok replay foyer.conf language and idle timeout"
else
	echo "not ok replay foyer.conf: $(cat "$out/config.log")"
fi

# Outside opening hours, once idle: the dimmed closed screen with the hours (in
# the default language, both languages' "please touch"), or black with
# closed_screen = off; the touch that wakes it opens nothing.
printf 'clock 2026-04-03 11:00\nwait 11000\nexpect-screen blank\nexpect-picture %s\nshot closed.png\ntap 400 300\nexpect-screen start\nwait 500\nexpect-page start\n' \
	dim >"$out/closed-dim.replay"
sed 's/expect-picture dim/expect-picture black/' "$out/closed-dim.replay" >"$out/closed-off.replay"
for mode in de en off; do
	lang=$mode screen=dim
	[ "$mode" = off ] && lang=de screen=off
	printf '[kiosk]\nlanguage = %s\nidle_timeout = 10\n[hours]\nmonday = 07:00-19:00\ntuesday = closed\nwednesday = closed\nthursday = closed\nfriday = 07:00-12:00, 13:00-17:00\nsaturday = closed\nsunday = closed\nholidays = nrw\nclosed_screen = %s\n' \
		"$lang" "$screen" >"$out/closed-$mode.conf"
	for size in 800x480 1080x1920; do
		dir=$out/closed-$mode-$size
		mkdir -p "$dir"
		if "$build/foyer" --bundle "$bundle" --config "$out/closed-$mode.conf" \
			--replay "$out/closed-$screen.replay" --size "$size" --out "$dir" >"$dir.log" 2>&1 &&
			if [ "$mode" = off ]; then
				! "$build/tests/pngdiff" --not-black "$dir/closed.png" >>"$dir.log"
			else
				"$build/tests/pngdiff" --dim "$dir/closed.png" >>"$dir.log"
			fi; then
			echo "ok replay closed screen $mode $size"
		else
			echo "not ok replay closed screen $mode $size: $(tail -n 3 "$dir.log")"
		fi
	done
done

# A failing expectation exits 1 and names the script line.
printf 'expect-screen start\n\nexpect-page no-such-page\n' >"$out/fails.replay"
"$build/foyer" --bundle "$bundle" --replay "$out/fails.replay" --size 800x480 \
	>"$out/fails.log" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q "fails.replay:3: expect-page" "$out/fails.log"; then
	echo "ok replay failing expectation names the line"
else
	echo "not ok replay failing expectation: rc $rc, $(cat "$out/fails.log")"
fi
printf 'tap 1 2\nfrobnicate 3\n' >"$out/bad.replay"
"$build/foyer" --bundle "$bundle" --replay "$out/bad.replay" --size 800x480 >"$out/bad.log" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "bad.replay:2: unknown command" "$out/bad.log"; then
	echo "ok replay script error names the line"
else
	echo "not ok replay script error: rc $rc, $(cat "$out/bad.log")"
fi
# An update result the updater never writes: a script error naming the word.
printf 'update installd 2026-06-01.1\n' >"$out/bad-update.replay"
"$build/foyer" --bundle "$bundle" --replay "$out/bad-update.replay" --size 800x480 \
	>"$out/bad-update.log" 2>&1
rc=$?
if [ "$rc" -eq 2 ] && grep -q "bad-update.replay:1: update: 'installd' is no result" \
	"$out/bad-update.log"; then
	echo "ok replay update with an unknown result"
else
	echo "not ok replay update with an unknown result: rc $rc, $(cat "$out/bad-update.log")"
fi

# Broken bundles: the out-of-order screen, a log line naming the file, no crash.
head -c 3000 "$bundle" >"$out/truncated.fpk"
head -c 200000 /dev/urandom >"$out/garbage.fpk"
for case in missing truncated garbage; do
	file=$out/$case.fpk
	[ "$case" = missing ] && file=$out/no-such-dir/content.fpk
	"$build/foyer" --bundle "$file" --screenshot "$out/broken-$case.png" --size 1280x720 \
		>"$out/broken-$case.log" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "$file" "$out/broken-$case.log" &&
		"$build/tests/pngdiff" --not-black "$out/broken-$case.png" >/dev/null; then
		echo "ok out-of-order screen for a $case bundle"
	else
		echo "not ok out-of-order screen for a $case bundle: rc $rc, $(cat "$out/broken-$case.log")"
	fi
done
# ... and the kiosk keeps running on it (replay says so instead of crashing).
# The renderer losing its textures, or the display going and coming back, on the
# out-of-order screen (a crash here once: the render caches were never set up).
cat >"$out/broken.replay" <<'EOF'
expect-broken
tap 100 100
wait 60000
shot broken.png
expect-broken
output-reset
expect-picture lit
display lost
wait 1000
display back
expect-picture lit
expect-broken
EOF
if "$build/foyer" --bundle "$out/garbage.fpk" --replay "$out/broken.replay" --size 800x480 \
	--out "$out" >"$out/broken-replay.log" 2>&1 &&
	"$build/tests/pngdiff" --not-black "$out/broken.png" >/dev/null; then
	echo "ok broken bundle: the kiosk runs on and retries"
else
	echo "not ok broken bundle replay: $(cat "$out/broken-replay.log")"
fi
