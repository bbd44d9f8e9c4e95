"""Staff long jobs of the csr_partners app for bench/jobs.py (issue 22).

* "recipients file checked and saved": a bulk order's recipients CSV (500 and 5,000 rows)
  uploaded and checked by ``check_upload``, the service the Celery task runs: every row checked
  (state, PIN code in that state, Indian phone), the rows saved, the upload's progress written.
* "CSR report ...": a company whose tie-up has 10,000 and 100,000 pledged orders (some
  refunded, some partly given back, some payments), its CSR contact asking for the report of the
  financial year so far: the web page, the PDF and the CSV, each a request through Django's
  test client (the same view, middleware and template as the browser's click).

The data is made in bulk (bulk_create, and INSERT ... SELECT for the pledged orders; no
signals, no order pipeline: it is not what is timed) and kept between runs; names carry the
size, so each size is built once per database.
"""

from __future__ import annotations

import datetime

from bench.jobs import Job

BENCH_PASSWORD = "bench-password-not-secret"  # noqa: S105 (a throwaway bench database)


# --- Recipients file ---------------------------------------------------------------------------
CITIES = [  # (city, state, PIN prefix): PIN codes that really are in the state
    ("Bengaluru", "Karnataka", "5600"), ("Kolkata", "West Bengal", "7000"),
    ("Mumbai", "Maharashtra", "4000"), ("Delhi", "Delhi", "1100"),
    ("Chennai", "Tamil Nadu", "6000"), ("Hyderabad", "Telangana", "5000"),
    ("Pune", "maharashtra", "4110"), ("Gurugram", "haryana", "1220"),
]


def recipients_file(n: int) -> bytes:
    """A file as a company's HR exports it: aliases in the header, spaced PIN codes, phones
    written several ways, a blank line at the end."""
    lines = ["Full Name,Address,Address 2,Town,State,PIN,Mobile Number,Message"]
    for i in range(n):
        city, state, pin = CITIES[i % len(CITIES)]
        phone = (f"98{i:08d}", f"+91 98{i:08d}", f"098{i:08d}")[i % 3]
        lines.append(f'Employee {i},"{i + 1} Office Road, Block {i % 7}",Floor {i % 9},{city},'
                     f"{state},{pin[:3]} {pin[3:]}{i % 90 + 10:02d},{phone},"
                     "Happy Women's Day from all of us!")
    return ("\n".join(lines) + "\n\n").encode("utf-8")


def _user(username: str, **extra):
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.in", **extra})
    if created:
        user.set_password(BENCH_PASSWORD)
        user.save()
    return user


def _company(name: str, gstin: str):
    from csr_partners.models import Company

    company, _ = Company.objects.get_or_create(name=name, defaults={
        "gstin": gstin, "billing_address": "5 Residency Road\nBengaluru 560025",
        "billing_state": "Karnataka", "email_domains": f"{gstin.lower()}.example"})
    return company


def build_recipients(size: int) -> dict:
    from oscar.core.loading import get_model

    from csr_partners.models.bulk import Quote, QuoteLine, QuoteRequest

    Product = get_model("catalogue", "Product")
    ProductClass = get_model("catalogue", "ProductClass")
    company = _company(f"Bench recipients {size}", f"29BENCH{size:06d}ZR")
    buyer = _user(f"bench-buyer-{size}")
    if not company.contacts_group.user_set.filter(pk=buyer.pk).exists():
        from csr_partners import services

        services.add_contact(company=company, user=buyer)  # so the quote page opens for her
    quote = Quote.objects.filter(request__company=company).first()
    if quote is None:
        pclass, _ = ProductClass.objects.get_or_create(name="Bench bags",
                                                       defaults={"hsn_code": "420222"})
        product = Product.objects.create(product_class=pclass, title="Bench tote",
                                         structure="standalone")
        request = QuoteRequest.objects.create(
            company=company, requested_by=buyer, wanted_by=datetime.date.today(),
            bill_to_state="Karnataka")
        quote = Quote.objects.create(request=request, status=Quote.ACCEPTED, po_number="PO-1",
                                     payment=Quote.NET30, accepted_by=buyer)
        QuoteLine.objects.create(quote=quote, product=product, title="Bench tote",
                                 quantity=size * 2, list_unit_paise=52_500, unit_paise=45_000)
    return {"quote": quote, "buyer": buyer, "data": recipients_file(size), "size": size}


def run_recipients(ctx: dict) -> None:
    from django.core.files.base import ContentFile

    from csr_partners.bulk.recipient_lists import check_upload
    from csr_partners.models.bulk import RecipientUpload

    # What start_upload keeps (the file, a "checking" row), then what its Celery task runs.
    upload = RecipientUpload.objects.create(
        quote=ctx["quote"], file=ContentFile(ctx["data"], name="staff.csv"), filename="staff.csv",
        uploaded_by=ctx["buyer"])
    upload = check_upload(upload.pk)
    assert upload.status == RecipientUpload.CLEAN, upload.faults[:3]
    assert ctx["quote"].recipients.count() == ctx["size"]


# --- CSR report --------------------------------------------------------------------------------
def _insert_select(model, columns: dict[str, str], source: str, params: dict) -> None:
    """INSERT INTO model's table SELECT ...: ``columns`` maps a field to its SQL expression
    over ``source`` (``%(name)s`` for ``params``); every other NOT NULL field gets its Python
    default as a parameter. The
    data of 100,000 orders in seconds (bulk_create of 300,000 objects takes minutes on a
    loaded machine), and not what is timed."""
    from django.db import connection

    names, exprs, fixed = [], [], {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.name in columns or field.column in columns:
            names.append(field.column)
            exprs.append(columns.get(field.name, columns.get(field.column)))
        elif not field.null:
            value = field.pre_save(model(), add=True) if getattr(field, "auto_now_add", False) \
                else field.get_default()
            names.append(field.column)
            exprs.append(f"%(_{field.column})s")
            fixed[f"_{field.column}"] = field.get_db_prep_save(value, connection)
    sql = (f'INSERT INTO "{model._meta.db_table}" ({", ".join(names)}) '
           f'SELECT {", ".join(exprs)} FROM {source}')
    with connection.cursor() as cursor:
        cursor.execute(sql, {**fixed, **params})


def build_pledges(size: int) -> dict:
    """A tie-up with ``size`` pledged orders (one bag each) spread over the financial year so
    far; 1 in 50 refunded (reversed), 1 in 40 partly given back, three payments received."""
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone
    from oscar.core.loading import get_model

    from csr_partners import services
    from csr_partners.forms import ReportPeriodForm
    from csr_partners.models import Pledge, PledgePayment, PledgeReversal, TieUp

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    company = _company(f"Bench CSR {size}", f"19BENCH{size:06d}ZC")
    contact = _user(f"bench-csr-{size}")
    if not company.contacts_group.user_set.filter(pk=contact.pk).exists():
        services.add_contact(company=company, user=contact)
    start, end = ReportPeriodForm.default_period()
    tieup = TieUp.objects.filter(company=company).first()
    if tieup is None or tieup.pledges.count() != size:
        with transaction.atomic():
            finance = _user("bench-finance", is_staff=True)
            tieup = tieup or TieUp.objects.create(
                company=company, name="Bench year", rate=20, starts_on=start, ends_on=end,
                cap_paise=10**14)
            prefix = f"BCSR{size}-"
            first = timezone.make_aware(datetime.datetime.combine(start, datetime.time(12)))
            days = (end - start).days + 1
            _insert_select(Order, {
                "number": "%(prefix)s || i", "currency": "'INR'", "total_incl_tax": "525",
                "total_excl_tax": "500", "status": "'Complete'", "date_placed": "now()",
            }, "generate_series(1, %(size)s) AS i", {"prefix": prefix, "size": size})
            _insert_select(Line, {
                "order": "o.id", "partner_name": "'Bench shelter'", "partner_sku": "'B-1'",
                "title": "'Jute tote'", "quantity": "1", "line_price_incl_tax": "525",
                "line_price_excl_tax": "500", "line_price_before_discounts_incl_tax": "525",
                "line_price_before_discounts_excl_tax": "500", "status": "'Complete'",
                "num_allocated": "0",
            }, f'"{Order._meta.db_table}" o WHERE o.number LIKE %(like)s',
               {"like": prefix + "%"})
            full = "(ARRAY[10500, 9000, 12740, 6999])[1 + l.id %% 4]"
            at = "(%(first)s::timestamptz + ((l.id * 37) %% %(days)s) * interval '1 day')"
            _insert_select(Pledge, {
                "tieup": str(tieup.pk), "company": str(company.pk), "order_line": "l.id",
                "unit": "1", "order_number": "o.number", "item": "'Jute tote'",
                "basis_paise": f"{full} * 5", "full_paise": full,
                "amount_paise": f"CASE WHEN l.id %% 97 = 0 THEN {full} / 3 ELSE {full} END",
                "status": f"CASE WHEN l.id %% 50 = 49 THEN '{Pledge.REVERSED}' "
                          f"ELSE '{Pledge.PLEDGED}' END",
                "pledged_at": at,
                "reversed_at": f"CASE WHEN l.id %% 50 = 49 THEN {at} + interval '2 days' END",
            }, f'"{Line._meta.db_table}" l JOIN "{Order._meta.db_table}" o ON o.id = l.order_id '
               "WHERE o.number LIKE %(like)s", {"first": first, "days": days, "like": prefix + "%"})
            _insert_select(PledgeReversal, {
                "pledge": "p.id", "amount_paise": "p.amount_paise / 4", "refund_id": "'re_' || p.id",
                "reversed_at": "p.pledged_at + interval '1 day'",
            }, f'"{Pledge._meta.db_table}" p WHERE p.tieup_id = %(tieup)s AND p.id %% 40 = 7',
               {"tieup": tieup.pk})
            PledgePayment.objects.bulk_create(
                PledgePayment(company=company, amount_paise=size * 1_000 + k,
                              bank_reference=f"UTR-BENCH-{size}-{k}", recorded_by=finance,
                              received_on=start + datetime.timedelta(days=30 * k + 10))
                for k in range(3))
        # Planner statistics, as a table that grew over a year has (autovacuum may not have
        # looked yet: the plans would be those of an empty table).
        from django.db import connection

        with connection.cursor() as cursor:
            for model in (Order, Line, Pledge, PledgeReversal):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    client = Client()
    client.force_login(contact)
    query = {"start": start.isoformat(), "end": end.isoformat()}
    return {"client": client, "query": query, "size": size}


def _get(ctx: dict, name: str, expect: bytes):
    from django.urls import reverse

    response = ctx["client"].get(reverse(f"csr_partners:{name}"), ctx["query"])
    assert response.status_code == 200, response.status_code
    body = b"".join(response) if response.streaming else response.content
    assert expect in body, body[:300]
    return body


def run_report_page(ctx):
    _get(ctx, "report", b"Outstanding")


def run_report_pdf(ctx):
    _get(ctx, "report-pdf", b"%PDF")


def run_report_csv(ctx):
    _get(ctx, "report-csv", b"pledged (INR)")


JOBS = [
    Job("recipients file checked and saved", "rows", (500, 5_000), 5.0,
        build_recipients, run_recipients, repeat=3),
    Job("CSR report, web page", "pledged orders", (10_000, 100_000), 2.0,
        build_pledges, run_report_page, repeat=3),
    Job("CSR report, PDF", "pledged orders", (10_000, 100_000), 2.0,
        build_pledges, run_report_pdf, repeat=3),
    Job("CSR report, CSV", "pledged orders", (10_000, 100_000), 2.0,
        build_pledges, run_report_csv, repeat=3),
]
