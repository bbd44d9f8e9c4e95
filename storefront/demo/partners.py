"""The demo's partners: Acme's CSR tie-up and campaign page, its bulk orders, and a stall this
week (exhibitions)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from storefront import roles

StockRecord = get_model("partner", "StockRecord")

DEMO_EVENT = "Spring fest stall"
DEMO_EVENT_PIECES = {"HAAT-TOTE-08": 4, "HAAT-POUCH-04": 3, "HAAT-POUCH-02": 3}


def csr(home):
    """Acme (work addresses @acme.example), its Women's Day tie-up at 20% with a cap, the
    campaign page, and csr-buyer@ as its CSR contact. The demo's window runs from today
    for a week, so the campaign is live whenever the demo is loaded."""
    from django.utils import timezone

    from csr_partners import services as csr_services
    from csr_partners.models import CampaignPage, Company, TieUp

    company = Company.objects.filter(name="Acme").first()
    if company is None:
        company = Company(name="Acme", gstin="27AABCA1234F1Z9",
                          billing_address="Acme India Pvt Ltd, 5th floor, 21 Marine Drive, "
                                          "Mumbai 400002",
                          billing_state="Maharashtra", billing_pin_code="400002",
                          email_domains="acme.example")
        company.full_clean()
        company.save()
    buyer = get_user_model().objects.get(username="csr-buyer")
    csr_services.add_contact(company=company, user=buyer)
    today = timezone.localdate()
    tieup = TieUp.objects.filter(company=company, name="Women's Day week").first()
    if tieup is None:
        tieup = TieUp.objects.create(
            company=company, name="Women's Day week", rate=Decimal("20"), basis=TieUp.PAID,
            starts_on=today, ends_on=today + datetime.timedelta(days=6),
            cap_paise=5_000_000)  # INR 50,000
        tieup.categories.set(get_model("catalogue", "Category").objects.filter(
            name__in=["Tote bags", "Pouches"]))
    if not CampaignPage.objects.filter(tieup=tieup).exists():
        home.add_child(instance=CampaignPage(
            title="Acme × Haat: Women's Day week", slug="acme-womens-day", tieup=tieup,
            intro="Acme's people buy a bag; Acme adds 20% of its price to the training fund "
                  "that teaches women new skills.",
            body="<p>Every bag is made by a woman rebuilding her life in West Bengal. "
                 "Acme employees: confirm your work e-mail below and Acme's gift is added "
                 "to each bag you buy this week.</p>"))


def bulk_orders(shelters, *, placed):
    """A quote sent to Acme and, with --with-bulk-order, a placed bulk order with parcels
    on their way."""
    from csr_partners.bulk import demo

    admin, buyer = demo.demo_users()
    demo.load(shelter=shelters[0], admin=admin, buyer=buyer, placed=placed)


def exhibition():
    """One stall this week with a few pieces sent to it; the shelter-staff login sells there
    (and may close its days) at /workshop/events/."""
    from exhibitions import transfers as exhibition_transfers
    from exhibitions.models import Concession, Event, EventStaff

    today = datetime.date.today()
    event, created = Event.objects.get_or_create(
        name=DEMO_EVENT,
        defaults={"place": "Jadavpur University, Kolkata", "starts_on": today,
                  "ends_on": today + datetime.timedelta(days=2),
                  "notes": "Students get the student price with a college ID."},
    )
    for name, percent in (("Student price", "20"), ("Partner company staff", "15")):
        Concession.objects.get_or_create(event=event, name=name,
                                         defaults={"max_percent_off": Decimal(percent)})
    staff = get_user_model().objects.get(username=roles.SHELTER_STAFF.lower().replace(" ", "-"))
    EventStaff.objects.get_or_create(event=event, user=staff, defaults={"is_manager": True})
    if created:
        admin = get_user_model().objects.get(username=roles.ADMIN.lower())
        records = dict(StockRecord.objects.filter(product__upc__in=DEMO_EVENT_PIECES)
                       .values_list("product__upc", "pk"))
        exhibition_transfers.transfer_to_event(
            event=event, user=admin, note="Demo: pieces for the stall",
            lines=[(records[upc], n) for upc, n in DEMO_EVENT_PIECES.items()],
        )
