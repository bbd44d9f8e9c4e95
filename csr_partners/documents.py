"""The files a company's CSR contacts download: the monthly pledge statement and the CSR
report (PDF through WeasyPrint, like payouts/documents.py; CSV with every cell made safe for
spreadsheets). Shoppers appear only as order references.

CSV cells go through ``payouts.csv_export.write_csv``, the one guard: amounts are Decimal rupees
(``-170.00`` is a number a spreadsheet sums, never the text ``'-170.00``) and every statement row
names its tie-up, reversal rows too; payments and totals, which belong to no one tie-up, say so."""

from __future__ import annotations

import calendar
import datetime

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import format_paise_figure, rupees
from payouts import selectors as payout_selectors
from payouts.csv_export import write_csv

from . import conf
from .models import Company, Pledge, PledgePayment, PledgeReversal

FEWER_THAN = 5


def people(n: int) -> str:
    """A count of people, or "fewer than 5" (privacy rule 4: no aggregate about fewer)."""
    return str(n) if n >= FEWER_THAN or n == 0 else _("fewer than %(n)d") % {"n": FEWER_THAN}


def inr(paise: int) -> str:
    return format_paise_figure(paise)


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).write_pdf()


# --- Monthly pledge statement ------------------------------------------------------------------
def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return (datetime.date(year, month, 1),
            datetime.date(year, month, calendar.monthrange(year, month)[1]))


def statement(company: Company, year: int, month: int) -> dict:
    """Every pledge made (and reversal) in the month, with date, order reference, item and
    amount; totals; what the company paid in the month and owes at its end."""
    start, end = month_bounds(year, month)
    made = list(Pledge.objects.filter(company=company, pledged_at__date__gte=start,
                                      pledged_at__date__lte=end).select_related("tieup"))
    # A pledge reversed whole gives back what was left of it: a part given back earlier on a
    # refund by amount has its own row (that month), so the rows never count it twice.
    reversed_ = list(Pledge.objects.filter(company=company, reversed_at__date__gte=start,
                                           reversed_at__date__lte=end).select_related("tieup")
                     .annotate(left_paise=F("amount_paise") - Coalesce(
                         Sum("part_reversals__amount_paise"), 0)))
    part_reversals = list(PledgeReversal.objects.filter(
        pledge__company=company, reversed_at__date__gte=start, reversed_at__date__lte=end,
    ).select_related("pledge__tieup"))
    payments = list(PledgePayment.objects.filter(company=company, received_on__gte=start,
                                                 received_on__lte=end).order_by("received_on"))
    pledged = sum(p.amount_paise for p in made)
    reversed_total = (sum(p.left_paise for p in reversed_)
                      + sum(r.amount_paise for r in part_reversals))
    paid = sum(p.amount_paise for p in payments)
    return {
        "company": company, "start": start, "end": end, "pledges": made,
        "reversals": reversed_, "part_reversals": part_reversals, "payments": payments, "pledged": pledged,
        "reversed": reversed_total, "paid": paid, "net": pledged - reversed_total,
        "outstanding_at_end": _outstanding_until(company, end),
        "generated_at": timezone.now(),
    }


def _outstanding_until(company: Company, end: datetime.date) -> int:
    """Pledged less reversed and paid, from the first pledge to the end of ``end``: sums in the
    database (three queries, whatever the number of pledges)."""
    _since, until = _day_bounds(end, end)
    own = Pledge.objects.filter(company=company).aggregate(
        pledged=Sum("amount_paise", filter=Q(pledged_at__lt=until)),
        reversed=Sum("amount_paise", filter=Q(reversed_at__lt=until)))
    # Parts given back on pledges still standing at ``until``; a pledge reversed whole by then
    # counts in "reversed" above with its whole amount, parts included (not twice).
    given_back = PledgeReversal.objects.filter(
        pledge__company=company, reversed_at__lt=until).exclude(
        pledge__reversed_at__lt=until).aggregate(
        s=Sum("amount_paise"))["s"] or 0
    paid = PledgePayment.objects.filter(company=company, received_on__lte=end).aggregate(
        s=Sum("amount_paise"))["s"] or 0
    return (own["pledged"] or 0) - (own["reversed"] or 0) - given_back - paid


def statement_pdf(company: Company, year: int, month: int) -> bytes:
    return _pdf("csr_partners/pdf/statement.html",
                {"s": statement(company, year, month), "agency": conf.agency()})


def statement_csv(company: Company, year: int, month: int) -> str:
    """One row per pledge, reversal and payment; ``amount_inr`` a number (Decimal rupees,
    negative for reversals and payments) so the column sums to the month's change."""
    s = statement(company, year, month)
    every = _("all tie-ups")
    rows = []
    for p in s["pledges"]:
        rows.append([timezone.localtime(p.pledged_at).date().isoformat(), p.order_number,
                     p.item, p.tieup.name, rupees(p.amount_paise),
                     "partial: cap reached" if p.is_partial else ""])
    for p in s["reversals"]:
        rows.append([timezone.localtime(p.reversed_at).date().isoformat(), p.order_number,
                     p.item, p.tieup.name, -rupees(p.left_paise), "reversed: refunded"])
    for r in s.get("part_reversals", []):
        rows.append([timezone.localtime(r.reversed_at).date().isoformat(), r.pledge.order_number,
                     r.pledge.item, r.pledge.tieup.name, -rupees(r.amount_paise),
                     "partly reversed: refunded by amount"])
    for pay in s["payments"]:
        rows.append([pay.received_on.isoformat(), "", "payment received", every,
                     -rupees(pay.amount_paise), pay.bank_reference])
    rows.append(["", "", "total pledged in the month", every, rupees(s["net"]), ""])
    rows.append(["", "", "outstanding at the end of the month", every,
                 rupees(s["outstanding_at_end"]), ""])
    return write_csv(rows, header=["date", "order", "item", "tie-up", "amount_inr", "note"])


# --- CSR report --------------------------------------------------------------------------------
def _day_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """[first moment of ``start``, first moment after ``end``) in the shop's time zone: the
    same days as ``pledged_at__date`` between them, as a range the pledged_at index serves
    (``__date`` casts every row)."""
    since = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    until = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1),
                                                          datetime.time.min))
    return since, until


def tieup_lines(company: Company, start: datetime.date, end: datetime.date) -> list[dict]:
    """One line per tie-up running in the period or with pledges made in it: the bags still
    pledged, what part refunds gave back, and the net pledged, in integer paise. Summed by the
    database (three queries, whatever the number of pledges); the report's totals are the sums
    of these lines, so a finance team can check them line by line."""
    since, until = _day_bounds(start, end)
    made = Pledge.objects.filter(company=company, pledged_at__gte=since, pledged_at__lt=until)
    kept = Q(status=Pledge.PLEDGED)
    sums = {row["tieup_id"]: row for row in made.order_by().values("tieup_id").annotate(
        bags=Count("id", filter=kept), kept_paise=Sum("amount_paise", filter=kept))}
    # A bag refunded whole after a part refund: its whole pledge is already out of kept_paise.
    # A join from the few part refunds to their pledges (``pledge__in=<subquery>`` made
    # PostgreSQL scan the pledges again: half the report's time at 100,000).
    given_back = dict(PledgeReversal.objects.filter(
        pledge__company=company, pledge__pledged_at__gte=since, pledge__pledged_at__lt=until,
        pledge__status=Pledge.PLEDGED).order_by().values("pledge__tieup_id")
        .annotate(s=Sum("amount_paise")).values_list("pledge__tieup_id", "s"))
    tieups = company.tieups.filter(Q(starts_on__lte=end, ends_on__gte=start) | Q(pk__in=list(sums)))
    lines = []
    for tieup in tieups.order_by("starts_on", "pk"):
        row = sums.get(tieup.pk, {})
        back = given_back.get(tieup.pk) or 0
        pledged = (row.get("kept_paise") or 0) - back
        lines.append({"tieup": tieup, "bags": row.get("bags") or 0, "given_back": back,
                      "pledged": pledged, "inr": inr(pledged)})
    return lines


def report(company: Company, start: datetime.date, end: datetime.date) -> dict:
    lines = tieup_lines(company, start, end)
    pledged = sum(line["pledged"] for line in lines)
    received = PledgePayment.objects.filter(
        company=company, received_on__gte=start, received_on__lte=end).aggregate(
        s=Sum("amount_paise"))["s"] or 0
    outstanding = _outstanding_until(company, end)
    spending = payout_selectors.fund_spending(start, end)
    earnings = payout_selectors.earnings_paid(start, end)
    heads = [{"code": code, "label": spending["head_labels"][code], "paise": paise,
              "inr": inr(paise)} for code, paise in spending["heads"].items()]
    return {
        "company": company, "start": start, "end": end, "agency": conf.agency(),
        "bags": sum(line["bags"] for line in lines), "tieup_lines": lines,
        "pledged": pledged, "received": received, "outstanding": outstanding,
        "r": {"pledged": inr(pledged), "received": inr(received),
              "outstanding": inr(outstanding), "spent": inr(spending["total"]),
              "earnings": inr(earnings["paise"])},
        "heads": heads, "spent": spending["total"],
        "programmes": _programme_rows(spending["programmes"]),
        "trainees": people(spending["trainees"]),
        "training_rating": training_rating_words(
            payout_selectors.training_rating(spending["programme_ids"], start, end)),
        "seed_grantees": people(spending["seed_grantees"]),
        "grant_outcomes": grant_outcomes(end),
        "earnings": earnings["paise"], "makers_paid": people(earnings["makers"]),
        "tieups": [line["tieup"] for line in lines],
        "generated_at": timezone.now(),
    }


def grant_outcomes(end: datetime.date) -> dict:
    """What became of the fund's seed grants, from the first grant to the end of the period
    (payouts.selectors.seed_grant_outcomes; a follow-up comes months after the grant, so a
    period's own grants could not show it): counts of women, "fewer than 5" under 5, and the
    median monthly earnings only when at least 5 women reported them."""
    o = payout_selectors.seed_grant_outcomes(until=end)
    median = o["median_earnings_paise"]
    return {
        "grants_made": people(o["grants_made"]),
        "running_6": people(o["running_6"]), "running_12": people(o["running_12"]),
        "median_earnings": ("INR " + inr(median) if median is not None and
                            o["earnings_reports"] >= FEWER_THAN
                            else _("fewer than %(n)d") % {"n": FEWER_THAN}),
    }


def training_rating_words(rating: dict) -> str:
    """The makers' own rating of the training the fund paid for (issue 21), k >= 5: an average
    only from 5 responses or more."""
    if rating["none"]:
        return _("No ratings from trainees yet")
    if not rating["shown"]:
        return _("fewer than %(n)d responses") % {"n": FEWER_THAN}
    return _("Trainees rated the training you funded %(avg)s / 5, %(n)d responses") % {
        "avg": rating["average"], "n": rating["responses"]}


def _programme_rows(programmes) -> list[dict]:
    """Each funded programme with its trainees; if any programme trained fewer than 5, no
    programme's count is shown (the total less the others would give the small one away)."""
    small = any(0 < t < FEWER_THAN for _n, _h, t in programmes)
    return [{"name": n, "head": h, "trainees": "—" if small else people(t)}
            for n, h, t in programmes]


def report_pdf(company: Company, start: datetime.date, end: datetime.date) -> bytes:
    return _pdf("csr_partners/pdf/report.html", {"r": report(company, start, end)})


def report_csv(company: Company, start: datetime.date, end: datetime.date) -> str:
    r = report(company, start, end)
    rows = [["section", "item", "value"],
            ["company", "name", company.name], ["company", "GSTIN", company.gstin],
            ["period", "from", start.isoformat()], ["period", "to", end.isoformat()],
            ["pledges", "bags pledged on", r["bags"]],
            ["pledges", "pledged (INR)", rupees(r["pledged"])],
            ["pledges", "received (INR)", rupees(r["received"])],
            ["pledges", "outstanding at the end (INR)", rupees(r["outstanding"])]]
    for line in r["tieup_lines"]:  # these lines add up to "pledged (INR)" and "bags pledged on"
        name = line["tieup"].name
        rows.append(["pledges by tie-up", f"{name}: bags pledged on", line["bags"]])
        rows.append(["pledges by tie-up", f"{name}: given back on part refunds (INR)",
                     rupees(line["given_back"])])
        rows.append(["pledges by tie-up", f"{name}: pledged (INR)", rupees(line["pledged"])])
    for head in r["heads"]:
        rows.append(["training fund spent by Schedule VII head", head["label"],
                     rupees(head["paise"])])
    rows.append(["training fund", "total spent (INR)", rupees(r["spent"])])
    rows.append(["training fund", "artisans trained", r["trainees"]])
    rows.append(["training fund", "trainees' rating of the training", r["training_rating"]])
    rows.append(["training fund", "women given seed grants", r["seed_grantees"]])
    g = r["grant_outcomes"]
    rows.append(["seed grants to date", "women given a seed grant", g["grants_made"]])
    rows.append(["seed grants to date", "businesses running at 6 months", g["running_6"]])
    rows.append(["seed grants to date", "businesses running at 12 months", g["running_12"]])
    rows.append(["seed grants to date", "median monthly earnings reported",
                 g["median_earnings"]])
    rows.append(["makers", "earnings paid (INR)", rupees(r["earnings"])])
    rows.append(["makers", "makers paid", r["makers_paid"]])
    agency = r["agency"]
    for key in ("legal_name", "registration", "csr1_number", "pan", "reg_12a", "reg_80g"):
        rows.append(["implementing organisation", key, agency.get(key, "")])
    return write_csv(rows)
