#!/bin/sh
# One style for every C file: the tree's .clang-format (Linux-like, as cage and
# libinput), checked with clang-format --dry-run.  `clang-format -i FILE` mends one.
# Prints "ok NAME" / "not ok NAME" for tests/run-checks.
set -u
if ! command -v clang-format >/dev/null 2>&1; then
	echo "ok style # skip: clang-format is not installed"
	exit 0
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files --cached --others --exclude-standard '*.c' '*.h')
else
	files=$(find src tools tests -name '*.[ch]')
fi
bad=
for f in $files; do
	[ -f "$f" ] || continue
	if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
		bad="$bad $f"
	fi
done
if [ -z "$bad" ]; then
	echo "ok style"
else
	echo "not ok style: not formatted as .clang-format says (clang-format -i):$bad"
fi
