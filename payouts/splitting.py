"""Where a paid rupee goes: the split of a paid amount into named parts, in integer paise.

Pure Python, no Django (DESIGN.md section 4): the product page's "Where your money goes", the
ledger posting of a captured payment, refunds and statements all call ``split``, so page and
ledger agree to the paisa.

Inputs: the amount paid in paise (GST included), the GST rate (e.g. ``Decimal("0.05")``), and the
maker's and the training fund's shares of the price net of GST. Outputs four parts:

* ``gst``           = paid x rate / (1 + rate)            (the tax inside a GST-inclusive price)
* ``maker``         = net x maker_share                   (net = paid - gst)
* ``training_fund`` = net x fund_share
* ``platform``      = what is left: running the shop

Rounding, and why not largest remainder. DESIGN.md asks for largest-remainder rounding. It keeps
the sum exact, but it is not monotone per part: when the price goes up by one paisa, the fractional
parts reorder and a part can lose the extra paisa it had at the lower price (the Alabama paradox).
``tests/unit/test_splitting.py`` keeps a hypothesis test that finds such a counterexample for
``largest_remainder``. A buyer who pays more must never see the maker's or the fund's part go
down, so ``split`` rounds differently:

1. ``gst`` is the exact tax rounded half up. It is non-decreasing in ``paid`` and rises by at most
   one paisa per paisa (rate / (1 + rate) < 1), so ``net = paid - gst`` is non-decreasing too.
2. ``maker`` is ``net x maker_share`` rounded half up: non-decreasing in ``net``, never above
   ``net`` (shares are at most 1).
3. ``training_fund`` is ``net x fund_share`` rounded half up, capped at ``net - maker`` so that
   nothing goes negative; both are non-decreasing, so their minimum is too.
4. ``platform`` absorbs the remainder: ``paid - gst - maker - training_fund``, never negative.

So the parts always sum exactly to ``paid``, none is negative, and GST, maker and fund are each
non-decreasing in price; each is within one paisa of its exact value (the fund's cap only bites
when the shares add up to 1 and both round up). The platform part may move by a paisa either way
as the price rises; it is the shop's own money.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

PART_NAMES = ("gst", "maker", "training_fund", "platform")


class SplitError(ValueError):
    """Inputs the split refuses: a negative amount, a rate or share out of range."""


@dataclass(frozen=True)
class Split:
    gst: int
    maker: int
    training_fund: int
    platform: int

    @property
    def total(self) -> int:
        return self.gst + self.maker + self.training_fund + self.platform

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in PART_NAMES}

    def times(self, n: int) -> Split:
        """The split of ``n`` identical units (a line of ``n`` pieces at one unit price)."""
        return Split(*(n * getattr(self, name) for name in PART_NAMES))


def _fraction(value, name: str) -> Fraction:
    if isinstance(value, float):
        raise SplitError(f"{name} must be a Decimal, an int or a Fraction, not a float")
    try:
        return Fraction(value)
    except (TypeError, ValueError) as exc:
        raise SplitError(f"{name} is not a number: {value!r}") from exc


def _round_half_up(x: Fraction) -> int:
    return (x + Fraction(1, 2)).__floor__()


def _check(paid: int, gst_rate, maker_share, fund_share):
    if isinstance(paid, bool) or not isinstance(paid, int):
        raise SplitError("the paid amount must be a whole number of paise")
    if paid < 0:
        raise SplitError("the paid amount cannot be negative")
    rate = _fraction(gst_rate, "GST rate")
    maker = _fraction(maker_share, "maker share")
    fund = _fraction(fund_share, "training fund share")
    if not 0 <= rate <= 1:
        raise SplitError("the GST rate must be between 0 and 1 (e.g. 0.05 for 5%)")
    if not (0 <= maker <= 1 and 0 <= fund <= 1):
        raise SplitError("shares must be between 0 and 1")
    if maker + fund > 1:
        raise SplitError("the maker's and the fund's shares together cannot exceed 1")
    return rate, maker, fund


def exact_parts(paid: int, gst_rate, maker_share, fund_share) -> dict[str, Fraction]:
    """The unrounded parts, as fractions of a paisa."""
    rate, maker, fund = _check(paid, gst_rate, maker_share, fund_share)
    gst = Fraction(paid) * rate / (1 + rate)
    net = paid - gst
    return {
        "gst": gst,
        "maker": net * maker,
        "training_fund": net * fund,
        "platform": net * (1 - maker - fund),
    }


def split(paid: int, gst_rate, maker_share, fund_share) -> Split:
    """The split used everywhere: exact sum, no negative part, GST/maker/fund monotone."""
    rate, maker_share, fund_share = _check(paid, gst_rate, maker_share, fund_share)
    gst = _round_half_up(Fraction(paid) * rate / (1 + rate))
    net = paid - gst
    maker = _round_half_up(net * maker_share)
    fund = min(_round_half_up(net * fund_share), net - maker)
    return Split(gst=gst, maker=maker, training_fund=fund, platform=net - maker - fund)


def largest_remainder(paid: int, gst_rate, maker_share, fund_share) -> Split:
    """DESIGN.md's rounding, kept for comparison only (see the module docstring): floor every
    exact part, then hand the missing paise to the largest fractional parts."""
    exact = exact_parts(paid, gst_rate, maker_share, fund_share)
    floors = {name: value.__floor__() for name, value in exact.items()}
    missing = paid - sum(floors.values())
    order = sorted(PART_NAMES, key=lambda n: (-(exact[n] - floors[n]), PART_NAMES.index(n)))
    for name in order[:missing]:
        floors[name] += 1
    return Split(**floors)


def rupees(paise: int) -> Decimal:
    """Paise as rupees, for display only."""
    return (Decimal(paise) / 100).quantize(Decimal("0.01"))


def split_among(amount: int, weights: Mapping[object, int]) -> dict[object, int]:
    """Share ``amount`` paise among keys in proportion to integer ``weights``, exactly (largest
    remainder; ties by key order). Used when several makers made one stocked product."""
    keys = [k for k, w in weights.items() if w > 0]
    if not keys:
        raise SplitError("nobody to share among")
    total = sum(weights[k] for k in keys)
    shares = {k: amount * weights[k] // total for k in keys}
    rest = amount - sum(shares.values())
    order = sorted(keys, key=lambda k: -((amount * weights[k]) % total))
    for k in order[:rest]:
        shares[k] += 1
    return shares
