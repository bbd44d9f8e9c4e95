"""Every public page of the shop in a language, as a list of (name, address), built from the
demo data (no ids written down): each CMS page, the catalogue and each category, a product of
each kind, the makers and a maker, the basket with a piece in it, checkout's first page, search
results, sign-in/registration and a missing page (its 404).

    for name, url in public_pages(client, "bn"): ...

The basket and checkout need a piece in the client's basket: `public_pages` adds one.
"""

from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from wagtail.models import Locale, Page

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

LANGUAGES = ("en-in", "bn", "hi")
# Pages a shopper reaches that answer something other than 200 on purpose.
EXPECTED_STATUS = {"missing page": 404}


def _cms_pages(language):
    """Each live page of the English tree, by its address in `language`: its translation (or the
    alias that stands for one) where there is one, else the English address under /bn/ or /hi/
    (which must answer too, in English with a notice)."""
    english = Locale.objects.get(language_code="en-in")
    target = Locale.objects.filter(language_code=language).first()
    pages = []
    for page in Page.objects.live().public().filter(locale=english, depth__gt=1).specific().order_by("path"):
        local = page.get_translation_or_none(target) if target and target != english else page
        if local is not None and local.live:
            url = local.get_url()
        else:
            url = ("" if language == "en-in" else f"/{language}") + page.get_url()
        pages.append((f"{type(page).__name__} {page.slug}", url))
    return pages


def _products():
    """The first browsable piece of each kind (product class), in stock first."""
    chosen = {}
    for product in Product.objects.browsable().select_related("product_class").order_by("id"):
        kind = product.get_product_class()
        if kind.pk not in chosen:
            chosen[kind.pk] = product
    return list(chosen.values())


def public_pages(client, language):
    pages = _cms_pages(language)
    products = _products()
    with translation.override(language):
        pages.append(("catalogue", reverse("catalogue:index")))
        for category in Category.objects.filter(depth=1).order_by("path"):
            pages.append((f"category {category.name}", category.get_absolute_url()))
        for product in products:
            pages.append((f"product {product.get_product_class().name}", product.get_absolute_url()))
        pages.append(("makers", reverse("artisans:makers")))
        from artisans.models import Artisan

        maker = next((a for a in Artisan.objects.order_by("pk") if client.get(
            reverse("artisans:maker", kwargs={"slug": a.slug})).status_code == 200), None)
        if maker is not None:
            pages.append((f"maker {maker.pseudonym}", reverse("artisans:maker", kwargs={"slug": maker.slug})))
        pages.append(("search results", reverse("search:search") + "?q=tote"))
        pages.append(("sign in or register", reverse("customer:login")))
        pages.append(("register", reverse("customer:register")))
        # A piece in the basket, then the basket and checkout's first page (a guest's gateway).
        client.post(reverse("basket:add", kwargs={"pk": products[0].pk}), {"quantity": 1})
        pages.append(("basket", reverse("basket:summary")))
        pages.append(("checkout", reverse("checkout:index")))
        pages.append(("missing page", reverse("catalogue:index") + "no-such-page/"))
    return pages
