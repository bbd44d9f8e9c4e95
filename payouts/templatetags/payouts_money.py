from django import template

from catalogue.money import format_paise_figure

register = template.Library()


@register.filter
def rupees(paise):
    """Integer paise as "1,23,456.50" (Indian grouping)."""
    if paise in (None, ""):
        return ""
    return format_paise_figure(int(paise))


@register.filter
def signed_rupees(paise):
    """Like ``rupees``, with a minus sign (U+2212) only below zero: "−1,200.00"."""
    if paise in (None, ""):
        return ""
    paise = int(paise)
    return ("−" if paise < 0 else "") + format_paise_figure(abs(paise))


@register.inclusion_tag("payouts/partials/money_split.html", takes_context=True)
def money_split(context, product):
    """"Where your money goes": the split of the product's current price, by the same function
    and settings as the posting of an order paid now (payouts.services.price_split)."""
    from payouts.services import price_split

    request = context.get("request")
    strategy = getattr(request, "strategy", None)
    if strategy is None or product.is_parent:
        return {"split": None}
    info = strategy.fetch_for_product(product)
    if not (info.price.exists and info.price.is_tax_known):
        return {"split": None}
    return {"split": price_split(info.price.incl_tax, product=product)}
