#!/usr/bin/env bash
# The bench command: builds the release server, generates the demo province (100,000+ sessions,
# 2,000,000+ sign-ups) into a fresh database, times the yearly figures of a city and of the whole
# province, starts the server on a free port and measures it from outside over loopback (bench/).
# Prints Markdown tables for docs/benchmarks.md. Not a test: numbers depend on the machine.
#   BENCH_SECONDS=10      length of each load phase
#   BENCH_SIZE=province   or city, for a quick run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
setup_build
log "building the server and site (release) and the load generator"
cargo leptos build --release --precompress
cargo build --release -p bench
WORK="$(mktemp -d)"
SERVER=""
# The generated province is about a gigabyte: it goes, whatever step stops the run.
trap 'if [ -n "$SERVER" ]; then kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
export LEPTOS_SITE_ROOT="$ROOT/target/site" YST_DATABASE="$WORK/bench.db"
SIZE="${BENCH_SIZE:-province}"
log "generating the demo $SIZE"
STARTED=$SECONDS
"$ROOT/target/release/yishitong" demo --size "$SIZE" >/dev/null
log "generated in $((SECONDS - STARTED)) s: $(python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT count(*) FROM sessions").fetchone()[0], "sessions,", c.execute("SELECT count(*) FROM registrations").fetchone()[0], "sign-ups")' "$YST_DATABASE")"
YEAR="$(TZ=Asia/Shanghai date +%Y)"
CITY="$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT id FROM areas WHERE parent_id IS NULL ORDER BY id LIMIT 1").fetchone()[0])' "$YST_DATABASE")"
EXTRAS=()
for scope in "--area $CITY" ""; do
  # shellcheck disable=SC2086  # $scope is one flag and its value, or nothing
  line="$("$ROOT/target/release/yishitong" tally --year "$YEAR" $scope | head -1)"
  EXTRAS+=(--extra "${line%%, figures counted in*}=${line##*figures counted in }")
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
# Text messages go through the webhook sender to the stand-in gateway the load generator serves.
GATEWAY_PORT="$(free_port)"
# Every client of the load generator comes from this one address.
YST_SIGNUPS_PER_ADDRESS_PER_MINUTE=100000000 YST_SIGNINS_PER_ADDRESS_PER_MINUTE=100000 \
YST_SIGNUPS_PER_ADDRESS_PER_SESSION=100000000 YST_REFUSALS_PER_ADDRESS_PER_MINUTE=100000000 \
YST_CODE_MISSES_PER_ADDRESS_PER_HOUR=100000000 \
YST_SMS=webhook YST_SMS_WEBHOOK_URL="http://127.0.0.1:$GATEWAY_PORT/sms" YST_SMS_WEBHOOK_SECRET=bench \
  YST_ADDR="127.0.0.1:$PORT" RUST_LOG=warn "$ROOT/target/release/yishitong" serve >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/" -o /dev/null 2>/dev/null; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
  sleep 0.2
done
log "measuring ($(nproc) cores, $(date -u +%Y-%m-%d))"
"$ROOT/target/release/bench" --base "http://127.0.0.1:$PORT" --pid "$SERVER" --gateway-port "$GATEWAY_PORT" \
  --database "$YST_DATABASE" --seconds "${BENCH_SECONDS:-10}" "${EXTRAS[@]}"
