"""Reads of the catalogue that pages share: browsing, categories and keyword search.

Browsing is a plain ORM query (DESIGN.md section 8): Oscar 4.2 browses through Haystack,
which lists nothing with its simple backend and is slow with Whoosh.
"""

import functools

from django.conf import settings
from django.db import connection
from django.db.models import (
    CharField,
    Exists,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce, Concat, NullIf
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
Option = get_model("catalogue", "Option")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

# The orders a shopper can pick on a list page: key -> (label, ORM ordering).
SORT_ORDERS = {
    "newest": ("Newest first", ("-date_created", "-id")),
    "price-asc": ("Price: low to high", ("min_price", "id")),
    "price-desc": ("Price: high to low", ("-min_price", "-id")),
    "title-asc": ("Name: A to Z", ("title", "id")),
}
DEFAULT_SORT = "newest"


def _localized(field: str) -> list[str]:
    """A translated field's columns, one per language: ["title_en_in", "title_bn", ...]."""
    return [build_localized_fieldname(field, code) for code in settings.MODELTRANSLATION_LANGUAGES]


def _shown_title():
    """The title a shopper sees: her language's, or the English one when it is empty (what
    modeltranslation's fallback shows), so "A to Z" sorts what the page shows."""
    english = build_localized_fieldname("title", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
    own = build_localized_fieldname("title", translation.get_language() or "")
    if own == english or own not in _localized("title"):
        return Coalesce(english, Value(""), output_field=CharField())
    return Coalesce(NullIf(own, Value("")), english, Value(""), output_field=CharField())


def _for_cards(products: QuerySet) -> QuerySet:
    """What a product card needs to be found in the cache, in the page's one product query.

    Cards are cached (catalogue/fragments.py) under a key made of what they show: the stamps
    below carry the first stock record's price, stock and allocation and the primary photo, so
    a page whose cards are all cached runs no more queries. What rendering a card needs besides
    (stock records, photos) is fetched for the missing cards only, by `prefetch_for_cards`.
    """
    record = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    image = ProductImage.objects.filter(product=OuterRef("pk")).order_by("display_order", "id")
    return products.select_related("product_class").annotate(
        # Oscar's Product.has_options reads these two annotations instead of querying per card.
        has_product_class_options=Exists(
            Option.objects.filter(productclass=OuterRef("product_class"))
        ),
        has_product_options=Exists(Option.objects.filter(product=OuterRef("pk"))),
        stock_stamp=Subquery(
            record.annotate(
                stamp=Concat(
                    *_joined("pk", "price", "price_currency", "num_in_stock", "num_allocated",
                             "date_updated"),
                    output_field=CharField(),
                )
            ).values("stamp")[:1]
        ),
        image_stamp=Subquery(
            image.annotate(
                stamp=Concat(*_joined("pk", "original", "display_order"), output_field=CharField())
            ).values("stamp")[:1]
        ),
    )


def _joined(*fields):
    parts = []
    for name in fields:
        parts += [Cast(name, CharField()), Value("|")]
    return parts[:-1]


def prefetch_for_cards(products) -> None:
    """Stock records and photos of these products (rendering their cards), in two queries."""
    prefetch_related_objects(
        list(products),
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "id")),
        Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
    )


def cards(page) -> list:
    """The products of one page of a list, with what their cards need, in the list's order.

    List views paginate a plain queryset (`for_cards=False`) and call this with the page: the
    card annotations are then computed for the page's 24 rows only. Computed in the list query
    itself, PostgreSQL evaluates them for every row an OFFSET skips, so a deep page of 10,000
    products cost a second.
    """
    ids = [p.pk for p in page]
    found = {p.pk: p for p in _for_cards(Product.objects.filter(pk__in=ids))}
    ordered = []
    for product in page:
        card = found.get(product.pk)
        if card is not None:
            for name in ("min_price", "rank"):  # the list's own annotations, if any
                if hasattr(product, name):
                    setattr(card, name, getattr(product, name))
            ordered.append(card)
    return ordered


def browsable_products(*, categories=None, sort: str = DEFAULT_SORT, for_cards=True) -> QuerySet:
    """Public, top-level products, optionally only those in the given categories."""
    products = Product.objects.browsable()
    if categories is not None:
        # EXISTS, not a join, so a product in two chosen categories is listed once (and
        # PostgreSQL plans it as a semi-join on the product-category index).
        products = products.filter(
            Exists(ProductCategory.objects.filter(product=OuterRef("pk"), category__in=categories))
        )
    if sort not in SORT_ORDERS:
        sort = DEFAULT_SORT
    if sort.startswith("price"):
        products = products.annotate(min_price=Min("stockrecords__price"))
    if sort == "title-asc":
        products = products.annotate(shown_title=_shown_title())
    products = products.order_by(
        *("shown_title" if key == "title" else key for key in SORT_ORDERS[sort][1])
    )
    return _for_cards(products) if for_cards else products


def search_products(query: str, *, for_cards=True) -> QuerySet:
    """Products whose title or description match the shopper's words, best match first.

    PostgreSQL full-text search (English stemming, so "bags" finds "bag"); on SQLite, the
    zero-set-up database, every word must appear in the title or description. Every language's
    title and description are searched, whatever the page's language: a shopper on /bn/ who
    types "tote" finds the English titles, and one who types Bengali finds the Bengali ones.
    (Written with the columns' own names: modeltranslation would turn "title" into the page's
    language's column only.)
    """
    words = query.split()
    if not words:
        return Product.objects.none()
    products = Product.objects.browsable()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*_localized("title"), weight="A", config="english") + SearchVector(
            *_localized("description"), weight="B", config="english"
        )
        search = SearchQuery(query, search_type="websearch", config="english")
        products = (
            products.annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank", "-date_created", "-id")
        )
    else:
        for word in words:
            anywhere = Q()
            for column in _localized("title") + _localized("description"):
                anywhere |= Q(**{f"{column}__icontains": word})
            products = products.filter(anywhere)
        products = products.order_by("-date_created", "-id")
    return _for_cards(products) if for_cards else products


def products_per_page() -> int:
    return settings.OSCAR_PRODUCTS_PER_PAGE


def hsn_codes_by_product(product_ids) -> dict[int, str]:
    """{product id: HSN code of its class ("" when none)}, a child product reading its parent's
    class (one query). GST invoices print these and the dated rate table is keyed by them."""
    rows = Product.objects.filter(pk__in=list(product_ids)).values_list(
        "pk", "product_class__hsn_code", "parent__product_class__hsn_code"
    )
    return {pk: own or parents or "" for pk, own, parents in rows}


def products_in_categories(categories, product_ids=None) -> set[int]:
    """Ids of the products in ``categories`` (objects or ids) or any category below them, and
    of the variants of such parents (variants carry no categories of their own); restricted
    to ``product_ids`` when given. Two queries. For CSR tie-ups' eligible categories."""
    Category = get_model("catalogue", "Category")  # noqa: N806
    Product = get_model("catalogue", "Product")  # noqa: N806
    ids = [getattr(c, "pk", c) for c in categories]
    paths = list(Category.objects.filter(pk__in=ids).values_list("path", flat=True))
    if not paths:
        return set()
    under = Q()
    for path in paths:
        under |= Q(categories__path__startswith=path) | Q(parent__categories__path__startswith=path)
    qs = Product.objects.filter(under)
    if product_ids is not None:
        qs = qs.filter(pk__in=list(product_ids))
    return set(qs.values_list("pk", flat=True).distinct())


def chosen_products(product_ids) -> list:
    """Products an editor chose for a page (a StreamField product list), in the chosen order,
    public ones only, with what their cards need (live price, stock, photo stamps) in one
    query for the whole list: the cards' cache keys come from it, and the missing cards' stock
    records and photos are fetched together by `prefetch_for_cards`."""
    ids = [int(pk) for pk in product_ids if pk]
    if not ids:
        return []
    found = {p.pk: p for p in _for_cards(Product.objects.browsable().filter(pk__in=ids))}
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]


def product_to_add(pk) -> "Product | None":
    """The product a shopper adds to the basket, with its class, its stock records (what the
    pricing strategy reads, in id order, the first one being the one sold) and whether it has
    options, in one query; None when there is no such product.

    Adding to the basket is the one write every shopper makes, and Django's query compiler cost
    more CPU than anything else in it: a product with its class, its parent's and its stock
    records took three-tenths of the request to compile (issue 10, bench/RESULTS.md). The SQL
    here is written once per process from the models' own fields and the instances are made by
    Django's ``Model.from_db`` with each field's own converters, as a queryset would make them.
    A child product's parent is read when first asked for, as Oscar reads it.
    """
    query = _product_to_add_query(connection.alias, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(query.sql, [pk])
        rows = cursor.fetchall()
    if not rows:
        return None
    product = query.product.make(rows[0])
    product.has_product_class_options, product.has_product_options = (
        bool(flag) for flag in rows[0][-2:]
    )
    if product.product_class_id is not None:
        Product.product_class.field.set_cached_value(product, query.product_class.make(rows[0]))
    records = [query.stockrecord.make(row) for row in rows if row[query.stockrecord.pk] is not None]
    for record in records:
        StockRecord.product.field.set_cached_value(record, product)
    # Where Django's prefetch_related leaves them: product.stockrecords.all() answers from here.
    prefetched = product.stockrecords.all()
    prefetched._result_cache, prefetched._prefetch_done = records, True
    product._prefetched_objects_cache = {"stockrecords": prefetched}
    return product


class _Columns:
    """One model's columns in a hand-written SELECT: where they are in a row, and how a row's
    values become an instance (each field's database converters, then ``from_db``)."""

    def __init__(self, db, model, alias, start):
        self.db, self.model, self.alias, self.start = db, model, alias, start
        self.fields = model._meta.concrete_fields
        self.attnames = [f.attname for f in self.fields]
        self.stop = start + len(self.fields)
        self.pk = start + self.attnames.index(model._meta.pk.attname)
        self.converters = []
        for i, field in enumerate(self.fields):
            col = field.get_col(alias)
            found = db.ops.get_db_converters(col) + col.get_db_converters(db)
            if found:
                self.converters.append((i, col, found))

    def select(self):
        quote = self.db.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def make(self, row):
        values = list(row[self.start:self.stop])
        for i, col, converters in self.converters:
            for convert in converters:
                values[i] = convert(values[i], col, self.db)
        return self.model.from_db(self.db.alias, self.attnames, values)


class _ProductToAddQuery:
    def __init__(self, db):
        quote = db.ops.quote_name
        ProductClass = get_model("catalogue", "ProductClass")  # noqa: N806
        self.product = _Columns(db, Product, "p", 0)
        self.product_class = _Columns(db, ProductClass, "c", self.product.stop)
        self.stockrecord = _Columns(db, StockRecord, "s", self.product_class.stop)

        def column(model, name):
            return quote(model._meta.get_field(name).column)

        def has_any(m2m, outer):
            through = quote(m2m.remote_field.through._meta.db_table)
            return f"EXISTS (SELECT 1 FROM {through} o WHERE o.{quote(m2m.m2m_column_name())} = {outer})"

        self.sql = (
            f"SELECT {self.product.select()}, {self.product_class.select()}, "
            f"{self.stockrecord.select()}, "
            f"{has_any(ProductClass._meta.get_field('options'), 'c.' + column(ProductClass, 'id'))}, "
            f"{has_any(Product._meta.get_field('product_options'), 'p.' + column(Product, 'id'))} "
            f"FROM {quote(Product._meta.db_table)} p "
            f"LEFT JOIN {quote(ProductClass._meta.db_table)} c "
            f"ON c.{column(ProductClass, 'id')} = p.{column(Product, 'product_class')} "
            f"LEFT JOIN {quote(StockRecord._meta.db_table)} s "
            f"ON s.{column(StockRecord, 'product')} = p.{column(Product, 'id')} "
            f"WHERE p.{column(Product, 'id')} = %s "
            f"ORDER BY s.{column(StockRecord, 'id')}"
        )


@functools.cache
def _product_to_add_query(alias, vendor) -> _ProductToAddQuery:
    # Keyed by the connection: a test run may use SQLite or PostgreSQL. Built with the first
    # thread's connection object, whose quoting and converters read only its settings (time
    # zone, features), the same in every thread; each query runs on the calling thread's own.
    from django.db import connections

    return _ProductToAddQuery(connections[alias])


def english_title(product) -> str:
    """The product's title in the shop's own language, whatever the page's language: what an
    order line records (invoices, statements and the dashboards read one language, and a
    webhook placing the same order would run in English). A child falls back to its parent's."""
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        return product.get_title()
