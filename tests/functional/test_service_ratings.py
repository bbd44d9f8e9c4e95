"""Makers rate the services they receive (issue 21): one rating per maker per occasion, stored
without any link to her; aggregates only, and an average or comments only from 5 responses
(k >= 5) on finance's fund page and in the CSR report."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from artisans import maker_auth
from artisans.models import Artisan
from payouts import ratings
from payouts.models import Programme
from payouts.rating_models import ServiceRating
from tests.support.auth import demo_user, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course():
    return Programme.objects.create(name="Rating test course", schedule_vii_head="ii")


def makers(n):
    shelter = Artisan.objects.get(pseudonym="Juhi").shelter
    from artisans import services

    return [services.register_artisan(shelter=shelter, pseudonym=f"Rater {i}") for i in range(n)]


def test_she_rates_a_training_once_and_the_rating_carries_nothing_of_her(course):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    code, _ = maker_auth.issue_code(user=demo_user("Shelter staff"), artisan=juhi)
    phone = Client()
    phone.post("/me/language/", {"language": "en-in", "next": "/me/"})
    phone.post("/me/sign-in/", {"with": "code", "name": "Juhi", "code": code})
    page = phone.get("/me/rate/").content.decode()
    assert f'data-testid="rate-programme:{course.pk}"' in page
    phone.post("/me/rate/", {"occasion": f"programme:{course.pk}", "stars_training": "4",
                             "stars_trainer": "5", "comment": "Good teacher"})
    stored = list(ServiceRating.objects.filter(programme=course))
    assert sorted(r.stars for r in stored) == [4, 5]
    # Nothing in the row names her: no artisan field, her id and name in no column.
    fields = {f.name for f in ServiceRating._meta.get_fields()}
    assert not fields & {"artisan", "maker", "user", "created_at"}
    for row in ServiceRating.objects.filter(programme=course).values():
        assert "Juhi" not in str(row) and f":{juhi.pk}" not in str(row)
    # Once per occasion: the form is gone and a second post adds nothing.
    assert "You rated this" in phone.get("/me/rate/").content.decode()
    phone.post("/me/rate/", {"occasion": f"programme:{course.pk}", "stars_training": "1",
                             "stars_trainer": "1"})
    assert ServiceRating.objects.filter(programme=course).count() == 2


def test_two_makers_ratings_are_both_kept_and_bad_values_refused(course):
    a, b = makers(2)
    ratings.rate(artisan=a, occasion=f"programme:{course.pk}", stars={"training": 5})
    ratings.rate(artisan=b, occasion=f"programme:{course.pk}", stars={"training": 3})
    with pytest.raises(ValidationError):
        ratings.rate(artisan=a, occasion=f"programme:{course.pk}", stars={"training": 2})
    with pytest.raises(ValidationError):
        ratings.rate(artisan=b, occasion="programme:999999",
                     stars={"training": 4})
    for bad in (0, 6, "x"):
        with pytest.raises(ValidationError):
            ratings.rate(artisan=b, occasion=f"quarter:{ratings.quarter_of(datetime.date.today())}",
                         stars={"shelter": bad})
    assert ServiceRating.objects.filter(programme=course).count() == 2


def test_a_payment_can_be_rated_only_by_the_maker_it_was_paid_to():
    juhi, bakul = Artisan.objects.get(pseudonym="Juhi"), Artisan.objects.get(pseudonym="Bakul")
    juhis = [o for o in ratings.occasions_for(juhi) if o["kind"] == "payout"]
    for occasion in juhis:
        with pytest.raises(ValidationError):
            ratings.rate(artisan=bakul, occasion=occasion["occasion"], stars={"payout": 5})
    with pytest.raises(ValidationError):
        ratings.rate(artisan=bakul, occasion="payout-line:1", stars={"payout": 5})


def test_k5_average_and_comments_only_from_five_responses(course):
    raters = makers(5)
    for i, maker in enumerate(raters[:4]):
        ratings.rate(artisan=maker, occasion=f"programme:{course.pk}",
                     stars={"training": 4 + (i % 2)}, comment=f"comment number {i}")
    four = ratings.summary("training", programme=course)
    assert not four["shown"] and four["fewer"]
    assert four["average"] is None and four["comments"] == [] and four["responses"] is None
    ratings.rate(artisan=raters[4], occasion=f"programme:{course.pk}", stars={"training": 3})
    five = ratings.summary("training", programme=course)
    assert five["shown"] and five["responses"] == 5
    assert str(five["average"]) == "4.2"  # (4 + 5 + 4 + 5 + 3) / 5
    assert len(five["comments"]) == 4


def test_the_fund_page_shows_the_aggregate_and_hides_the_small_one(course):
    raters = makers(6)
    small = Programme.objects.create(name="Small rating course", schedule_vii_head="iii")
    for i, maker in enumerate(raters):
        ratings.rate(artisan=maker, occasion=f"programme:{course.pk}",
                     stars={"training": 5 if i % 2 else 4, "trainer": 5},
                     comment="Loved the stitching" if i == 0 else "")
    for maker in raters[:3]:
        ratings.rate(artisan=maker, occasion=f"programme:{small.pk}", stars={"training": 1},
                     comment="Secret small comment")
    finance = Client()
    sign_in(finance, demo_user("Finance"))
    page = finance.get("/dashboard/payouts/fund/").content.decode()
    # The ratings' table (the page's forms list makers for seed grants, by pseudonym).
    html = page[page.index('data-testid="ratings"'):]
    html = html[:html.index("</table>")]
    assert "Rating test course" in html and "4.5 / 5" in html and "Loved the stitching" in html
    assert "Secret small comment" not in html
    assert "fewer than 5 responses" in html
    # No per-maker view anywhere: no maker's name next to a rating.
    for maker in raters:
        assert maker.pseudonym not in html


def test_the_csr_report_says_how_trainees_rated_the_training_the_company_funded(course):
    from django.utils import timezone

    from csr_partners import documents
    from csr_partners.models import Company
    from payouts.models import FundDisbursement

    company = Company.objects.order_by("pk").first()
    if company is None:
        pytest.skip("the demo data has no company")
    # The fund paid this course's trainer in the period (approved by a second finance user).
    FundDisbursement.objects.create(
        head=FundDisbursement.TRAINER_FEES, programme=course, amount_paise=500000,
        description="Trainer fee", status=FundDisbursement.PAID,
        requested_by=demo_user("finance-approver"), approved_by=demo_user("Finance"),
        approved_at=timezone.now())
    today = timezone.localdate()
    start, end = today.replace(day=1), today
    raters = makers(5)
    for maker in raters[:4]:
        ratings.rate(artisan=maker, occasion=f"programme:{course.pk}", stars={"training": 4})
    assert documents.report(company, start, end)["training_rating"] == "fewer than 5 responses"
    ratings.rate(artisan=raters[4], occasion=f"programme:{course.pk}", stars={"training": 5})
    words = documents.report(company, start, end)["training_rating"]
    assert words == "Trainees rated the training you funded 4.2 / 5, 5 responses"
    assert "4.2 / 5, 5 responses" in documents.report_csv(company, start, end)
