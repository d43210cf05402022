#!/usr/bin/env bash
# Sets up what is missing, then runs every gate and test layer of IPC Lab:
# formatting, lints and type checks, the Rust tests (services, IPC on the mock runtime, ACL,
# bindings drift), the frontend unit tests, and the end-to-end specs in the real webview.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/setup.sh --e2e

step() { printf '\n==> %s\n' "$*"; }

step "frontend build (the Rust crate embeds dist/)"
npm run build
step "cargo fmt --check"
(cd src-tauri && cargo fmt --check)
step "cargo clippy"
(cd src-tauri && cargo clippy --all-targets --locked -- -D warnings)
step "vue-tsc"
npm run typecheck
step "eslint"
npm run lint
step "cargo test (services, IPC contract, ACL, bindings drift)"
(cd src-tauri && cargo test --locked)
step "vitest (frontend)"
npm run test:unit
step "end to end: the debug app under Xvfb, through tauri-driver + WebKitWebDriver"
bash scripts/e2e.sh
