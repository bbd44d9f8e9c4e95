"""Receivers for the artisans app's own uploads. Photos of other apps' models (Oscar product
images, Wagtail images) are cleaned in receivers.py; batch photos in batch_services.save_batch."""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from .models import Artisan
from .photos import replace_with_clean_copy


@receiver(pre_save, sender=Artisan, dispatch_uid="artisans.clean_hands_photo")
def clean_hands_photo(sender, instance, **kwargs):
    """A maker's hands photo (uploaded in the admin) is stored without metadata."""
    replace_with_clean_copy(instance, "hands_photo")
