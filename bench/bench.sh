#!/usr/bin/env bash
# The load benchmark (issue 10). `make bench` runs Haat alone; `make bench-peer` (PEER=1) serves
# the same generated catalogue with plain django-oscar as well and drives both in the same run.
#
# For each size in SIZES: the PostgreSQL database haat_bench (made and migrated once, with the
# demo data) gets exactly N generated products; Haat is served by gunicorn with production
# settings (over http on loopback) and Redis db 9 as its cache; wrk drives each page for
# DURATION seconds at CONNECTIONS clients; a 500-line order is placed in-process; the table is
# printed and appended to bench/RESULTS.md. Then the paid checkout end to end (bench/checkout_e2e.py:
# E2E_CLIENTS shoppers for E2E_DURATION seconds per shop, Haat paying through localstripe on
# BENCH_STRIPE_PORT); PAGES without "paid checkout" skips it. Every server this starts is
# stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000"}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
WORKERS=${WORKERS:-4}
PEER=${PEER:-0}
PAGES=${PAGES:-}  # e.g. PAGES="add to basket,product": only those rows (labels as in the table)
E2E_DURATION=${E2E_DURATION:-$DURATION}
E2E_CLIENTS=${E2E_CLIENTS:-$CONNECTIONS}
PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=${BENCH_DB:-haat_bench}
PEER_DB=${BENCH_PEER_DB:-haat_bench_peer}
REDIS=${BENCH_REDIS:-redis://127.0.0.1:6379/9}
HAAT_PORT=${HAAT_PORT:-8100}
PEER_PORT=${PEER_PORT:-8101}
STRIPE_PORT=${BENCH_STRIPE_PORT:-8102}
VAR=${BENCH_VAR:-$PWD/bench/var}
PY=$PWD/.venv/bin/python
PEER_VENV=${BENCH_PEER_VENV:-$PWD/bench/peer/.venv}
mkdir -p "$VAR"

# wrk, the load generator, comes from Debian: install it when missing (as root or with sudo).
if ! command -v wrk >/dev/null; then
  echo "Installing Debian's wrk (the load generator)"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null
  fi
  command -v wrk >/dev/null || { echo "wrk is missing and could not be installed: apt-get install -y wrk"; exit 1; }
fi

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

pg_exists() { psql "$PG/postgres" -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }

# --- Haat's environment: production settings, over http on loopback --------------------------
BUILD_ENV=(DJANGO_ENV=dev DATABASE_URL="$PG/$DB" MEDIA_ROOT="$VAR/media" REDIS_URL=)
IDENTITY_KEY=$($PY -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')
SERVE_ENV=(
    PYTHONPATH="$PWD" DJANGO_SETTINGS_MODULE=bench.haat_settings DJANGO_ENV=prod DATABASE_URL="$PG/$DB"
    REDIS_URL="$REDIS" CACHE_KEY_PREFIX=haat-bench CELERY_QUEUE=haat-bench
    MEDIA_ROOT="$VAR/media" DJANGO_SECRET_KEY=bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz
    DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost IDENTITY_KEYS="$IDENTITY_KEY"
    DJANGO_SECURE_SSL_REDIRECT=false LOG_LEVEL=WARNING
    # localstripe (started for each size below): the paid-checkout row pays through it.
    STRIPE_API_BASE=http://127.0.0.1:$STRIPE_PORT STRIPE_JS_URL=http://127.0.0.1:$STRIPE_PORT/js.stripe.com/v3/
    STRIPE_JS_FLAVOUR=localstripe STRIPE_SECRET_KEY=sk_test_bench STRIPE_PUBLISHABLE_KEY=pk_test_bench
    STRIPE_WEBHOOK_SECRET=whsec_bench
)

if ! pg_exists $DB; then
    echo "== Making $DB (migrate and demo data, about a minute)"
    createdb -h 127.0.0.1 -U postgres $DB
    env "${BUILD_ENV[@]}" $PY manage.py migrate --noinput >/dev/null
    env "${BUILD_ENV[@]}" $PY manage.py load_demo >/dev/null
fi
env "${BUILD_ENV[@]}" $PY manage.py migrate --noinput >/dev/null  # the code may be newer than the database
# WhiteNoise's compressed manifest (far-future cache headers): collected once; BENCH_COLLECT=1 redoes it.
if [ ! -f static_root/staticfiles.json ] || [ "${BENCH_COLLECT:-0}" = 1 ]; then
    echo "== collectstatic (compressing every file: a minute or two)"
    env "${SERVE_ENV[@]}" $PY manage.py collectstatic --noinput >/dev/null
fi

if [ "$PEER" = 1 ]; then
    if [ ! -x "$PEER_VENV/bin/python" ]; then
        echo "== Installing plain django-oscar into bench/peer/.venv"
        python3.11 -m venv "$PEER_VENV"
        "$PEER_VENV/bin/pip" install --quiet -r bench/peer/requirements.txt
    fi
    if ! pg_exists $PEER_DB; then
        createdb -h 127.0.0.1 -U postgres $PEER_DB
        rm -f "$VAR/peer-loaded.sha"
        (cd bench/peer && PEER_DB=$PEER_DB "$PEER_VENV/bin/python" manage.py migrate --noinput >/dev/null)
    fi
fi

# The page rows, and whether the paid checkout (not a wrk page: bench/checkout_e2e.py) runs.
E2E=1
ROW_PAGES=$PAGES
if [ -n "$PAGES" ]; then
    case ",$PAGES," in *",paid checkout,"*) ;; *) E2E=0 ;; esac
    ROW_PAGES=$(echo "$PAGES" | tr ',' '\n' | grep -vx 'paid checkout' | paste -sd, - || true)
fi

wait_for() {  # url, pid
    for _ in $(seq 1 120); do
        if curl -s -o /dev/null "$1"; then return 0; fi
        kill -0 "$2" 2>/dev/null || { echo "the server for $1 died"; exit 1; }
        sleep 0.5
    done
    echo "no answer from $1"; exit 1
}

for N in $SIZES; do
    echo "== $N generated products"
    env "${BUILD_ENV[@]}" $PY manage.py generate_catalogue --products "$N" --export "$VAR/catalogue.json" | tail -2
    redis-cli -u "$REDIS" flushdb >/dev/null
    # localstripe, its data in memory only, with Haat's webhook registered as `make demo` does.
    $PY bench/localstripe_memory.py --port "$STRIPE_PORT" --from-scratch > "$VAR/localstripe.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$STRIPE_PORT/js.stripe.com/v3/" $!
    curl -sf -o /dev/null -X POST "http://127.0.0.1:$STRIPE_PORT/_config/webhooks/haat" \
        -d url="http://127.0.0.1:$HAAT_PORT/shop/checkout/stripe/webhook/" -d secret=whsec_bench
    env "${SERVE_ENV[@]}" .venv/bin/gunicorn storefront.wsgi --bind 127.0.0.1:$HAAT_PORT \
        --workers "$WORKERS" --log-level warning > "$VAR/gunicorn-haat.log" 2>&1 &
    PIDS+=($!)
    HAAT_PID=$!
    env "${SERVE_ENV[@]}" $PY bench/order500.py "$VAR/order-haat.json"
    TARGETS=(--target "haat=http://127.0.0.1:$HAAT_PORT/shop")
    ORDERS=(--order "haat=$VAR/order-haat.json")
    if [ "$PEER" = 1 ]; then
        # Whoosh takes minutes to index 10,000 products: skipped when the peer already holds
        # exactly this catalogue (same export, same database).
        STAMP=$(sha256sum "$VAR/catalogue.json" | cut -d' ' -f1)
        (
            cd bench/peer
            export PEER_DB=$PEER_DB PEER_VAR=$VAR/peer PEER_REDIS_URL=$REDIS
            if [ "$(cat "$VAR/peer-loaded.sha" 2>/dev/null)" != "$STAMP" ]; then
                rm -f "$VAR/peer-loaded.sha"
                "$PEER_VENV/bin/python" manage.py load_catalogue "$VAR/catalogue.json"
                "$PEER_VENV/bin/python" manage.py rebuild_index --noinput >/dev/null
                echo "$STAMP" > "$VAR/peer-loaded.sha"
            else
                echo "the peer already holds this catalogue and its index"
            fi
            PYTHONPATH=../.. "$PEER_VENV/bin/python" order500_peer.py "$VAR/order-oscar.json"
        )
        (
            cd bench/peer
            PEER_DB=$PEER_DB PEER_VAR=$VAR/peer PEER_REDIS_URL=$REDIS PYTHONPATH=../.. \
                exec "$PEER_VENV/bin/gunicorn" peershop.wsgi --bind 127.0.0.1:$PEER_PORT \
                --workers "$WORKERS" --log-level warning > "$VAR/gunicorn-oscar.log" 2>&1
        ) &
        PIDS+=($!)
        wait_for "http://127.0.0.1:$PEER_PORT/catalogue/" $!
        TARGETS+=(--target "oscar=http://127.0.0.1:$PEER_PORT")
        ORDERS+=(--order "oscar=$VAR/order-oscar.json")
    fi
    wait_for "http://127.0.0.1:$HAAT_PORT/shop/catalogue/" $HAAT_PID
    COMMAND="make $([ "$PEER" = 1 ] && echo bench-peer || echo bench) SIZES=\"$SIZES\" DURATION=$DURATION${PAGES:+ PAGES=\"$PAGES\"}"
    if [ -z "$PAGES" ] || [ -n "$ROW_PAGES" ]; then
        $PY bench/run.py --products "$N" --duration "$DURATION" --connections "$CONNECTIONS" \
            --pages "$ROW_PAGES" "${TARGETS[@]}" "${ORDERS[@]}" \
            --command "$COMMAND (N=$N, $WORKERS gunicorn workers each)"
    fi
    if [ "$E2E" = 1 ]; then
        DBS=(--db "haat=$PG/$DB")
        [ "$PEER" = 1 ] && DBS+=(--db "oscar=$PG/$PEER_DB")
        $PY bench/checkout_e2e.py --products "$N" --duration "$E2E_DURATION" --clients "$E2E_CLIENTS" \
            "${TARGETS[@]}" "${DBS[@]}" --stripe "haat=http://127.0.0.1:$STRIPE_PORT" \
            --command "$COMMAND E2E_DURATION=$E2E_DURATION E2E_CLIENTS=$E2E_CLIENTS (N=$N, $WORKERS gunicorn workers each)"
    fi
    cleanup
    PIDS=()
done
