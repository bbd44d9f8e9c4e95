#!/usr/bin/env bash
# make bench-demo (issue 19): the README's run command, `make demo`, on a scratch SQLite copy,
# under CLIENTS concurrent people (default 8) for DURATION seconds: page views, adds to basket
# and sign-ins (bench/demo_load.py). Prints requests, p50/p95 and errors and appends them to
# bench/RESULTS.md. Loopback only; the demo and its localstripe are stopped when this ends.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-30}
PORT=${BENCH_DEMO_PORT:-8470}
STRIPE_PORT=${BENCH_DEMO_STRIPE_PORT:-8471}
VAR=$PWD/bench/var/demo
mkdir -p "$VAR/media"

# The scratch database: migrated and given the demo data once (bench/var/demo/base.sqlite3, with
# its photos in bench/var/demo/media), then copied for each run so every run starts the same.
if [ ! -s "$VAR/base.sqlite3" ]; then
    echo "bench-demo: building the scratch demo database once (migrations take a minute or two)"
    DATABASE_URL="sqlite:///$VAR/building.sqlite3" MEDIA_ROOT="$VAR/media" make --no-print-directory demo-data >"$VAR/build.log" 2>&1 \
        || { tail -20 "$VAR/build.log"; exit 1; }
    .venv/bin/python - "$VAR/building.sqlite3" "$VAR/base.sqlite3" <<'EOF'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
source.backup(target)
target.close()
EOF
    rm -f "$VAR"/building.sqlite3*
fi
rm -f "$VAR"/run.sqlite3*
cp "$VAR/base.sqlite3" "$VAR/run.sqlite3"

# make demo itself, in its own process group so that one signal stops all it started.
: >"$VAR/server.log"
DATABASE_URL="sqlite:///$VAR/run.sqlite3" MEDIA_ROOT="$VAR/media" \
    setsid make --no-print-directory demo DEMO_PORT="$PORT" STRIPE_PORT="$STRIPE_PORT" >"$VAR/server.log" 2>&1 &
DEMO_PID=$!
stop() { kill -TERM -- "-$DEMO_PID" 2>/dev/null || true; wait "$DEMO_PID" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    kill -0 "$DEMO_PID" 2>/dev/null || { tail -20 "$VAR/server.log"; exit 1; }
    sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "bench-demo: the demo did not start"; tail -20 "$VAR/server.log"; exit 1; }

.venv/bin/python bench/demo_load.py --base "http://127.0.0.1:$PORT" --clients "$CLIENTS" \
    --duration "$DURATION" --server-log "$VAR/server.log" --results bench/RESULTS.md \
    --label "make demo (gunicorn, 1 process x 8 threads, SQLite WAL + IMMEDIATE)" \
    --command "make bench-demo CLIENTS=$CLIENTS DURATION=$DURATION"
