#!/usr/bin/env bash
# Builds the debug app with the embedded frontend (cargo test also writes target/debug/ipc-lab,
# but as a dev-server build), then runs the WebDriver specs against it under Xvfb: the specs
# named, or all of them and then the seed spec again over postMessage (--post-message-ipc).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
npx tauri build --debug --no-bundle
xvfb-run -a -s "-screen 0 1280x900x24" npx vitest run --config e2e/vitest.config.ts "$@"
# With no spec named: the seed spec again over postMessage, Android's transport forced on desktop.
if [ "$#" -eq 0 ]; then
  IPC_LAB_APP_ARGS=--post-message-ipc xvfb-run -a -s "-screen 0 1280x900x24" \
    npx vitest run --config e2e/vitest.config.ts e2e/commands.e2e.ts
fi
