"""Rupees and paise (catalogue/money.py): the one conversion every app uses, with hypothesis."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogue.money import rupees, to_paise

# Every amount the ledger can hold (BigIntegerField), negative ones (refunds, balances) too.
any_paise = st.integers(min_value=-(2**63), max_value=2**63 - 1)
amounts = st.integers(min_value=0, max_value=10**15)  # up to INR 10 lakh crore


@given(any_paise)
def test_paise_to_rupees_and_back_is_the_same_amount(paise):
    shown = rupees(paise)
    assert shown.as_tuple().exponent == -2  # always two places: 12345 -> 123.45, 100 -> 1.00
    assert to_paise(shown) == paise


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_float_is_refused(amount):
    with pytest.raises(TypeError):
        to_paise(amount)


@pytest.mark.parametrize("amount", ["12.50", 12, None])
def test_anything_but_a_decimal_is_refused(amount):
    with pytest.raises(TypeError):
        to_paise(amount)


@given(amounts)
def test_half_a_paisa_rounds_up(paise):
    half = Decimal("0.005")
    assert to_paise(rupees(paise) + half) == paise + 1
    assert to_paise(rupees(paise) + half - Decimal("0.000001")) == paise
    # A refund of the same amount rounds to the same paise, with the sign.
    assert to_paise(-(rupees(paise) + half)) == -(paise + 1)


def test_the_half_paisa_a_float_would_lose():
    # 1.005 as a float is 1.00499999...: through a float it would be 100 paise, not 101.
    assert to_paise(Decimal("1.005")) == 101
    assert to_paise(Decimal("299.80")) == 29980
    assert rupees(29980) == Decimal("299.80")
