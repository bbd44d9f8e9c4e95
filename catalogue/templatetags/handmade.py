from django import template

register = template.Library()

# What a buyer asks first about a handmade piece; any other attribute follows in Oscar's order.
BUYER_ORDER = ("materials", "size", "care")


@register.filter
def in_buyer_order(attribute_values):
    """A product's attribute values with materials, size and care first."""
    values = list(attribute_values)

    def rank(av):
        code = av.attribute.code
        return BUYER_ORDER.index(code) if code in BUYER_ORDER else len(BUYER_ORDER)

    return sorted(values, key=rank)  # stable: the others keep their order
