import os

from celery import Celery
from celery.signals import setup_logging

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
