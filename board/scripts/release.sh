#!/bin/sh
# Compress the image and write what Raspberry Pi Imager and technicians need:
# IMG.xz, IMG.xz.sha256 and an os-list JSON entry.
#
# Usage: board/scripts/release.sh IMG
# Environment: FOYER_IMAGE_URL (where the .img.xz will be downloaded from; the
# default, the bare file name, suits Imager's "Use custom" with a local file).
set -eu
img=$1
xzf=$img.xz
name=$(basename "$xzf")
json=${img%.img}.os-list.json
t0=$(date +%s)

# -3: -6 took over 10 minutes on 2 busy cores for a few percent less.
xz -T0 -3 -k -f "$img"
(cd "$(dirname "$xzf")" && sha256sum "$name" >"$name.sha256")

extract_size=$(stat -c %s "$img")
extract_sha=$(sha256sum "$img" | cut -d' ' -f1)
dl_size=$(stat -c %s "$xzf")
dl_sha=$(cut -d' ' -f1 "$xzf.sha256")
url=${FOYER_IMAGE_URL:-$name}
version=$(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown)
cat >"$json.tmp" <<JSON
{
  "os_list": [
    {
      "name": "foyer kiosk (Dortmund, Debian 13)",
      "description": "Offline touch information kiosk for the foyers of Dortmund's town hall. Raspberry Pi 4 / 400 / CM4, 64-bit. Build $version.",
      "url": "$url",
      "release_date": "$(date -u +%Y-%m-%d)",
      "extract_size": $extract_size,
      "extract_sha256": "$extract_sha",
      "image_download_size": $dl_size,
      "image_download_sha256": "$dl_sha",
      "devices": ["pi4-64bit"]
    }
  ]
}
JSON
mv "$json.tmp" "$json"
echo "release: $name ($((dl_size / 1048576)) MiB) in $(( $(date +%s) - t0 )) s" >&2
