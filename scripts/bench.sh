#!/usr/bin/env bash
# The bench command: builds the release server, generates the demo city into a fresh database,
# starts the server on a free port and measures it from outside over loopback (bench/).
# Prints a Markdown table for docs/benchmarks.md. Not a test: numbers depend on the machine.
#   BENCH_SECONDS=10   length of each load phase
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
setup_build
log "building the server and site (release) and the load generator"
cargo leptos build --release
cargo build --release -p bench
WORK="$(mktemp -d)"
export LEPTOS_SITE_ROOT="$ROOT/target/site" YST_DATABASE="$WORK/bench.db"
log "generating the demo city"
"$ROOT/target/release/yishitong" demo --size city >/dev/null
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
YST_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$ROOT/target/release/yishitong" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/" -o /dev/null 2>/dev/null; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
  sleep 0.2
done
log "measuring ($(nproc) cores, $(date -u +%Y-%m-%d))"
"$ROOT/target/release/bench" --base "http://127.0.0.1:$PORT" --pid "$SERVER" \
  --database "$YST_DATABASE" --seconds "${BENCH_SECONDS:-10}"
