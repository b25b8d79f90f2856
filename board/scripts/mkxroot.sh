#!/bin/sh
# Build the cross build root: Debian 13 amd64 with crossbuild-essential-arm64 and the
# arm64 -dev packages, as a tarball.  Compiling natively with the cross compiler is
# much faster than compiling inside the arm64 root under qemu-user.
#
# Usage: board/scripts/mkxroot.sh BUILD-PACKAGES.txt OUT.tar
set -eu

packages=$1
out=$2
mirror=${FOYER_MIRROR:-http://deb.debian.org/debian}
security=${FOYER_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

[ "$(id -u)" -eq 0 ] || { echo "mkxroot: must run as root" >&2; exit 1; }

include=$(sed -e 's/#.*//' "$packages" | tr -s ' \n' ',' | sed -e 's/^,//' -e 's/,$//')
tmp="$out.tmp"
rm -f "$tmp"
t0=$(date +%s)
mmdebstrap \
	--architectures=amd64,arm64 \
	--variant=apt \
	--mode=root \
	--format=tar \
	--include="$include" \
	--aptopt='Acquire::Languages "none"' \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/*' \
	trixie "$tmp" \
	"deb $mirror trixie main" \
	"deb $mirror trixie-updates main" \
	"deb $security trixie-security main"
mv "$tmp" "$out"
echo "mkxroot: $out in $(( $(date +%s) - t0 )) s" >&2
