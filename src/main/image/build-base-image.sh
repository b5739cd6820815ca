#!/usr/bin/env bash
# Builds SnapGPU's base image — Debian 12 (bookworm) with OpenJDK 17 JRE, restic and CA certificates —
# as a docker-archive tarball, from Debian packages alone: no container registry, no Docker engine.
# Jib then puts the application on top of it (mvn package -Pimage; see README, "Container image").
#
#   src/main/image/build-base-image.sh [OUT.tar]      (default: target/image/snapgpu-base.tar)
#
# Needs mmdebstrap (apt-get install mmdebstrap) and python3; runs as root or, unprivileged, in a user
# namespace. SNAPGPU_BASE_MIRROR changes the Debian mirror (default http://deb.debian.org/debian).
set -euo pipefail

out=${1:-target/image/snapgpu-base.tar}
mirror=${SNAPGPU_BASE_MIRROR:-http://deb.debian.org/debian}
security=${SNAPGPU_BASE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"

mode=root
[ "$(id -u)" = 0 ] || mode=unshare

# minbase plus what SnapGPU runs: a headless JRE (ca-certificates-java fills its trust store), restic,
# and tzdata. Docs, man pages and locales are left out (the JRE's post-install script still needs
# /usr/share/man/man1 to exist); apt's lists and caches are emptied.
mmdebstrap --mode="$mode" --variant=minbase --format=tar \
  --include=openjdk-17-jre-headless,restic,ca-certificates,tzdata \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='test -s "$1/etc/ssl/certs/java/cacerts"' \
  --customize-hook='chroot "$1" useradd --system --uid 185 --gid 0 --home-dir /var/lib/snapgpu --create-home snapgpu' \
  --customize-hook='chmod 0770 "$1/var/lib/snapgpu"' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
  bookworm "$work/rootfs.tar" \
  "deb $mirror bookworm main" "deb $mirror bookworm-updates main" "deb $security bookworm-security main"

python3 "$here/rootfs-to-image.py" "$work/rootfs.tar" "$out" snapgpu-base:bookworm-jre17
echo "base image: $out"
