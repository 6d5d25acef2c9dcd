#!/usr/bin/env bash
# Installs what building and testing need, each only when missing or at the wrong version, so a
# warm machine pays nothing. Sourced by run.sh, test.sh and bench.sh.
#   setup_build   the wasm target, cargo-leptos, the wasm-bindgen CLI matching Cargo.lock, wasm-opt
#   setup_browser Debian's Chromium, a Java runtime for the HTML checker, the end-to-end test's npm packages
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
CARGO_LEPTOS_VERSION="0.3.8"
BINARYEN_VERSION="132"
export PATH="$HOME/.cargo/bin:$TOOLS/binaryen/node_modules/.bin:$PATH"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

setup_build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(cargo leptos --version 2>/dev/null || true)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
    log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes once)"
    cargo install cargo-leptos@"$CARGO_LEPTOS_VERSION" --locked
  fi
  # cargo-leptos runs whatever wasm-bindgen is on PATH; it must match the library exactly.
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock")"
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $want" ]; then
    log "installing wasm-bindgen-cli $want (about 5 minutes once)"
    # Not --locked: one of its locked dependencies is no longer in the registry.
    cargo install wasm-bindgen-cli@"$want"
  fi
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
    log "installing wasm-opt (binaryen $BINARYEN_VERSION) from npm"
    mkdir -p "$TOOLS/binaryen"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" binaryen@"$BINARYEN_VERSION"
  fi
}

setup_browser() {
  if ! command -v chromium >/dev/null 2>&1; then
    log "installing Debian's chromium"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
  # The W3C Nu HTML Checker (vnu.jar, from npm) runs on Java.
  if ! command -v java >/dev/null 2>&1; then
    log "installing a Java runtime for the HTML checker"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
  fi
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] \
     || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    log "installing the end-to-end test's npm packages"
    (cd "$ROOT/end2end" && npm ci --silent --no-audit --no-fund)
  fi
}
