"""Helpers for CSR tie-up tests: a company and tie-up of their own, and the emailed link."""

import datetime
import re
from decimal import Decimal

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from csr_partners.models import Company, TieUp

Category = get_model("catalogue", "Category")

# A valid GSTIN (check character computed by GSTN's rule), West Bengal.
TESTCO_GSTIN = "19AABCT5678K1ZO"


def make_tieup(*, cap_paise=1_000_000, rate=Decimal("20"), basis=TieUp.PAID, days=(-1, 1),
               category="Pouches", name="Testco") -> TieUp:
    company, _ = Company.objects.get_or_create(
        name=name, defaults={
            "gstin": TESTCO_GSTIN, "billing_address": "1 Park Street, Kolkata 700016",
            "billing_state": "West Bengal", "email_domains": "testco.example"})
    today = timezone.localdate()
    tieup = TieUp.objects.create(
        company=company, name="Women's Day week", rate=rate, basis=basis,
        starts_on=today + datetime.timedelta(days=days[0]),
        ends_on=today + datetime.timedelta(days=days[1]), cap_paise=cap_paise)
    tieup.categories.set(Category.objects.filter(name=category))
    return tieup


def emailed_link(to: str) -> str:
    message = [m for m in mail.outbox if to in m.to][-1]
    match = re.search(r"https?://\S+/partners/verify/confirm/\S+", message.body)
    assert match, message.body
    return match.group(0)


def verify(client, tieup, work_email, *, guest_email=""):
    """Ask for the link as the shopper of ``client`` and open it: returns the final response."""
    response = client.post(reverse("csr_partners:verify", args=[tieup.pk]),
                           {"work_email": work_email, "guest_email": guest_email})
    assert response.status_code == 302
    link = emailed_link(work_email)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    return client.post("/" + path.split("?")[0], follow=True)


def pledged_orders(tieup, n, *, start=None, reversed_every=5, part_reversed_every=4):
    """``n`` paid orders of one bag each, pledged on the tie-up, made with bulk_create (the
    query-count tests and bench/jobs_csr.py need many, fast): every ``reversed_every``-th bag
    refunded (its pledge reversed), every ``part_reversed_every``-th partly given back (a
    quarter of its pledge). Returns the pledges."""
    from csr_partners.models import Pledge, PledgeReversal

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    now = timezone.now()
    prefix = f"T{tieup.pk}-{Order.objects.count()}-"
    orders = Order.objects.bulk_create(
        Order(number=f"{prefix}{i}", currency="INR", total_incl_tax=Decimal("525.00"),
              total_excl_tax=Decimal("500.00"), status="Complete", date_placed=now)
        for i in range(n))
    lines = Line.objects.bulk_create(
        Line(order=o, partner_name="Test shelter", partner_sku="T-1", title="Jute tote",
             quantity=1, line_price_incl_tax=Decimal("525.00"),
             line_price_excl_tax=Decimal("500.00"),
             line_price_before_discounts_incl_tax=Decimal("525.00"),
             line_price_before_discounts_excl_tax=Decimal("500.00"), status="Complete",
             num_allocated=0)
        for o in orders)
    pledges = []
    for i, line in enumerate(lines, start=1):
        at = (start or now) + datetime.timedelta(minutes=i)
        full = (10_500, 9_001, 12_740)[i % 3]
        gone = i % reversed_every == 0
        pledges.append(Pledge(
            tieup=tieup, company=tieup.company, order_line=line, unit=1,
            order_number=line.order.number, item="Jute tote", basis_paise=full * 5,
            full_paise=full, amount_paise=full if i % 7 else full // 3,
            status=Pledge.REVERSED if gone else Pledge.PLEDGED, pledged_at=at,
            reversed_at=at + datetime.timedelta(minutes=1) if gone else None))
    pledges = Pledge.objects.bulk_create(pledges)
    PledgeReversal.objects.bulk_create(
        PledgeReversal(pledge=p, amount_paise=p.amount_paise // 4, refund_id=f"re_{p.pk}",
                       reversed_at=p.pledged_at + datetime.timedelta(minutes=2))
        for i, p in enumerate(pledges, start=1) if i % part_reversed_every == 0)
    return pledges
