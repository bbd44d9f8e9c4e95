"""The lines of a maker's monthly statement, each in her own words (issue 18).

Every posting to her payable account in the month becomes one line: what it is (``kind_of``, the
one place that reads a journal's idempotency key, README "Money"), a label she can read
("Piece rate, batch 12 (30 pieces)", "Sale share, order 100045", "Bulk order B000007 share",
"Stall sale, College fest", "Paid to you by bank transfer") and the amount in paise, positive
when it is owed to her, negative when her share was taken back (a refund, a credit note) or
paid out.

Labels name orders, batches, bulk orders and events only: never a buyer, a city or a legal name.
Stall sales and bulk orders are facts of apps above this one, which cannot be imported here:
each of those apps registers a reader (``stall_sale_names``, ``bulk_order_numbers`` below) in
its ``AppConfig.ready``; with none registered the line still says what it is, by its reference.
Labels are translated when built: call inside ``translation.override`` for another language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from artisans import selectors as artisan_selectors

from .models import Disbursement, Entry, Journal, PayoutLine

# What a line is.
PIECE_RATE, SALE_SHARE, BULK_SHARE, STALL_SALE = "piece_rate", "sale_share", "bulk_share", "stall"
REFUND, BULK_CREDIT, PAYOUT, ADJUSTMENT = "refund", "bulk_credit", "payout", "adjustment"
# Earned this month: every kind of earning, less the shares taken back by refunds and credit
# notes. Payouts and corrections move her balance but are not earnings.
EARNING_KINDS = (PIECE_RATE, SALE_SHARE, BULK_SHARE, STALL_SALE)
TAKEN_BACK_KINDS = (REFUND, BULK_CREDIT)
EARNED_KINDS = EARNING_KINDS + TAKEN_BACK_KINDS
# The journal events whose postings to a maker are earnings (runs.earnings_in uses the same).
EARNING_EVENTS = (Journal.BATCH, Journal.CAPTURE, Journal.REFUND, Journal.INVOICE,
                  Journal.CREDIT_NOTE)


class Readers:
    """The readers registered for one kind of detail: each takes a list of references and
    returns {reference: detail} for those it knows."""

    def __init__(self):
        self._readers = []

    def register(self, reader) -> None:
        if reader not in self._readers:
            self._readers.append(reader)

    def answers(self, references) -> dict[str, str]:
        found: dict[str, str] = {}
        if references:
            for reader in self._readers:
                found.update(reader(sorted(references)) or {})
        return found


# {order number: the public name of the exhibition or stall it was sold at}, for the sales made
# in person (exhibitions registers it).
stall_sale_names = Readers()
# {tax invoice number: the number of the bulk order it (or its credit note) is about}
# (csr_partners registers it).
bulk_order_numbers = Readers()


def kind_of(key: str, event: str) -> str:
    """What a journal is to a maker, from its idempotency key (``batch:N:accepted``,
    ``event-sale:<id>:captured``, ``invoice:<n>``, ``credit:<n>``, ``payout:RUN:line:M``), else
    from its event (``pi_…:captured`` sales and ``re_…`` refunds). A card sale at a stall has a
    ``pi_`` key like an online one: ``month_lines`` recognises it by ``stall_sale_names``."""
    if key.startswith("batch:") or event == Journal.BATCH:
        return PIECE_RATE
    if key.startswith("event-sale:"):
        return STALL_SALE
    if key.startswith("invoice:") or event == Journal.INVOICE:
        return BULK_SHARE
    if key.startswith("credit:") or event == Journal.CREDIT_NOTE:
        return BULK_CREDIT
    if key.startswith("payout:") or event == Journal.PAYOUT:
        return PAYOUT
    if event == Journal.CAPTURE:
        return SALE_SHARE
    if event == Journal.REFUND:
        return REFUND
    return ADJUSTMENT


def _batch_id(key: str, reference: str) -> int | None:
    for text in (reference, key.removesuffix(":accepted")):
        if text.startswith("batch:") and text[6:].isdigit():
            return int(text[6:])
    return None


def kind_labels() -> dict[str, str]:
    """The kinds' names for the "by kind" summary, in the active language."""
    return {
        PIECE_RATE: _("Piece rates"), SALE_SHARE: _("Sale shares, online"),
        BULK_SHARE: _("Bulk order shares"), STALL_SALE: _("Stall sales"),
        REFUND: _("Refunds (your share back)"), BULK_CREDIT: _("Credit notes on bulk orders"),
    }


@dataclass
class Line:
    kind: str
    on: datetime.date
    paise: int  # owed to her positive; taken back or paid out negative
    reference: str
    label: str = ""

    @property
    def minus(self) -> bool:
        """Shown with a minus sign: money that went back (payouts are shown as paid to her, so
        a payout the bank returned, owed to her again, is the one payout line with a minus)."""
        if self.kind == PAYOUT:
            return self.paise > 0
        return self.paise < 0

    @property
    def shown_paise(self) -> int:
        return abs(self.paise)


def month_lines(artisan_id: int, payable_code: str, start, end) -> list[Line]:
    """Her lines of [start, end), oldest first: one query for the postings, and one for each
    kind of detail present (pieces per batch, stalls, bulk orders, payout methods)."""
    return months_lines({artisan_id: payable_code}, start, end)[artisan_id]


def months_lines(codes: dict[int, str], start, end) -> dict[int, list[Line]]:
    """{artisan id: her lines of [start, end)} for many makers at once ({artisan id: her payable
    account code}), in as many queries as for one: the month's statements as one batch
    (payouts.statement_batches) read the ledger once, not once per maker."""
    by_code = {code: artisan_id for artisan_id, code in codes.items()}
    rows = (
        Entry.objects.filter(account__code__in=list(by_code), journal__created_at__gte=start,
                             journal__created_at__lt=end)
        .order_by("journal__created_at", "journal_id", "id")
        .values_list("account__code", "journal_id", "journal__idempotency_key",
                     "journal__event", "journal__reference", "journal__created_at", "amount")
    )
    lines: list[Line] = []
    owners, journal_ids, batches = [], {}, {}
    for code, journal_id, key, event, reference, created_at, amount in rows:
        line = Line(kind_of(key, event), timezone.localdate(created_at), -amount, reference)
        if line.kind == PIECE_RATE:
            batches[len(lines)] = _batch_id(key, reference)
        journal_ids[len(lines)] = journal_id
        owners.append(by_code[code])
        lines.append(line)
    by_kind = {k: {x.reference for x in lines if x.kind == k} for k in
               (SALE_SHARE, STALL_SALE, REFUND, BULK_SHARE, BULK_CREDIT)}
    stalls = stall_sale_names.answers(by_kind[SALE_SHARE] | by_kind[STALL_SALE])
    bulk = bulk_order_numbers.answers(by_kind[BULK_SHARE] | by_kind[BULK_CREDIT])
    wanted = {(owners[i], b) for i, b in batches.items() if b}
    pieces = artisan_selectors.accepted_pieces_in_batches_by_maker(
        {a for a, _b in wanted}, {b for _a, b in wanted}) if wanted else {}
    payout_ids = [journal_ids[i] for i, x in enumerate(lines) if x.kind == PAYOUT]
    methods = dict(
        Disbursement.objects.filter(journal_id__in=payout_ids).values_list("journal_id", "method")
    ) if payout_ids else {}
    found: dict[int, list[Line]] = {artisan_id: [] for artisan_id in codes}
    for i, line in enumerate(lines):
        if line.kind == SALE_SHARE and line.reference in stalls:
            line.kind = STALL_SALE
        batch = batches.get(i)
        mine = {batch: pieces[owners[i], batch]} if (owners[i], batch) in pieces else {}
        line.label = _label(line, batch=batches.get(i), pieces=mine, stalls=stalls, bulk=bulk,
                            method=methods.get(journal_ids[i]))
        found[owners[i]].append(line)
    return found


def _label(line: Line, *, batch, pieces, stalls, bulk, method) -> str:
    ref = line.reference
    if line.kind == PIECE_RATE:
        if batch is None:
            return _("Piece rate")
        if batch not in pieces:
            return _("Piece rate, batch %(batch)s") % {"batch": batch}
        n = pieces[batch]
        return ngettext("Piece rate, batch %(batch)s (%(n)s piece)",
                        "Piece rate, batch %(batch)s (%(n)s pieces)", n) % {"batch": batch, "n": n}
    if line.kind == SALE_SHARE:
        return _("Sale share, order %(order)s") % {"order": ref}
    if line.kind == STALL_SALE:
        if ref in stalls:
            return _("Stall sale, %(event)s") % {"event": stalls[ref]}
        return _("Stall sale, order %(order)s") % {"order": ref}
    if line.kind == BULK_SHARE:
        if ref in bulk:
            return _("Bulk order %(order)s share") % {"order": bulk[ref]}
        return _("Bulk order share, invoice %(invoice)s") % {"invoice": ref}
    if line.kind == REFUND:
        return _("Refund of order %(order)s: your share back") % {"order": ref}
    if line.kind == BULK_CREDIT:
        return _("Credit note on bulk order %(order)s: your share of the cancelled pieces") % {
            "order": bulk.get(ref, ref)}
    if line.kind == PAYOUT and line.paise > 0:
        # The reversal of a payout the bank sent back (payouts.bank_returns): owed to her again.
        return _("Payment returned by the bank: owed to you again")
    if line.kind == PAYOUT:
        return {
            PayoutLine.BANK: _("Paid to you by bank transfer"),
            PayoutLine.UPI: _("Paid to you by UPI"),
            PayoutLine.CASH: _("Paid to you in cash at the shelter"),
        }.get(method, _("Paid to you"))
    return _("Correction by the finance team")
