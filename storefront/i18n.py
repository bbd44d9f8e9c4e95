"""Languages in the URL: English at /, /shop/..., Bengali under /bn/, Hindi under /hi/.

Public pages (Wagtail's and the shop's, storefront.urls' i18n_patterns) take their language from
the URL alone, so a whole-page cache keyed by URL can never serve one language's page to another
and every language version has its own address for search engines (hreflang). Django's
LocaleMiddleware, once i18n_patterns are used with prefix_default_language=False, forces the
default language on every path without a prefix, which would lose the Bengali that shelter
staff chose for /workshop/. So for the areas outside i18n_patterns (workshop, dashboard, CMS,
partners) this middleware goes back to the visitor's choice: the language cookie set by the
switcher, then the browser's Accept-Language.
"""

from functools import lru_cache

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import LocalePrefixPattern, URLResolver, get_resolver, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers


@lru_cache(maxsize=8)
def _top_level(urlconf):
    return get_resolver(urlconf).url_patterns


def is_localised_path(path: str, urlconf=None) -> bool:
    """True when the path is served by the i18n_patterns block (its language is in the URL).

    The top-level patterns are tried in order, as Django resolves them: the first whose own
    pattern matches the start of the path decides (an include claims its whole prefix)."""
    stripped = path.lstrip("/")
    for pattern in _top_level(urlconf or settings.ROOT_URLCONF):
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            return True
        if pattern.pattern.match(stripped):
            return False
    return False


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if is_localised_path(request.path_info, urlconf):
            request._haat_language_from_url = True
            return super().process_request(request)
        request._haat_language_from_url = False
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if getattr(request, "_haat_language_from_url", True):
            return super().process_response(request, response)
        # Chosen by cookie or browser: the response depends on both.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def is_found(request, page=None) -> bool:
    """False on an error page: the address matched nothing, or Wagtail's catch-all found no
    page for it (the template then has no `page`)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return not (match.url_name == "wagtail_serve" and page is None)


def language_versions(request, page=None) -> list[dict]:
    """The page in every language, for the switcher and hreflang links:
    [{"code", "name", "url", "full_url", "current", "hreflang"}], in settings.LANGUAGES order.

    A Wagtail page links to its translations (their slugs may differ); a language it has not
    been translated into links to the English page under that language's prefix (served in
    English with a notice there). A shop page's address is the same
    path under the language's prefix (Django's translate_url)."""
    current = translation.get_language()
    urls, full_urls = {}, {}
    from wagtail.models import Page

    # Only a Wagtail page has translations: Oscar's flat pages dashboard has a `page` too.
    if isinstance(page, Page) and page.pk:
        from storefront import furniture

        urls, full_urls = furniture.cached(
            "versions", lambda: _page_versions(request, page), page.pk, request.get_host())
    path = request.get_full_path()
    found = is_found(request, page)
    versions = []
    for code, name in settings.LANGUAGES:
        if found:
            url = urls.get(code) or translate_url(path, code)
        else:  # a page not found: never echo the address asked for; each language's home
            url = translate_url("/", code) if code != settings.LANGUAGE_CODE else "/"
        versions.append({
            "code": code,
            "name": name,
            "url": url,
            # Wagtail pages: the site's configured address (what canonical links use too).
            "full_url": full_urls.get(code),
            "current": code == current,
            "hreflang": code,
        })
    return versions


def _page_versions(request, page) -> tuple[dict, dict]:
    """Each language's address of a Wagtail page: its whole, live translation where there is
    one, else the English page's address under the language's prefix (served in English with a
    notice, storefront.translation). Full URLs on the public host (storefront.public_host)."""
    from storefront import public_host, translation

    english = page
    if not translation.is_default_locale(page):
        english = translation.english_version(page) or page
    english_url = english.get_url(request=request)
    urls, full_urls = {}, {}
    for code, _name in settings.LANGUAGES:
        shown = translation.shown_translation(english, code)
        url = shown.get_url(request=request) if shown is not None else None
        if not url and english_url:
            url = translation.fallback_url(english_url, code)
        if url:
            urls[code] = url
            full_urls[code] = public_host.absolute(url)
    return urls, full_urls
