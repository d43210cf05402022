#!/usr/bin/env bash
# `npm run bench`: builds the release app and runs its --bench suite in the real webview
# (under Xvfb when there is no display), then prints the report and saves it to
# bench-report.json (or --out FILE). Extra arguments go to the app (--quick).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh
npx tauri build --no-bundle
out=bench-report.json
args=()
while (($#)); do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
bash scripts/run-suite.sh "$CARGO_TARGET_DIR/release/ipc-lab" --bench "${args[@]}" --out "$out"
node scripts/print-bench.mjs "$out"
