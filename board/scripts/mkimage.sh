#!/bin/sh
# Assemble the SD-card image from the cached root tarball, the board files, the
# arm64 kiosk and the content bundle, without loop mounts: the FAT partition is
# filled with mtools, the ext4 one by mkfs.ext4 -d, and both are copied into an
# MBR disk image made with sfdisk.
#
# Usage: board/scripts/mkimage.sh ROOT.tar FOYER-BINARY CONTENT.fpk WORKDIR OUT.img
#   FOYER-BINARY and CONTENT.fpk may be "-" only with FOYER_ALLOW_INCOMPLETE=1
#   (an image without the kiosk, for working on the board layer alone).
#   foyer-update (the USB-stick installer) is taken from beside FOYER-BINARY, and
#   CONTENT.fpk.minisig, when it exists, goes onto the FAT partition with it.
# Environment: FOYER_DISKID (8 hex digits, the MBR disk identifier; the partitions'
# PARTUUIDs derive from it), FOYER_BOOT_MB (FAT size), FOYER_DATA_MB (size of the
# writable data partition for bundles from USB sticks), FOYER_KEYS_DIR (a folder
# of the city's minisign public keys, *.pub, installed read-only into
# /etc/foyer/keys; without it the kiosk takes no bundles from sticks),
# FOYER_IMAGE_URL.
set -eu

root_tar=$1
foyer_bin=$2
content=$3
work=$4
img=$5
board=$(cd "$(dirname "$0")/.." && pwd)
diskid=${FOYER_DISKID:-f0e7e12a}
boot_mb=${FOYER_BOOT_MB:-512}
# Room for the shown bundle, the previous one and one being installed (the
# Dortmund bundle has 3.4 MB; this leaves room for bundles of 100 MB and more).
data_mb=${FOYER_DATA_MB:-384}
keys_dir=${FOYER_KEYS_DIR:-}

[ "$(id -u)" -eq 0 ] || { echo "mkimage: must run as root (file ownership in the image)" >&2; exit 1; }
say() { echo "mkimage: $*" >&2; }
t0=$(date +%s)

for f in "$foyer_bin" "$content"; do
	if [ "$f" = - ] || [ ! -e "$f" ]; then
		[ "${FOYER_ALLOW_INCOMPLETE:-0}" = 1 ] || {
			say "missing $f (set FOYER_ALLOW_INCOMPLETE=1 to build an image without it)"
			exit 1
		}
		say "WARNING: building without $f"
	fi
done

rootfs=$work/rootfs
fat=$work/fat
rm -rf "$rootfs" "$fat"
mkdir -p "$rootfs" "$fat"
tar -xpf "$root_tar" -C "$rootfs" --numeric-owner

# Board files, owned by root whoever checked them out.
tar -C "$board/rootfs" --owner=0 --group=0 -cf - . | tar -C "$rootfs" -xpf -
sed -i "s/@DISKID@/$diskid/g" "$rootfs/etc/fstab"
install -D -m 0644 "$board/README.md" "$rootfs/usr/share/doc/foyer/README.md"
update_bin=$(dirname "$foyer_bin")/foyer-update
if [ -e "$foyer_bin" ]; then
	[ -e "$update_bin" ] || { say "missing $update_bin (built with foyer)"; exit 1; }
	install -m 0755 "$foyer_bin" "$rootfs/usr/bin/foyer"
	install -m 0755 "$update_bin" "$rootfs/usr/lib/foyer/foyer-update"
	# Every shared library the kiosk links must be in the image (packages.txt).
	for bin in "$foyer_bin" "$update_bin"; do
		for lib in $(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			[ -e "$rootfs/usr/lib/aarch64-linux-gnu/$lib" ] || [ -e "$rootfs/usr/lib/$lib" ] || {
				say "$(basename "$bin") needs $lib, which is not in the image: add its package to board/packages.txt"
				exit 1
			}
		done
	done
fi
# The city's public keys, read-only in the root file system.  The secret keys
# never come near an image.
mkdir -p "$rootfs/etc/foyer/keys" "$rootfs/var/lib/foyer"
if [ -n "$keys_dir" ]; then
	n=0
	for k in "$keys_dir"/*.pub; do
		[ -e "$k" ] || continue
		grep -q '^untrusted comment: ' "$k" || { say "$k is not a minisign public key"; exit 1; }
		install -m 0644 "$k" "$rootfs/etc/foyer/keys/"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ] || { say "FOYER_KEYS_DIR=$keys_dir holds no *.pub file"; exit 1; }
	say "$n public key(s) from $keys_dir: bundles must be signed"
else
	say "no FOYER_KEYS_DIR: this image takes no bundles from USB sticks"
fi

# Users, time zone, machine id.  An empty machine-id on a read-only root makes
# systemd use a new one in RAM at each boot, without "first boot" actions.
# (Run inside the root, under qemu-user: trixie's systemd, not the host's.)
chroot "$rootfs" systemd-sysusers /usr/lib/sysusers.d/foyer.conf
ln -sf /usr/share/zoneinfo/Europe/Berlin "$rootfs/etc/localtime"
echo Europe/Berlin >"$rootfs/etc/timezone"
: >"$rootfs/etc/machine-id"
# No RTC on a Pi 4: systemd starts the clock no earlier than this file's time.
touch "$rootfs/usr/lib/clock-epoch"

# Services: the kiosk on, everything a visitor or the network could reach off.
# systemd-networkd stays installed but disabled: only foyer-ssh.service pulls it in.
chroot "$rootfs" systemctl --quiet set-default multi-user.target
chroot "$rootfs" systemctl --quiet disable systemd-networkd.service systemd-networkd.socket \
	2>/dev/null || true
chroot "$rootfs" systemctl --quiet enable foyer.service foyer-touch.service \
	foyer-ssh.service
for u in getty@.service serial-getty@.service autovt@.service console-getty.service \
	container-getty@.service getty-static.service getty.target \
	ctrl-alt-del.target ssh.service ssh.socket sshd.service \
	systemd-firstboot.service systemd-logind.service \
	apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
	e2scrub_all.timer e2scrub_reap.service fstrim.timer \
	systemd-timesyncd.service systemd-networkd-wait-online.service \
	systemd-networkd-persistent-storage.service \
	systemd-pcrphase.service systemd-update-utmp.service systemd-update-utmp-runlevel.service; do
	ln -sfn /dev/null "$rootfs/etc/systemd/system/$u"
done
# trixie's systemd-ssh-generator would offer sshd on AF_VSOCK in a VM: SSH only
# ever comes from foyer-ssh.service.
mkdir -p "$rootfs/etc/systemd/system-generators"
ln -sfn /dev/null "$rootfs/etc/systemd/system-generators/systemd-ssh-generator"
# getty units linked from getty.target by the package.
rm -f "$rootfs"/etc/systemd/system/getty.target.wants/*

# The FAT partition: Pi firmware, kernel, initramfs, device trees, settings, content.
kver=$(basename "$(ls -d "$rootfs"/usr/lib/modules/* | sort -V | tail -n 1)")
cp -r "$rootfs"/usr/lib/raspi-firmware/* "$fat/"
cp "$rootfs/boot/vmlinuz-$kver" "$fat/vmlinuz"
cp "$rootfs/boot/initrd.img-$kver" "$fat/initrd.img"
for dtb in "$rootfs/usr/lib/linux-image-$kver"/broadcom/bcm2711-*.dtb \
	"$rootfs/usr/lib/linux-image-$kver"/broadcom/bcm2712-*.dtb; do
	[ -e "$dtb" ] && cp "$dtb" "$fat/"
done
cp "$board/firmware/config.txt" "$board/firmware/foyer.conf" "$fat/"
# Our own overlays (Debian's raspi-firmware ships almost none): the RTC module.
mkdir -p "$fat/overlays"
for dts in "$board"/firmware/overlays/*.dts; do
	dtc -q -@ -I dts -O dtb -o "$fat/overlays/$(basename "$dts" .dts).dtbo" "$dts"
done
sed "s/@DISKID@/$diskid/g" "$board/firmware/cmdline.txt" >"$fat/cmdline.txt"
[ -e "$content" ] && cp "$content" "$fat/content.fpk"
[ -e "$content.minisig" ] && cp "$content.minisig" "$fat/content.fpk.minisig"
rm -rf "$rootfs"/boot/firmware/* 2>/dev/null || true
say "kernel $kver, FAT $(du -sm "$fat" | cut -f1) MB, root $(du -sm "$rootfs" | cut -f1) MB"

# Partition images.  Sizes in MiB; the root gets 25% + 128 MiB of headroom
# (the kiosk never writes to it, but a technician may add a package).
root_mb=$(( $(du -sm "$rootfs" | cut -f1) * 5 / 4 + 128 ))
rm -f "$work/boot.part" "$work/root.part" "$work/data.part"
mkfs.vfat -F 32 -n FOYERBOOT -i "$diskid" -C "$work/boot.part" $((boot_mb * 1024)) >/dev/null
mcopy -s -m -i "$work/boot.part" "$fat"/* ::/
E2FSPROGS_FAKE_TIME=$(date +%s) mkfs.ext4 -q -L foyer-root -m 0 -d "$rootfs" \
	-U "$(printf '%s-0000-4000-8000-000000000002' "$diskid")" "$work/root.part" "${root_mb}M"
# The data partition: an empty store (src/bundle/store.h), written only by foyer-update.
mkdir -p "$work/data/bundles"
E2FSPROGS_FAKE_TIME=$(date +%s) mkfs.ext4 -q -L foyer-data -m 0 -d "$work/data" \
	-U "$(printf '%s-0000-4000-8000-000000000003' "$diskid")" "$work/data.part" "${data_mb}M"
rm -rf "$work/data"

# The disk: 4 MiB before the first partition (alignment for SD cards' erase blocks).
rm -f "$img.tmp"
total_mb=$((4 + boot_mb + root_mb + data_mb + 1))
truncate -s "${total_mb}M" "$img.tmp"
sfdisk --quiet "$img.tmp" <<SFDISK
label: dos
label-id: 0x$diskid
unit: sectors

start=8192, size=$((boot_mb * 2048)), type=c, bootable
start=$((8192 + boot_mb * 2048)), size=$((root_mb * 2048)), type=83
start=$((8192 + (boot_mb + root_mb) * 2048)), size=$((data_mb * 2048)), type=83
SFDISK
dd if="$work/boot.part" of="$img.tmp" bs=1M seek=4 conv=notrunc,sparse status=none
dd if="$work/root.part" of="$img.tmp" bs=1M seek=$((4 + boot_mb)) conv=notrunc,sparse status=none
dd if="$work/data.part" of="$img.tmp" bs=1M seek=$((4 + boot_mb + root_mb)) conv=notrunc,sparse status=none
rm -f "$work/boot.part" "$work/root.part" "$work/data.part"
mv "$img.tmp" "$img"

# What is in it, exactly.
# The Debian packages, and the kiosk's own version (git describe of the tree built).
cp "$rootfs/usr/share/foyer-manifest.tsv" "${img%.img}.manifest.tsv"
if [ -e "$foyer_bin" ]; then
	printf 'foyer\t%s\tarm64\n' "$(git -C "$board" describe --always --dirty 2>/dev/null || echo unknown)" \
		>>"${img%.img}.manifest.tsv"
fi
say "$img ($total_mb MiB) in $(( $(date +%s) - t0 )) s"
