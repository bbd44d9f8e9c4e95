"""Bulk orders, pure parts: the lead time from stock and capacity, the invoice arithmetic."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from csr_partners.bulk.invoicing import LineIn, invoice_lines
from csr_partners.bulk.planning import LineNeed, plan

TODAY = datetime.date(2027, 1, 11)


def test_pieces_in_stock_ship_after_packing():
    p = plan([LineNeed(1, "Tote", 50, 80, {7: 100})], today=TODAY, packing_days=3, transit_days=5)
    assert p.weeks_of_making == 0 and p.delivery_on == datetime.date(2027, 1, 19)


def test_the_rest_is_made_at_the_recorded_weekly_capacity():
    # 300 totes, 60 in stock: 240 to make at 60 + 40 a week = 3 weeks (rounded up from 2.4).
    p = plan([LineNeed(1, "Tote", 300, 60, {7: 60, 8: 40})], today=TODAY, packing_days=3,
             transit_days=5)
    assert p.weeks_of_making == 3
    assert p.delivery_on == TODAY + datetime.timedelta(weeks=3, days=8)
    assert "240 of the 300 “Tote” must still be made" in p.reasons[0]
    assert p.meets(datetime.date(2027, 3, 8)) and not p.meets(datetime.date(2027, 1, 20))


def test_one_shelter_making_two_products_carries_both():
    alone = plan([LineNeed(1, "Tote", 100, 0, {7: 50})], today=TODAY, packing_days=0,
                 transit_days=0)
    both = plan([LineNeed(1, "Tote", 100, 0, {7: 50}), LineNeed(2, "Pouch", 100, 0, {7: 50})],
                today=TODAY, packing_days=0, transit_days=0)
    assert (alone.weeks_of_making, both.weeks_of_making) == (2, 4)


def test_a_product_no_shelter_can_make_has_no_date():
    p = plan([LineNeed(1, "Tote", 10, 0, {})], today=TODAY, packing_days=3, transit_days=5)
    assert p.delivery_on is None and p.unmakeable == ["Tote"] and not p.meets(None)


units = st.integers(min_value=1, max_value=500_000)
rates = st.sampled_from([Decimal(r) for r in ("0", "0.05", "0.12", "0.18")])


@given(st.lists(st.tuples(units, st.integers(1, 500), rates), min_size=1, max_size=8),
       st.booleans())
def test_invoice_lines_add_up_and_the_heads_follow_the_place_of_supply(rows, intra):
    lines = [LineIn(f"item {i}", "4202", q, u, r) for i, (u, q, r) in enumerate(rows)]
    out, totals = invoice_lines(lines, intra_state=intra)
    # The price quoted, exactly: a line whose price no whole-paisa taxable value reaches is a
    # paisa less, and the invoice's round-off adds those paise back (invoicing's docstring).
    assert totals.total == sum(u * q for u, q, _r in rows)
    assert 0 <= totals.round_off <= len(rows)
    assert totals.taxable + totals.tax + totals.round_off == totals.total
    for line in out:
        assert line.taxable_paise + line.cgst_paise + line.sgst_paise + line.igst_paise \
            == line.total_paise
        assert line.unit_paise * line.quantity - line.total_paise in (0, 1)
    if intra:
        assert totals.igst == 0
    else:
        assert totals.cgst == totals.sgst == 0


def test_a_known_invoice_line():
    # 300 totes at INR 525.00 including 5% GST: INR 25.00 tax in each.
    out, totals = invoice_lines([LineIn("Tote", "4202", 300, 52_500, Decimal("0.05"))],
                                intra_state=True)
    assert (totals.taxable, totals.cgst, totals.sgst, totals.total) == (
        150_000_00, 3_750_00, 3_750_00, 157_500_00)


def test_the_tax_of_300_totes_is_taken_on_the_lines_taxable_value():
    # Issue 18: 300 x INR 765.50 including 5%. Per unit (36.45 x 300) the invoice said
    # taxable 2,18,715.00 and IGST 10,935.00, whose 5% is 10,935.75: the tax did not add up.
    out, totals = invoice_lines([LineIn("Tote", "420222", 300, 76_550, Decimal("0.05"))],
                                intra_state=False)
    assert (totals.taxable, totals.igst, totals.total) == (2_18_714_29, 10_935_71, 2_29_650_00)
    assert abs(Decimal(totals.taxable) * Decimal("0.05") - totals.igst) <= Decimal("0.5")
