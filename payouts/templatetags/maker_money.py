"""Money on a maker's own page: whole rupees without ".00", so the big numbers stay short."""

from django import template

from catalogue.money import format_paise_figure

register = template.Library()


@register.filter
def her_rupees(paise):
    """Integer paise as "3,000" or "1,234.50" (Indian grouping); a minus (U+2212) below zero."""
    if paise in (None, ""):
        return ""
    paise = int(paise)
    text = format_paise_figure(abs(paise))
    if text.endswith(".00"):
        text = text[:-3]
    return ("−" if paise < 0 else "") + text
