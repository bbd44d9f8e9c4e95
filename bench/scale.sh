#!/usr/bin/env bash
# Scaling out on one machine (issue 22): `make bench-scale` (bench/README.md, "Scaling out").
#
# haproxy (ops/haproxy.cfg) in front of two gunicorn "nodes" (two process groups, two ports) with
# the production settings on one PostgreSQL database (haat_scale) and one Redis db, and two
# Celery workers on one queue. bench/scale_load.py drives the balancer with CLIENTS shoppers;
# KILL_AT seconds in, node A is killed (once with SIGKILL, once with SIGTERM: MODES) and brought
# back at BACK_AT. Then TASKS order-confirmation tasks are queued and worker A is SIGKILLed
# mid-run; bench/scale_setup.py counts each order's email in the database. The table goes to
# bench/RESULTS.md. Everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-40}
KILL_AT=${KILL_AT:-12}
BACK_AT=${BACK_AT:-26}         # 0: node A stays down to the end
MODES=${MODES:-"KILL TERM"}
TASKS=${TASKS:-300}
PRODUCTS=${PRODUCTS:-1000}
WORKERS=${WORKERS:-2}          # gunicorn workers per node (2 cores on this machine)
VISIBILITY=${VISIBILITY:-20}   # seconds before a dead worker's task goes to the other one
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=${SCALE_DB:-haat_scale}
REDIS=${SCALE_REDIS:-redis://127.0.0.1:6379/7}
PORT=${SCALE_PORT:-8170}       # the balancer; the nodes on PORT+1 and PORT+2, its status on PORT+3
QUEUE=${SCALE_QUEUE:-haat-scale}
VAR=${SCALE_VAR:-$PWD/bench/var/scale}
PY=$PWD/.venv/bin/python
RESULTS=${SCALE_RESULTS:-bench/RESULTS.md}
mkdir -p "$VAR"

# haproxy, the load balancer, comes from Debian: installed when missing (as root or with sudo).
if ! command -v haproxy >/dev/null; then
  echo "Installing Debian's haproxy (the load balancer)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq haproxy >/dev/null
  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq haproxy >/dev/null
  fi
  command -v haproxy >/dev/null || { echo "haproxy is missing and could not be installed: apt-get install -y haproxy"; exit 1; }
fi

# Each node and worker is started with setsid: its own process group, so one signal reaches
# its master and all its workers (the way a machine dies), and cleanup stops exactly those.
declare -A GROUP=()
stop_group() {  # name signal
    local pgid=${GROUP[$1]:-}
    [ -n "$pgid" ] || return 0
    kill -"$2" -- -"$pgid" 2>/dev/null || true
}
cleanup() {
    for name in "${!GROUP[@]}"; do stop_group "$name" TERM; done
    sleep 2
    for name in "${!GROUP[@]}"; do stop_group "$name" KILL; done
}
trap cleanup EXIT

pg_exists() { psql "$PG/postgres" -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }

BUILD_ENV=(DJANGO_ENV=dev DATABASE_URL="$PG/$DB" MEDIA_ROOT="$VAR/media" REDIS_URL=)
IDENTITY_KEY=$($PY -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
# What every node and worker shares (on real machines: the same values on each).
SERVE_ENV=(
    PYTHONPATH="$PWD" DJANGO_SETTINGS_MODULE=bench.haat_settings DJANGO_ENV=prod DATABASE_URL="$PG/$DB"
    REDIS_URL="$REDIS" CACHE_KEY_PREFIX=haat-scale CELERY_QUEUE="$QUEUE"
    CELERY_VISIBILITY_TIMEOUT="$VISIBILITY" MEDIA_ROOT="$VAR/media"
    DJANGO_SECRET_KEY=bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz
    DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost IDENTITY_KEYS="$IDENTITY_KEY"
    DJANGO_SECURE_SSL_REDIRECT=false LOG_LEVEL=WARNING
    EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
    STRIPE_API_BASE=http://127.0.0.1:9 STRIPE_SECRET_KEY=sk_test_bench STRIPE_PUBLISHABLE_KEY=pk_test_bench
    STRIPE_WEBHOOK_SECRET=whsec_bench
)

if ! pg_exists "$DB"; then
    echo "== Making $DB (migrate and demo data, a few minutes)"
    createdb -h 127.0.0.1 -U postgres "$DB"
    env "${BUILD_ENV[@]}" $PY manage.py migrate --noinput >/dev/null
    env "${BUILD_ENV[@]}" $PY manage.py load_demo >/dev/null
fi
env "${BUILD_ENV[@]}" $PY manage.py migrate --noinput >/dev/null
env "${BUILD_ENV[@]}" $PY manage.py generate_catalogue --products "$PRODUCTS" | tail -1
if [ ! -f static_root/staticfiles.json ] || [ "${BENCH_COLLECT:-0}" = 1 ]; then
    echo "== collectstatic (compressing every file: a minute or two)"
    env "${SERVE_ENV[@]}" $PY manage.py collectstatic --noinput >/dev/null
fi
env "${SERVE_ENV[@]}" $PY bench/scale_setup.py shoppers "$CLIENTS" "$VAR/setup.json"
env "${SERVE_ENV[@]}" $PY bench/scale_setup.py orders "$TASKS"
redis-cli -u "$REDIS" flushdb >/dev/null

declare -A NODE_PORT=([a]=$((PORT + 1)) [b]=$((PORT + 2)))
start_node() {  # a|b
    setsid env "${SERVE_ENV[@]}" .venv/bin/gunicorn -c ops/gunicorn.conf.py storefront.wsgi \
        --bind "127.0.0.1:${NODE_PORT[$1]}" --workers "$WORKERS" --timeout 60 \
        >> "$VAR/node-$1.log" 2>&1 &
    GROUP[node-$1]=$!
}
healthy() { curl -sf -o /dev/null "http://127.0.0.1:${NODE_PORT[$1]}/healthz"; }
wait_healthy() {
    for _ in $(seq 1 120); do healthy "$1" && return 0; sleep 0.5; done
    echo "node $1 never answered /healthz (see $VAR/node-$1.log)"; exit 1
}
start_worker() {  # a|b
    setsid env "${SERVE_ENV[@]}" LOG_LEVEL=INFO .venv/bin/celery -A storefront worker -Q "$QUEUE" \
        -n "scale-$1@%h" --concurrency 2 --without-gossip --without-mingle -l INFO \
        > "$VAR/worker-$1.log" 2>&1 &
    GROUP[worker-$1]=$!
}

: > "$VAR/haproxy.log"
start_node a; start_node b; start_worker a; start_worker b
wait_healthy a; wait_healthy b
HAAT_LB_BIND=127.0.0.1:$PORT HAAT_NODE_A=127.0.0.1:${NODE_PORT[a]} HAAT_NODE_B=127.0.0.1:${NODE_PORT[b]} \
    HAAT_LB_STATS=127.0.0.1:$((PORT + 3)) HAAT_LB_HOST=127.0.0.1 HAAT_NODE_MAXCONN="$WORKERS" \
    setsid haproxy -db -f ops/haproxy.cfg >> "$VAR/haproxy.log" 2>&1 &
GROUP[haproxy]=$!
sleep 3
curl -sf -o /dev/null "http://127.0.0.1:$PORT/shop/catalogue/" || { echo "haproxy does not answer"; exit 1; }
echo "haproxy on 127.0.0.1:$PORT (status page :$((PORT + 3))), nodes on ${NODE_PORT[a]} and ${NODE_PORT[b]}"

RUNS=()
for MODE in $MODES; do
    healthy a || { start_node a; wait_healthy a; sleep 3; }
    env "${SERVE_ENV[@]}" $PY bench/scale_setup.py shoppers "$CLIENTS" "$VAR/setup.json" >/dev/null
    echo "== $CLIENTS shoppers for $DURATION s; node A gets SIG$MODE at $KILL_AT s$([ "$BACK_AT" -gt 0 ] && echo ", back at $BACK_AT s")"
    : > "$VAR/events-$MODE.txt"
    FROM=$(stat -c %s "$VAR/haproxy.log")
    $PY bench/scale_load.py run --base "http://127.0.0.1:$PORT" --setup "$VAR/setup.json" \
        --clients "$CLIENTS" --duration "$DURATION" --events "$VAR/events-$MODE.txt" \
        --haproxy-log "$VAR/haproxy.log" --haproxy-log-from "$FROM" \
        --out "$VAR/run-$MODE.json" --label "node A: SIG$MODE" &
    LOAD=$!
    sleep "$KILL_AT"
    echo "$(date +%s.%N) kill node A (SIG$MODE)" >> "$VAR/events-$MODE.txt"
    stop_group node-a "$MODE"
    # SIGTERM: gunicorn stops taking connections and lets each worker finish its request.
    while kill -0 "${GROUP[node-a]}" 2>/dev/null; do sleep 0.2; done
    echo "$(date +%s.%N) node A gone" >> "$VAR/events-$MODE.txt"
    unset "GROUP[node-a]"
    if [ "$BACK_AT" -gt 0 ]; then
        sleep $((BACK_AT - KILL_AT))
        start_node a; wait_healthy a
        echo "$(date +%s.%N) back: node A answers /healthz" >> "$VAR/events-$MODE.txt"
    fi
    wait "$LOAD" || true
    RUNS+=("$VAR/run-$MODE.json")
done

echo "== Celery: $TASKS order confirmations queued; worker A gets SIGKILL mid-run"
QUEUED=$(date +%s.%N)
env "${SERVE_ENV[@]}" $PY bench/scale_setup.py enqueue "$TASKS" &
ENQUEUE=$!
# Kill once worker A has taken KILL_AFTER tasks: some are in its hands, most still queued.
for _ in $(seq 1 600); do
    [ "$(grep -c ' received' "$VAR/worker-a.log" || true)" -ge "${KILL_AFTER:-20}" ] && break; sleep 0.1
done
KILLED=$(date +%s.%N)
stop_group worker-a KILL
unset "GROUP[worker-a]"
cp "$VAR/worker-a.log" "$VAR/worker-a.log.at-kill"
wait "$ENQUEUE"
env "${SERVE_ENV[@]}" $PY bench/scale_setup.py count "$TASKS" "$VAR/tasks.json" \
    $((VISIBILITY + 90)) "$VAR/worker-a.log.at-kill" "$VAR/worker-b.log" "$QUEUED" "$KILLED"

$PY bench/scale_load.py table "${RUNS[@]}" "$VAR/tasks.json" --results "$RESULTS" \
    --command "make bench-scale CLIENTS=$CLIENTS DURATION=$DURATION KILL_AT=$KILL_AT BACK_AT=$BACK_AT TASKS=$TASKS ($WORKERS gunicorn workers per node, 2 Celery workers of 2 processes, visibility timeout $VISIBILITY s)"
