"""What every other settings module reads: where the project is, the environment (DJANGO_ENV:
dev, test or prod), debug, the secret key and the shop's public address."""

from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
DJANGO_ENV = env.str("DJANGO_ENV", default="dev")
if DJANGO_ENV not in {"dev", "test", "prod"}:
    raise environ.ImproperlyConfigured(f"DJANGO_ENV must be dev, test or prod, not {DJANGO_ENV!r}")

DEBUG = env.bool("DJANGO_DEBUG", default=DJANGO_ENV == "dev")
# A fixed key is fine outside prod; prod.py insists on DJANGO_SECRET_KEY.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
# The shop's one public address (scheme, host and port): canonical links, sitemap, Open Graph,
# links in emails. The Wagtail Site, the Django Site and OSCAR_URL_SCHEMA all follow it
# (storefront/public_host.py keeps the two Site rows in step after every migrate and load_demo).
HAAT_PUBLIC_URL = env.str("HAAT_PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")
_PUBLIC = urlsplit(HAAT_PUBLIC_URL)
if _PUBLIC.scheme not in {"http", "https"} or not _PUBLIC.hostname or _PUBLIC.path:
    raise environ.ImproperlyConfigured(
        f"HAAT_PUBLIC_URL must be like https://haat.example (no path), not {HAAT_PUBLIC_URL!r}")
OSCAR_URL_SCHEMA = _PUBLIC.scheme
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
if _PUBLIC.hostname not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_PUBLIC.hostname)
