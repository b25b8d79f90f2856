#!/bin/sh
# Make sure the kernel runs arm64 binaries through qemu-user-static (binfmt_misc),
# which chroots into the arm64 root and its maintainer scripts need.
set -eu
dir=/proc/sys/fs/binfmt_misc
[ -e "$dir/register" ] || mount -t binfmt_misc binfmt_misc "$dir"
[ -e "$dir/qemu-aarch64" ] || update-binfmts --enable qemu-aarch64
grep -q '^enabled' "$dir/qemu-aarch64" || { echo "binfmt: qemu-aarch64 not enabled" >&2; exit 1; }
