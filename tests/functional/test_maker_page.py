"""A maker's own page (/me/, issue 21): her pieces, where they sold in words, her earnings by
kind this month and last, what is owed, her payments, her statement PDF, the living-income floor;
only she can read it (not another maker, shelter staff, finance, a shopper or a visitor), and
nothing on it names another maker, a buyer, a legal name or the shelter's address. Her consent:
she withdraws it herself and the public pages stop showing it on the next request."""

import time

import pytest
from django.core.cache import cache
from django.test import Client

from artisans import maker_auth
from artisans.consent_services import record_consent
from artisans.models import Artisan, Consent
from tests.integration.test_statements import (
    maker_of,
    online_sale,
    pay_everyone,
    piece_rate,
    stall_sale,
)
from tests.support.auth import demo_user, sign_in
from tests.support.bulk import bag_product
from tests.workshop_support import staffer_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def signed_in_maker(artisan, staff=None, language="en-in"):
    """A phone (test client) on which `artisan` signed in with a code from her shelter's staff."""
    staff = staff or staffer_of(artisan.shelter, f"staff-{artisan.pk}-{time.monotonic_ns()}")
    code, _ = maker_auth.issue_code(user=staff, artisan=artisan)
    phone = Client()
    answer = phone.post("/me/sign-in/", {"with": "code", "name": artisan.pseudonym,
                                         "code": code})
    assert answer.status_code == 302
    phone.post("/me/language/", {"language": language, "next": "/me/"})
    return phone


@pytest.fixture
def product():
    return bag_product(title="Maker page tote", price="525.00", in_stock=50)


@pytest.fixture
def maker_with_money(product):
    """The tote's maker: a batch's piece rates, a sale online, a sale at a fair, a payout."""
    maker = maker_of(product)
    piece_rate(product, 10)
    online_sale(product, "300101")
    stall_sale(product, event_name="Kolkata winter mela")
    pay_everyone()
    piece_rate(product, 4)  # after the payout: owed to her now
    return maker


def test_her_page_shows_her_work_money_and_the_floor_in_words(maker_with_money):
    phone = signed_in_maker(maker_with_money)
    page = phone.get("/me/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sold online" in html
    assert "Sold at Kolkata winter mela" in html
    assert "For pieces made" in html and "Your share of sales online" in html
    assert "Stall and fair sales" in html
    # Paid once, by bank transfer, today; and the 4 pieces after the payout are still owed.
    assert "to your bank" in html
    from payouts import ledger

    owed = -ledger.balance(ledger.maker_payable_code(maker_with_money.pk))
    assert owed > 0
    from payouts.templatetags.maker_money import her_rupees

    assert f"₹{her_rupees(owed)}" in html
    assert "still to go this month" in html or "You reached it this month" in html
    # Never the fair's place, a buyer, another maker or the shelter's private address.
    assert "Salt Lake" not in html
    assert maker_with_money.shelter.private_address not in html or not \
        maker_with_money.shelter.private_address
    for other in Artisan.objects.exclude(pk=maker_with_money.pk).values_list("pseudonym",
                                                                             flat=True):
        assert other not in html


def test_her_page_is_in_bengali_by_default(maker_with_money):
    phone = signed_in_maker(maker_with_money, language="bn")
    html = phone.get("/me/").content.decode()
    assert 'lang="bn"' in html
    assert "আপনার পাওনা বাকি" in html  # "Still to be paid to you"
    assert "Earned this month" not in html


def test_her_statement_pdf_is_finances_statement_in_bengali(maker_with_money, tmp_path):
    from django.utils import timezone

    from payouts import statement_document

    phone = signed_in_maker(maker_with_money, language="bn")
    today = timezone.localdate()
    pdf = phone.get(f"/me/statement/{today.year}-{today.month}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # The same document finance makes: the same HTML source, in Bengali.
    html = statement_document.html(maker_with_money, today, language="bn")
    assert "lang=\"bn\"" in html or "বিবরণী" in html or "মাস" in html
    # No month before she joined, none in the future.
    assert phone.get(f"/me/statement/{today.year + 1}-1.pdf").status_code == 404
    assert phone.get("/me/statement/2000-1.pdf").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "shopper", "shelter_staff", "finance",
                                  "custodian", "admin", "another_maker"])
def test_nobody_else_reads_her_page_or_her_pdf(maker_with_money, role):
    from django.utils import timezone

    today = timezone.localdate()
    pdf_path = f"/me/statement/{today.year}-{today.month}.pdf"
    if role == "another_maker":
        other = Artisan.objects.get(pseudonym="Juhi")
        client = signed_in_maker(other, staff=demo_user("Shelter staff"))
        # Her own page, with her own figures only: the URL has no maker in it to change.
        html = client.get("/me/").content.decode()
        assert "Juhi" in html and maker_with_money.pseudonym not in html
        assert "Kolkata winter mela" not in html
        pdf = client.get(pdf_path)
        assert maker_with_money.pseudonym.encode() not in pdf.content
        return
    client = Client()
    users = {"shopper": "Shopper", "shelter_staff": "Shelter staff", "finance": "Finance",
             "custodian": "Identity custodian", "admin": "Admin"}
    if role in users:
        sign_in(client, demo_user(users[role]))
    for path in ("/me/", pdf_path, "/me/consent/", "/me/rate/", "/me/pin/"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer["Location"] == "/me/sign-in/", (role, path)


def test_her_session_is_not_a_staff_or_shop_login(maker_with_money):
    phone = signed_in_maker(maker_with_money)
    assert phone.get("/workshop/").status_code == 302
    assert phone.get("/dashboard/").status_code == 302
    assert phone.get("/shop/accounts/").status_code == 302
    assert phone.get("/partners/").status_code == 302


def test_her_pages_are_never_stored_and_carry_the_strict_policy(maker_with_money):
    phone = signed_in_maker(maker_with_money)
    for path in ("/me/", "/me/consent/", "/me/rate/"):
        answer = phone.get(path)
        assert "no-store" in answer["Cache-Control"], path
        assert "'unsafe-inline'" not in answer["Content-Security-Policy"], path


# --- Consent, by herself ---------------------------------------------------------------------
@pytest.fixture
def juhi():
    return Artisan.objects.get(pseudonym="Juhi")


def test_she_withdraws_her_quote_and_story_and_the_public_pages_drop_them_at_once(juhi):
    from pagecache.pages import bump_generation  # noqa: F401  (the same purge path)

    custodian = demo_user("Identity custodian")
    for kind in (Consent.STORY, Consent.QUOTE):
        record_consent(artisan=juhi, kind=kind, granted=True, by=custodian, note="asked in person")
    visitor = Client()
    public = visitor.get(f"/makers/{juhi.slug}/").content.decode()
    assert juhi.quote in public

    phone = signed_in_maker(juhi, staff=demo_user("Shelter staff"))
    consent_page = phone.get("/me/consent/").content.decode()
    assert 'data-testid="withdraw-quote"' in consent_page
    started = time.monotonic()
    phone.post("/me/consent/", {"kind": Consent.QUOTE})
    phone.post("/me/consent/", {"kind": Consent.STORY})
    public = visitor.get(f"/makers/{juhi.slug}/").content.decode()
    bn_public = visitor.get(f"/bn/makers/{juhi.slug}/").content.decode()
    assert time.monotonic() - started < 60
    assert juhi.quote not in public and juhi.quote not in bn_public
    assert juhi.story not in public
    # Recorded as hers, through the same service as staff's withdrawal.
    latest = Consent.objects.filter(artisan=juhi, kind=Consent.QUOTE).first()
    assert latest.by_maker and not latest.granted and latest.recorded_by is None
    # She cannot grant it again herself: no button, and a post changes nothing.
    after = phone.get("/me/consent/").content.decode()
    assert 'data-testid="withdraw-quote"' not in after
    phone.post("/me/consent/", {"kind": Consent.QUOTE, "granted": "1"})
    assert Consent.objects.filter(artisan=juhi, kind=Consent.QUOTE).first().granted is False


def test_her_withdrawal_unpublishes_her_story_page(juhi):
    from storefront.models import StoryPage

    custodian = demo_user("Identity custodian")
    record_consent(artisan=juhi, kind=Consent.STORY, granted=True, by=custodian, note="asked")
    pages = list(StoryPage.objects.live().filter(artisan=juhi))
    if not pages:
        pytest.skip("the demo data has no story page of Juhi")
    visitor = Client()
    url = pages[0].url
    assert visitor.get(url).status_code == 200
    phone = signed_in_maker(juhi, staff=demo_user("Shelter staff"))
    phone.post("/me/consent/", {"kind": Consent.STORY})
    assert visitor.get(url).status_code == 404


def test_a_grant_always_needs_staff(juhi):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        record_consent(artisan=juhi, kind=Consent.QUOTE, granted=True, by=None, by_maker=True)
