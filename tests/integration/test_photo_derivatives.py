"""New product photos get their derived sizes from a Celery task."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image

from catalogue.images import PRODUCT_IMAGE_SIZES
from catalogue.tasks import make_product_image_derivatives
from storefront.demo.images import product_photo

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")


def new_photo(product):
    image = ProductImage(product=product, display_order=5)
    image.original.save("new-photo.jpg", ContentFile(product_photo("tote", 99)), save=False)
    image.save()
    return image


def assert_derived_files(names, media_root):
    assert len(names) == len(PRODUCT_IMAGE_SIZES)
    sizes = []
    for name in names:
        path = Path(media_root) / name
        assert path.is_file(), name
        with Image.open(io.BytesIO(path.read_bytes())) as img:
            sizes.append(max(img.size))
    assert sorted(sizes) == [160, 600, 1000]  # mini, card, and detail (no upscaling of 1000px)


@pytest.mark.django_db
def test_derived_sizes_are_made_for_a_new_photo(media_root, django_capture_on_commit_callbacks):
    product = Product.objects.get(upc="HAAT-TOTE-02")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = new_photo(product)
    assert len(callbacks) == 1  # queued after commit, not inside the transaction
    assert_derived_files(make_product_image_derivatives.apply(args=[image.pk]).get(), media_root)


@pytest.mark.django_db
def test_a_photo_deleted_before_the_task_runs_is_skipped():
    assert make_product_image_derivatives.apply(args=[987654]).get() == []


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_the_sizes_through_the_broker(settings, media_root, celery_worker):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("REDIS_URL is not set: tasks run eagerly and there is no worker to test")
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())  # a flushed database has no demo data
    image = new_photo(Product.objects.get(upc="HAAT-TOTE-03"))
    result = make_product_image_derivatives.delay(image.pk)
    assert_derived_files(result.get(timeout=60), media_root)
