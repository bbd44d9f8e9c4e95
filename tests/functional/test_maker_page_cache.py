"""A maker's page and the makers' list are kept whole for anonymous visitors (pagecache/pages.py,
issue 22), and a withdrawn consent or a sold piece still shows on them at once."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from artisans.consent_services import record_consent, withdraw_consent_by_maker
from artisans.models import Artisan, Consent, ProductMaker
from pagecache import pages as pagecache
from tests.support.auth import demo_user

StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.HAAT_PAGE_CACHE = True


@pytest.fixture
def juhi():
    juhi = Artisan.objects.get(pseudonym="Juhi")
    custodian = demo_user("Identity custodian")
    for kind in (Consent.STORY, Consent.QUOTE):
        record_consent(artisan=juhi, kind=kind, granted=True, by=custodian, note="asked in person")
    return juhi


def test_the_second_visit_of_a_makers_page_is_served_whole(juhi, django_assert_num_queries):
    for url in (f"/makers/{juhi.slug}/", f"/bn/makers/{juhi.slug}/", "/makers/"):
        assert Client().get(url).get(pagecache.HEADER) == "miss", url
        with django_assert_num_queries(0):
            response = Client().get(url)
        assert response.status_code == 200 and response.get(pagecache.HEADER) == "hit", url
        assert "Juhi" in response.content.decode()


def test_her_withdrawn_quote_leaves_the_kept_page_at_once(juhi, django_capture_on_commit_callbacks):
    url = f"/makers/{juhi.slug}/"
    Client().get(url)
    assert juhi.quote in Client().get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        withdraw_consent_by_maker(artisan=juhi, kind=Consent.QUOTE)
    assert juhi.quote not in Client().get(url).content.decode()


def test_her_piece_sold_shows_sold_out_on_her_kept_page(juhi, django_capture_on_commit_callbacks):
    url = f"/makers/{juhi.slug}/"
    Client().get(url)
    html = Client().get(url).content.decode()
    hers = ProductMaker.objects.filter(artisan=juhi).values("product_id")
    record = next(
        r for r in StockRecord.objects.filter(product_id__in=hers).select_related("product")
        if r.net_stock_level and r.product.get_absolute_url() in html
    )
    with django_capture_on_commit_callbacks(execute=True):
        StockRecord.allocate_or_fail(record.pk, record.net_stock_level)
    response = Client().get(url)
    # Rendered again from the sold stock, not the copy kept before the sale.
    assert response.get(pagecache.HEADER) == "miss" and response.content.decode() != html
