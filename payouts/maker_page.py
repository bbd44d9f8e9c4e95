"""A maker's own page (/me/, issue 21): her pieces, where they sold, her earnings this month and
last by kind, what is still owed to her, her payments, her statement PDF, the living-income
floor, and the ratings she may give. Only for her (artisans.maker_auth.maker_required: her
session, never her id in a URL); in her language, Bengali unless she chose another.

The figures are the statement's own (payouts.selectors.statement, from the ledger), and the PDF
is finance's statement (payouts.documents.statement_pdf), so she reads what finance reads.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from artisans import selectors as artisan_selectors
from artisans.maker_auth import maker_required

from . import documents, ratings, statement_lines
from .models import PayoutLine
from .rating_models import ServiceRating
from .selectors import statement


def _month_before(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _sold_where(lines) -> list[dict]:
    """Where her pieces sold, in words: online, at a stall or fair (by its public name), in a
    bulk order. Never a buyer's name or city: the lines carry order numbers only."""
    online = sum(1 for x in lines if x.kind == statement_lines.SALE_SHARE)
    bulk = sum(1 for x in lines if x.kind == statement_lines.BULK_SHARE)
    stall_refs = {x.reference for x in lines if x.kind == statement_lines.STALL_SALE}
    names = statement_lines.stall_sale_names.answers(stall_refs)
    places: dict[str, int] = {}
    for x in lines:
        if x.kind == statement_lines.STALL_SALE:
            name = names.get(x.reference, "")
            places[name] = places.get(name, 0) + 1
    rows = []
    if online:
        rows.append({"words": _("Sold online"), "times": online})
    for name, times in sorted(places.items()):
        rows.append({"words": _("Sold at %(place)s") % {"place": name} if name
                     else _("Sold at a stall"), "times": times})
    if bulk:
        rows.append({"words": _("Sold in a big order to a company"), "times": bulk})
    return rows


def _kind_rows(s) -> list[dict]:
    words = {
        statement_lines.PIECE_RATE: _("For pieces made"),
        statement_lines.SALE_SHARE: _("Your share of sales online"),
        statement_lines.STALL_SALE: _("Stall and fair sales"),
        statement_lines.BULK_SHARE: _("Big orders from companies"),
        statement_lines.REFUND: _("Taken back: returned pieces"),
        statement_lines.BULK_CREDIT: _("Taken back: cancelled big orders"),
    }
    return [{"words": words[kind], "paise": paise} for kind, _label, paise in s["by_kind"]]


def _payments(artisan, limit=12) -> list[dict]:
    methods = {PayoutLine.BANK: _("to your bank"), PayoutLine.UPI: _("by UPI"),
               PayoutLine.CASH: _("in cash at the shelter")}
    rows = []
    for line in (
        PayoutLine.objects.filter(artisan=artisan, disbursement__isnull=False)
        .select_related("disbursement", "bank_outcome").order_by("-disbursement__paid_on",
                                                                 "-id")[:limit]
    ):
        outcome = getattr(line, "bank_outcome", None)
        returned = outcome is not None and outcome.failed
        rows.append({"on": line.disbursement.paid_on, "paise": line.amount_paise,
                     "how": methods.get(line.disbursement.method, ""), "returned": returned})
    return rows


@maker_required
def home(request):
    maker = request.maker
    today = timezone.localdate()
    this_month = statement(maker, today)
    last_month = statement(maker, _month_before(today))
    floor = this_month["floor"]
    earned = this_month["earned"]
    return render(request, "payouts/maker/home.html", {
        "maker": maker,
        "this": this_month, "last": last_month,
        "this_kinds": _kind_rows(this_month), "last_kinds": _kind_rows(last_month),
        "owed": this_month["closing"],
        "payments": _payments(maker),
        "batches": artisan_selectors.batches_of_maker(maker, limit=8),
        "sold": _sold_where(last_month["lines"] + this_month["lines"]),
        "floor": floor, "below_floor": max(0, floor - earned),
        "floor_percent": min(100, int(earned * 100 / floor)) if floor > 0 else 100,
        "to_rate": sum(1 for o in ratings.occasions_for(maker, today) if not o["rated"]),
        "this_period": today.replace(day=1), "last_period": _month_before(today),
    })


@maker_required
def statement_pdf(request, year, month):
    """Her statement of a month, as finance makes it, in Bengali (English if she chose
    English). Only her own: the month is in the URL, she is in the session."""
    try:
        period = datetime.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    today = timezone.localdate()
    if period > today or period < maker_start(request.maker):
        raise Http404
    language = "en" if translation.get_language() == "en-in" else "bn"
    pdf = documents.statement_pdf(request.maker, period, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="statement-{year}-{month:02d}.pdf"'
    return response


def maker_start(artisan) -> datetime.date:
    return artisan.joined_on.replace(day=1)


class RatingForm(forms.Form):
    occasion = forms.CharField(max_length=40)
    comment = forms.CharField(required=False, max_length=ratings.MAX_COMMENT,
                              widget=forms.Textarea(attrs={"rows": 3}))


@maker_required
def rate(request):
    """What she may rate now, one card each; her rating is stored without her name."""
    maker = request.maker
    if request.method == "POST":
        form = RatingForm(request.POST)
        if form.is_valid():
            stars = {subject: request.POST.get(f"stars_{subject}")
                     for subject, _label in ServiceRating.SUBJECTS}
            try:
                ratings.rate(artisan=maker, occasion=form.cleaned_data["occasion"], stars=stars,
                             comment=form.cleaned_data["comment"])
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Thank you. Nobody sees who gave this rating."))
        return redirect("maker-page:rate")
    labels = {
        ServiceRating.TRAINING: _("The training"),
        ServiceRating.TRAINER: _("The trainer"),
        ServiceRating.SHELTER: _("Help from the shelter"),
        ServiceRating.PAYOUT: _("Was the money on time?"),
    }
    items = []
    for item in ratings.occasions_for(maker):
        if item["kind"] == "training":
            title = _("Training: %(name)s") % {"name": item["programme"].name}
        elif item["kind"] == "payout":
            title = _("Payment of %(date)s") % {"date": _date(item["on"])}
        else:
            title = _("The shelter's support this season")
        items.append({**item, "title": title,
                      "rows": [{"subject": s, "label": labels[s]} for s in item["subjects"]]})
    return render(request, "payouts/maker/rate.html", {"items": items, "stars": range(1, 6)})


def _date(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F")
