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


class PartDown(Exception):
    """A part is down for a reason worth naming in the answer (e.g. "redis unreachable")."""


def _cache():
    # The Redis cache falls back to misses when Redis is down (pagecache/redis.py), so a
    # write read back would only say "not read back": ask Redis itself, and name it.
    reachable = getattr(cache, "reachable", None)
    if reachable is not None and not reachable():
        raise PartDown("redis unreachable")
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
    parts, failing, detail = {}, [], {}
    for name, check in CHECKS.items():
        try:
            parts[name] = check() or "ok"
        except Exception as exc:  # any failure of a part is a failure of the health check
            logger.warning("healthz: %s is down: %s", name, exc.__class__.__name__)
            parts[name] = "down"
            failing.append(name)
            if isinstance(exc, PartDown):
                detail[name] = str(exc)
    status = 503 if failing else 200
    body = {"status": "down" if failing else "ok", "failing": failing, "parts": parts}
    if detail:
        body["detail"] = detail
    return JsonResponse(body, status=status)
