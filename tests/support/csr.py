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
