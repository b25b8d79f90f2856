#!/bin/sh
# Replays every fuzz corpus in tests/corpus/fuzz/NAME/ through its harness (built
# without libFuzzer, under ASan+UBSan with `make check SANITIZE=1`).
set -u
build=${BUILD:-build}
for bin in "$build"/fuzz-replay/*; do
	case $bin in *.d) continue ;; esac
	name=$(basename "$bin")
	if [ -d "tests/corpus/fuzz/$name" ]; then
		"$bin" "tests/corpus/fuzz/$name" || echo "not ok $name: crashed or failed"
	else
		echo "not ok $name: no corpus in tests/corpus/fuzz/$name"
	fi
done
