"""GST heads and financial years: pure functions of payouts (splitting.gst_heads, tax)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from payouts.splitting import SplitError, gst_heads
from payouts.tax import amount_in_words, financial_year


@given(st.integers(min_value=0, max_value=10**10), st.booleans())
def test_heads_sum_to_the_gst_and_match_the_place_of_supply(gst, intra):
    heads = gst_heads(gst, intra_state=intra)
    assert heads.total == gst
    if intra:
        assert heads.igst == 0 and 0 <= heads.cgst - heads.sgst <= 1
    else:
        assert heads.cgst == heads.sgst == 0 and heads.igst == gst


def test_heads_refuse_fractions_and_negatives():
    for bad in (-1, 1.5, True):
        with pytest.raises(SplitError):
            gst_heads(bad, intra_state=True)


@pytest.mark.parametrize("day, year", [
    (datetime.date(2026, 3, 31), "2025-26"),
    (datetime.date(2026, 4, 1), "2026-27"),
    (datetime.date(2027, 3, 8), "2026-27"),
    (datetime.date(2099, 12, 31), "2099-00"),
])
def test_financial_year_runs_april_to_march(day, year):
    assert financial_year(day) == year


def test_amounts_in_words_use_lakh_and_crore():
    assert amount_in_words(1_23_45_678_50) == (
        "Rupees One Crore Twenty-Three Lakh Forty-Five Thousand Six Hundred and Seventy-Eight "
        "and Fifty Paise Only"
    )
    assert amount_in_words(2_00_000_00) == "Rupees Two Lakh Only"
    with pytest.raises(ValueError):
        amount_in_words(-5)
