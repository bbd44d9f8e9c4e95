"""Products and categories in the visitor's language (issue 20): Bengali and Hindi titles,
descriptions, materials and care where the shop has them, English where it has not, and search
that finds a piece by its English name from a Bengali page."""

import html
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model

from artisans.models import ProductMaker
from catalogue import demo as catalogue_demo
from catalogue import services as catalogue_services

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db


def url_in(language, obj_or_name, **kwargs):
    with translation.override(language):
        if isinstance(obj_or_name, str):
            return reverse(obj_or_name, kwargs=kwargs or None)
        return obj_or_name.get_absolute_url()


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_a_product_page_speaks_the_visitors_language(client, language):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    bn_title, bn_text, hi_title, hi_text = catalogue_demo.PRODUCTS[product.upc]
    title, text = (bn_title, bn_text) if language == "bn" else (hi_title, hi_text)
    body = page(client, url_in(language, product))
    assert f"<h1 class=\"product-page__title\">{title}</h1>" in body
    assert text in body
    assert product.title_en_in not in body.split("<h1", 1)[1].split("</h1>")[0]
    # Materials, size and care, with their labels, in the same language.
    for english, (bn, hi) in catalogue_demo.VALUES.items():
        if english in (product.attr.materials, product.attr.size, product.attr.care):
            assert (bn if language == "bn" else hi) in body
            assert english not in body
    for label in ("Materials", "Size", "Care"):
        bn, hi = catalogue_demo.NAMES[label]
        assert f"<dt>{bn if language == 'bn' else hi}</dt>" in body
    # In the order a buyer asks: materials, size, care.
    spots = [body.index(f'data-attribute="{code}"') for code in ("materials", "size", "care")]
    assert spots == sorted(spots)
    # The handmade note is there, translated (its English sentence is not on the page).
    assert 'data-testid="handmade-note"' in body
    assert "Made by hand, so each piece differs" not in body
    # The English page is still English.
    english = page(client, url_in("en-in", product))
    assert "<h1 class=\"product-page__title\">Kantha market tote</h1>" in english
    assert title not in english
    assert "Made by hand, so each piece differs" in english
    assert "The photo shows a piece from the same batch" in english


@pytest.mark.parametrize("language", ["bn", "hi"])
def test_a_product_photo_is_described_in_the_visitors_language(client, language):
    """Photo captions are written in English only: a Bengali or Hindi page describes the photo
    by the product's own title there, an English page by its caption."""
    product = next(p for p in Product.objects.filter(images__caption__gt="").distinct()
                   if p.primary_image().caption)
    caption = product.primary_image().caption
    with translation.override(language):
        title = product.get_title()
    assert title != caption
    body = page(client, url_in(language, product))
    assert f'alt="{title}"' in body and f'"{caption}"' not in body
    assert f'alt="{caption}"' in page(client, url_in("en-in", product))


def test_an_untranslated_product_falls_back_to_english_and_keeps_its_slug(client):
    product = Product.objects.get(upc="HAAT-POUCH-03")
    slug = product.slug
    # Staff cleared the Bengali text (an empty translation is "not translated").
    catalogue_services.set_translations(product, {"title": {"bn": ""}, "description": {"bn": ""}})
    product.refresh_from_db()
    assert product.title_bn is None and product.slug == slug
    body = page(client, url_in("bn", product))
    assert "<h1 class=\"product-page__title\">Patchwork travel pouch</h1>" in body
    assert "waterproof lining for toiletries" in body
    # The Hindi page keeps its own text.
    assert catalogue_demo.PRODUCTS[product.upc][2] in page(client, url_in("hi", product))


def test_saving_a_product_from_a_bengali_page_keeps_english_english(client):
    product = Product.objects.get(upc="HAAT-TOTE-02")
    with translation.override("bn"):
        product.title = "নতুন নাম"
        product.save()
    product.refresh_from_db()
    assert product.title_bn == "নতুন নাম"
    assert product.title_en_in == "Block-print jute tote"
    assert product.slug == "block-print-jute-tote"
    with translation.override("en-in"):
        assert Product.objects.get(pk=product.pk).title == "Block-print jute tote"


def test_catalogue_category_and_basket_show_the_visitors_language(client):
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    hi_title = catalogue_demo.PRODUCTS[tote.upc][2]
    listing = page(client, url_in("hi", "catalogue:index"))
    assert hi_title in listing
    assert "Kantha market tote" not in listing

    category = Category.objects.get(name_en_in="Tote bags")
    hi_name = catalogue_demo.CATEGORIES["Tote bags"][3]
    body = page(client, url_in("hi", category))
    assert hi_name in body and hi_title in body

    with translation.override("bn"):
        bn_sorted = client.get(reverse("catalogue:index"), {"sort_by": "title-asc"})
        shown = [p.title for p in bn_sorted.context["products"]]
    assert shown == sorted(shown)
    assert catalogue_demo.PRODUCTS[tote.upc][0] in shown

    client.post(url_in("bn", "basket:add", pk=tote.pk), {"quantity": 1})
    basket = page(client, url_in("bn", "basket:summary"))
    assert catalogue_demo.PRODUCTS[tote.upc][0] in basket


def test_search_on_a_bengali_page_finds_english_and_bengali_words(client):
    with translation.override("bn"):
        url = reverse("search:search")
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    bn_title = catalogue_demo.PRODUCTS[tote.upc][0]
    found = client.get(url, {"q": "kantha market"})
    assert [p.pk for p in found.context["products"]] == [tote.pk]
    assert bn_title in found.content.decode()
    found = client.get(url, {"q": "বাজারের"})
    assert tote.pk in [p.pk for p in found.context["products"]]


def test_a_makers_products_are_listed_in_the_visitors_language(client):
    link = ProductMaker.objects.select_related("product", "artisan").filter(
        product__upc__in=catalogue_demo.PRODUCTS).first()
    body = page(client, url_in("bn", link.artisan))
    assert catalogue_demo.PRODUCTS[link.product.upc][0] in body


def test_every_demo_product_and_category_has_bengali_and_hindi_text():
    for product in Product.objects.filter(upc__startswith="HAAT-TOTE") | Product.objects.filter(
            upc__startswith="HAAT-POUCH"):
        assert product.title_bn and product.title_hi, product.upc
        assert product.description_bn and product.description_hi, product.upc
    for category in Category.objects.all():
        assert category.name_bn and category.name_hi, category.name_en_in


class _FormFields(HTMLParser):
    """The fields a browser would send from the page's product form, as they are filled."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
            else:
                self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_staff_write_the_bengali_and_hindi_text_in_the_dashboard(client):
    from tests.support.auth import demo_user, sign_in

    product = Product.objects.get(upc="HAAT-TOTE-04")
    sign_in(client, demo_user("admin"))
    url = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    response = client.get(url)
    form = response.context["form"]
    for name in ("title_bn", "title_hi", "description_bn", "description_hi"):
        assert name in form.fields
    fields = _FormFields()
    fields.feed(response.content.decode())
    data = dict(fields.data)
    assert data["title"] == "Marigold dot tote"  # staff work in English here
    data.update({"title_bn": "গাঁদা ফুলের ঝোলা", "title_hi": ""})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    product.refresh_from_db()
    assert product.title_bn == "গাঁদা ফুলের ঝোলা"
    assert not product.title_hi and product.title_en_in == "Marigold dot tote"
    assert product.slug == "marigold-dot-tote"
    with translation.override("hi"):
        assert Product.objects.get(pk=product.pk).title == "Marigold dot tote"  # English fallback


@pytest.mark.usefixtures("eager_celery")
def test_an_order_placed_from_a_bengali_page_records_the_english_title(
        client, stripe_server, django_capture_on_commit_callbacks):
    from tests.support.checkout import add_to_basket, place_order, to_preview

    Order = get_model("order", "Order")  # noqa: N806
    bn_title = catalogue_demo.PRODUCTS["HAAT-TOTE-01"][0]
    with translation.override("bn"):
        add_to_basket(client, "HAAT-TOTE-01")
        preview, token = to_preview(client, stripe_server)
        assert bn_title in preview.content.decode()  # the shopper reads her language
        with django_capture_on_commit_callbacks(execute=True):
            response = place_order(client, token)
    assert response.status_code == 302
    line = Order.objects.latest("pk").lines.get()
    assert line.title == "Kantha market tote"  # the order's record, invoices: English
