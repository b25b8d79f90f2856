#!/bin/sh
# Build the kiosk's Debian 13 arm64 root file system as a tarball with mmdebstrap,
# running arm64 maintainer scripts through qemu-user-static (binfmt_misc).
#
# Usage: board/scripts/mkroot.sh PACKAGES.txt OUT.tar
#
# Almost all of the time a naive build takes goes into mkinitramfs under emulation:
# the kernel, raspi-firmware and every package with an initramfs hook trigger it
# again.  update-initramfs is therefore diverted to a no-op during installation,
# and the initramfs is generated exactly once, at the end, with a short module list
# (board/rootfs/etc/initramfs-tools/{conf.d/foyer.conf,modules}).
set -eu

packages=$1
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
mirror=${FOYER_MIRROR:-http://deb.debian.org/debian}
security=${FOYER_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

[ "$(id -u)" -eq 0 ] || { echo "mkroot: must run as root (mmdebstrap root mode, chroot)" >&2; exit 1; }
"$here/scripts/binfmt.sh"

include=$(sed -e 's/#.*//' "$packages" | tr -s ' \n' ',' | sed -e 's/^,//' -e 's/,$//')
tmp="$out.tmp"
rm -f "$tmp"

t0=$(date +%s)
# shellcheck disable=SC2016 # the hooks are expanded by mmdebstrap's sh, with $1 = root
mmdebstrap \
	--architectures=arm64 \
	--variant=apt \
	--mode=root \
	--format=tar \
	--components=main,non-free-firmware \
	--include="$include" \
	--aptopt='Acquire::Languages "none"' \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--dpkgopt='path-include=/usr/share/locale/locale.alias' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-exclude=/usr/share/info/*' \
	--setup-hook='mkdir -p "$1/boot/firmware"' \
	--essential-hook='chroot "$1" dpkg-divert --quiet --local --divert /usr/sbin/update-initramfs.foyer-real --no-rename --add /usr/sbin/update-initramfs' \
	--essential-hook='mkdir -p "$1/usr/sbin" && printf "#!/bin/sh\necho \"update-initramfs \$*: deferred to the end of the build\" >&2\n" >"$1/usr/sbin/update-initramfs" && chmod 755 "$1/usr/sbin/update-initramfs"' \
	--customize-hook='echo "mkroot: packages installed after $(( $(date +%s) - '"$t0"' )) s" >&2' \
	--customize-hook='rm -f "$1/usr/sbin/update-initramfs" && chroot "$1" dpkg-divert --quiet --local --rename --remove /usr/sbin/update-initramfs' \
	--customize-hook="upload $here/rootfs/etc/initramfs-tools/conf.d/foyer.conf /etc/initramfs-tools/conf.d/foyer.conf" \
	--customize-hook="upload $here/rootfs/etc/initramfs-tools/modules /etc/initramfs-tools/modules" \
	--customize-hook='s=$(date +%s); chroot "$1" update-initramfs -c -k all && echo "mkroot: one initramfs in $(( $(date +%s) - s )) s" >&2' \
	--customize-hook='chroot "$1" dpkg-query -W -f="\${Package}\t\${Version}\t\${Architecture}\n" >"$1/usr/share/foyer-manifest.tsv"' \
	--customize-hook='rm -f "$1"/etc/ssh/ssh_host_*' \
	--customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/*.log "$1"/var/log/apt/*' \
	trixie "$tmp" \
	"deb $mirror trixie main non-free-firmware" \
	"deb $mirror trixie-updates main non-free-firmware" \
	"deb $security trixie-security main non-free-firmware"
mv "$tmp" "$out"
echo "mkroot: $out in $(( $(date +%s) - t0 )) s" >&2
