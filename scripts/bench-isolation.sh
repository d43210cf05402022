#!/usr/bin/env bash
# The isolation pattern, measured and checked: builds the release app twice — as it ships
# (brownfield) and with src-tauri/tauri.isolation.conf.json (Tauri's isolation pattern, the
# pass-through hook in isolation/) — then runs `--bench --quick` on each in turn, RUNS times
# (default 3), prints each figure's median of both and their factor, and runs `--self-test` on
# the isolation build. Quick runs stay at 1 MiB: through the isolation iframe every body becomes
# a JSON number array of its encrypted bytes, which 64 MiB would not survive in reasonable time.
#   bash scripts/bench-isolation.sh [RUNS]      (reports in $IPC_LAB_ISOLATION_OUT, default /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs="${1:-3}"
out="${IPC_LAB_ISOLATION_OUT:-/tmp/ipc-lab-isolation}"
mkdir -p "$out"
bin="$CARGO_TARGET_DIR/release"

# The CLI writes the features a config needs into Cargo.toml (tauri's and tauri-build's
# `isolation`), and cargo their crates into Cargo.lock; the checkout keeps the brownfield ones.
keep() { cp src-tauri/Cargo.toml src-tauri/Cargo.lock "$out/"; }
restore() { cp "$out/Cargo.toml" "$out/Cargo.lock" src-tauri/; }
keep
trap restore EXIT

npx tauri build --no-bundle --config src-tauri/tauri.isolation.conf.json
cp "$bin/ipc-lab" "$bin/ipc-lab-isolation"
restore
npx tauri build --no-bundle

for i in $(seq 1 "$runs"); do
  for build in brownfield isolation; do
    exe="$bin/ipc-lab"; [ "$build" = isolation ] && exe="$bin/ipc-lab-isolation"
    echo "==> quick bench $i of $runs: $build" >&2
    bash scripts/run-suite.sh "$exe" --bench --quick --out "$out/bench-$build-$i.json" >/dev/null
  done
done
node scripts/compare-builds.mjs "$out"/bench-brownfield-*.json -- "$out"/bench-isolation-*.json

echo "==> self-test under the isolation pattern" >&2
bash scripts/run-suite.sh "$bin/ipc-lab-isolation" --self-test --out "$out/self-test-isolation.json" >/dev/null || true
node scripts/print-self-test.mjs "$out/self-test-isolation.json"
