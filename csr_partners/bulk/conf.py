"""Bulk-order settings, read from Django settings with the shop's defaults."""

from django.conf import settings

QUOTE_VALID_DAYS = getattr(settings, "BULK_QUOTE_VALID_DAYS", 14)
NET_TERMS_DAYS = getattr(settings, "BULK_NET_TERMS_DAYS", 30)
PACKING_DAYS = getattr(settings, "BULK_PACKING_DAYS", 3)
TRANSIT_DAYS = getattr(settings, "BULK_TRANSIT_DAYS", 5)
MAX_UPLOAD_BYTES = 2_000_000
PROGRESS_EVERY = 100

# The supplier on every tax invoice (HAAT_SUPPLIER in settings, from the environment).
DEFAULT_SUPPLIER = {
    "legal_name": "Haat Livelihoods Foundation",
    "gstin": "19AAATH1234K1Z5",
    "state": "West Bengal",
    "address": "Hub: 14 College Street, Kolkata 700073, West Bengal",
}


def supplier() -> dict:
    return {**DEFAULT_SUPPLIER, **getattr(settings, "HAAT_SUPPLIER", {})}


def delivery_paise(pieces: int, many: bool) -> int:
    """The computed delivery charge: per parcel for many recipients, per 50 pieces for one
    address (GST included). Staff may change it with a reason."""
    per_parcel = getattr(settings, "BULK_PARCEL_PAISE", 12_000)
    if many:
        return per_parcel * pieces if pieces else 0
    return per_parcel * max(1, -(-pieces // 50))
