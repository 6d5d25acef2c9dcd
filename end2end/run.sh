#!/usr/bin/env bash
# Starts the built server on a free port with a fresh database holding the demo city, runs the
# browser tests against it, and stops it. Usage: end2end/run.sh SERVER_BINARY SITE_ROOT [FILTER…]
# (any further arguments go to Playwright, e.g. a spec file's name)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="$1"
SITE="$2"
shift 2
WORK="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
# Text messages go through the webhook sender to a stand-in gateway the tests can read.
GATEWAY_PORT="$(free_port)"
node "$HERE/gateway.mjs" "$GATEWAY_PORT" &
GATEWAY=$!
# Every browser of the suite signs in and signs up from this one address.
LEPTOS_SITE_ROOT="$SITE" YST_DATABASE="$WORK/e2e.db" YST_ADDR="127.0.0.1:$PORT" \
  YST_SIGNUPS_PER_ADDRESS_PER_MINUTE=100000 YST_SIGNINS_PER_ADDRESS_PER_MINUTE=100000 \
  YST_SIGNUPS_PER_ADDRESS_PER_SESSION=100000 YST_REFUSALS_PER_ADDRESS_PER_MINUTE=100000 \
  YST_CODE_MISSES_PER_ADDRESS_PER_HOUR=100000 YST_PROPOSALS_PER_ADDRESS_PER_HOUR=100000 \
  YST_LOOKUPS_PER_ADDRESS_PER_HOUR=100000 \
  YST_SMS=webhook YST_SMS_WEBHOOK_URL="http://127.0.0.1:$GATEWAY_PORT/sms" YST_SMS_WEBHOOK_SECRET=e2e \
  YST_PUBLIC_URL="http://127.0.0.1:$PORT" \
  "$BIN" serve --demo >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER $GATEWAY 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/" -o /dev/null 2>/dev/null; then break; fi
  if ! kill -0 $SERVER 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
  sleep 0.2
done
cd "$HERE"
BASE_URL="http://127.0.0.1:$PORT" GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT" npx playwright test "$@" || { echo "--- server log"; tail -n 50 "$WORK/server.log"; exit 1; }
