#!/bin/sh
# make check's part of `make bench-check`: callgrind's instruction counts of first
# frame, page switch, language switch and fling may not grow more than 5 % over
# tools/bench/counts-baseline.tsv (tools/bench/counts.py).  About 7 s.  Skipped
# without valgrind and in sanitizer builds (valgrind cannot run ASan binaries).
build=${BUILD:-build}
if ! command -v valgrind >/dev/null 2>&1; then
	echo "ok counts # SKIP valgrind is not installed"
	exit 0
fi
if [ "${SANITIZE:-0}" = 1 ]; then
	echo "ok counts # SKIP sanitizer build"
	exit 0
fi
python3 tools/bench/counts.py check "$build" tools/bench/counts-baseline.tsv
