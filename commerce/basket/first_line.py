"""A new visitor's basket and its first line written by one statement (issue 22).

Every new visitor's first add to basket writes a basket row and a line row. Through the ORM that
is a transaction of four round trips (BEGIN, two INSERTs, COMMIT) and Django's insert compiler
run twice; on PostgreSQL one INSERT of the line whose basket is INSERTed by a data-modifying
WITH does the same in one round trip, atomic by itself (both rows are written or neither). The
SQL is written once per process from the models' own fields; the values come from each field as
Django's insert compiler takes them (``pre_save``, then ``get_db_prep_save``: the dates, the
Decimal prices), and the ORM's save signals are sent as ``Model.save`` sends them, so the two
instances end up as the ORM would leave them. Other databases (SQLite: no INSERT inside WITH)
save the two rows through the ORM in one transaction.
"""

import functools

from django.db import connections, router, transaction
from django.db.models.signals import post_save, pre_save
from oscar.core.loading import get_model


def write_basket_and_line(basket, line):
    """Save the unsaved ``basket`` and its first ``line`` (whose basket is ``basket``)."""
    alias = router.db_for_write(type(basket))
    connection = connections[alias]
    if connection.vendor != "postgresql":
        with transaction.atomic(using=alias):
            basket.save(using=alias)
            line.basket = basket
            line.save(using=alias)
        return
    statement = _statement(alias)
    for instance in (basket, line):
        pre_save.send(sender=type(instance), instance=instance, raw=False, using=alias,
                      update_fields=None)
    params = [field.get_db_prep_save(field.pre_save(basket, True), connection)
              for field in statement.basket_fields]
    params += [field.get_db_prep_save(field.pre_save(line, True), connection)
               for field in statement.line_fields]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        basket_id, line_id = cursor.fetchone()
    for instance, pk in ((basket, basket_id), (line, line_id)):
        instance.pk = pk
        instance._state.adding = False
        instance._state.db = alias
    line.basket = basket  # the basket's id now, and the object itself cached on the line
    for instance in (basket, line):
        post_save.send(sender=type(instance), instance=instance, created=True,
                       update_fields=None, raw=False, using=alias)


class _Statement:
    def __init__(self, connection):
        quote = connection.ops.quote_name
        basket, line = get_model("basket", "Basket"), get_model("basket", "Line")
        basket_key = line._meta.get_field("basket")
        self.basket_fields = [f for f in basket._meta.concrete_fields if not f.primary_key]
        self.line_fields = [f for f in line._meta.concrete_fields
                            if not f.primary_key and f is not basket_key]

        def columns(fields):
            return ", ".join(quote(f.column) for f in fields)

        def placeholders(fields):
            return ", ".join(["%s"] * len(fields))

        basket_pk = quote(basket._meta.pk.column)
        line_table = quote(line._meta.db_table)
        self.sql = (
            f"WITH new_basket AS (INSERT INTO {quote(basket._meta.db_table)} "
            f"({columns(self.basket_fields)}) VALUES ({placeholders(self.basket_fields)}) "
            f"RETURNING {basket_pk}) "
            f"INSERT INTO {line_table} ({quote(basket_key.column)}, {columns(self.line_fields)}) "
            f"VALUES ((SELECT {basket_pk} FROM new_basket), {placeholders(self.line_fields)}) "
            f"RETURNING {line_table}.{quote(basket_key.column)}, "
            f"{line_table}.{quote(line._meta.pk.column)}"
        )


@functools.cache
def _statement(alias):
    return _Statement(connections[alias])
