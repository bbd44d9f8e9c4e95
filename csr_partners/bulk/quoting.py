"""Writes of a bulk quote, in the order they happen: the buyer asks (``request_quote``), the
shop computes a draft at once (``compute_quote``), staff adjust it with a reason and send it
(``adjust_quote``, ``send_quote``), the buyer accepts it with a PO number and a way to pay
(``accept_quote``). Staff's price tiers and a company's net terms are set here too. Bad input
raises ValidationError (or PermissionDenied) before anything is written.

What comes after acceptance (the recipients, then the order) is in recipient_lists.py and
ordering.py."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from artisans import selectors as artisan_selectors
from catalogue.selectors import hsn_codes_by_product
from payouts import tax

from ..models.bulk import (
    PriceTier,
    Quote,
    QuoteAdjustment,
    QuoteLine,
    QuoteRequest,
    QuoteRequestLine,
)
from . import conf, invoice_rules, roles
from .india import canonical_state
from .planning import LineNeed, plan
from .pricing import stock_and_price, tier_price
from .signals import announce


def request_quote(*, user, company, lines, wanted_by, delivery, notes="") -> Quote:
    """A buyer asks; the shop computes a draft quote at once for staff to review and send.
    The place of supply is the company's billing state (kept on the request as it was)."""
    roles.require_buyer(user, company)
    state = canonical_state(company.billing_state)
    if state is None:
        raise ValidationError(_("The company's billing state is missing: ask us to add it."))
    wanted = [(product, int(qty)) for product, qty in lines if product is not None and qty]
    if not wanted:
        raise ValidationError(_("Ask for at least one product."))
    if any(qty < 1 for _p, qty in wanted):
        raise ValidationError(_("Quantities are whole numbers of pieces, at least 1."))
    if len({p.pk for p, _q in wanted}) != len(wanted):
        raise ValidationError(_("Each product once, please: add the quantities together."))
    if wanted_by <= timezone.localdate():
        raise ValidationError(_("The wanted delivery date must be in the future."))
    with transaction.atomic():
        request = QuoteRequest.objects.create(
            company=company, requested_by=user, wanted_by=wanted_by, delivery=delivery,
            bill_to_state=state, notes=notes,
        )
        QuoteRequestLine.objects.bulk_create(
            QuoteRequestLine(request=request, product=p, quantity=q) for p, q in wanted
        )
        quote = Quote.objects.create(request=request)
        compute_quote(quote)
    return quote


def compute_quote(quote: Quote) -> Quote:
    """Prices from the tiers, GST rates, stock, lead time and delivery; replaces the lines."""
    request = quote.request
    req_lines = list(request.lines.select_related("product", "product__parent"))
    ids = [line.product_id for line in req_lines]
    stock, price = stock_and_price(ids)
    capacity = artisan_selectors.capacity_by_product(ids)
    hsn = hsn_codes_by_product(ids)
    today = timezone.localdate()
    rates = tax.gst_rates_at(hsn.values(), today)
    tiers = defaultdict(list)
    for tier in PriceTier.objects.filter(product_id__in=ids):
        tiers[tier.product_id].append(tier)
    lines, needs = [], []
    for line in req_lines:
        pid = line.product_id
        if pid not in price:
            raise ValidationError(_("“%(t)s” has no price in the shop yet.")
                                  % {"t": line.product.get_title()})
        lines.append(QuoteLine(
            quote=quote, product_id=pid, title=line.product.get_title(),
            hsn_code=hsn.get(pid, ""), quantity=line.quantity, list_unit_paise=price[pid],
            unit_paise=tier_price(tiers[pid], line.quantity, price[pid]),
            gst_rate=rates.get(hsn.get(pid, "")), in_stock=stock[pid],
        ))
        needs.append(LineNeed(pid, line.product.get_title(), line.quantity, stock[pid],
                              capacity.get(pid, {})))
    p = plan(needs, today=today, packing_days=conf.PACKING_DAYS, transit_days=conf.TRANSIT_DAYS)
    notes = list(p.reasons)
    if p.unmakeable:
        notes.append(_("No shelter records capacity for: %(t)s. Our team will tell you a date.")
                     % {"t": ", ".join(p.unmakeable)})
    elif not p.meets(request.wanted_by):
        notes.insert(0, _("We cannot deliver by %(w)s. The earliest date we can meet is %(d)s.")
                     % {"w": request.wanted_by, "d": p.delivery_on})
    with transaction.atomic():
        quote.lines.all().delete()
        QuoteLine.objects.bulk_create(lines)
        quote.delivery_on = p.delivery_on
        quote.lead_time_note = "\n".join(notes)
        pieces = sum(line.quantity for line in lines)
        quote.delivery_paise = conf.delivery_paise(pieces, request.delivery == QuoteRequest.MANY)
        quote.prepared_at = timezone.now()
        quote.save()
    return quote


def adjust_quote(*, user, quote: Quote, unit_prices=None, delivery_paise=None, delivery_on=None,
                 reason: str) -> Quote:
    """Staff change a draft's prices or date; every change is kept with the reason."""
    roles.require_sales(user)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(_("Say why the quote is changed: the buyer may ask."))
    with transaction.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote.pk)
        if quote.status != Quote.DRAFT:
            raise ValidationError(_("Only a quote not yet sent can be changed."))
        changes = []
        for line in quote.lines.all():
            new = (unit_prices or {}).get(line.pk)
            if new is None or new == line.unit_paise:
                continue
            if new <= 0:
                raise ValidationError(_("A price must be more than zero."))
            changes.append((f"unit price: {line.title}"[:120], line.unit_paise, new))
            line.unit_paise = new
            line.save(update_fields=["unit_paise"])
        if delivery_paise is not None and delivery_paise != quote.delivery_paise:
            if delivery_paise < 0:
                raise ValidationError(_("A delivery charge cannot be negative."))
            changes.append(("delivery charge", quote.delivery_paise, delivery_paise))
            quote.delivery_paise = delivery_paise
        if delivery_on is not None and delivery_on != quote.delivery_on:
            if delivery_on <= timezone.localdate():
                raise ValidationError(_("The delivery date must be in the future."))
            changes.append(("delivery date", quote.delivery_on, delivery_on))
            quote.delivery_on = delivery_on
        if not changes:
            raise ValidationError(_("Nothing was changed."))
        quote.save()
        QuoteAdjustment.objects.bulk_create(
            QuoteAdjustment(quote=quote, what=what, before=str(before or "-")[:120],
                            after=str(after)[:120], reason=reason, by=user)
            for what, before, after in changes
        )
    return quote


def send_quote(*, user, quote: Quote) -> Quote:
    roles.require_sales(user)
    with transaction.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote.pk)
        if quote.status != Quote.DRAFT:
            raise ValidationError(_("This quote has already been sent."))
        missing = [x.title for x in quote.lines.all() if x.gst_rate is None]
        if missing:
            raise ValidationError(
                _("No GST rate is in force for the HSN code of: %(t)s. Add the rate (or the "
                  "product class's HSN code) first.") % {"t": ", ".join(missing)})
        if quote.delivery_on is None:
            raise ValidationError(_("Set a delivery date the shelters can meet first."))
        for x in quote.lines.all():
            invoice_rules.goods_hsn(x.hsn_code, x.title)
        quote.status, quote.sent_by, quote.sent_at = Quote.SENT, user, timezone.now()
        quote.valid_until = timezone.localdate() + datetime.timedelta(days=conf.QUOTE_VALID_DAYS)
        quote.save()
        announce("quote_sent", quote.pk)
    return quote


def expire_quotes(today=None) -> int:
    today = today or timezone.localdate()
    return Quote.objects.filter(status=Quote.SENT, valid_until__lt=today).update(
        status=Quote.EXPIRED)


def accept_quote(*, user, quote: Quote, po_number: str, payment: str) -> Quote:
    po_number = " ".join((po_number or "").split())
    quote = Quote.objects.select_related("request__company").get(pk=quote.pk)
    company = quote.request.company
    roles.require_buyer(user, company)
    if quote.is_expired:
        # Recorded although the acceptance is refused, so this runs outside any transaction
        # the refusal rolls back.
        Quote.objects.filter(pk=quote.pk, status=Quote.SENT).update(status=Quote.EXPIRED)
        raise ValidationError(_("This quote expired on %(d)s. Ask us for a fresh one.")
                              % {"d": quote.valid_until})
    if not po_number:
        raise ValidationError(_("Enter your company's purchase order (PO) number."))
    if payment not in (Quote.CARD, Quote.NET30):
        raise ValidationError(_("Choose how you will pay."))
    if payment == Quote.NET30 and not company.allows_net_terms:
        raise ValidationError(_("Net terms are not open to %(c)s yet: pay by card, or ask "
                                "us to allow net terms.") % {"c": company.name})
    with transaction.atomic():
        quote = Quote.objects.select_for_update().get(pk=quote.pk)
        if quote.status != Quote.SENT or quote.is_expired:
            raise ValidationError(_("This quote cannot be accepted now (it is %(s)s).")
                                  % {"s": quote.get_status_display().lower()})
        quote.status, quote.accepted_by, quote.accepted_at = Quote.ACCEPTED, user, timezone.now()
        quote.po_number, quote.payment = po_number[:60], payment
        quote.save()
        announce("quote_accepted", quote.pk)
    return quote


def set_net_terms(*, user, company, allowed: bool):
    """Staff open (or close) net terms for a company's future quotes."""
    roles.require_sales(user)
    type(company).objects.filter(pk=company.pk).update(allows_net_terms=bool(allowed))
    company.allows_net_terms = bool(allowed)
    return company


def save_tier(*, user, product, min_quantity: int, unit_paise: int) -> PriceTier:
    roles.require_sales(user)
    if min_quantity < 2 or unit_paise <= 0:
        raise ValidationError(_("A tier starts at 2 pieces or more, at a price above zero."))
    tier, _created = PriceTier.objects.update_or_create(
        product=product, min_quantity=min_quantity, defaults={"unit_paise": unit_paise})
    return tier


def delete_tier(*, user, tier_id: int):
    roles.require_sales(user)
    PriceTier.objects.filter(pk=tier_id).delete()
