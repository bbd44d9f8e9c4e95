"""Numeric keys in Oscar's dashboard URLs.

A few of Oscar's dashboard pages take their object's id as `<str:pk>` (product options,
attribute option groups, flat pages), so /dashboard/catalogue/option/abc/update/ reached the
view and the lookup of "abc" in an integer column raised, answering 500. `numeric_keys` gives
those patterns an `<id:pk>` converter instead: any text still fits the pattern (Oscar's
related-object widget reverses them with the placeholder "__fk__" for its script to fill in),
but only whole numbers resolve; anything else is a 404 like any other page that does not exist.
"""

from django.urls import URLPattern, path, register_converter


class IdConverter:
    regex = "[^/]+"

    def to_python(self, value):
        return int(value)  # ValueError: the URL does not match (404)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

STRING_KEY = "<str:pk>"


def numeric_keys(urls):
    """`urls` (post-processed URL patterns) with each `<str:pk>` made `<id:pk>`."""
    out = []
    for pattern in urls:
        route = str(pattern.pattern)
        if isinstance(pattern, URLPattern) and STRING_KEY in route:
            pattern = path(route.replace(STRING_KEY, "<id:pk>"), pattern.callback,
                           pattern.default_args, name=pattern.name)
        out.append(pattern)
    return out
