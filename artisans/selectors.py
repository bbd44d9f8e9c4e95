"""Reads of the artisans app for other apps."""

from .models import Artisan


def active_artisans():
    return Artisan.objects.filter(is_active=True).select_related("shelter")
