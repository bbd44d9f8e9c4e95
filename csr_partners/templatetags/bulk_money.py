"""{{ paise|inr }}: integer paise as rupees with Indian digit grouping (1,23,456.78)."""

from django import template

register = template.Library()


@register.filter
def inr(paise):
    from csr_partners.bulk.documents import inr as fmt

    if paise in (None, ""):
        return ""
    return fmt(int(paise))


@register.filter
def percent(rate):
    """A GST rate fraction (0.0500) as "5%"."""
    if rate in (None, ""):
        return ""
    value = rate * 100
    return f"{value.normalize():f}%" if hasattr(value, "normalize") else f"{value:g}%"
