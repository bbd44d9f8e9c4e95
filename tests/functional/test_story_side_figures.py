"""The story side's figures: the impact page shows the ledger's figures after sales, never figures
about fewer than five people, cached and refreshed by the beat task; a product list block shows
live prices and stock in a fixed number of queries."""

import datetime
import html as htmllib
import re
from decimal import Decimal

import pytest
from django.test import Client
from oscar.core.loading import get_model

from artisans import batch_services
from artisans.models import Artisan
from payouts import ledger
from storefront import impact
from storefront.models import StandardPage
from tests import workshop_support as ws
from tests.functional.story_side_support import english_home, text_of
from tests.support.checkout import add_to_basket, place_order, to_preview

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


# --- Impact figures -----------------------------------------------------------------------------
def figures_on(response) -> dict[str, str]:
    html = response.content.decode()
    section = re.search(r'data-testid="impact-figures".*?</section>', html, re.S).group(0)
    return {
        key: htmllib.unescape(" ".join(re.sub(r"<[^>]+>", " ", value).split()))
        for key, value in re.findall(
            r'data-figure="(\w+)">\s*<span class="impact-figure__value">(.*?)</span>', section, re.S)
    }


def indian(n: int) -> str:
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail]) if head else ",".join([*groups, tail])


def rupees(paise: int) -> str:
    return f"₹{indian(paise // 100)}.{paise % 100:02d}"


@pytest.mark.usefixtures("eager_celery")
def test_the_impact_page_shows_the_ledgers_figures_after_a_set_of_sales(stripe_server):
    # Seeded: a batch accepted (piece rates to six makers), then three orders paid by card.
    makers = list(Artisan.objects.filter(shelter=ws.shelter_a(), is_active=True))
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    batch = batch_services.save_batch(
        user=ws.recorder(), shelter=ws.shelter_a(), made_on=datetime.date.today(),
        piece_rate=Decimal("120.00"), pieces={m: 2 for m in makers}, product=tote, submit=True)
    batch_services.check_batch(user=ws.checker(), batch=batch, accepted={})
    for items in ([("HAAT-TOTE-01", 2)], [("HAAT-POUCH-02", 1), ("HAAT-TOTE-01", 1)],
                  [("HAAT-TOTE-03", 1)]):
        buyer = Client()
        for upc, quantity in items:
            add_to_basket(buyer, upc, quantity=quantity)
        _preview, token = to_preview(buyer, stripe_server)
        assert place_order(buyer, token).status_code == 302
    orders = Order.objects.filter(status="Paid")
    assert orders.count() == 3

    impact.refresh()  # what the beat task does
    shown = figures_on(Client().get("/impact/"))

    # The expected figures, read straight from the ledger's balances and the orders.
    balances = ledger.balances()
    maker_accounts = {c: b for c, b in balances.items() if c.startswith("maker-payable:artisan:")}
    units = sum(line.quantity for order in orders for line in order.lines.all())
    assert shown["units_sold"] == indian(units) == "5"
    assert shown["fund_inflow"] == rupees(-balances[ledger.TRAINING_FUND])
    earning = sum(1 for b in maker_accounts.values() if b < 0)
    if earning >= impact.MIN_PEOPLE:
        assert shown["makers_earning"] == str(earning)
        assert shown["maker_earnings"] == rupees(-sum(maker_accounts.values()))
    else:
        assert shown["makers_earning"] == "fewer than 5"
        assert shown["maker_earnings"] == "not shown"
    # No seed grant yet: about fewer than 5 women.
    assert shown["seed_grants"] == "fewer than 5"
    assert -balances[ledger.TRAINING_FUND] > 0


def test_figures_about_fewer_than_five_people_are_not_shown():
    base = {"units_sold": 1234567, "makers_earning": 4, "maker_earnings_paise": 12_345_600,
            "maker_paid_out_paise": 0, "fund_inflow_paise": 12_345_678, "seed_grants": 7,
            "seed_grantees": 4, "seed_grant_paise": 10_000_000}
    shown = impact.figures(base)
    assert shown["units_sold"].value == "12,34,567"
    assert shown["fund_inflow"].value == "₹1,23,456.78"
    assert shown["makers_earning"].value == "fewer than 5" and shown["makers_earning"].suppressed
    assert shown["maker_earnings"].value == "" and shown["maker_earnings"].suppressed
    assert shown["seed_grants"].value == "fewer than 5"
    shown = impact.figures({**base, "makers_earning": 5, "seed_grantees": 5})
    assert shown["makers_earning"].value == "5"
    assert shown["maker_earnings"].value == "₹1,23,456.00"
    assert shown["seed_grants"].value == "7"


def test_the_impact_figures_are_cached_and_refreshed_by_the_beat_task(settings):
    from storefront.tasks import refresh_impact_figures

    assert "storefront.tasks.refresh_impact_figures" in {
        entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    first = impact.totals()
    ledger.post("test:impact:fund", "A pledge received", [
        (ledger.BANK, 1_00_000_00), (ledger.TRAINING_FUND, -1_00_000_00)])
    assert impact.totals() == first  # cached: a page view costs no ledger query
    refresh_impact_figures.apply()  # the beat task's run, in this process (this transaction)
    assert impact.totals()["fund_inflow_paise"] == first["fund_inflow_paise"] + 1_00_000_00


# --- Blocks -------------------------------------------------------------------------------------
def page_with_products(upcs):
    home = english_home()
    ids = list(Product.objects.filter(upc__in=upcs).values_list("pk", flat=True))
    page = StandardPage(title="Gift ideas", slug=f"gifts-{len(ids)}", body=[
        {"type": "product_list", "value": {"heading": "Gifts under ₹1,000", "products": ids}},
        {"type": "impact_counter", "value": {"figure": "units_sold", "caption": "and counting"}},
        {"type": "quote", "value": {"text": "I chose the colours myself.", "attribution": "Juhi"}},
    ])
    home.add_child(instance=page)
    return page


def test_a_product_list_block_shows_live_prices_and_stock_in_a_fixed_number_of_queries(
        client, django_assert_max_num_queries):
    small = page_with_products(["HAAT-TOTE-01", "HAAT-POUCH-02"])
    large = page_with_products(["HAAT-TOTE-01", "HAAT-POUCH-02", "HAAT-TOTE-03", "HAAT-TOTE-04",
                                "HAAT-POUCH-04", "HAAT-POUCH-06"])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Once to make the photos' thumbnails (sorl-thumbnail looks each one up the first time).
    assert client.get(small.url).status_code == client.get(large.url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        client.get(small.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(large.url)
    assert len(many.captured_queries) == len(few.captured_queries)
    text = text_of(response)
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    record = tote.stockrecords.first()
    assert f"₹{record.price:,.2f}" in text and "In stock" in text
    assert "Gifts under ₹1,000" in text and "I chose the colours myself." in text
    # A price change shows on the next view.
    record.price = Decimal("1234.00")
    record.save()
    assert "₹1,234.00" in text_of(client.get(large.url))
