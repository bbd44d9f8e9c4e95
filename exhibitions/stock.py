"""The pieces an event holds, as both its transfers (``transfers``) and its sales (``sales``)
change them: a list of pieces checked, and the catalogue told that held stock moved."""

from __future__ import annotations

from collections import OrderedDict

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from . import selectors

StockRecord = get_model("partner", "StockRecord")


def stock_changed(stockrecord_ids):
    """Held stock changed: the catalogue's "At an exhibition" set is read again, and the cards
    of these products get new cache keys (their stock record's date_updated moves)."""
    StockRecord.touch(stockrecord_ids)
    # Now, and again once committed: a page reading the set in between would otherwise keep
    # the state from before this transaction for the cache's lifetime.
    cache.delete(selectors.AT_EVENTS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(selectors.AT_EVENTS_CACHE_KEY))


def merge_lines(lines) -> OrderedDict:
    """[(id, quantity)] → {id: total}, refusing what is not a positive whole number."""
    merged = OrderedDict()
    for key, quantity in lines:
        try:
            quantity = int(quantity)
            key = int(key)
        except (TypeError, ValueError):
            raise ValidationError(_("Quantities are whole numbers of pieces.")) from None
        if quantity <= 0:
            raise ValidationError(_("Quantities are whole numbers of pieces, more than zero."))
        merged[key] = merged.get(key, 0) + quantity
    if not merged:
        raise ValidationError(_("Choose at least one piece."))
    return merged
