#!/usr/bin/env bash
# Runs one of the app's in-webview suites and exits with its result:
#   scripts/run-suite.sh BINARY --self-test|--bench [--quick] [--out FILE]
# On Linux the app runs with fresh temp data, config and cache folders (it never touches the
# user's), under Xvfb when there is no display. On macOS and Windows (Git Bash) the binary runs
# as it is, on the desktop the runner has, with the platform's own data folder. The report goes
# to --out (or stdout).
set -euo pipefail
binary="$1"
shift
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x900x24" "$binary" "$@"
fi
exec "$binary" "$@"
