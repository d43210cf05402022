#!/usr/bin/env bash
# Builds the debug app with the embedded frontend (cargo test also writes target/debug/ipc-lab,
# but as a dev-server build), then runs the WebDriver specs against it under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
npx tauri build --debug --no-bundle
xvfb-run -a -s "-screen 0 1280x900x24" npx vitest run --config e2e/vitest.config.ts "$@"
