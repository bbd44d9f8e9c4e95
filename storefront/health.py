"""/healthz: is each part this process depends on reachable?"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from storefront.celery import app as celery_app

logger = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("value written was not read back")
    cache.delete(key)


def _broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"  # no broker configured: tasks run in the web process
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
def healthz(request):
    parts, failing = {}, []
    for name, check in CHECKS.items():
        try:
            parts[name] = check() or "ok"
        except Exception as exc:  # any failure of a part is a failure of the health check
            logger.warning("healthz: %s is down: %s", name, exc.__class__.__name__)
            parts[name] = "down"
            failing.append(name)
    status = 503 if failing else 200
    return JsonResponse(
        {"status": "down" if failing else "ok", "failing": failing, "parts": parts},
        status=status,
    )
