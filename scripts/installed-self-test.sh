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

# A run that was killed before its trap (a machine stopped mid-run) leaves the package
# installed; the marker says it was ours to remove. Any other install is the user's.
marker="${XDG_STATE_HOME:-$HOME/.local/state}/ipc-lab/installed-by-self-test"
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(cat "$marker" 2>/dev/null)" != "$package" ]; then
    echo "$package is already installed here; refusing to replace it" >&2
    exit 1
  fi
  echo "removing $package, left installed by an interrupted run of this script"
  $SUDO apt-get remove -y -q "$package" >/dev/null
fi
mkdir -p "$(dirname "$marker")"
echo "$package" >"$marker"
trap '$SUDO apt-get remove -y -q "$package" >/dev/null && rm -f "$marker"' EXIT
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$deb"
installed="$(dpkg -L "$package" | grep -m1 '^/usr/bin/')"
echo "installed $package: $installed"

report="$(mktemp -d)/self-test-installed.json"
status=0
bash scripts/run-suite.sh "$installed" --self-test --out "$report" || status=$?
if [ "$status" -eq 124 ]; then
  # A stall (not a failed check: those end the run with a report) has been seen once here, the
  # web process spinning in listener hygiene; the debug app's identical self-tests never did.
  # One more try, said loudly; a second stall or any failed check fails.
  echo "STALLED: the installed app's --self-test did not finish; running it once more" >&2
  status=0
  bash scripts/run-suite.sh "$installed" --self-test --out "$report" || status=$?
fi
node scripts/print-self-test.mjs "$report"
exit "$status"
