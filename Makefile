# Haat: the two commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PG_URL ?= postgres://postgres@127.0.0.1:5432/haat
REDIS_TEST_URL ?= redis://127.0.0.1:6379/1
CELERY_TEST_QUEUE ?= haat-test
PYTEST_ARGS ?=

.PHONY: demo test install services browser-deps test-sqlite test-postgres lint clean bench bench-peer

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
		{ echo "Haat needs Python 3.11 (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[test]'
	@touch $@

install: $(VENV)/.installed

# Runs the shop with demo data on SQLite, with localstripe as the Stripe server. Ctrl-C stops all.
demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@mkdir -p var
	@echo "Shop: http://127.0.0.1:8000  (CMS /cms/, dashboard /dashboard/); localstripe: http://127.0.0.1:8420"
	@bash -c 'trap "kill 0" EXIT; \
		$(VENV)/bin/localstripe --port 8420 > var/localstripe.log 2>&1 & \
		for _ in $$(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8420/js.stripe.com/v3/ && break; sleep 0.2; done; \
		curl -sf -o /dev/null -X POST http://127.0.0.1:8420/_config/webhooks/haat \
			-d url=http://127.0.0.1:8000/shop/checkout/stripe/webhook/ -d secret=whsec_haat_local \
			|| echo "warning: could not register the localstripe webhook"; \
		$(PY) manage.py runserver 127.0.0.1:8000'

# PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379: started, or installed, when missing.
services:
	@bash .ci/services

# Debian's chromium for the browser tests (Playwright never downloads a browser here).
browser-deps:
	@bash .ci/browser-deps

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
# bench-peer also serves the same catalogue with plain django-oscar and shows the ratios.
SIZES ?= 1000 10000
DURATION ?= 10
bench: install services
	SIZES="$(SIZES)" DURATION=$(DURATION) bash bench/bench.sh

bench-peer: install services
	PEER=1 SIZES="$(SIZES)" DURATION=$(DURATION) bash bench/bench.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) db.sqlite3 static_root var
