#!/usr/bin/env bash
# Size, startup, memory and per-call cost of IPC Lab's release build against the
# create-tauri-app `vue-ts` template built with the same release profile, side by side in one
# run on this machine:
#   bash scripts/compare-template.sh [RUNS]    (default 30 cold starts of each kind; prints a table)
# Measured: the stripped binary, the .deb; cold start to first invoke, RUNS times each for a first
# run (fresh data folders) and a returning user (the folders an earlier start filled), the two
# apps alternating run by run, under one Xvfb; idle memory (PSS of the app and its WebKit
# processes, 8 s after start); and the same `greet` invoke in both real webviews
# (scripts/compare-invoke.mjs: one call at a time and 64 in flight, IPC_LAB_INVOKE_ROUNDS
# sessions of each, alternating). "First invoke" is the page's first IPC call reaching Rust:
# IPC Lab's `ready` emit (started with --exit-when-ready, it prints IPC_LAB_READY and exits
# there); the template, given the same two lines, calls `greet` as its App.vue loads and its
# `greet` prints the same marker and exits. The template is created fresh with the
# create-tauri-app version below, its release profile replaced by IPC Lab's.
# scripts/print-template-comparison.mjs prints the table: each ratio with the middle half of
# the ratios of the runs taken side by side, and "within noise" for a target inside it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
runs="${1:-30}"
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

# Milliseconds from spawn to the marker, with the app's data folders under $1 (a fresh folder
# for a first run; a folder an earlier run has filled for a returning user).
cold_start() {
  local home="$1" out start end
  shift
  start=$(date +%s%N)
  out="$(XDG_DATA_HOME="$home/d" XDG_CONFIG_HOME="$home/c" XDG_CACHE_HOME="$home/k" TEMPLATE_EXIT_WHEN_READY=1 \
    timeout 60 "$@" 2>/dev/null | grep -m1 IPC_LAB_READY || true)"
  end=$(date +%s%N)
  [ -n "$out" ] || { echo "no IPC_LAB_READY from $*" >&2; return 1; }
  echo $(((end - start) / 1000000))
}

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

# One line per measurement: "<measure> <app> <value>". The two apps alternate run by run (the
# one that goes first alternates too), so drift on the machine falls on both alike.
run_all() {
  local ours_home tmpl_home fresh i
  ours_home="$(mktemp -d)"
  tmpl_home="$(mktemp -d)"
  step "a returning user's data folders: one unmeasured start of each app"
  cold_start "$ours_home" "$ours_bin" --exit-when-ready >/dev/null
  cold_start "$tmpl_home" "$tmpl_bin" >/dev/null
  step "$runs cold starts of each app, first run and returning, alternating"
  for i in $(seq "$runs"); do
    local pair=(ours template)
    [ $((i % 2)) -eq 1 ] || pair=(template ours)
    for app in "${pair[@]}"; do
      fresh="$(mktemp -d)"
      if [ "$app" = ours ]; then
        echo "first ours $(cold_start "$fresh" "$ours_bin" --exit-when-ready)"
        echo "returning ours $(cold_start "$ours_home" "$ours_bin" --exit-when-ready)"
      else
        echo "first template $(cold_start "$fresh" "$tmpl_bin")"
        echo "returning template $(cold_start "$tmpl_home" "$tmpl_bin")"
      fi
      rm -rf "$fresh"
    done
  done
  rm -rf "$ours_home" "$tmpl_home"
  step "idle memory"
  echo "memory ours $(idle_memory "$ours_bin")"
  echo "memory template $(idle_memory "$tmpl_bin")"
  step "per call: the same greet invoke in both webviews ($invoke_rounds rounds, alternating)"
  echo "invoke both $(node scripts/compare-invoke.mjs "$ours_bin" "$tmpl_bin" "$invoke_rounds")"
  step "per call again, everything on one CPU (no wake-ups across CPUs)"
  echo "invoke pinned $(IPC_LAB_INVOKE_PIN=1 node scripts/compare-invoke.mjs "$ours_bin" "$tmpl_bin" "$invoke_rounds")"
}

invoke_rounds="${IPC_LAB_INVOKE_ROUNDS:-10}"
if [ -z "${DISPLAY:-}" ]; then
  # One X server for every run, as a desktop session has.
  export runs ours_bin tmpl_bin invoke_rounds
  results="$(xvfb-run -a -s "-screen 0 1280x900x24" bash -c "set -euo pipefail; $(declare -f step cold_start descendants pss_tree idle_memory run_all); run_all")"
else
  results="$(run_all)"
fi

# The measurements as taken, kept beside the template, so the table can be printed again.
printf '%s\n' "$results" >"$work/measurements.txt"
echo "measurements: $work/measurements.txt" >&2
node scripts/print-template-comparison.mjs "$ours_bin" "$tmpl_bin" "$ours_deb" "$tmpl_deb" <"$work/measurements.txt"
