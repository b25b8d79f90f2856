#!/bin/sh
# The source tree as a fresh clone sees it: git ignores nothing outside build/, and
# every file the SD image ships from board/ is tracked.  (A "*.d" pattern meant for
# make's dependency files once hid the board's conf.d/, rules.d/ and sysctl.d/
# folders: images built from a working tree were fine, images built from a clone
# had no foyer user, no sysctl and no watchdog settings.)
# Prints "ok NAME" / "not ok NAME" for tests/run-checks.
set -u
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "ok tree-ignored # skip: not a git checkout"
	echo "ok tree-board-tracked # skip: not a git checkout"
	exit 0
fi
ignored=$(git ls-files --others --ignored --exclude-standard --directory --no-empty-directory | grep -v '^build/' |
	grep -v '__pycache__/$' | head -n 5 | tr '\n' ' ')
if [ -z "$ignored" ]; then
	echo "ok tree-ignored"
else
	echo "not ok tree-ignored: git ignores source files: $ignored"
fi
untracked=$(git ls-files --others --exclude-standard -- board/rootfs board/firmware board/rpi5 |
	head -n 5 | tr '\n' ' ')
if [ -z "$untracked" ]; then
	echo "ok tree-board-tracked"
else
	echo "not ok tree-board-tracked: the image would ship files a clone lacks: $untracked"
fi
