"""gunicorn in production: `gunicorn -c ops/gunicorn.conf.py storefront.wsgi` (from the checkout).

Its access and error logs go through the same filter as Django's (artisans.log_filters): no
legal name, phone, bank detail or UPI id typed into a URL reaches them, and request lines carry
no query-string values. Each worker learns the vault's values when it starts and again every
five minutes, so it scrubs a maker's name it never read itself.
Command-line flags (--bind, --workers, ...) override what is set here.
"""

import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
accesslog = "-"
errorlog = "-"

_HANDLER = {"class": "logging.StreamHandler", "formatter": "generic", "filters": ["scrub_vault"]}
logconfig_dict = {
    "filters": {"scrub_vault": {"()": "artisans.log_filters.ScrubVaultValues"}},
    "root": {"level": "INFO", "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
    "handlers": {
        "console": {**_HANDLER, "stream": "ext://sys.stdout"},
        "error_console": {**_HANDLER, "stream": "ext://sys.stderr"},
    },
}

VAULT_REFRESH_SECONDS = 300


def post_worker_init(worker):
    from django.db import close_old_connections

    from artisans.log_filters import learn_vault_values

    learn_vault_values()
    close_old_connections()


def pre_request(worker, req):
    from artisans.log_filters import learn_vault_values

    learn_vault_values(max_age=VAULT_REFRESH_SECONDS)
