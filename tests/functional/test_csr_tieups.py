"""CSR tie-ups (issue 7): a verified employee's bags pledge 20% to the training fund at
capture; shown on the confirmation page, in the statement and the ledger; not after the
window, not for others; reversed on refund; cut exactly at the cap."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from csr_partners import selectors
from csr_partners.models import EmployeeVerification, Pledge, PledgePayment, TieUp
from payouts import ledger
from tests.support.auth import demo_user, sign_in
from tests.support.checkout import add_to_basket, place_order, to_preview
from tests.support.csr import emailed_link, make_tieup, verify

Order = get_model("order", "Order")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

EMPLOYEE = "meera@testco.example"
GUEST = "meera.home@example.in"
POUCH = "HAAT-POUCH-01"  # ₹380 in the demo catalogue: 20% = ₹76.00


def buy(client, base, upc=POUCH, quantity=2, email=GUEST):
    add_to_basket(client, upc, quantity=quantity)
    _preview, token = to_preview(client, base, email=email)
    response = place_order(client, token)
    assert response.status_code == 302, response
    return Order.objects.order_by("-id").first(), response


def receivable(company):
    return ledger.balance(ledger.csr_receivable_code(company.ledger_key))


def test_a_verified_employee_buying_two_bags_pledges_twenty_percent_of_each(stripe_server):
    tieup = make_tieup()
    fund_before = ledger.balance(ledger.TRAINING_FUND)
    shopper = Client()
    page = verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    assert "you are verified as an employee of Testco" in page.content.decode()

    # The basket already says what the company adds.
    add_to_basket(shopper, POUCH, quantity=2)
    basket = shopper.get(reverse("basket:summary")).content.decode()
    assert "Testco adds ₹152 to the training fund for these bags" in basket

    _preview, token = to_preview(shopper, stripe_server, email=GUEST)
    response = place_order(shopper, token)
    order = Order.objects.get(number=Order.objects.order_by("-id").first().number)

    pledges = list(Pledge.objects.filter(order_number=order.number))
    assert [p.amount_paise for p in pledges] == [7600, 7600]
    assert {p.unit for p in pledges} == {1, 2}

    thanks = shopper.get(response["Location"]).content.decode()
    assert "Testco adds ₹152 to the training fund for these bags" in thanks

    # Ledger: the company's receivable up, the training fund credited, the same amounts.
    assert receivable(tieup.company) == 15200
    assert ledger.balance(ledger.TRAINING_FUND) - fund_before <= -15200

    # The statement of the month lists both, by order reference only.
    today = timezone.localdate()
    from csr_partners import documents

    text = documents.statement_csv(tieup.company, today.year, today.month)
    assert text.count(order.number) == 2 and text.count(",76.00,") == 2
    assert GUEST not in text and EMPLOYEE not in text and "Asha" not in text


def test_the_same_shopper_after_the_window_pledges_nothing(stripe_server):
    tieup = make_tieup()
    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    TieUp.objects.filter(pk=tieup.pk).update(starts_on=yesterday - datetime.timedelta(days=6),
                                             ends_on=yesterday)
    order, _ = buy(shopper, stripe_server)
    assert not Pledge.objects.filter(order_number=order.number).exists()
    assert receivable(tieup.company) == 0


def test_a_shopper_who_is_not_an_employee_pledges_nothing(stripe_server):
    tieup = make_tieup()
    order, response = buy(Client(), stripe_server)
    assert not Pledge.objects.filter(order_number=order.number).exists()
    assert receivable(tieup.company) == 0


def test_a_product_outside_the_tieup_pledges_nothing(stripe_server):
    tieup = make_tieup(category="Pouches")
    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    order, _ = buy(shopper, stripe_server, upc="HAAT-TOTE-01", quantity=1)
    assert not Pledge.objects.filter(order_number=order.number).exists()


def test_refunding_one_bag_reverses_its_pledge(stripe_server, demo_login):
    tieup = make_tieup()
    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    order, _ = buy(shopper, stripe_server)
    line = order.lines.get()
    staff = demo_login("Admin")
    response = staff.post(reverse("dashboard:order-refund", kwargs={"number": order.number}),
                          {f"line_{line.pk}": 1})
    assert response.status_code == 302
    pledges = {p.unit: p for p in Pledge.objects.filter(order_number=order.number)}
    assert pledges[1].status == Pledge.PLEDGED and pledges[2].status == Pledge.REVERSED
    assert receivable(tieup.company) == 7600
    tieup.refresh_from_db()
    assert tieup.pledged_paise == 7600
    assert selectors.compute_campaign_figures(tieup.pk)["bags"] == 1
    today = timezone.localdate()
    from csr_partners import documents

    assert "reversed: refunded" in documents.statement_csv(tieup.company, today.year,
                                                           today.month)


def test_the_cap_reached_mid_order_makes_the_last_pledge_partial(stripe_server):
    tieup = make_tieup(cap_paise=10_000)  # ₹100: one full ₹76 pledge, then ₹24
    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    order, response = buy(shopper, stripe_server)
    amounts = sorted((p.unit, p.amount_paise, p.is_partial)
                     for p in Pledge.objects.filter(order_number=order.number))
    assert amounts == [(1, 7600, False), (2, 2400, True)]
    tieup.refresh_from_db()
    assert tieup.pledged_paise == tieup.cap_paise and tieup.cap_reached_at is not None
    assert receivable(tieup.company) == 10_000
    figures = selectors.campaign_figures(tieup.pk)
    assert figures["cap_reached"] and figures["pledged_paise"] == 10_000

    # A second order after the cap: nothing more, and the campaign says why.
    later, _ = buy(shopper, stripe_server, quantity=1)
    assert not Pledge.objects.filter(order_number=later.number).exists()


# --- Verification links --------------------------------------------------------------------------
def test_an_address_outside_the_companys_domains_is_refused(client):
    tieup = make_tieup()
    response = client.post(reverse("csr_partners:verify", args=[tieup.pk]),
                           {"work_email": "meera@gmail.com", "guest_email": GUEST}, follow=True)
    assert "is not an address at Testco" in response.content.decode()
    assert not EmployeeVerification.objects.exists() and not mail.outbox


def test_a_link_works_once_and_a_forged_or_expired_one_not_at_all(client, monkeypatch):
    tieup = make_tieup()
    client.post(reverse("csr_partners:verify", args=[tieup.pk]),
                {"work_email": EMPLOYEE, "guest_email": GUEST})
    link = emailed_link(EMPLOYEE)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    token = re.search(r"/confirm/([^/?]+)/", path).group(1)

    forged = path.replace(token, token[:-3] + ("abc" if token[-3:] != "abc" else "xyz"))
    assert "not valid" in client.post(forged).content.decode()
    nonce = EmployeeVerification.objects.get().nonce
    other = signing.TimestampSigner(salt="someone-else").sign(nonce)
    assert client.post(path.replace(token, other)).status_code == 400

    from csr_partners import conf

    monkeypatch.setattr(conf, "VERIFICATION_MAX_AGE", datetime.timedelta(seconds=-1))
    expired = client.post(path)
    assert expired.status_code == 400 and "expired" in expired.content.decode()
    assert EmployeeVerification.objects.get().confirmed_at is None
    monkeypatch.undo()

    assert client.post(path).status_code == 302
    again = client.post(path)
    assert again.status_code == 400 and "already been used" in again.content.decode()


# --- Payments, dashboard validation, scoping -----------------------------------------------------
def test_finance_records_a_payment_and_a_larger_one_is_refused(stripe_server, demo_login):
    tieup = make_tieup()
    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    buy(shopper, stripe_server)
    finance = demo_login("Finance")
    url = reverse("csr-dashboard:csr-company-detail", args=[tieup.company.pk])
    too_much = finance.post(url, {"action": "payment", "amount": "152.01",
                                  "bank_reference": "UTR1", "received_on": timezone.localdate()})
    assert too_much.status_code == 400
    assert "larger than that" in too_much.content.decode()
    assert not PledgePayment.objects.exists() and receivable(tieup.company) == 15200

    bank_before = ledger.balance(ledger.BANK)
    ok = finance.post(url, {"action": "payment", "amount": "100.00",
                            "bank_reference": "UTR2", "received_on": timezone.localdate()})
    assert ok.status_code == 302
    assert receivable(tieup.company) == 5200
    assert ledger.balance(ledger.BANK) - bank_before == 10_000


def test_tieup_form_refuses_a_bad_rate_and_an_overlap(demo_login):
    tieup = make_tieup()
    staff = demo_login("Finance")
    pouches = get_model("catalogue", "Category").objects.get(name="Pouches")
    today = timezone.localdate()
    data = {"company": tieup.company.pk, "name": "Again", "rate": "120", "basis": "paid",
            "starts_on": today, "ends_on": today + datetime.timedelta(days=3), "cap": "5000",
            "categories": [pouches.pk], "active": "on"}
    url = reverse("csr-dashboard:csr-tieup-create")
    bad_rate = staff.post(url, data)
    assert bad_rate.status_code == 400 and "between 0% and 100%" in bad_rate.content.decode()
    overlap = staff.post(url, {**data, "rate": "10"})
    assert overlap.status_code == 400 and "overlap" in overlap.content.decode()
    assert TieUp.objects.filter(company=tieup.company).count() == 1
    later = staff.post(url, {**data, "rate": "10",
                             "starts_on": tieup.ends_on + datetime.timedelta(days=1),
                             "ends_on": tieup.ends_on + datetime.timedelta(days=5)})
    assert later.status_code == 302


def test_a_csr_contact_sees_only_their_own_company(stripe_server, client):
    tieup = make_tieup()  # Testco's; the demo CSR buyer is Acme's contact
    acme = sign_in(client, demo_user("CSR buyer"))
    home = acme.get(reverse("csr_partners:home"))
    assert home.status_code == 200 and "Acme" in home.content.decode()
    assert "Testco" not in home.content.decode()
    assert acme.get(reverse("csr_partners:tieup", args=[tieup.pk])).status_code == 404
    assert "no-cache" in home["Cache-Control"] or "private" in home["Cache-Control"]
    shopper = sign_in(Client(), demo_user("Shopper"))
    assert shopper.get(reverse("csr_partners:home")).status_code == 403


def campaign_for(tieup):
    from csr_partners.models import CampaignPage
    from storefront.models import HomePage

    home = HomePage.objects.first()
    return home.add_child(instance=CampaignPage(
        title="Testco for Women's Day", slug=f"testco-{tieup.pk}", tieup=tieup,
        intro="Testco adds 20%."))


def test_the_campaign_page_serves_cached_figures_and_says_when_the_cap_is_reached(
        stripe_server, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    tieup = make_tieup(cap_paise=10_000)
    page = campaign_for(tieup)
    visitor = Client()
    first = visitor.get(page.url)
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(page.url)
    assert "bags bought" in again.content.decode()
    assert not [q for q in queries if "csr_partners_pledge" in q["sql"]], \
        "the figures must come from the cache, not a query per visitor"

    shopper = Client()
    verify(shopper, tieup, EMPLOYEE, guest_email=GUEST)
    with django_capture_on_commit_callbacks(execute=True):  # the pledges commit: refresh
        buy(shopper, stripe_server)  # ₹152 asked, ₹100 cap
    html = Client().get(page.url).content.decode()
    assert "reached its cap" in html and "₹100" in html
