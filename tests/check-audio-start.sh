#!/bin/sh
# The headphones hint ("This screen can read aloud ...") is for a headset
# plugged in while the kiosk runs: SDL reports the outputs present at start as
# added too, and a kiosk must not speak into the foyer whenever it (re)starts.
# The kiosk runs for 3 s on SDL's dummy video and disk audio drivers; what
# the sound card got must be silence.
set -u
build=${BUILD:-build}
bundle=${FOYER_BUNDLE:-$build/content.fpk}
out=$build/tests/audio-start
rm -rf "$out"
mkdir -p "$out"

SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$out/sound.raw" \
	timeout -s TERM 3 "$build/foyer" --bundle "$bundle" >"$out/log" 2>&1
size=$(stat -c %s "$out/sound.raw" 2>/dev/null || echo 0)
if ! grep -q "first frame" "$out/log"; then
	echo "not ok audio at start: the kiosk did not show its first frame: $(tail -n 2 "$out/log")"
elif [ "$size" -eq 0 ]; then
	echo "not ok audio at start: SDL's disk driver wrote nothing: $(tail -n 2 "$out/log")"
elif cmp -s -n "$size" "$out/sound.raw" /dev/zero; then
	echo "ok audio at start: $size bytes of silence, no hint spoken"
else
	echo "not ok audio at start: the kiosk spoke at start ($(tr -d '\0' <"$out/sound.raw" | wc -c) bytes not silent)"
fi
