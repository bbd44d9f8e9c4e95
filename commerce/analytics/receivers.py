"""The shop's analytics receivers: Oscar's basket-additions counter as one statement written
once (issue 10), and search terms kept without the shopper (issue 19).

Every add to basket counts itself on the product's analytics record (Oscar's dashboard
reports read it). Oscar's receiver builds and compiles an UPDATE with an F() expression each
time, which cost an add to basket a tenth of its CPU; the same UPDATE is written here once per
process from the model. A product's first addition, and a signed-in shopper's own counter, go
through Oscar's helper unchanged (which makes the missing record).
"""

import functools

from django.db import connection
from oscar.apps.analytics.receivers import _update_counter
from oscar.core.loading import get_model

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")
UserSearch = get_model("analytics", "UserSearch")


@functools.cache
def _add_one_sql(vendor):
    quote = connection.ops.quote_name
    counter = quote(ProductRecord._meta.get_field("num_basket_additions").column)
    product = quote(ProductRecord._meta.get_field("product").column)
    return (f"UPDATE {quote(ProductRecord._meta.db_table)} "
            f"SET {counter} = {counter} + 1 WHERE {product} = %s")


def count_basket_addition(sender, product, user, **kwargs):
    if kwargs.get("raw", False):
        return
    with connection.cursor() as cursor:
        cursor.execute(_add_one_sql(connection.vendor), [product.pk])
        counted = cursor.rowcount
    if not counted:
        _update_counter(ProductRecord, "num_basket_additions", {"product": product})
    if user and user.is_authenticated:
        _update_counter(UserRecord, "num_basket_additions", {"user": user})


def record_search(sender, query, user, **kwargs):
    """A signed-in shopper's search term, kept without her (models.UserSearch says why).

    Oscar's own receiver stored the user with the term; as in Oscar, anonymous searches and
    empty queries are not written, so a search page costs no more than it did.
    """
    query = (query or "").strip()
    if query and user and user.is_authenticated:
        UserSearch._default_manager.create(query=query[:255])
