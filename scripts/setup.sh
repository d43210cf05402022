#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine (Rust and Node present) lacks for IPC Lab:
# the WebKitGTK build and WebDriver packages, Xvfb, the npm packages, and (with --e2e)
# tauri-driver. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libwebkit2gtk-4.1-dev webkit2gtk-driver xvfb libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev libxdo-dev libssl-dev build-essential file pkg-config xauth
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund  # after changing dependencies: npm install && node scripts/lock-platform-packages.mjs
fi

if [ "${1:-}" = "--e2e" ] && ! command -v tauri-driver >/dev/null; then
  cargo install tauri-driver --locked
fi
