#!/usr/bin/env bash
# Builds the app (release) and serves it on the embedded SQLite database, loading the demo city
# on first start. Usage: scripts/run.sh   (YST_ADDR=0.0.0.0:3000 to listen beyond this machine)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
setup_build
log "building (release)"
cargo leptos build --release --precompress
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export YST_DATABASE="${YST_DATABASE:-$ROOT/data/yishitong.db}"
exec "$ROOT/target/release/yishitong" serve --demo
