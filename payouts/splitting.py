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
    return _split_net(gst, paid - gst, maker_share, fund_share)


def _split_net(gst: int, net: int, maker_share: Fraction, fund_share: Fraction) -> Split:
    """Steps 2-4 of the docstring: the price net of GST among maker, fund and platform."""
    maker = _round_half_up(net * maker_share)
    fund = min(_round_half_up(net * fund_share), net - maker)
    return Split(gst=gst, maker=maker, training_fund=fund, platform=net - maker - fund)


# --- A tax invoice's line: GST on the line's taxable value, rounded once -----------------------
@dataclass(frozen=True)
class TaxableValue:
    """A GST-inclusive line price seen as a tax invoice shows it: ``taxable + gst == total``,
    ``gst == round_half_up(taxable x rate)``, and ``total`` is the line price or one paisa
    below it (see ``taxable_value``)."""

    taxable: int
    gst: int

    @property
    def total(self) -> int:
        return self.taxable + self.gst


def taxable_value(line_price: int, gst_rate) -> TaxableValue:
    """The taxable value and GST of a whole invoice line whose price (quantity x unit price)
    includes GST.

    A tax invoice states the taxable value and the tax charged on it, so the tax is the rate
    applied to the taxable value and rounded once, half up, to the paisa; it is never the tax of
    one unit times the quantity. The taxable value is the largest whole number of paise whose
    value plus that tax is not above the line price. Most prices are met exactly; for about one
    price in (1 + 1/rate) no whole-paisa taxable value reaches it (the tax steps by a paisa
    there), and the line comes to one paisa less: the invoice's ``round_off`` adds it back, so
    the buyer pays the price quoted, and the tax always equals rate x taxable value to within
    half a paisa."""
    rate, _maker, _fund = _check(line_price, gst_rate, 0, 0)

    def tax(x: int) -> int:
        return _round_half_up(x * rate)

    taxable = (Fraction(line_price) / (1 + rate)).__floor__() + 1
    while taxable > 0 and taxable + tax(taxable) > line_price:
        taxable -= 1
    return TaxableValue(taxable=taxable, gst=tax(taxable))


def round_off(line_prices, line_totals) -> int:
    """An invoice's "Round off": the total agreed (the sum of the line prices quoted, GST
    included) less the sum of the lines' values (taxable value + tax, ``taxable_value``), so
    that the invoice's total is the price agreed. Each line's value is its price or one paisa
    below it, so the round-off is never negative and at most one paisa per line (within the
    e-invoice's RndOffAmt range, 99.99, for any invoice under 10,000 lines). The one place it
    is computed: invoice, e-invoice JSON and ledger all take it from here."""
    prices, totals = list(line_prices), list(line_totals)
    if len(prices) != len(totals):
        raise SplitError("a line price for every line value")
    gaps = [p - t for p, t in zip(prices, totals, strict=True)]
    if any(g < 0 or g > 1 for g in gaps):
        raise SplitError("a line's value is its price or one paisa below it")
    return sum(gaps)


def split_line(line_price: int, gst_rate, maker_share, fund_share) -> Split:
    """The split of a tax invoice's line (bulk orders): its GST from ``taxable_value`` (what
    the invoice prints), the taxable value among maker, fund and platform exactly as ``split``
    shares a net price. The parts sum to the invoice line's total."""
    _rate, maker, fund = _check(line_price, gst_rate, maker_share, fund_share)
    value = taxable_value(line_price, gst_rate)
    return _split_net(value.gst, value.taxable, maker, fund)


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


@dataclass(frozen=True)
class GstHeads:
    """A line's GST as a tax invoice prints it: CGST + SGST within the supplier's state, IGST
    across states. Always ``cgst + sgst + igst == gst``."""

    cgst: int
    sgst: int
    igst: int

    @property
    def total(self) -> int:
        return self.cgst + self.sgst + self.igst


def gst_heads(gst: int, *, intra_state: bool) -> GstHeads:
    """Split a GST amount (paise) into its heads. Within the state it is halved between the
    Centre and the State, the odd paisa (if any) to CGST so the two heads still sum exactly;
    across states it is all IGST."""
    if isinstance(gst, bool) or not isinstance(gst, int) or gst < 0:
        raise SplitError("GST must be a whole, non-negative number of paise")
    if not intra_state:
        return GstHeads(cgst=0, sgst=0, igst=gst)
    sgst = gst // 2
    return GstHeads(cgst=gst - sgst, sgst=sgst, igst=0)


# --- CSR pledges: what a company adds for a bag its employee bought ----------------------------
PLEDGE_BASES = ("paid", "pre_gst")


@dataclass(frozen=True)
class PledgeParts:
    """A company's pledge for one unit: the price the rate applies to (``basis``), the pledge
    at the rate (``full``) and what is pledged after the tie-up's cap (``amount``)."""

    basis: int
    full: int
    amount: int

    @property
    def is_partial(self) -> bool:
        return self.amount < self.full


def pledge(paid: int, gst_rate, rate_percent, *, basis: str = "paid",
           cap_left: int | None = None) -> PledgeParts:
    """The pledge on one unit paid ``paid`` paise. ``basis`` "paid" applies the rate to the
    price paid (GST included); "pre_gst" to the price net of the GST ``split`` computes, so
    the pledge is consistent with the split posted for the same sale. ``rate_percent`` is a
    percentage (20 for 20%), rounded half up like the split's parts (non-decreasing in the
    price). ``cap_left``: what the tie-up's cap still allows; the pledge stops exactly there."""
    if isinstance(paid, bool) or not isinstance(paid, int) or paid < 0:
        raise SplitError("the paid amount must be a whole, non-negative number of paise")
    rate = _fraction(rate_percent, "pledge rate")
    if not 0 <= rate <= 100:
        raise SplitError("a pledge rate is between 0 and 100 percent")
    if basis not in PLEDGE_BASES:
        raise SplitError(f"a pledge applies to the price paid or before GST, not {basis!r}")
    if basis == "pre_gst":
        gst_rate_ = _fraction(gst_rate, "GST rate")
        if not 0 <= gst_rate_ <= 1:
            raise SplitError("the GST rate must be between 0 and 1 (e.g. 0.05 for 5%)")
        base = paid - _round_half_up(Fraction(paid) * gst_rate_ / (1 + gst_rate_))
    else:
        base = paid
    full = _round_half_up(base * rate / 100)
    if cap_left is None:
        return PledgeParts(basis=base, full=full, amount=full)
    if isinstance(cap_left, bool) or not isinstance(cap_left, int):
        raise SplitError("what is left of a cap is a whole number of paise")
    return PledgeParts(basis=base, full=full, amount=max(0, min(full, cap_left)))


def pledges_within_cap(fulls: list[int], cap_left: int) -> list[int]:
    """Pledges taken in order against what a cap allows: each whole while it fits, the one
    that reaches the cap partial, the rest nothing. Sums to ``min(sum(fulls), cap_left)``."""
    if cap_left < 0 or any(f < 0 for f in fulls):
        raise SplitError("pledges and caps are not negative")
    out = []
    for full in fulls:
        amount = min(full, cap_left)
        out.append(amount)
        cap_left -= amount
    return out
