"""The dated GST rate table (payouts.tax) and its use by the split of a paid order."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from payouts import tax
from payouts.models import DocumentCounter, GstRate

pytestmark = pytest.mark.django_db


def test_the_row_in_force_on_the_day_wins_and_a_longer_code_beats_its_heading():
    GstRate.objects.create(hsn_code="6305", rate=Decimal("0.12"), valid_from=datetime.date(2017, 7, 1))
    GstRate.objects.create(hsn_code="6305", rate=Decimal("0.18"), valid_from=datetime.date(2025, 9, 22))
    GstRate.objects.create(hsn_code="630533", rate=Decimal("0.05"), valid_from=datetime.date(2025, 9, 22))
    assert tax.gst_rate_at("6305", datetime.date(2025, 9, 21)) == Decimal("0.12")
    assert tax.gst_rate_at("6305", datetime.date(2025, 9, 22)) == Decimal("0.18")
    assert tax.gst_rate_at("63053300", datetime.date(2026, 3, 8)) == Decimal("0.05")
    assert tax.gst_rate_at("63059000", datetime.date(2026, 3, 8)) == Decimal("0.18")
    with pytest.raises(ValidationError, match="No GST rate for HSN code 9999"):
        tax.gst_rate_at("9999", datetime.date(2026, 3, 8))


def test_document_numbers_run_per_financial_year_without_gaps():
    def issue(day):
        with transaction.atomic():
            return tax.next_document_number("TEST", day)

    assert issue(datetime.date(2026, 4, 1)) == "TEST/2627/000001"
    assert issue(datetime.date(2027, 3, 31)) == "TEST/2627/000002"
    assert issue(datetime.date(2027, 4, 1)) == "TEST/2728/000001"
    # A document rolled back gives its number back.
    with pytest.raises(RuntimeError), transaction.atomic():
        tax.next_document_number("TEST", datetime.date(2026, 5, 1))
        raise RuntimeError("the invoice could not be written")
    assert issue(datetime.date(2026, 5, 2)) == "TEST/2627/000003"
    assert DocumentCounter.objects.get(series="TEST", financial_year="2026-27").last_number == 3

