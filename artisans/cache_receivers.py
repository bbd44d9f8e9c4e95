"""Cached product cards and pages show makers ("Made by", consented quotes): retire them when a
maker, a product's makers or a consent change (catalogue/fragments.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue import fragments

from .models import Artisan, ProductMaker
from .signals import consent_changed


def _retire(**kwargs):
    fragments.bump_generation()


for _model in (Artisan, ProductMaker):
    for _signal in (post_save, post_delete):
        _signal.connect(
            _retire, sender=_model,
            dispatch_uid=f"artisans.retire_fragments.{_model.__name__}.{_signal is post_save}",
        )


@receiver(consent_changed, dispatch_uid="artisans.retire_fragments.consent")
def retire_on_consent(sender, **kwargs):
    fragments.bump_generation()
