from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from .tasks import make_product_image_derivatives

ProductImage = get_model("catalogue", "ProductImage")


@receiver(post_save, sender=ProductImage, dispatch_uid="catalogue.product_image_derivatives")
def make_derivatives_after_upload(sender, instance, created, **kwargs):
    # After commit, so a worker on another connection can see the row.
    transaction.on_commit(lambda: make_product_image_derivatives.delay(instance.pk))
