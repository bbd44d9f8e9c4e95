"""GST on tax invoices (issue 18), pure: random invoices add up line by line and head by head,
each line's tax is its rate applied to its taxable value, the invoice's total is the price
agreed to the paisa (its round-off never negative, at most a paisa a line), and the ledger's
split of a line carries the invoice's tax."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csr_partners.bulk.einvoice import dumps
from csr_partners.bulk.invoicing import HsnTooShort, LineIn, head_rate, hsn_at, invoice_lines
from payouts.splitting import SplitError, gst_heads, round_off, split_line, taxable_value

RATES = [Decimal(r) for r in ("0", "0.0025", "0.03", "0.05", "0.12", "0.18", "0.28")]
lines_ = st.lists(
    st.tuples(st.integers(1, 2_000_000), st.integers(1, 5_000), st.sampled_from(RATES)),
    min_size=1, max_size=10)


@given(lines_, st.booleans())
def test_random_invoices_add_up_and_every_line_tax_is_rate_times_taxable(rows, intra):
    out, totals = invoice_lines(
        [LineIn(f"item {i}", "420222", q, u, r) for i, (u, q, r) in enumerate(rows)],
        intra_state=intra)
    # The sum of the line taxes is the invoice's tax, head by head.
    assert sum(x.tax_paise for x in out) == totals.tax
    assert (sum(x.cgst_paise for x in out), sum(x.sgst_paise for x in out),
            sum(x.igst_paise for x in out)) == (totals.cgst, totals.sgst, totals.igst)
    if intra:  # CGST + SGST is the whole intra-state tax, none of it IGST
        assert totals.cgst + totals.sgst == totals.tax and totals.igst == 0
    else:
        assert totals.igst == totals.tax and totals.cgst == totals.sgst == 0
    for x in out:
        # Rounded once, on the line: within half a paisa of rate x taxable value.
        assert abs(x.tax_paise - Fraction(x.gst_rate) * x.taxable_paise) <= Fraction(1, 2)
        assert x.taxable_paise + x.tax_paise == x.total_paise
        assert x.unit_paise * x.quantity - x.total_paise in (0, 1)
        if intra:
            assert x.cgst_paise - x.sgst_paise in (0, 1)
    # The invoice's total is the total agreed, exactly: the lines' values plus the round-off,
    # which is never negative and at most one paisa a line (so under a rupee below 100 lines).
    assert totals.total == sum(u * q for u, q, _r in rows)
    assert totals.taxable + totals.tax + totals.round_off == totals.total
    assert 0 <= totals.round_off <= len(rows) and totals.round_off < 100


@given(st.lists(st.tuples(st.integers(1, 10**7), st.sampled_from(RATES)), min_size=1,
                max_size=150))
def test_the_round_off_is_a_paisa_at_most_per_line_even_on_long_invoices(rows):
    values = [taxable_value(price, rate).total for price, rate in rows]
    rounded = round_off([price for price, _rate in rows], values)
    assert sum(values) + rounded == sum(price for price, _rate in rows)
    assert 0 <= rounded <= len(rows)


def test_a_delivery_of_120_rupees_is_invoiced_119_99_plus_a_paisa_of_round_off():
    out, totals = invoice_lines([LineIn("Delivery", "9968", 1, 120_00, Decimal("0.18"))],
                                intra_state=False)
    assert (out[0].taxable_paise, out[0].igst_paise, out[0].total_paise) == (101_69, 18_30, 119_99)
    assert (totals.round_off, totals.total) == (1, 120_00)


def test_round_off_refuses_a_line_value_off_its_price_by_more_than_a_paisa():
    with pytest.raises(SplitError):
        round_off([120_00], [119_98])
    with pytest.raises(SplitError):
        round_off([120_00], [120_01])


@given(st.integers(0, 10**9), st.sampled_from(RATES))
def test_the_taxable_value_is_the_largest_that_fits_the_price(price, rate):
    value = taxable_value(price, rate)
    assert value.total <= price
    above = value.taxable + 1
    assert above + round_half_up(above * Fraction(rate)) > price


def round_half_up(x: Fraction) -> int:
    return (x + Fraction(1, 2)).__floor__()


@given(st.integers(0, 10**9), st.sampled_from(RATES),
       st.sampled_from([(Fraction(0), Fraction(0)), (Fraction(3, 10), Fraction(1, 10)),
                        (Fraction(1, 2), Fraction(1, 2))]))
def test_the_ledger_split_of_a_line_posts_the_invoice_tax(price, rate, shares):
    parts = split_line(price, rate, *shares)
    value = taxable_value(price, rate)
    assert parts.gst == value.gst and parts.total == value.total
    assert min(parts.maker, parts.training_fund, parts.platform) >= 0


def test_an_odd_paisa_goes_to_cgst_and_each_head_shows_half_the_rate():
    assert gst_heads(10_935_71, intra_state=True).cgst == 5_467_86
    assert gst_heads(10_935_71, intra_state=True).sgst == 5_467_85
    assert head_rate(Decimal("0.05"), intra_state=True) == Decimal("0.025")
    assert head_rate(Decimal("0.05"), intra_state=False) == Decimal("0.05")


def test_hsn_codes_print_at_the_suppliers_digits_and_services_keep_their_sac():
    assert hsn_at("42022290", 6) == "420222"
    assert hsn_at("42022290", 8) == "42022290"
    assert hsn_at("9968", 6) == "9968"
    with pytest.raises(HsnTooShort):
        hsn_at("4202", 6)


def test_einvoice_numbers_are_written_from_decimal_exactly():
    assert dumps({"TotInvVal": Decimal("229650.00"), "GstRt": Decimal("5.00"),
                  "Nm": "Haat", "Pin": 700073}) == \
        '{"TotInvVal": 229650.00, "GstRt": 5.00, "Nm": "Haat", "Pin": 700073}'
