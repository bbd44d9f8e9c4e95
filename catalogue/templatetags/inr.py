"""Money in our own templates, through catalogue.money (the one INR formatter; Oscar's
`currency` filter is configured to make the same call).

    {% load inr %}  {{ rupees|inr }}  {{ paise|inr_paise }}  {{ n|indian_count }}
"""

from decimal import Decimal, InvalidOperation

from django import template

from catalogue.money import format_count, format_inr, format_paise

register = template.Library()


@register.filter
def inr(value):
    try:
        value = Decimal(str(value))
    except (TypeError, InvalidOperation):
        return ""
    return format_inr(value)


@register.filter
def inr_paise(paise):
    return format_paise(paise)


@register.filter
def indian_count(number):
    if number in (None, ""):
        return ""
    return format_count(number)
