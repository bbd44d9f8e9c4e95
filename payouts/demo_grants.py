"""Demo seed grants (issue 21), called by storefront's load_demo with --with-seed-grants
(``make demo``): one grant in each decision state, follow-ups at 3, 6 and 12 months with one
due and one overdue, and enough disbursed grants that the impact page and the CSR report show
some aggregates (6 women funded, 5 reporting earnings) and hide others (fewer than 5 followed up
at 12 months). The tests' demo data has none: their figures are about a fund with no grant.

Dates are set back as if the grants had been made months ago; the ledger's journals stay dated
today (journals are append-only)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from artisans.models import Artisan

from . import grants, ledger
from .grant_models import GrantFollowUp, SeedGrant, SeedGrantDecision
from .models import FundDisbursement, Journal

OPENING_KEY = "demo:training-fund-seed-grants"

# (pseudonym, business, where she sells, asked INR, already has, granted INR, days ago,
#  follow-ups {months: (running, earned INR, notes)})
DISBURSED = [
    ("Juhi", "Two goats to raise and sell kids", "The Tuesday haat at Canning", 15000,
     "A shed behind her room", 15000, 400,
     {3: (True, 1500, "One goat is expecting."), 6: (True, 3200, ""),
      12: (True, 4800, "Sold two kids at the Eid market.")}),
    ("Bakul", "Block-printed cushion covers to order", "Her neighbourhood and the shop", 12000,
     "Blocks and a table", 12000, 375,
     {3: (True, 2200, ""), 6: (True, 3600, "Took an order from a school.")}),
    ("Palash", "A tea stall near the bus stand", "The bus stand at Baruipur", 18000,
     "A kettle and stove", 16000, 245,
     {3: (True, 2600, ""), 6: (False, 0, "Closed for two months: her mother was ill.")}),
    ("Togor", "Tailoring blouses at home", "Women in her lane", 20000, "A hand machine",
     20000, 215, {3: (True, 3000, ""), 6: (True, 4100, "Bought a motor for the machine.")}),
    ("Shiuli", "Patchwork bags for the weekly market", "The Sunday market at Sonarpur", 10000,
     "Offcuts and scissors", 9000, 210, {3: (True, 1800, ""), 6: (True, 2500, "")}),
    ("Champa", "Pickles and papad", "Two grocery shops nearby", 8000, "Jars and a kitchen",
     8000, 150, {}),  # her 3-month follow-up is overdue
]
RISKS = {
    "family_control": "She keeps the money in her own account; her brother agreed in the "
                      "family meeting.",
    "debts": "No loans outstanding; she will not borrow against the stock.",
    "price_falls": "She sells two kinds of goods, so one price falling does not stop her.",
    "life_events": "The shelter's emergency fund covers a month if she is ill.",
}


def _user(username):
    return get_user_model().objects.get(username=username)


def _grant(finance, pseudonym, business, where, asked, has):
    grant = SeedGrant.objects.filter(artisan__pseudonym=pseudonym, business=business).first()
    return grant or grants.apply(
        user=finance, artisan=Artisan.objects.get(pseudonym=pseudonym), business=business,
        where_to_sell=where, amount_asked_paise=asked * 100, already_has=has)


def load(*, preparer: str = "finance", approver: str = "finance-approver") -> None:
    finance, second = _user(preparer), _user(approver)
    today = timezone.localdate()
    need = sum(row[5] for row in DISBURSED) * 100
    # The fund's money for the demo grants: a donation received before the shop opened.
    ledger.post(OPENING_KEY, "Demo: donation to the training fund for seed grants",
                [(ledger.BANK, need), (ledger.TRAINING_FUND, -need)],
                event=Journal.OTHER, reference="demo")

    for pseudonym, business, where, asked, has, granted, days, follow_ups in DISBURSED:
        grant = _grant(finance, pseudonym, business, where, asked, has)
        if grant.state != SeedGrant.APPLIED:
            continue
        decided_on = today - datetime.timedelta(days=days + 7)
        grants.save_assessment(user=finance, grant=grant, handled=RISKS)
        grants.decide(user=finance, grant=grant, outcome=SeedGrant.NOW,
                      amount_paise=granted * 100, today=decided_on)
        grant.refresh_from_db()
        grants.approve(user=second, grant=grant)
        paid_at = timezone.now() - datetime.timedelta(days=days)
        FundDisbursement.objects.filter(pk=grant.disbursement_id).update(
            requested_at=paid_at - datetime.timedelta(days=7), approved_at=paid_at)
        SeedGrant.objects.filter(pk=grant.pk).update(
            recorded_at=paid_at - datetime.timedelta(days=20),
            decided_at=paid_at - datetime.timedelta(days=7))
        SeedGrantDecision.objects.filter(grant=grant).update(
            decided_at=paid_at - datetime.timedelta(days=7))
        grant.refresh_from_db()
        for months, (running, earned, notes) in follow_ups.items():
            due = grants.follow_up_due_on(grant, months)
            item = grants.record_follow_up(user=finance, grant=grant, months=months,
                                           running=running, earned_last_month_paise=earned * 100,
                                           notes=notes, today=due)
            GrantFollowUp.objects.filter(pk=item.pk).update(
                recorded_at=timezone.make_aware(datetime.datetime.combine(due, datetime.time(11))))

    # Shiuli's first idea was not funded, with the reason she was told.
    first = _grant(finance, "Shiuli", "A second tea stall beside her sister's",
                   "The same corner as her sister", 15000, "Nothing yet")
    if first.state == SeedGrant.APPLIED:
        grants.save_assessment(user=finance, grant=first, handled={
            "competing_sellers": "Her sister's stall is on the same corner: they would share "
                                 "the same customers."})
        grants.decide(user=second, grant=first, outcome=SeedGrant.NOT_FUNDED, reason_told=(
            "Two tea stalls on one corner would split the same customers, and both of you would "
            "earn less. Let us find another business together; you can apply again."))
    # Juhi wants a second business: later, after talking with her family; the date has come.
    later = _grant(finance, "Juhi", "A sewing corner for her daughter-in-law",
                   "The same haat as her goats", 10000, "Space in the shed")
    if later.state == SeedGrant.APPLIED:
        grants.decide(user=finance, grant=later, outcome=SeedGrant.LATER, revisit_on=today,
                      today=today - datetime.timedelta(days=30),
                      note="Her son wants to decide for her: talk with the family first.")
    # Togor's second idea: applied and assessed, waiting for a decision.
    waiting = _grant(finance, "Togor", "Selling school uniforms in June",
                     "Parents at two schools", 14000, "Her machine and motor")
    if not waiting.risks.exists():
        grants.save_assessment(user=finance, grant=waiting, handled={
            "stock_at_home": "Uniforms are sewn to order, so no stock sits at home.",
            "price_falls": "The schools fix the design; prices are set each June."})
