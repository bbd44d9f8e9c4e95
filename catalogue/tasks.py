from celery import shared_task
from oscar.core.loading import get_model

from .images import PRODUCT_IMAGE_SIZES, product_thumbnail

ProductImage = get_model("catalogue", "ProductImage")


@shared_task(ignore_result=False)
def make_product_image_derivatives(image_id: int) -> list[str]:
    """Make every size a page shows of a new product photo, so no shopper waits for it.

    Returns the storage names of the derived files.
    """
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None or not image.original:
        return []  # deleted before the worker got to it
    return [product_thumbnail(image.original, name).name for name in PRODUCT_IMAGE_SIZES]
