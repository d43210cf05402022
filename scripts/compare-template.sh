#!/usr/bin/env bash
# Size, startup and memory of IPC Lab's release build against the create-tauri-app `vue-ts`
# template built with the same release profile, side by side in one run on this machine:
#   bash scripts/compare-template.sh [RUNS]        (default 10 cold starts each; prints a table)
# Measured: the stripped binary, the .deb, cold start to first invoke (median of RUNS, under
# Xvfb, fresh data folders each run), and idle memory (PSS of the app and its WebKit
# processes, 5 s after its first invoke). "First invoke" is the page's first IPC call reaching
# Rust: IPC Lab's `ready` emit (started with --exit-when-ready, it prints IPC_LAB_READY and
# exits there); the template, given the same two lines, calls `greet` on mount and its `greet`
# prints the same marker and exits. The template is created fresh with the create-tauri-app
# version below, its release profile replaced by IPC Lab's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs="${1:-10}"
work="${IPC_LAB_TEMPLATE_DIR:-$HOME/.cache/ipc-lab/template}"
template_target="$HOME/.cache/ipc-lab/template-target"
create_version=4.7.4

step() { printf '\n==> %s\n' "$*" >&2; }

step "IPC Lab: release build and .deb"
npx tauri build --bundles deb >&2
ours_bin="$CARGO_TARGET_DIR/release/ipc-lab"
ours_deb="$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)"

step "the create-tauri-app $create_version vue-ts template, with IPC Lab's release profile"
rm -rf "$work" && mkdir -p "$work"
(cd "$work" && npx -y "create-tauri-app@$create_version" tmpl --template vue-ts --manager npm --identifier dev.ipclab.template -y >&2)
tmpl="$work/tmpl"
# The same release profile as IPC Lab's.
python3 - "$tmpl/src-tauri/Cargo.toml" src-tauri/Cargo.toml <<'EOF'
import re, sys
def profile(text):
    return re.search(r'\[profile\.release\]\n(?:[^\[\n].*\n?)*', text).group(0)
tmpl, ours = (open(p).read() for p in sys.argv[1:3])
open(sys.argv[1], 'w').write(tmpl.replace(profile(tmpl), profile(ours)))
EOF
# First invoke: greet on mount, which prints the marker and exits (the timing hook, nothing else).
python3 - "$tmpl" <<'EOF'
import sys
root = sys.argv[1]
lib = f'{root}/src-tauri/src/lib.rs'
s = open(lib).read()
s = s.replace('fn greet(name: &str) -> String {', 'fn greet(name: &str) -> String {\n    if std::env::var_os("TEMPLATE_EXIT_WHEN_READY").is_some() {\n        println!("IPC_LAB_READY");\n        std::process::exit(0);\n    }', 1)
open(lib, 'w').write(s)
app = f'{root}/src/App.vue'
s = open(app).read()
s = s.replace('import { invoke } from "@tauri-apps/api/core";', 'import { invoke } from "@tauri-apps/api/core";\ninvoke("greet", { name: "startup" });', 1)
open(app, 'w').write(s)
EOF
(cd "$tmpl" && npm install --no-audit --no-fund >&2 && CARGO_TARGET_DIR="$template_target" npx tauri build --bundles deb >&2)
tmpl_bin="$template_target/release/tmpl"
tmpl_deb="$(ls -t "$template_target"/release/bundle/deb/*.deb | head -1)"

# Milliseconds from spawn to the marker; the app runs with fresh data folders.
cold_start() {
  local home out start
  home="$(mktemp -d)"
  start=$(date +%s%N)
  out="$(XDG_DATA_HOME="$home/d" XDG_CONFIG_HOME="$home/c" XDG_CACHE_HOME="$home/k" TEMPLATE_EXIT_WHEN_READY=1 \
    timeout 60 "$@" 2>/dev/null | grep -m1 IPC_LAB_READY || true)"
  local end=$(date +%s%N)
  rm -rf "$home"
  [ -n "$out" ] || { echo "no IPC_LAB_READY from $*" >&2; return 1; }
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

# A process and all its descendants (WebKit's web and network processes are the app's children).
descendants() {
  echo "$1"
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do descendants "$child"; done
}

# PSS in KiB of a process and all its descendants.
pss_tree() {
  local total=0 pid
  for pid in $(descendants "$1"); do
    local kb
    kb=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

# Idle PSS (MiB): start the app normally, wait for its window and 5 s more, sum the tree.
idle_memory() {
  local home pid kib
  home="$(mktemp -d)"
  XDG_DATA_HOME="$home/d" XDG_CONFIG_HOME="$home/c" XDG_CACHE_HOME="$home/k" "$@" >/dev/null 2>&1 &
  pid=$!
  sleep 8
  kib=$(pss_tree "$pid")
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$home"
  awk -v k="$kib" 'BEGIN { printf "%.1f", k / 1024 }'
}

measure() {
  local name="$1" bin="$2" deb="$3"
  shift 3
  step "$name: $runs cold starts, then idle memory"
  local starts=()
  for _ in $(seq "$runs"); do starts+=("$(cold_start "$bin" "$@")"); done
  local start_ms mem
  start_ms=$(printf '%s\n' "${starts[@]}" | median)
  mem=$(idle_memory "$bin")
  echo "$name $(stat -c %s "$bin") $(stat -c %s "$deb") $start_ms $mem ${starts[*]}"
}

run_all() {
  measure "IPC Lab" "$ours_bin" "$ours_deb" --exit-when-ready
  measure "template" "$tmpl_bin" "$tmpl_deb"
}

if [ -z "${DISPLAY:-}" ]; then
  # One X server for every run, as a desktop session has.
  export runs ours_bin ours_deb tmpl_bin tmpl_deb
  results="$(xvfb-run -a -s "-screen 0 1280x900x24" bash -c "$(declare -f step cold_start median descendants pss_tree idle_memory measure run_all); run_all")"
else
  results="$(run_all)"
fi

node - "$results" <<'EOF'
const [ours, tmpl] = process.argv[2].trim().split('\n').map((line) => {
  const [, bin, deb, start, mem, ...starts] = line.replace(/^(IPC Lab|template) /, 'x ').split(' ');
  return { bin: +bin, deb: +deb, start: +start, mem: +mem, starts };
});
const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
const rows = [
  ['stripped binary', mib(ours.bin), mib(tmpl.bin), ours.bin / tmpl.bin, 2],
  ['.deb', mib(ours.deb), mib(tmpl.deb), ours.deb / tmpl.deb, null],
  [`cold start to first invoke (median of ${ours.starts.length})`, `${ours.start} ms`, `${tmpl.start} ms`, ours.start / tmpl.start, 1.1],
  ['idle memory, PSS of app + WebKit processes', `${ours.mem} MiB`, `${tmpl.mem} MiB`, ours.mem / tmpl.mem, 1.15],
];
console.log('| measure | IPC Lab | template | ratio | target |');
console.log('| --- | --- | --- | --- | --- |');
for (const [what, a, b, ratio, target] of rows) {
  console.log(`| ${what} | ${a} | ${b} | ${ratio.toFixed(2)}× | ${target ? `≤ ${target}× ${ratio <= target ? 'met' : 'MISSED'}` : ''} |`);
}
console.log(`\ncold starts (ms): IPC Lab ${ours.starts.join(' ')}; template ${tmpl.starts.join(' ')}`);
EOF
