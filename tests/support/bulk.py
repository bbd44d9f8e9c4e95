"""Bulk-order test data: a bag class with an HSN code and a dated GST rate, a product in stock
made by a shelter with recorded capacity, companies (in West Bengal and elsewhere) and their
buyers, and recipient files; a buyer asking for a quote and sales sending it, on the pages."""

import datetime
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from artisans import services as artisan_services
from csr_partners.models.bulk import PriceTier, Quote
from payouts.models import GstRate

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

HEADER = "name,address_line1,address_line2,city,state,pin_code,phone,gift_message\n"
CITIES = [("Bengaluru", "Karnataka", "5600{:02d}"), ("Kolkata", "West Bengal", "7000{:02d}"),
          ("Mumbai", "Maharashtra", "4000{:02d}"), ("Delhi", "Delhi", "1100{:02d}")]


def bag_product(*, title="Women's Day jute tote", price="525.00", in_stock=100, capacity=60,
                hsn="420222", rate="0.05", tier=None):
    pclass, _ = ProductClass.objects.get_or_create(
        name="Bulk test bags", defaults={"hsn_code": hsn, "track_stock": True})
    GstRate.objects.get_or_create(hsn_code=hsn, valid_from=datetime.date(2017, 7, 1),
                                  defaults={"rate": Decimal(rate)})
    product = Product.objects.create(product_class=pclass, title=title, structure="standalone",
                                     is_public=True)
    shelter = artisan_services.register_shelter(public_label=f"Bulk test shelter {product.pk}",
                                                weekly_capacity=capacity)
    maker = artisan_services.register_artisan(shelter=shelter, pseudonym=f"Bulk maker {product.pk}")
    artisan_services.link_maker(product=product, artisan=maker)
    StockRecord.objects.create(product=product, partner=shelter.partner,
                               partner_sku=f"BULK-{product.pk}", price=Decimal(price),
                               num_in_stock=in_stock)
    if tier:
        PriceTier.objects.create(product=product, min_quantity=tier[0], unit_paise=tier[1])
    return product


def company_with_buyer(*, name, gstin, address, state, net_terms=True, email=None):
    """A company (issue 7's model) and one of its contacts, who buys for it."""
    from csr_partners.models import Company

    domain = f"{name.split()[0].lower()}-{Company.objects.count()}.example"
    company = Company.objects.create(
        name=name, gstin=gstin, billing_address=address, billing_state=state,
        email_domains=domain, allows_net_terms=net_terms)
    user = get_user_model().objects.create_user(
        username=email or f"buyer@{domain}", email=email or f"buyer@{domain}",
        password="a-long-test-password")
    user.groups.add(Group.objects.get_or_create(name="CSR buyer")[0], company.contacts_group)
    return company, user


def staff(username, *groups):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.in", password="a-long-test-password",
        is_staff=True)
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def recipients_csv(n, *, start=0) -> str:
    rows = [HEADER]
    for i in range(start, start + n):
        city, state, pin = CITIES[i % len(CITIES)]
        rows.append(f"Employee {i},{i + 1} Office Road,Floor {i % 9},{city},{state},"
                    f"{pin.format(i % 90 + 1)},98{i:08d},Happy Women's Day!\n")
    return "".join(rows)


def upload(name, text):
    f = io.BytesIO(text.encode("utf-8"))
    f.name = name
    return f


def ask_for_quote(client, product, quantity, delivery="many"):
    """The signed-in buyer asks for a quote on the request page; the quote made."""
    wanted = timezone.localdate() + datetime.timedelta(days=75)
    response = client.post(reverse("csr_partners:bulk:request"), {
        "lines-TOTAL_FORMS": "3", "lines-INITIAL_FORMS": "0",
        "lines-0-product": product.pk, "lines-0-quantity": quantity,
        "wanted_by": wanted.isoformat(), "delivery": delivery,
        "notes": "For our staff on 8 March",
    })
    assert response.status_code == 302, response.content[:2000]
    return Quote.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def staff_sends(client, quote):
    """Sales send the quote from the dashboard (its emails run on commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("bulk-dashboard:bulk-quote", args=[quote.pk]),
                               {"action": "send"})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.status == Quote.SENT, list(response.wsgi_request._messages)


def bulk_staff() -> dict:
    """The shop's sales (Admin) and finance staff of a bulk-order test."""
    return {"sales": staff("bulk-sales", "Admin"), "finance": staff("bulk-finance", "Finance")}
