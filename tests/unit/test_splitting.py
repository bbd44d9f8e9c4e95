"""The split (payouts/splitting.py): property tests with hypothesis."""

from decimal import Decimal

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from payouts.splitting import (
    SplitError,
    exact_parts,
    largest_remainder,
    pledge,
    pledges_within_cap,
    split,
    split_among,
)

paid = st.integers(min_value=0, max_value=10_000_000)  # up to INR 1 lakh
gst_rates = st.sampled_from([Decimal(r) for r in ("0", "0.05", "0.12", "0.18", "0.28")])


@st.composite
def shares(draw):
    maker = draw(st.integers(min_value=0, max_value=100))
    fund = draw(st.integers(min_value=0, max_value=100 - maker))
    return Decimal(maker) / 100, Decimal(fund) / 100


@given(paid, gst_rates, shares())
def test_parts_sum_exactly_and_none_is_negative(amount, rate, shares_):
    parts = split(amount, rate, *shares_)
    assert parts.total == amount
    assert min(parts.as_dict().values()) >= 0


@given(paid, gst_rates, shares())
def test_each_part_is_within_a_paisa_of_its_exact_value(amount, rate, shares_):
    parts = split(amount, rate, *shares_).as_dict()
    exact = exact_parts(amount, rate, *shares_)
    for name in ("gst", "maker", "training_fund"):
        assert abs(parts[name] - exact[name]) <= 1, name


@given(paid, gst_rates, shares(), st.integers(min_value=1, max_value=5000))
def test_gst_maker_and_fund_never_fall_when_the_price_rises(amount, rate, shares_, step):
    low, high = split(amount, rate, *shares_), split(amount + step, rate, *shares_)
    assert high.gst >= low.gst
    assert high.maker >= low.maker
    assert high.training_fund >= low.training_fund


@given(paid, gst_rates, shares())
def test_a_paisa_more_moves_gst_maker_and_fund_by_at_most_a_paisa(amount, rate, shares_):
    low, high = split(amount, rate, *shares_), split(amount + 1, rate, *shares_)
    for name in ("gst", "maker", "training_fund"):
        assert 0 <= getattr(high, name) - getattr(low, name) <= 1


@given(paid, gst_rates, shares())
def test_largest_remainder_is_exact_too(amount, rate, shares_):
    assert largest_remainder(amount, rate, *shares_).total == amount


def test_largest_remainder_is_not_monotone_per_part():
    """The Alabama paradox is real here: hypothesis finds a price where one more paisa takes a
    paisa away from the maker or the fund under largest-remainder rounding. This is why
    split() does not use it (see the module docstring)."""

    def loses_a_paisa(args):
        amount, rate, (maker_share, fund_share) = args
        low = largest_remainder(amount, rate, maker_share, fund_share)
        high = largest_remainder(amount + 1, rate, maker_share, fund_share)
        return high.maker < low.maker or high.training_fund < low.training_fund or high.gst < low.gst

    example = find(st.tuples(paid, gst_rates, shares()), loses_a_paisa,
                   settings=settings(max_examples=5000, database=None))
    assert loses_a_paisa(example)
    print("largest remainder counterexample:", example)


def test_a_worked_example():
    # INR 1,050.00 at 5% GST: GST 50.00, net 1,000.00; maker 40%, fund 10%.
    parts = split(105_000, Decimal("0.05"), Decimal("0.40"), Decimal("0.10"))
    assert parts.as_dict() == {"gst": 5_000, "maker": 40_000, "training_fund": 10_000,
                               "platform": 50_000}


def test_the_fund_is_capped_when_both_shares_round_up():
    # net 1 paisa, shares 0.5 + 0.5: both would round up to 1.
    parts = split(1, Decimal("0"), Decimal("0.5"), Decimal("0.5"))
    assert parts.as_dict() == {"gst": 0, "maker": 1, "training_fund": 0, "platform": 0}


@pytest.mark.parametrize(
    "args, message",
    [
        ((-1, Decimal("0.05"), Decimal("0.4"), Decimal("0.1")), "negative"),
        ((100.0, Decimal("0.05"), Decimal("0.4"), Decimal("0.1")), "whole number"),
        ((100, 0.05, Decimal("0.4"), Decimal("0.1")), "float"),
        ((100, Decimal("0.05"), Decimal("0.7"), Decimal("0.4")), "cannot exceed 1"),
        ((100, Decimal("-0.05"), Decimal("0.4"), Decimal("0.1")), "GST rate"),
        ((100, Decimal("0.05"), Decimal("-0.4"), Decimal("0.1")), "between 0 and 1"),
    ],
)
def test_bad_input_is_refused(args, message):
    with pytest.raises(SplitError, match=message):
        split(*args)


@given(st.integers(min_value=0, max_value=10**7),
       st.dictionaries(st.integers(1, 50), st.integers(1, 20), min_size=1, max_size=6))
def test_split_among_is_exact(amount, weights):
    shares_ = split_among(amount, weights)
    assert sum(shares_.values()) == amount
    assert min(shares_.values()) >= 0


# --- CSR pledges -----------------------------------------------------------------------------
pledge_rates = st.integers(min_value=0, max_value=10_000).map(lambda n: Decimal(n) / 100)
bases = st.sampled_from(["paid", "pre_gst"])


@given(paid, gst_rates, pledge_rates, bases)
def test_a_pledge_is_the_rate_of_its_basis_within_half_a_paisa(amount, gst, rate, basis):
    parts = pledge(amount, gst, rate, basis=basis)
    assert abs(parts.full - parts.basis * rate / 100) <= Decimal("0.5")
    assert 0 <= parts.full <= parts.basis <= amount
    assert parts.amount == parts.full and not parts.is_partial


@given(paid, gst_rates, pledge_rates)
def test_before_gst_the_basis_is_the_splits_net_price(amount, gst, rate):
    parts = pledge(amount, gst, rate, basis="pre_gst")
    assert parts.basis == amount - split(amount, gst, 0, 0).gst


@given(paid, gst_rates, pledge_rates, bases, st.integers(min_value=1, max_value=5000))
def test_a_pledge_never_falls_when_the_price_rises(amount, gst, rate, basis, step):
    assert (pledge(amount + step, gst, rate, basis=basis).full
            >= pledge(amount, gst, rate, basis=basis).full)


@given(paid, gst_rates, pledge_rates, bases, st.integers(min_value=0, max_value=10_000_000))
def test_the_cap_cuts_a_pledge_exactly(amount, gst, rate, basis, cap_left):
    parts = pledge(amount, gst, rate, basis=basis, cap_left=cap_left)
    assert parts.amount == min(parts.full, cap_left)
    assert parts.is_partial == (cap_left < parts.full)


@given(st.lists(st.integers(min_value=0, max_value=100_000), max_size=30),
       st.integers(min_value=0, max_value=1_000_000))
def test_pledges_stop_exactly_at_the_cap_with_one_partial(fulls, cap_left):
    amounts = pledges_within_cap(fulls, cap_left)
    assert sum(amounts) == min(sum(fulls), cap_left)
    partial = [i for i, (a, f) in enumerate(zip(amounts, fulls, strict=True)) if 0 < a < f]
    assert len(partial) <= 1
    if partial:  # everything after the partial pledge is nothing, everything before is whole
        i = partial[0]
        assert amounts[:i] == fulls[:i] and not any(amounts[i + 1:])


def test_twenty_percent_of_a_bag():
    assert pledge(149_900, Decimal("0.05"), 20).amount == 29_980  # INR 1,499 -> INR 299.80
    # before GST: 1,499 / 1.05 = 1,427.62 net; 20% = 285.52
    assert pledge(149_900, Decimal("0.05"), 20, basis="pre_gst").amount == 28_552
    assert pledge(149_900, Decimal("0.05"), 20, cap_left=10_000).amount == 10_000


@pytest.mark.parametrize("args, kwargs, message", [
    ((100, Decimal("0.05"), 101), {}, "between 0 and 100"),
    ((100, Decimal("0.05"), -1), {}, "between 0 and 100"),
    ((100, Decimal("0.05"), 20), {"basis": "retail"}, "before GST"),
    ((100.0, Decimal("0.05"), 20), {}, "whole"),
    ((100, Decimal("0.05"), 0.2), {}, "float"),
])
def test_bad_pledge_input_is_refused(args, kwargs, message):
    with pytest.raises(SplitError, match=message):
        pledge(*args, **kwargs)
