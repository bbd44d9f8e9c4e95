from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from . import fragments
from .tasks import make_product_image_derivatives

ProductImage = get_model("catalogue", "ProductImage")


@receiver(post_save, sender=ProductImage, dispatch_uid="catalogue.product_image_derivatives")
def make_derivatives_after_upload(sender, instance, created, **kwargs):
    # After commit, so a worker on another connection can see the row.
    transaction.on_commit(lambda: make_product_image_derivatives.delay(instance.pk))


# --- Cached fragments (catalogue/fragments.py) --------------------------------------------------
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")


def _retire_fragments(sender, **kwargs):
    # What the fragment keys carry (price, stock, photo, update times) needs no bump; this
    # retires what they do not (a category's name, a product class's options).
    fragments.bump_generation()


for _model in (Product, StockRecord, ProductImage, Category):
    for _signal in (post_save, post_delete):
        _signal.connect(
            _retire_fragments, sender=_model,
            dispatch_uid=f"catalogue.retire_fragments.{_model.__name__}.{_signal is post_save}",
        )
