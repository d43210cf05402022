#!/usr/bin/env bash
# Builds the release bundles (.deb and .rpm), installs the .deb as a user would
# (`apt-get install ./file.deb`, which also pulls its declared dependencies), runs the
# installed app's --self-test under Xvfb with fresh data folders, and uninstalls it again,
# whatever the outcome. This proves the bundle carries everything the app needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

npx tauri build
bundles="$CARGO_TARGET_DIR/release/bundle"
deb="$(ls -t "$bundles"/deb/*.deb | head -1)"
rpm="$(ls -t "$bundles"/rpm/*.rpm | head -1)"
ls -l "$deb" "$rpm"
package="$(dpkg-deb -f "$deb" Package)"
dpkg-deb -c "$deb" | awk '{ print $6 }'

if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  echo "$package is already installed here; refusing to replace it" >&2
  exit 1
fi
trap '$SUDO apt-get remove -y -q "$package" >/dev/null' EXIT
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$deb"
installed="$(dpkg -L "$package" | grep -m1 '^/usr/bin/')"
echo "installed $package: $installed"

report="$(mktemp -d)/self-test-installed.json"
status=0
bash scripts/run-suite.sh "$installed" --self-test --out "$report" || status=$?
node scripts/print-self-test.mjs "$report"
exit "$status"
