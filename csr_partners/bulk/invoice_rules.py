"""The supplier's invoice rules from settings (``HAAT_SUPPLIER``): delivery as a service line
with its own SAC code and rate, and goods' HSN codes at the digits the supplier must print."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from payouts import tax

from . import conf
from .invoicing import HsnTooShort, LineIn, hsn_at


def delivery_line(paise: int, on: datetime.date | None = None) -> LineIn:
    """Delivery is a supply of a service: its SAC code (9968 courier, 9965 goods transport) at
    the rate the dated table holds for that code, else the rate in settings."""
    sac = conf.delivery_sac()
    rate = tax.gst_rates_at([sac], on or timezone.localdate()).get(sac)
    return LineIn(_("Delivery"), sac, 1, paise, conf.delivery_gst_rate() if rate is None else rate)


def goods_hsn(code: str, title: str) -> str:
    """``code`` at the supplier's digits; a clear refusal when the product class's code is
    shorter (finance sets the 6- or 8-digit code on the product class)."""
    digits = conf.hsn_digits()
    try:
        return hsn_at(code, digits)
    except HsnTooShort:
        raise ValidationError(
            _("The HSN code of “%(t)s” is %(h)s: tax invoices need %(n)d digits. Set the full "
              "code on the product class first.") % {"t": title, "h": code or "-", "n": digits}
        ) from None
