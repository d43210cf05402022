#!/usr/bin/env bash
# Sets up what is missing, then runs IPC Lab in development mode (Vite + the debug app).
# Without a display (no $DISPLAY / $WAYLAND_DISPLAY) the window opens inside Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x900x24" npx tauri dev "$@"
fi
exec npx tauri dev "$@"
