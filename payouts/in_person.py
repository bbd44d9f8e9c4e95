"""Postings of sales made in person, at exhibitions and pop-up stalls (exhibitions).

The exhibitions app lives in storefront, above payouts; it calls these at the close of a day.
Each sale is an Oscar order and is posted by the same ``services.post_payment_captured`` as an
online capture (the split of each unit by payouts/splitting.py, the maker's share to her payable,
the line postings a refund reverses), with the money received into the account it went to.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import ledger, services
from .models import Journal

# Where the money of an in-person sale is: cash in the stall's box, UPI in the bank account the
# VPA pays into, a card at Stripe as online.
RECEIVED_INTO = {
    "cash": ledger.EVENT_CASH,
    "upi": ledger.BANK,
    "card": ledger.STRIPE_CLEARING,
}


def post_sale(*, order, key: str, received_into: str, amount_paise: int, paid_at, user=None):
    """Post one in-person sale. ``key``: the card's intent id, or "event-sale:<uuid>" (the
    journal's key is ``<key>:captured``; posting it again returns the first journal)."""
    if received_into not in RECEIVED_INTO:
        raise ValidationError(_("Unknown way of paying: %(m)s.") % {"m": received_into})
    return services.post_payment_captured(
        order=order, intent_id=key, amount_paise=amount_paise,
        received_into=RECEIVED_INTO[received_into], paid_at=paid_at, user=user,
    )


def post_takings_difference(*, key: str, reference: str, cash_paise: int, upi_paise: int,
                            memo: str, user=None) -> Journal | None:
    """Counted minus expected, for cash and UPI, as one journal against the differences account.

    A shortfall (negative) is the organisation's loss: the expense account is debited and the
    cash (or bank) credited by what is missing. The makers' shares, posted from the sales, stay
    whole. A surplus is the reverse. Nothing to post when both are zero."""
    for amount in (cash_paise, upi_paise):
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise ValidationError(_("Differences are whole paise."))
    if not cash_paise and not upi_paise:
        return None
    entries = [
        (RECEIVED_INTO["cash"], cash_paise),
        (RECEIVED_INTO["upi"], upi_paise),
        (ledger.TAKINGS_DIFFERENCES, -(cash_paise + upi_paise)),
    ]
    return ledger.post(key, memo, entries, event=Journal.OTHER, reference=reference, user=user)
