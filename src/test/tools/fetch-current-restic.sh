#!/usr/bin/env bash
# Fetches current restic (Debian trixie's package, 0.18 at the time of writing) into
# ~/.cache/snapgpu/restic-current/restic, beside the system's restic (bookworm: 0.14), so the tests
# also run against the restic that reports restore progress itself (0.16+). Uses apt's own client
# with a throwaway sources list: nothing is installed and the system's apt state is not touched.
set -euo pipefail
dest="${SNAPGPU_CURRENT_RESTIC_DIR:-$HOME/.cache/snapgpu/restic-current}"
if [ -x "$dest/restic" ] && "$dest/restic" version >/dev/null 2>&1; then
  "$dest/restic" version
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
echo "deb [signed-by=$keyring] http://deb.debian.org/debian trixie main" >"$work/sources.list"
opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Get::List-Cleanup=0
      -o APT::Sandbox::User=root)
apt-get "${opts[@]}" update -qq
(cd "$work" && apt-get "${opts[@]}" download restic)
dpkg -x "$work"/restic_*.deb "$work/root"
mkdir -p "$dest"
install -m 0755 "$work/root/usr/bin/restic" "$dest/restic"
"$dest/restic" version
