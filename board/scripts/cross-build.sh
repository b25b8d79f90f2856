#!/bin/sh
# Cross-compile foyer and foyer-pack for arm64 inside the cached trixie build root,
# with the repository's own Makefile.
#
# Usage: board/scripts/cross-build.sh XROOT.tar WORKDIR OUTDIR TARGET...
#   XROOT.tar  made by mkxroot.sh; unpacked once into WORKDIR/xroot
#   OUTDIR     where the arm64 binaries are copied (e.g. build/arm64)
#   TARGET     file names to build, e.g. foyer foyer-pack
# Sources are copied with their times, and the objects stay in the build root, so
# a second run recompiles only what changed.
set -eu

xtar=$1
work=$2
out=$3
shift 3
repo=$(cd "$(dirname "$0")/../.." && pwd)
x=$work/xroot
stamp="$x/.unpacked-$(basename "$xtar")"

[ "$(id -u)" -eq 0 ] || { echo "cross-build: must run as root (chroot)" >&2; exit 1; }

if [ ! -e "$stamp" ]; then
	rm -rf "$x"
	mkdir -p "$x"
	tar -xpf "$xtar" -C "$x" --numeric-owner
	# The Makefile calls plain `ar`; the host's binutils cannot index arm64 objects.
	ln -sf /usr/bin/aarch64-linux-gnu-ar "$x/usr/local/bin/ar"
	ln -sf /usr/bin/aarch64-linux-gnu-ranlib "$x/usr/local/bin/ranlib"
	cat >"$x/usr/local/bin/arm64-pkg-config" <<'PC'
#!/bin/sh
# pkg-config for the arm64 -dev packages of this multiarch build root.
PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig exec pkg-config "$@"
PC
	chmod 755 "$x/usr/local/bin/arm64-pkg-config"
	touch "$stamp"
fi

# Replace the source tree, keep the arm64 objects (build/arm64).
src=$x/src/foyer
mkdir -p "$src"
find "$src" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
tar -C "$repo" --exclude=./build --exclude=./.git -cf - . | tar -C "$src" -xf -
# The build root already has every -dev package: skip tools/install-deps.
mkdir -p "$src/build" && touch "$src/build/.deps-check"

targets=
for t in "$@"; do targets="$targets build/arm64/$t"; done
t0=$(date +%s)
chroot "$x" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
	sh -c "cd /src/foyer && make -j$(nproc) CC=aarch64-linux-gnu-gcc PKG_CONFIG=arm64-pkg-config BUILD=build/arm64 $targets"
mkdir -p "$out"
for t in "$@"; do
	install -m 0755 "$src/build/arm64/$t" "$out/$t"
done
echo "cross-build: $* in $(( $(date +%s) - t0 )) s" >&2
