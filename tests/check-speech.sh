#!/bin/sh
# What a visitor hears: read-aloud of a whole page, through the kiosk's loop,
# into --audio-out.  The sound in the WAV must last as long as the page's words
# take at a speaking rate a listener follows (90 to 230 words a minute; the
# voices speak 114 German and 138 English) and no longer than the page's speech
# record (foyer-pack info) with its pauses; the replay checks on the way that
# the voice heard is the page's language.  A screenshot's --audio-out is a
# valid WAV of no sound.
set -u
build=${BUILD:-build}
bundle=${FOYER_BUNDLE:-$build/content.fpk}
out=$build/tests/speech
rm -rf "$out"
mkdir -p "$out"
page=kultur
gap_ms=400 # AUDIO_GAP_MS in src/audio.h

for lang in de en; do
	{
		echo "tap-tile 2"
		echo "expect-page $page"
		[ "$lang" = en ] && echo "tap-lang en"
		echo "tap-access"
		echo "tap-setting read-aloud"
		echo "tap-setting close"
		echo "wait 3000"
		echo "expect-heard * $lang"
		echo "wait 200000"
		echo "expect-heard nothing"
	} >"$out/read-$lang.replay"
	if ! "$build/foyer" --bundle "$bundle" --replay "$out/read-$lang.replay" --size 1280x720 \
		--audio-out "$out/read-$lang.wav" >"$out/read-$lang.log" 2>&1; then
		echo "not ok speech $page $lang: $(head -n 3 "$out/read-$lang.log")"
		continue
	fi
	# "speech speech/page/kultur/de ... 15 utterances, 66.2 s, espeak-ng 1.51 de"
	record=$("$build/foyer-pack" info "$bundle" | grep " speech/page/$page/$lang ")
	n=$(echo "$record" | sed -n 's/.* \([0-9]*\) utterances, .*/\1/p')
	secs=$(echo "$record" | sed -n 's/.* utterances, \([0-9.]*\) s,.*/\1/p')
	span=$("$build/tests/wavspan" "$out/read-$lang.wav") || {
		echo "not ok speech $page $lang: the WAV is broken"
		continue
	}
	sound=${span#* }
	if [ -z "$n" ] || [ -z "$secs" ]; then
		echo "not ok speech $page $lang: no speech record in the bundle: $record"
		continue
	fi
	# the words of the page's Markdown, front matter left out
	words=$(awk 'NR == 1 && /^---/ { fm = 1; next } fm && /^---/ { fm = 0; next } !fm' \
		"assets/content/pages/$page/$lang.md" | tr -c '[:alnum:]\n' ' ' | wc -w)
	verdict=$(awk -v got="$sound" -v w="$words" -v s="$secs" -v n="$n" -v g="$gap_ms" 'BEGIN {
		lo = w / 230 * 60000; hi = w / 90 * 60000; rec = s * 1000 + (n - 1) * g
		if (got < lo || got > hi) print "not a speaking rate of 90 to 230 words a minute"
		else if (got > rec) print "longer than the page'"'"'s speech record"
		else printf "ok %d words a minute\n", w * 60000 / got }')
	case "$verdict" in
	ok*) echo "ok speech $page $lang: $sound ms of sound for $words words (${verdict#ok })" ;;
	*) echo "not ok speech $page $lang: $sound ms of sound for $words words: $verdict" ;;
	esac
done

"$build/foyer" --bundle "$bundle" --screenshot "$out/shot.png" --size 800x480 \
	--audio-out "$out/shot.wav" >"$out/shot.log" 2>&1
if [ "$("$build/tests/wavspan" "$out/shot.wav" 2>&1)" = "0 0" ]; then
	echo "ok speech: a screenshot's WAV is valid and silent"
else
	echo "not ok speech: a screenshot's WAV: $("$build/tests/wavspan" "$out/shot.wav" 2>&1)"
fi
