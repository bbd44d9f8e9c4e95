"""Haat's production settings, served over plain http on loopback for the benchmark.

Run with DJANGO_ENV=prod and the variables bench/run.sh sets (secret key, hosts, identity key,
DJANGO_SECURE_SSL_REDIRECT=false). The only addition is the query-count header.
"""

from storefront.settings import *  # noqa: F403
from storefront.settings import MIDDLEWARE

MIDDLEWARE = ["bench.querycount.QueryCountMiddleware", *MIDDLEWARE]

# Plain http on loopback: cookies marked Secure would never come back from the load generator.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
OSCAR_BASKET_COOKIE_SECURE = False
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = False
