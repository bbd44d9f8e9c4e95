import os

from celery import Celery
from celery.signals import setup_logging, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings")

app = Celery("haat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def use_the_projects_logging(**kwargs):
    """A worker logs through settings.LOGGING, whose every handler scrubs vault values; left
    alone, Celery replaces the root logger's handlers with its own, which do not."""
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)


@task_prerun.connect
def forget_content_type_ids(**kwargs):
    """Each task reads content types afresh. A worker lives for days and Django caches content
    type ids per process for good; after `make restore` (or a test database flushed and filled
    again) the ids change under it, and the audit log's next entry would name a content type
    that is gone (a foreign-key error, the task retried until it gave up). The cost is one small
    query per task that needs one."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
