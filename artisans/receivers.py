from django.db.models.signals import pre_save
from django.dispatch import receiver
from oscar.core.loading import get_model
from wagtail.images import get_image_model

from .photos import replace_with_clean_copy

ProductImage = get_model("catalogue", "ProductImage")
WagtailImage = get_image_model()


@receiver(pre_save, sender=ProductImage, dispatch_uid="artisans.clean_product_image")
def clean_product_image(sender, instance, **kwargs):
    """Oscar product photos (dashboard, workshop, demo data) are stored without metadata."""
    replace_with_clean_copy(instance, "original")


@receiver(pre_save, sender=WagtailImage, dispatch_uid="artisans.clean_wagtail_image")
def clean_wagtail_image(sender, instance, **kwargs):
    """Editors' images too: Wagtail would otherwise serve the original as uploaded."""
    if replace_with_clean_copy(instance, "file"):
        # Wagtail measured the upload before we replaced it.
        instance._set_image_file_metadata()
