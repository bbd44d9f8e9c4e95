import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Site

from storefront import roles
from storefront.models import HomePage

pytestmark = pytest.mark.django_db

COUNTED = [
    "catalogue.Product", "catalogue.ProductImage", "catalogue.Category", "partner.StockRecord",
    "partner.Partner", "artisans.Shelter", "artisans.Artisan", "auth.User", "auth.Group",
    "wagtailcore.Page", "address.Country", "payouts.Programme", "payouts.SplitSetting",
]


def row_counts():
    return {label: apps.get_model(label).objects.count() for label in COUNTED}


def test_load_demo_twice_leaves_the_same_rows(media_root):
    call_command("load_demo", stdout=io.StringIO())
    before = row_counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert row_counts() == before
    assert before["artisans.Shelter"] == 2
    assert before["artisans.Artisan"] == 6
    assert before["catalogue.Product"] >= 12
    assert before["catalogue.ProductImage"] == before["catalogue.Product"]
    # every role has a login, printed for the developer
    for role in roles.ALL:
        assert role in out.getvalue()
    assert before["payouts.Programme"] == 2
    assert Site.objects.get(is_default_site=True).root_page.specific.__class__ is HomePage


def test_demo_photos_are_real_images(media_root):
    from PIL import Image

    image = apps.get_model("catalogue.ProductImage").objects.first()
    with Image.open(image.original.path) as img:
        assert img.format == "JPEG"
        assert min(img.size) >= 600


def test_load_demo_refuses_to_run_in_production(settings):
    settings.DJANGO_ENV = "prod"
    with pytest.raises(CommandError, match="never loaded in production"):
        call_command("load_demo", stdout=io.StringIO())


def test_the_demo_command_places_its_bulk_order(media_root):
    """`make demo` runs load_demo --with-bulk-order: a placed, invoiced Women's Day order with
    parcels on their way (a check added to any step of the bulk flow must leave it working)."""
    from csr_partners.models.bulk import BulkOrder, Shipment

    call_command("load_demo", with_bulk_order=True, stdout=io.StringIO())

    bulk = BulkOrder.objects.get()
    statuses = list(bulk.shipments.values_list("status", flat=True))
    assert len(statuses) == 12
    assert statuses.count(Shipment.DELIVERED) == 2
    assert bulk.shipments.filter(status=Shipment.DISPATCHED).count() == 2
    assert bulk.invoices.exists()
