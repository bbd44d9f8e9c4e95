"""The one formatter of Indian rupees, for every page, e-mail and document in every language.

Indians read ₹1,23,456.00: the rupee sign first and lakh/crore grouping (3, then 2, 2, ...).
Babel's CLDR data gives exactly that for en_IN, and the same for bn_IN and hi_IN, in Latin
digits (CLDR's default numbering for bn_IN: prices on cards, Stripe's receipts and tax invoices
all use them, so a Bengali page shows the figures a shopper sees at payment; tests/unit/
test_money.py checks the three agree). A bare "bn" locale would put the sign after the number,
so the formatting locale is fixed rather than taken from the page's language.

It is also the one place that converts between rupees (Decimal) and paise (int, the unit of
the ledger, Stripe and every stored amount): ``to_paise`` and ``rupees``. It is in the lowest
import layer so that every app (payouts, csr_partners, storefront) can use it.

Oscar's `{{ price|currency }}` makes the same babel call: settings.OSCAR_CURRENCY_FORMAT holds
this locale and pattern (tests/unit/test_money.py checks they agree), so Oscar's templates and
ours print identical amounts.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_currency, parse_pattern

LOCALE = "en_IN"
# Sign first, Indian grouping, always two decimals.
PATTERN = "¤#,##,##0.00"
# Parsed once: babel parses a pattern string again on every call, and a staff page of figures
# (the fund page's twelve months) formats a hundred of them.
_LOCALE = Locale.parse(LOCALE)
_FIGURE = parse_pattern("#,##,##0.00")
_COUNT = parse_pattern("#,##,##0")


def to_paise(amount: Decimal) -> int:
    """Rupees as a Decimal to integer paise, rounding half up at the half paisa.

    Only Decimals: a float (0.1 + 0.2) would already be wrong before it got here, and a str
    or int has not been read as money yet, so anything else raises TypeError."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"amounts are Decimals, not {type(amount).__name__}")
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def rupees(paise: int) -> Decimal:
    """Integer paise as rupees, a Decimal with two places (12345 -> Decimal("123.45"))."""
    return (Decimal(int(paise)) / 100).quantize(Decimal("0.01"))


def format_inr(amount, *, currency: str = "INR") -> str:
    """Rupees (Decimal, int or numeric string) as ₹1,23,456.00; '' for nothing."""
    if amount in (None, ""):
        return ""
    return format_currency(Decimal(str(amount)), currency, format=PATTERN, locale=LOCALE,
                           currency_digits=False)


def format_paise(paise) -> str:
    """Integer paise (the ledger's unit) as ₹1,23,456.78."""
    if paise in (None, ""):
        return ""
    return format_inr(rupees(paise))


def format_paise_figure(paise) -> str:
    """Integer paise as 1,23,456.78: Indian grouping without the sign, for "INR ..." in
    messages and for figures in CSV and report cells."""
    return _FIGURE.apply(rupees(paise), _LOCALE)


def format_count(number) -> str:
    """A count with Indian grouping: 12,34,567."""
    return _COUNT.apply(number, _LOCALE)
