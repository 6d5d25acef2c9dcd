#!/usr/bin/env bash
# Runs every test: formatting, lints (server and wasm builds), unit and integration tests, and
# the browser tests in Chromium on a phone-sized screen with JavaScript on and off.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
# A test run builds each crate once; incremental caches would only double the disk it needs.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
setup_build
setup_browser

log "cargo fmt --check"
cargo fmt --all -- --check

log "cargo clippy (server, all targets)"
cargo clippy --workspace --all-targets -- -D warnings
log "cargo clippy (wasm bundle)"
cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings

log "building the site and server (debug)"
cargo leptos build

log "unit and integration tests"
cargo test --workspace

# `cargo test` relinks the server binary without the `erase_components` cfg that
# `cargo leptos build` gives debug builds (server and wasm alike); an island rendered by that
# binary would not match the wasm's. Relink it as cargo-leptos builds it (the crates of both
# builds stay cached, so this takes seconds).
log "relinking the server as cargo leptos builds it"
cargo leptos build

log "browser tests"
"$ROOT/end2end/run.sh" "$ROOT/target/debug/yishitong" "$ROOT/target/site"
