"""Search engines and link previews: canonical address, hreflang alternates, Open Graph, the
language switcher, and schema.org Product data on product pages.

    {% load haat_seo %}
    {% seo_head %}                 {# in <head>: canonical, alternates, og:* #}
    {% language_switcher %}        {# links to this page in each language #}
    {% product_jsonld product %}   {# <script type="application/ld+json"> Product with an Offer #}
"""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from storefront import furniture
from storefront.i18n import is_found, language_versions

register = template.Library()

# The only characters that could end the script element or confuse an HTML parser; JSON
# readers undo the escapes (Django's json_script does the same).
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _versions(context):
    request = context.get("request")
    if request is None:
        return []
    if "_haat_versions" not in context.render_context:
        context.render_context["_haat_versions"] = language_versions(request, context.get("page"))
    return context.render_context["_haat_versions"]


def _absolute(request, url):
    """On the shop's one public host (settings.HAAT_PUBLIC_URL), whatever Host the request had."""
    from storefront.public_host import absolute

    return absolute(url)


def _product_image_url(request, product):
    """The product's main photo, absolute; cached under the catalogue generation (bumped on every
    save of a product or photo), so a warm product page costs no query for it."""
    from django.core.cache import cache

    from catalogue import fragments

    key = f"storefront:og-image:{fragments.generation()}:{product.pk}"
    url = cache.get(key)
    if url is None:
        image = product.primary_image()
        original = getattr(image, "original", None)
        url = _absolute(request, original.url) if original else ""
        cache.set(key, url, 60 * 60)
    return url or None


OG_LOCALES = {"en-in": "en_IN", "bn": "bn_IN", "hi": "hi_IN"}


def _shop_page_meta(context, request) -> tuple[str, str, str | None]:
    """(title, description, image url) of a shop page from what its view put in the context:
    a product, a category or a maker (her hands photo only while her consent to it stands)."""
    product = context.get("product")
    if product is not None and hasattr(product, "get_meta_description"):
        return product.get_title(), product.get_meta_description(), _product_image_url(
            request, product)
    category = context.get("category")
    if category is not None and hasattr(category, "get_meta_description"):
        image = getattr(category, "image", None)
        return (
            category.get_meta_title() if hasattr(category, "get_meta_title") else category.name,
            strip_tags(category.get_meta_description() or ""),
            _absolute(request, image.url) if image else None,
        )
    maker = context.get("maker")
    if maker is not None and hasattr(maker, "pseudonym"):
        material = context.get("material") or {}
        photo = material.get("hands_photo")
        return (
            _("Made by %(p)s") % {"p": maker.pseudonym},
            getattr(maker, "bio", "") or "",
            _absolute(request, photo.url) if photo else None,
        )
    return "", "", None


@register.inclusion_tag("storefront/partials/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page")
    if not is_found(request, page):
        return {"shop_name": context.get("shop_name", settings.OSCAR_SHOP_NAME)}
    versions = _versions(context)
    canonical = None
    image_url = None
    title = description = ""
    if page is not None and hasattr(page, "get_full_url"):
        title = page.seo_title or page.title
        description = page.meta_description() if hasattr(page, "meta_description") else (
            # Page types of other apps (a campaign): their description or introduction.
            page.search_description or getattr(page, "intro", "")
            or getattr(page, "introduction", ""))
        # An English page served at /bn/ or /hi/ (not translated yet) is this English page:
        # the canonical address is the English one (storefront.translation).
        canonical = _absolute(request, page.get_url(request) or "/")
        if getattr(page, "alias_of_id", None):
            # An untranslated copy shows the original's words: the original is the one to index.
            canonical = _absolute(request, page.alias_of.get_url(request) or "/")
        image = page.sharing_image() if hasattr(page, "sharing_image") else None
        if image is not None:
            image_url = _absolute(request, image.get_rendition("fill-1200x630|format-jpeg").url)
    else:
        # Shop pages: the address without tracking or sorting parameters (page kept).
        canonical = _absolute(request, request.path)
        if request.GET.get("page", "").isdigit() and request.GET["page"] != "1":
            canonical += f"?page={request.GET['page']}"
        title, description, image_url = _shop_page_meta(context, request)
    alternates = [
        {"hreflang": v["hreflang"], "url": _absolute(request, v.get("full_url") or v["url"])}
        for v in versions
    ]
    default = next((a for a in alternates if a["hreflang"] == settings.LANGUAGE_CODE), None)
    current = get_language()
    return {
        "canonical": canonical,
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": default,
        "shop_name": context.get("shop_name", settings.OSCAR_SHOP_NAME),
        "og_image": image_url,
        "og_title": title,
        "og_description": (description or "")[:300],
        "og_type": "product" if context.get("product") is not None and page is None else "website",
        "og_locale": OG_LOCALES.get(current, "en_IN"),
        "og_locale_alternates": [
            OG_LOCALES[code] for code, _name in settings.LANGUAGES
            if code != current and code in OG_LOCALES
        ],
    }


@register.inclusion_tag("storefront/partials/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    """"This page is not yet translated into Bengali", with a link to the English page, when
    the page shown is an English page served at /bn/ or /hi/ (storefront.translation)."""
    from storefront.translation import notice

    return {"notice": notice(context.get("page"))}


@register.simple_tag(takes_context=True)
def page_lang(context):
    """` lang="en-IN"` on an element holding the page's own text when that text is the English
    page served at /bn/ or /hi/ (not yet translated), so screen readers read it with an English
    voice and browsers hyphenate it as English; nothing when the page is in the visitor's
    language. The shop's own words around it (gettext) stay in the visitor's language."""
    from wagtail.models import Page

    from storefront.translation import notice

    page = context.get("page")
    if not isinstance(page, Page) or notice(page) is None:
        return ""
    code = page.locale.language_code
    language, _sep, region = code.partition("-")
    return format_html(' lang="{}"', f"{language}-{region.upper()}" if region else language)


@register.simple_tag(takes_context=True)
def about_url(context):
    """The address of the about page in the page's language (cached: header, footer, hero)."""
    request = context.get("request")

    def find():
        from wagtail.models import Locale

        from storefront.models import StandardPage

        page = (StandardPage.objects.live().filter(slug="about", locale=Locale.get_active())
                .first() or StandardPage.objects.live().filter(slug="about").first())
        return (page.get_url(request) if page else "") or "/"

    return furniture.cached("about-url", find, request.get_host() if request else "")


@register.inclusion_tag("storefront/partials/language_switcher.html", takes_context=True)
def language_switcher(context, landmark=True):
    """Links (no form, no script): each language's address of this page. `landmark=False` for a
    second copy under its own heading (one navigation landmark per page and label)."""
    return {"versions": _versions(context), "landmark": landmark}


@register.simple_tag(takes_context=True)
def product_jsonld(context, product):
    """schema.org Product with an Offer in INR (price and availability as the shopper sees them,
    from the same partner strategy as the page)."""
    request = context.get("request")
    if request is None or product is None:
        return ""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "url": _absolute(request, product.get_absolute_url()),
    }
    description = (product.get_meta_description() or "").strip()
    if description:
        data["description"] = description[:500]
    if product.upc:
        data["sku"] = product.upc
    image_url = _product_image_url(request, product)
    if image_url:
        data["image"] = image_url
    data["brand"] = {"@type": "Brand", "name": settings.OSCAR_SHOP_NAME}
    strategy = getattr(request, "strategy", None)
    if strategy is not None and not product.is_parent:
        info = strategy.fetch_for_product(product)
        if info.price.exists and info.price.is_tax_known:
            data["offers"] = {
                "@type": "Offer",
                "price": f"{info.price.incl_tax:.2f}",
                "priceCurrency": info.price.currency or "INR",
                "availability": "https://schema.org/InStock"
                if info.availability.is_available_to_buy else "https://schema.org/OutOfStock",
                "url": data["url"],
                "itemCondition": "https://schema.org/NewCondition",
            }
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308 - escaped above
