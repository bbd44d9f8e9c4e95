#!/usr/bin/env bash
# make bench-demo (issues 19, 22): the demo under CLIENTS people at once (default 8) for DURATION
# seconds (bench/demo_load.py: home, catalogue, categories, products, makers, Bengali and Hindi
# pages, adds to basket, the basket, a guest checkout up to the payment page, sign-ins).
#
# DB=sqlite (default): the README's run command itself, `make demo` (gunicorn, DEMO_WORKERS
# processes of DEMO_THREADS threads, SQLite, the shared file cache), on a scratch copy of the
# demo database. DB=postgres: the same demo data on PostgreSQL (BENCH_DEMO_DB, copied from a
# template database built once) with Redis as the cache (BENCH_DEMO_REDIS, emptied first) and a
# real Celery worker, served by the same gunicorn command. Prints requests, p50/p95 and errors;
# appends them to bench/RESULTS.md unless RESULTS= is empty. Loopback only; everything this
# starts is stopped when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-sqlite}
CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-30}
PORT=${BENCH_DEMO_PORT:-8470}
STRIPE_PORT=${BENCH_DEMO_STRIPE_PORT:-8471}
WORKERS=${DEMO_WORKERS:-2}
THREADS=${DEMO_THREADS:-4}
RESULTS=${RESULTS-bench/RESULTS.md}
VAR=$PWD/bench/var/demo
PY=$PWD/.venv/bin/python
mkdir -p "$VAR/media"
GUNICORN="gunicorn, $WORKERS processes x $THREADS threads"

wait_for_demo() {  # pid
    for _ in $(seq 300); do
        curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0
        kill -0 "$1" 2>/dev/null || { tail -20 "$VAR/server.log"; exit 1; }
        sleep 1
    done
    echo "bench-demo: the demo did not start"; tail -20 "$VAR/server.log"; exit 1
}

: >"$VAR/server.log"
case $DB in
sqlite)
    # The scratch database: migrated and given the demo data once (bench/var/demo/base.sqlite3,
    # with its photos in bench/var/demo/media), then copied for each run so every run starts the same.
    if [ ! -s "$VAR/base.sqlite3" ]; then
        echo "bench-demo: building the scratch demo database once (migrations take a minute or two)"
        DATABASE_URL="sqlite:///$VAR/building.sqlite3" MEDIA_ROOT="$VAR/media" make --no-print-directory demo-data >"$VAR/build.log" 2>&1 \
            || { tail -20 "$VAR/build.log"; exit 1; }
        $PY - "$VAR/building.sqlite3" "$VAR/base.sqlite3" <<'EOF'
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
    DATABASE_URL="sqlite:///$VAR/run.sqlite3" MEDIA_ROOT="$VAR/media" \
        setsid make --no-print-directory demo DEMO_PORT="$PORT" STRIPE_PORT="$STRIPE_PORT" \
        DEMO_WORKERS="$WORKERS" DEMO_THREADS="$THREADS" DEMO_CACHE="$VAR/cache" >"$VAR/server.log" 2>&1 &
    LABEL="make demo ($GUNICORN, SQLite WAL + IMMEDIATE, file cache shared by the processes)"
    ;;
postgres)
    PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
    PGDB=${BENCH_DEMO_DB:-haat_bench_demo}
    REDIS=${BENCH_DEMO_REDIS:-redis://127.0.0.1:6379/10}
    PREFIX=${CACHE_KEY_PREFIX:-haat-bench-demo}
    QUEUE=${CELERY_QUEUE:-haat-bench-demo}
    PGVAR=$VAR/postgres
    mkdir -p "$PGVAR/media"
    pg_exists() { psql "$PG/postgres" -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }
    BUILD_ENV=(DJANGO_ENV=dev DATABASE_URL="$PG/${PGDB}_base" MEDIA_ROOT="$PGVAR/media" REDIS_URL=)
    # The same demo data as `make demo-data`, in a template database made once; each run gets a
    # fresh copy of it (CREATE DATABASE ... TEMPLATE takes a second).
    if ! pg_exists "${PGDB}_base"; then
        echo "bench-demo: building ${PGDB}_base once (migrations and demo data, a minute or two)"
        createdb -h 127.0.0.1 -U postgres "${PGDB}_base"
        { env "${BUILD_ENV[@]}" $PY manage.py migrate --noinput \
          && env "${BUILD_ENV[@]}" $PY manage.py load_demo --with-bulk-order --with-seed-grants --with-maker-work; } \
            >"$PGVAR/build.log" 2>&1 || { tail -20 "$PGVAR/build.log"; dropdb -h 127.0.0.1 -U postgres "${PGDB}_base"; exit 1; }
    fi
    env "${BUILD_ENV[@]}" $PY manage.py migrate --noinput >>"$PGVAR/build.log" 2>&1  # code newer than the template
    dropdb -h 127.0.0.1 -U postgres --if-exists "$PGDB"
    createdb -h 127.0.0.1 -U postgres -T "${PGDB}_base" "$PGDB"
    redis-cli -u "$REDIS" flushdb >/dev/null
    export DJANGO_DEBUG=false DJANGO_SERVE_MEDIA=true STRIPE_API_BASE=http://127.0.0.1:$STRIPE_PORT \
        DATABASE_URL="$PG/$PGDB" REDIS_URL="$REDIS" CACHE_KEY_PREFIX="$PREFIX" CELERY_QUEUE="$QUEUE" \
        MEDIA_ROOT="$PGVAR/media" PORT STRIPE_PORT WORKERS THREADS QUEUE PGVAR
    $PY manage.py collectstatic --noinput --verbosity 0
    # localstripe, a Celery worker on the run's own queue and gunicorn as make demo runs it, in
    # their own process group so that one signal stops them all.
    setsid bash -c '
        .venv/bin/localstripe --port "$STRIPE_PORT" >"$PGVAR/localstripe.log" 2>&1 &
        .venv/bin/celery -A storefront worker -Q "$QUEUE" --concurrency 1 --loglevel WARNING >"$PGVAR/celery.log" 2>&1 &
        exec .venv/bin/gunicorn -c ops/gunicorn.conf.py storefront.wsgi --bind "127.0.0.1:$PORT" \
            --workers "$WORKERS" --threads "$THREADS" --timeout 60' >"$VAR/server.log" 2>&1 &
    LABEL="PostgreSQL + Redis + a Celery worker ($GUNICORN, CONN_MAX_AGE 60)"
    ;;
*)
    echo "bench-demo: DB=sqlite or DB=postgres"; exit 2 ;;
esac
DEMO_PID=$!
stop() { kill -TERM -- "-$DEMO_PID" 2>/dev/null || true; wait "$DEMO_PID" 2>/dev/null || true; }
trap stop EXIT
wait_for_demo "$DEMO_PID"

$PY bench/demo_load.py --base "http://127.0.0.1:$PORT" --clients "$CLIENTS" \
    --duration "$DURATION" --server-log "$VAR/server.log" ${RESULTS:+--results "$RESULTS"} \
    --server-group "$DEMO_PID" --label "$LABEL" --command "make bench-demo DB=$DB CLIENTS=$CLIENTS DURATION=$DURATION"
