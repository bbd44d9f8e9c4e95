"""₹1,23,456.00 in every language, from one formatter, and Oscar's currency filter agrees."""

from decimal import Decimal

import pytest
from babel.numbers import format_currency
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from catalogue.money import (
    LOCALE,
    PATTERN,
    format_count,
    format_inr,
    format_paise,
    format_paise_figure,
)


@pytest.mark.parametrize("amount, shown", [
    (Decimal("123456"), "₹1,23,456.00"),
    (Decimal("12345678.9"), "₹1,23,45,678.90"),
    (Decimal("850"), "₹850.00"),
    (Decimal("0.5"), "₹0.50"),
    ("1500", "₹1,500.00"),
])
def test_rupees_in_indian_grouping(amount, shown):
    assert format_inr(amount) == shown


def test_paise_and_counts():
    assert format_paise(12345678) == "₹1,23,456.78"
    assert format_paise(-500) == "-₹5.00"
    assert format_paise(None) == ""
    assert format_count(1234567) == "12,34,567"
    # "INR ..." in staff messages and figures in report cells: same grouping, no sign.
    assert format_paise_figure(12345678) == "1,23,456.78"
    assert format_paise_figure(250_000_000) == "25,00,000.00"
    assert format_paise_figure(-500) == "-5.00"
    assert format_paise_figure(0) == "0.00"


@pytest.mark.parametrize("language", ["en-in", "bn", "hi"])
def test_oscars_currency_filter_prints_the_same_in_every_language(language):
    template = Template("{% load currency_filters %}{{ price|currency }}")
    with translation.override(language):
        assert template.render(Context({"price": Decimal("123456.00")})) == "₹1,23,456.00"


def test_the_indian_locales_of_babel_agree_with_the_one_we_use():
    """bn_IN and hi_IN give the same rupees as en_IN (Latin digits, sign first): if CLDR ever
    changes that, this says so before a page does."""
    for locale in ("en_IN", "bn_IN", "hi_IN"):
        assert format_currency(Decimal("123456"), "INR", format=PATTERN, locale=locale,
                               currency_digits=False) == "₹1,23,456.00"
    assert settings.OSCAR_CURRENCY_FORMAT["INR"]["locale"] == LOCALE
    assert settings.OSCAR_CURRENCY_FORMAT["INR"]["format"] == PATTERN
