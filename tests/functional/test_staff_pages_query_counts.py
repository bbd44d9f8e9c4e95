"""The fund page and the production page cost the same queries for a little data as for ten
times more (issue 22): sums come from the database, long lists come 50 to a page, and nothing
is fetched per row, per programme or per maker. bench/jobs_pages.py times both pages with a
year of data; these tests hold no timings.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from artisans.models import Artisan, BatchLine, ProductionBatch, Shelter
from payouts import ledger
from payouts.models import Entry, FundDisbursement, Journal, Programme
from payouts.rating_models import ServiceRating
from payouts.ratings import quarter_of
from tests.support.auth import demo_user

pytestmark = pytest.mark.django_db

FUND = reverse("payouts-dashboard:payouts-fund")
PRODUCTION = reverse("artisans-dashboard:artisans-production")
BATCHES = reverse("artisans-dashboard:artisans-batch-list")


def queries(client, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(ctx), response


# --- The training fund -------------------------------------------------------------------------
_made = {"journals": 0, "programmes": 0, "ratings": 0}


def add_fund_year(sales: int, programmes: int):
    """`sales` fund entries (sales, one in ten a paid disbursement), `programmes` more
    programmes, and ratings of each (5 or more per programme, so comments are shown)."""
    fund, clearing = ledger.account(ledger.TRAINING_FUND), ledger.account(ledger.STRIPE_CLEARING)
    start = _made["journals"]
    journals = Journal.objects.bulk_create([
        Journal(idempotency_key=f"test-year:{start + i}", memo="sale",
                event=Journal.FUND if i % 10 == 0 else Journal.CAPTURE)
        for i in range(sales)])
    Entry.objects.bulk_create([
        Entry(journal=j, account=a, amount=(1 if j.event == Journal.FUND else -1) * sign * 5000)
        for j in journals for a, sign in ((fund, 1), (clearing, -1))])
    _made["journals"] += sales
    new = Programme.objects.bulk_create([
        Programme(name=f"Tailoring {_made['programmes'] + n}", schedule_vii_head="ii")
        for n in range(programmes)])
    _made["programmes"] += programmes
    finance = demo_user("Finance")
    FundDisbursement.objects.bulk_create([
        FundDisbursement(head=FundDisbursement.TRAINER_FEES, amount_paise=5000,
                         description="Trainer", programme=new[n % len(new)], journal=j,
                         status=FundDisbursement.PAID, requested_by=finance,
                         approved_at=j.created_at)
        for n, j in enumerate(j for j in journals if j.event == Journal.FUND)])
    ratings = []
    for p in new:
        for _n in range(6):
            _made["ratings"] += 1
            ratings.append(ServiceRating(
                subject=ServiceRating.TRAINING, programme=p, quarter=quarter_of(datetime.date.today()),
                stars=4, comment=f"Useful {_made['ratings']}", dedupe=f"t{_made['ratings']:063d}"))
    ServiceRating.objects.bulk_create(ratings)


def test_the_fund_page_costs_the_same_queries_for_ten_times_the_year(demo_login):
    client = demo_login("Finance")
    _made.update(journals=0, programmes=0, ratings=0)
    add_fund_year(20, 2)
    queries(client, FUND)  # what a process caches for good
    small, _page = queries(client, FUND)
    add_fund_year(180, 18)
    large, page = queries(client, FUND)
    assert small == large
    html = page.content.decode()
    # The page still says what it said: the year's months, each programme's training rated
    # by 6 makers with their comments, no maker's name.
    assert "Tailoring 19" in html and "Useful 120" in html
    rows = {r["programme"].name: r for r in page.context["programme_ratings"]}
    assert rows["Tailoring 3"]["training"]["responses"] == 6
    assert rows["Tailoring 3"]["trainer"]["none"]
    assert page.context["report"]["months"][0]["out"] >= 20 * 5000


# --- Production --------------------------------------------------------------------------------
def add_production_year(batches: int, makers: int):
    shelter = Shelter.objects.order_by("pk").first()
    first = Artisan.objects.filter(pseudonym__startswith="Yearmaker").count()
    Artisan.objects.bulk_create([
        Artisan(pseudonym=f"Yearmaker {first + n:04d}", slug=f"yearmaker-{first + n:04d}",
                shelter=shelter, joined_on=datetime.date(2025, 1, 1)) for n in range(makers)])
    people = list(Artisan.objects.filter(pseudonym__startswith="Yearmaker"))
    today = datetime.date.today()
    made = ProductionBatch.objects.bulk_create([
        ProductionBatch(shelter=shelter, product_class_id=None, made_on=today - datetime.timedelta(
            days=n * 330 // batches), piece_rate=40, status=ProductionBatch.STOCKED,
            recorded_by=demo_user("Shelter staff")) for n in range(batches)])
    BatchLine.objects.bulk_create([
        BatchLine(batch=b, artisan=people[(n + k) % len(people)], pieces=5, accepted_pieces=4)
        for n, b in enumerate(made) for k in range(2)])


def test_the_production_page_costs_the_same_queries_for_ten_times_the_year(demo_login):
    client = demo_login("Admin")
    add_production_year(30, 6)
    queries(client, PRODUCTION)
    small, _page = queries(client, PRODUCTION)
    small_list, _page = queries(client, BATCHES)
    add_production_year(270, 54)
    large, page = queries(client, PRODUCTION)
    assert small == large
    # The list of batches it links to, 50 to a page, too (figures per batch by subquery).
    large_list, batches = queries(client, BATCHES)
    assert small_list == large_list
    assert len(batches.context["batches"]) == 50
    assert all((b.pieces_made, b.pieces_accepted, b.maker_count) == (10, 8, 2)
               for b in batches.context["batches"])
    second, page2 = queries(client, PRODUCTION, {"page": 2})
    assert second == large
    # A year's totals above; makers 50 to a page, every maker on one page or the next.
    totals = page.context["totals"]
    assert (totals["batches"], totals["made"], totals["accepted"]) >= (300, 3000, 2400)
    listed = [r["artisan__pseudonym"] for r in page.context["per_maker"]]
    listed += [r["artisan__pseudonym"] for r in page2.context["per_maker"]]
    assert len(page.context["per_maker"]) == 50
    assert {f"Yearmaker {n:04d}" for n in range(60)} <= set(listed)
    html = page.content.decode()
    assert "?page=2" in html
    # Pseudonyms and the public label only: no shelter's address, no real name.
    for shelter in Shelter.objects.exclude(private_address=""):
        assert shelter.private_address not in html
    assert "DEMO-ONLY" not in html
