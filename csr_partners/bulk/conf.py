"""Bulk-order settings, read from Django settings with the shop's defaults."""

from decimal import Decimal

from django.conf import settings

QUOTE_VALID_DAYS = getattr(settings, "BULK_QUOTE_VALID_DAYS", 14)
NET_TERMS_DAYS = getattr(settings, "BULK_NET_TERMS_DAYS", 30)
PACKING_DAYS = getattr(settings, "BULK_PACKING_DAYS", 3)
TRANSIT_DAYS = getattr(settings, "BULK_TRANSIT_DAYS", 5)
MAX_UPLOAD_BYTES = 2_000_000

# The supplier on every tax invoice (HAAT_SUPPLIER in settings, from the environment).
DEFAULT_SUPPLIER = {
    "legal_name": "Haat Livelihoods Foundation",
    "gstin": "19AAATH1234K1Z5",
    "state": "West Bengal",
    "address": "Hub: 14 College Street, Kolkata 700073, West Bengal",
    "location": "Kolkata",
    "pin_code": "700073",
    "bank_name": "",
    "bank_account": "",
    "ifsc": "",
    "upi_id": "",
}
# Invoice rules in the same settings block, not copied into each invoice's supplier.
DEFAULT_RULES = {"delivery_sac": "9968", "delivery_gst_rate": "0.18", "hsn_digits": 6}


def _settings() -> dict:
    return getattr(settings, "HAAT_SUPPLIER", {})


def supplier() -> dict:
    """The supplier's party details as an invoice freezes them (bank and UPI included)."""
    return {**DEFAULT_SUPPLIER,
            **{k: v for k, v in _settings().items() if k not in DEFAULT_RULES}}


def delivery_sac() -> str:
    return str(_settings().get("delivery_sac") or DEFAULT_RULES["delivery_sac"])


def delivery_gst_rate() -> Decimal:
    """Delivery's rate when the dated rate table has no row for its SAC code."""
    return Decimal(str(_settings().get("delivery_gst_rate") or DEFAULT_RULES["delivery_gst_rate"]))


def hsn_digits() -> int:
    return int(_settings().get("hsn_digits") or DEFAULT_RULES["hsn_digits"])


def delivery_paise(pieces: int, many: bool) -> int:
    """The computed delivery charge: per parcel for many recipients, per 50 pieces for one
    address (GST included). Staff may change it with a reason."""
    per_parcel = getattr(settings, "BULK_PARCEL_PAISE", 12_000)
    if many:
        return per_parcel * pieces if pieces else 0
    return per_parcel * max(1, -(-pieces // 50))
