# Haat: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PG_URL ?= postgres://postgres@127.0.0.1:5432/haat
REDIS_TEST_URL ?= redis://127.0.0.1:6379/1
CELERY_TEST_QUEUE ?= haat-test
PYTEST_ARGS ?=

.PHONY: demo dev demo-data bench-demo test install services browser-deps pdf-deps test-sqlite test-postgres lint clean bench bench-peer bench-bulk bench-jobs bench-scale \
	backup restore audit scan

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "Haat needs Python 3.11 (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[test]'
	@touch $@

install: $(VENV)/.installed

# Runs the shop with demo data on SQLite, with localstripe as the Stripe server. Ctrl-C stops all.
# make demo: as visitors see it: DEBUG off (the shop's own 404 and 500 pages), static files by
# WhiteNoise from static_root, gunicorn (its logs scrubbed: ops/gunicorn.conf.py) with two
# processes of 4 threads (issue 22: one process is held to one core by the GIL), which share
# one cache on disk in DEMO_CACHE (pagecache/filecache.py; emptied at each start) in place of
# Redis. make dev: runserver with DEBUG on and reloading, for developers. DEMO_PORT and
# STRIPE_PORT move them off 8000 and 8420.
DEMO_PORT ?= 8000
STRIPE_PORT ?= 8420
DEMO_WORKERS ?= 2
DEMO_THREADS ?= 4
DEMO_CACHE ?= $(CURDIR)/var/demo-cache
DEMO_ENV := DJANGO_DEBUG=false DJANGO_SERVE_MEDIA=true STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_PORT)
define serve_with_localstripe
	@mkdir -p var
	@echo "Shop: http://127.0.0.1:$(DEMO_PORT)  (CMS /cms/, dashboard /dashboard/); localstripe: http://127.0.0.1:$(STRIPE_PORT)"
	@bash -c 'trap "kill 0" EXIT; \
		$(VENV)/bin/localstripe --port $(STRIPE_PORT) > var/localstripe.log 2>&1 & \
		for _ in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:$(STRIPE_PORT)/js.stripe.com/v3/ && break; sleep 0.2; done; \
		curl -sf -o /dev/null -X POST http://127.0.0.1:$(STRIPE_PORT)/_config/webhooks/haat \
			-d url=http://127.0.0.1:$(DEMO_PORT)/shop/checkout/stripe/webhook/ -d secret=whsec_haat_local \
			|| echo "warning: could not register the localstripe webhook"; \
		$(1)'
endef

demo-data: install pdf-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --with-bulk-order --with-seed-grants --with-maker-work

demo: demo-data
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	@rm -rf "$(DEMO_CACHE)"
	$(call serve_with_localstripe,$(DEMO_ENV) CACHE_DIR="$(DEMO_CACHE)" $(VENV)/bin/gunicorn -c ops/gunicorn.conf.py \
		storefront.wsgi --bind 127.0.0.1:$(DEMO_PORT) --workers $(DEMO_WORKERS) --threads $(DEMO_THREADS) --timeout 60)

dev: demo-data
	$(call serve_with_localstripe,STRIPE_API_BASE=http://127.0.0.1:$(STRIPE_PORT) $(PY) manage.py runserver 127.0.0.1:$(DEMO_PORT))

# PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379: started, or installed, when missing.
services:
	@bash .ci/services

# Debian's chromium for the browser tests (Playwright never downloads a browser here).
browser-deps: pdf-deps
	@bash .ci/browser-deps

# Pango and HarfBuzz for WeasyPrint's PDFs (.ci/pdf-deps).
pdf-deps:
	@bash .ci/pdf-deps

# The whole suite, on SQLite (Celery eager) and again on PostgreSQL + Redis (a real worker).
test: install services browser-deps
	@rc=0; \
	echo "== Test run 1 of 2: SQLite, local-memory cache, Celery eager"; \
	$(MAKE) --no-print-directory test-sqlite || rc=1; \
	echo "== Test run 2 of 2: PostgreSQL + Redis, Celery worker"; \
	$(MAKE) --no-print-directory test-postgres || rc=1; \
	exit $$rc

test-sqlite: install
	DJANGO_ENV=test $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: install services
	DJANGO_ENV=test DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) CELERY_QUEUE=$(CELERY_TEST_QUEUE) \
		CACHE_KEY_PREFIX=haat-test $(VENV)/bin/pytest --create-db $(PYTEST_ARGS)

# Load benchmark (bench/README.md): gunicorn + wrk on PostgreSQL (database haat_bench) and Redis
# (db 9), at 1,000 and 10,000 generated products; appends its table to bench/RESULTS.md.
# bench-peer also serves the same catalogue with plain django-oscar and shows the ratios. Each
# size ends with the paid checkout end to end (E2E_CLIENTS shoppers for E2E_DURATION seconds).
SIZES ?= 1000 10000
DURATION ?= 10
bench: install services
	SIZES="$(SIZES)" DURATION=$(DURATION) PAGES="$(PAGES)" E2E_DURATION=$(E2E_DURATION) E2E_CLIENTS=$(E2E_CLIENTS) bash bench/bench.sh

bench-peer: install services
	PEER=1 SIZES="$(SIZES)" DURATION=$(DURATION) PAGES="$(PAGES)" E2E_DURATION=$(E2E_DURATION) E2E_CLIENTS=$(E2E_CLIENTS) bash bench/bench.sh

# The demo under a few people at once (issues 19, 22; bench/README.md): `make demo` on a scratch
# SQLite copy, CLIENTS concurrent clients for DURATION seconds; appends to bench/RESULTS.md.
# DB=postgres: the same demo data and gunicorn on PostgreSQL + Redis with a Celery worker.
CLIENTS ?= 8
DB ?= sqlite
bench-demo: DURATION = 30
bench-demo: install
	DB=$(DB) CLIENTS=$(CLIENTS) DURATION=$(DURATION) bash bench/demo.sh

# Scaling out (issue 22, README "Scaling out", bench/README.md): haproxy in front of two gunicorn
# nodes and two Celery workers on one PostgreSQL (haat_scale) and one Redis (db 7); node A is
# killed mid-run (SIGKILL, then SIGTERM), then Celery worker A mid-task; appends to bench/RESULTS.md.
bench-scale: DURATION = 40
bench-scale: install services
	CLIENTS=$(CLIENTS) DURATION=$(DURATION) bash bench/scale.sh

# Backups (README.md, "Backups"): PostgreSQL (pg_dump custom format) and media (tar) into
# BACKUP_DIR; restore replaces the tables of DATABASE_URL (created when missing) and unpacks media.
BACKUP_DIR ?= var/backups/$(shell date -u +%Y%m%dT%H%M%SZ)
backup:
	BACKUP_DIR="$(BACKUP_DIR)" DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" bash ops/backup.sh

restore:
	@case "$(origin BACKUP_DIR)" in command\ line|environment) ;; \
		*) echo "restore: say which backup: make restore BACKUP_DIR=var/backups/<stamp>"; exit 2;; esac
	BACKUP_DIR="$(BACKUP_DIR)" DATABASE_URL="$${DATABASE_URL:-$(PG_URL)}" bash ops/restore.sh

# Known vulnerabilities in the pinned dependencies (pip-audit), saying plainly when the
# vulnerability database could not be reached (README.md, "Security").
audit: install
	@bash ops/audit.sh

# wapiti and sqlmap against the demo on loopback (README.md, "Security"); reports in var/scan/.
scan: install
	@bash ops/scan.sh

# Bulk orders (issue 8): a 500-line and a 500-recipient order placed, a 1,000-row recipients
# file checked, on PostgreSQL (database haat_bench_bulk); appends to bench/RESULTS.md.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
bench-bulk: install services
	@psql "$(BENCH_PG)/postgres" -tAc "select 1 from pg_database where datname='haat_bench_bulk'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres haat_bench_bulk
	DJANGO_ENV=dev DATABASE_URL=$(BENCH_PG)/haat_bench_bulk REDIS_URL= LOG_LEVEL=WARNING \
		$(PY) manage.py migrate --noinput > /dev/null
	DJANGO_ENV=dev DATABASE_URL=$(BENCH_PG)/haat_bench_bulk REDIS_URL= LOG_LEVEL=WARNING \
		$(PY) manage.py load_demo > /dev/null
	PYTHONPATH=$(CURDIR) DJANGO_SETTINGS_MODULE=storefront.settings DJANGO_ENV=dev \
		DATABASE_URL=$(BENCH_PG)/haat_bench_bulk REDIS_URL= LOG_LEVEL=WARNING \
		$(PY) bench/bulk_order.py

# Staff long jobs (issue 22) at two sizes ten times apart, in-process on PostgreSQL (database
# haat_bench_jobs); appends its table with the growth ratio to bench/RESULTS.md. JOBS=payout
# runs only the jobs whose name contains it.
bench-jobs: install services
	@psql "$(BENCH_PG)/postgres" -tAc "select 1 from pg_database where datname='haat_bench_jobs'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres haat_bench_jobs
	DJANGO_ENV=dev DATABASE_URL=$(BENCH_PG)/haat_bench_jobs REDIS_URL= LOG_LEVEL=WARNING \
		$(PY) manage.py migrate --noinput > /dev/null
	PYTHONPATH=$(CURDIR) DJANGO_SETTINGS_MODULE=storefront.settings DJANGO_ENV=dev \
		DATABASE_URL=$(BENCH_PG)/haat_bench_jobs REDIS_URL= LOG_LEVEL=WARNING JOBS="$(JOBS)" \
		$(PY) bench/jobs.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm static_root var
