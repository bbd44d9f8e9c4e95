from django import template

from payouts.splitting import rupees as _rupees

register = template.Library()


@register.filter
def rupees(paise):
    """Integer paise as "1,234.50"."""
    if paise in (None, ""):
        return ""
    return f"{_rupees(int(paise)):,}"
