#!/usr/bin/env bash
# Runs one of the app's in-webview suites and exits with its result:
#   scripts/run-suite.sh BINARY --self-test|--bench [--quick] [--out FILE]
# On Linux the app runs with fresh temp data, config and cache folders (it never touches the
# user's), under Xvfb when there is no display. On macOS and Windows (Git Bash) the binary runs
# as it is, on the desktop the runner has, with the platform's own data folder. The report goes
# to --out (or stdout).
#
# A run that has not ended within its time limit is stopped (the whole process group: the app,
# its WebKit processes, Xvfb) and exits 124, saying so: a stalled page fails in bounded time
# instead of holding CI. The limit is IPC_LAB_SUITE_TIMEOUT seconds; by default 900 for a
# self-test (a full one takes about 3 minutes here) and 3600 for a bench.
set -euo pipefail
binary="$1"
shift
home="$(mktemp -d)"
# WebKit's web process may still be writing its shader cache there as the app exits: one
# retry a moment later, and a folder left behind never fails the run.
trap 'rm -rf "$home" 2>/dev/null || { sleep 2; rm -rf "$home" 2>/dev/null; } || true' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
limit="${IPC_LAB_SUITE_TIMEOUT:-}"
if [ -z "$limit" ]; then
  case " $* " in *" --self-test "*) limit=900 ;; *) limit=3600 ;; esac
fi
run=("$binary" "$@")
if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  run=(xvfb-run -a -s "-screen 0 1280x900x24" "${run[@]}")
fi
if ! command -v timeout >/dev/null; then exec "${run[@]}"; fi
status=0
timeout -k 10 "$limit" "${run[@]}" || status=$?
if [ "$status" -eq 124 ]; then
  echo "run-suite.sh: $(basename "$binary") $* did not finish within $limit s; stopped (see its last progress line above)" >&2
fi
exit "$status"
