#!/bin/sh
# Measure the alternative to the cross build that `make image` uses: an arm64 trixie
# build root made with mmdebstrap under qemu-user, and foyer + foyer-pack compiled
# inside it under emulation.  Prints both times; board/README.md has the result.
# Not part of any build: it answers "which is faster" with a number.
#
# Usage (as root): board/scripts/measure-native-build.sh WORKDIR
set -eu
work=$1
here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(cd "$here/.." && pwd)
mirror=${FOYER_MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" -eq 0 ] || { echo "measure-native-build: must run as root" >&2; exit 1; }
"$here/scripts/binfmt.sh"

# The cross build root's list, as native arm64 packages.
include=$(sed -e 's/#.*//' -e 's/:arm64//' -e 's/^crossbuild-essential-arm64$/build-essential/' \
	"$here/build-packages.txt" | tr -s ' \n' ',' | sed -e 's/^,//' -e 's/,$//')
root=$work/nroot
rm -rf "$root"
mkdir -p "$work"
t0=$(date +%s)
mmdebstrap --architectures=arm64 --variant=apt --mode=root --format=directory \
	--include="$include" --aptopt='Acquire::Languages "none"' \
	--dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
	trixie "$root" "deb $mirror trixie main"
t1=$(date +%s)
mkdir -p "$root/src/foyer/build"
tar -C "$repo" --exclude=./build --exclude=./.git -cf - . | tar -C "$root/src/foyer" -xf -
touch "$root/src/foyer/build/.deps-check"
chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
	sh -c "cd /src/foyer && make -j$(nproc) BUILD=build/native build/native/foyer build/native/foyer-pack" >"$work/native-build.log" 2>&1
t2=$(date +%s)
file "$root/src/foyer/build/native/foyer"
echo "measure-native-build: arm64 build root under qemu-user $((t1 - t0)) s, compiling foyer and foyer-pack in it $((t2 - t1)) s"
