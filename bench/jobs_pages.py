"""Staff pages with a year of data for bench/jobs.py (issue 22): the fund page and the
production page, each < 300 ms at the large size, with the same number of queries at both.

What is timed is the page as the staff member asks for it: a Django test Client signed in
(second factor passed) as Finance for the training fund, as Admin for production and capacity,
GET the URL, 200 asserted.

A year of data, built with bulk_create (seconds, not minutes) and kept between runs: a build
first counts what the bench left last time and reuses it when it is the size asked for;
otherwise it deletes the bench's own rows (marked "bench-") and builds again.

- Training fund: the size counts the fund's ledger entries in the last 365 days. A busy year
  is a few hundred sales a month (each sale credits the fund its share), a few refunds, CSR
  pledges and dozens of disbursements (training programmes and seed grants): 1,000 and 10,000
  entries, of which 1 in 100 is a paid disbursement and 1 in 500 one waiting for approval;
  makers' ratings one for every 10 entries.
- Production: the size counts production batches made in the last 365 days at 10 shelters,
  1 to 4 makers a batch; one maker for every 10 batches (50 and 500 makers): 500 and 5,000.
"""

from __future__ import annotations

import datetime
import random

from django.db import connection, transaction

from bench.jobs import Job

HOST = {"HTTP_HOST": "127.0.0.1"}
FUND_PREFIX = "bench-fund:"
BATCH_NOTE = "bench-batch"
SHELTERS = 10
PROGRAMMES = 8
GRANTEES = 20


# --- Staff users, signed in as the pages' users are -----------------------------------------
def _staff(role: str):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    email = f"bench-{role.lower()}@bench.invalid"
    user, _created = get_user_model().objects.get_or_create(
        username=email[:150], defaults={"email": email, "is_staff": True})
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def _client_for(role: str):
    """A test Client signed in as a staff member of `role`, past the second factor (as
    tests/support/auth.sign_in does)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    user = _staff(role)
    client = Client()
    client.force_login(user)
    device, _created = StaticDevice.objects.get_or_create(user=user, name="Bench backup codes")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _get(client, url):
    response = client.get(url, **HOST)
    assert response.status_code == 200, (url, response.status_code)
    return response


# --- Shelters and makers --------------------------------------------------------------------
def _shelters():
    from oscar.core.loading import get_model

    from artisans.models import Shelter

    Partner = get_model("partner", "Partner")
    shelters = list(Shelter.objects.filter(public_label__startswith="Bench shelter").order_by("pk"))
    for n in range(len(shelters), SHELTERS):
        partner = Partner.objects.create(name=f"Bench shelter {n:02d}")
        shelters.append(Shelter.objects.create(
            public_label=f"Bench shelter {n:02d}, West Bengal", partner=partner,
            private_address=f"BENCH-PRIVATE-ADDRESS {n}", weekly_capacity=60 + n * 5))
    return shelters


def _makers(prefix: str, count: int):
    """`count` makers named "<prefix> 0001"... (pseudonyms only), spread over the shelters."""
    from artisans.models import Artisan

    have = Artisan.objects.filter(pseudonym__startswith=prefix).count()
    if have < count:
        shelters = _shelters()
        Artisan.objects.bulk_create([
            Artisan(pseudonym=f"{prefix} {n:04d}", slug=f"{prefix.lower().replace(' ', '-')}-{n:04d}",
                    shelter=shelters[n % len(shelters)], craft="Kantha",
                    joined_on=datetime.date(2025, 1, 1))
            for n in range(have, count)
        ])
    return list(Artisan.objects.filter(pseudonym__startswith=prefix).order_by("pseudonym")[:count])


# --- The training fund ----------------------------------------------------------------------
def _wipe_fund():
    with connection.cursor() as cur:
        # The ledger's trigger refuses deletes (append-only for the shop); the bench removes
        # only its own journals, with triggers off for this transaction (superuser, as in dev).
        cur.execute("SET LOCAL session_replication_role = replica")
        cur.execute("DELETE FROM payouts_servicerating WHERE dedupe LIKE 'bench%%'")
        cur.execute("DELETE FROM payouts_funddisbursement WHERE description LIKE 'bench%%'")
        cur.execute("DELETE FROM payouts_entry WHERE journal_id IN (SELECT id FROM payouts_journal"
                    " WHERE idempotency_key LIKE %s)", [FUND_PREFIX + "%"])
        cur.execute("DELETE FROM payouts_journal WHERE idempotency_key LIKE %s", [FUND_PREFIX + "%"])
        cur.execute("SET LOCAL session_replication_role = origin")


def _fund_entries() -> int:
    from payouts import ledger
    from payouts.models import Entry

    return Entry.objects.filter(account__code=ledger.TRAINING_FUND,
                                journal__idempotency_key__startswith=FUND_PREFIX).count()


@transaction.atomic
def build_fund(size: int):
    from payouts import ledger
    from payouts.models import Entry, FundDisbursement, Journal, Programme
    from payouts.rating_models import ServiceRating
    from payouts.ratings import quarter_of

    finance, approver = _staff("Finance"), _staff("Finance-approver")
    if _fund_entries() != size:
        _wipe_fund()
        rng = random.Random(size)
        fund, clearing, bank = (ledger.account(c) for c in
                                (ledger.TRAINING_FUND, ledger.STRIPE_CLEARING, ledger.BANK))
        programmes = [Programme.objects.get_or_create(
            name=f"Bench programme {n}", defaults={"schedule_vii_head": "ii", "trainees": 12})[0]
            for n in range(PROGRAMMES)]
        grantees = _makers("Bench grantee", GRANTEES)
        now = datetime.datetime.now(datetime.UTC)
        journals, entries, disbursements = [], [], []
        waiting = size // 500
        for i in range(size):
            when = now - datetime.timedelta(minutes=i * 525_600 // size)
            if i % 100 == 50:  # dozens of disbursements, through the year
                event, amount = Journal.FUND, rng.randrange(500_000, 2_000_000)
            elif i % 20 == 0:
                event, amount = Journal.PLEDGE, -rng.randrange(1_000_000, 5_000_000)
            elif i % 33 == 0:
                event, amount = Journal.REFUND, rng.randrange(2_000, 8_000)
            else:
                event, amount = Journal.CAPTURE, -rng.randrange(2_000, 8_000)
            journals.append(Journal(idempotency_key=f"{FUND_PREFIX}{i}", event=event,
                                    memo=f"Bench {event} {i}", reference=f"bench-{i}",
                                    created_at=when))
            other = bank if event in (Journal.FUND, Journal.PLEDGE) else clearing
            entries.append((i, fund, amount))
            entries.append((i, other, -amount))
            if event == Journal.FUND:
                grant = i % 3 == 0
                disbursements.append(FundDisbursement(
                    head=FundDisbursement.SEED_GRANT if grant else rng.choice(
                        [FundDisbursement.TRAINER_FEES, FundDisbursement.MATERIALS]),
                    amount_paise=amount, description=f"bench disbursement {i}",
                    programme=None if grant else programmes[i % PROGRAMMES],
                    artisan=grantees[i % GRANTEES] if grant else None, status=FundDisbursement.PAID,
                    requested_by=finance, approved_by=approver, approved_at=when, journal_id=i))
        # auto_now_add would stamp "now" on every journal: off while the year is written.
        stamp = Journal._meta.get_field("created_at")
        stamp.auto_now_add = False
        try:
            Journal.objects.bulk_create(journals, batch_size=2000)
        finally:
            stamp.auto_now_add = True
        ids = dict(Journal.objects.filter(idempotency_key__startswith=FUND_PREFIX)
                   .values_list("idempotency_key", "id"))
        Entry.objects.bulk_create(
            [Entry(journal_id=ids[f"{FUND_PREFIX}{i}"], account=a, amount=amount)
             for i, a, amount in entries], batch_size=5000)
        for item in disbursements:
            item.journal_id = ids[f"{FUND_PREFIX}{item.journal_id}"]
        disbursements += [
            FundDisbursement(head=FundDisbursement.MATERIALS, amount_paise=250_000 + n,
                             description=f"bench waiting {n}", programme=programmes[n % PROGRAMMES],
                             requested_by=finance)
            for n in range(waiting)]
        FundDisbursement.objects.bulk_create(disbursements, batch_size=2000)
        subjects = [ServiceRating.TRAINING, ServiceRating.TRAINER, ServiceRating.SHELTER,
                    ServiceRating.PAYOUT]
        ServiceRating.objects.bulk_create([
            ServiceRating(
                subject=(subject := subjects[n % 4]),
                programme=programmes[n // 4 % PROGRAMMES] if subject in subjects[:2] else None,
                quarter=quarter_of((now - datetime.timedelta(days=n * 365 // (size // 10))).date()),
                stars=1 + rng.randrange(5), comment=f"Bench comment {n}" if n % 3 == 0 else "",
                dedupe=f"bench{size:06d}-{n:052d}")
            for n in range(size // 10)], batch_size=2000)
        _analyze("payouts_journal", "payouts_entry", "payouts_funddisbursement",
                 "payouts_servicerating")
    return {"client": _client_for("Finance"), "url": "/dashboard/payouts/fund/"}


# --- Production -----------------------------------------------------------------------------
def _bench_batches() -> int:
    from artisans.models import ProductionBatch

    return ProductionBatch.objects.filter(notes=BATCH_NOTE).count()


def _products():
    from oscar.core.loading import get_model

    Product, ProductClass = get_model("catalogue", "Product"), get_model("catalogue", "ProductClass")
    kind, _created = ProductClass.objects.get_or_create(
        slug="bench-kantha", defaults={"name": "Bench kantha", "track_stock": True})
    products = list(Product.objects.filter(upc__startswith="BENCH-PROD-").order_by("upc"))
    for n in range(len(products), 12):
        products.append(Product.objects.create(
            title=f"Bench kantha piece {n}", upc=f"BENCH-PROD-{n:02d}", product_class=kind,
            structure="standalone"))
    return kind, products


@transaction.atomic
def build_production(size: int):
    from artisans.models import Artisan, BatchLine, ProductionBatch

    makers_wanted = size // 10
    if _bench_batches() != size or Artisan.objects.filter(
            pseudonym__startswith="Bench maker").count() != makers_wanted:
        ProductionBatch.objects.filter(notes=BATCH_NOTE).delete()  # lines go with them
        Artisan.objects.filter(pseudonym__startswith="Bench maker").delete()
        rng = random.Random(size)
        shelters = _shelters()
        makers = _makers("Bench maker", makers_wanted)
        by_shelter = {s.pk: [m for m in makers if m.shelter_id == s.pk] for s in shelters}
        kind, products = _products()
        recorder, checker = _staff("Bench shelter staff"), _staff("Bench shelter checker")
        today = datetime.date.today()
        statuses = ([ProductionBatch.STOCKED] * 16 + [ProductionBatch.RECORDED,
                    ProductionBatch.DRAFT, ProductionBatch.REJECTED])
        batches = []
        for n in range(size):
            shelter = shelters[n % len(shelters)]
            status = rng.choice(statuses)
            one_off = n % 7 == 0
            batches.append(ProductionBatch(
                shelter=shelter, product=None if one_off else products[n % len(products)],
                product_class=kind if one_off else None,
                made_on=today - datetime.timedelta(days=n * 365 // size),
                piece_rate=40 + n % 5 * 10, status=status, notes=BATCH_NOTE,
                recorded_by=recorder,
                checked_by=checker if status in (ProductionBatch.STOCKED,
                                                  ProductionBatch.REJECTED) else None))
        ProductionBatch.objects.bulk_create(batches, batch_size=2000)
        lines = []
        for batch in batches:
            for maker in rng.sample(by_shelter[batch.shelter_id],
                                    min(len(by_shelter[batch.shelter_id]), rng.randint(1, 4))):
                pieces = rng.randint(2, 12)
                accepted = {ProductionBatch.STOCKED: pieces - rng.randint(0, 1),
                            ProductionBatch.REJECTED: 0}.get(batch.status)
                lines.append(BatchLine(batch=batch, artisan=maker, pieces=pieces,
                                       accepted_pieces=accepted))
        BatchLine.objects.bulk_create(lines, batch_size=5000)
        _analyze("artisans_productionbatch", "artisans_batchline", "artisans_artisan")
    return {"client": _client_for("Admin"), "url": "/dashboard/makers/production/"}


def _analyze(*tables):
    """Fresh planner statistics for the tables just filled, as autovacuum gives a shop whose
    year of data came in over a year (without, the planner guesses from the empty tables)."""
    with connection.cursor() as cur:
        cur.execute("ANALYZE " + ", ".join(tables))


def run_page(ctx):
    _get(ctx["client"], ctx["url"])


JOBS = [
    Job("fund page, a year of data", "fund ledger entries", (1_000, 10_000), 0.3,
        build_fund, run_page, repeat=5),
    Job("production page, a year of data", "batches", (500, 5_000), 0.3,
        build_production, run_page, repeat=5),
]
