"""Whole-page cache for anonymous visitors: the home, catalogue, category, product and maker
pages, and each visitor's own basket page.

Issue 10: a warm catalogue or product page costs ~20 ms of CPU even with every fragment cached
(middleware, template inheritance, the basket), and a 3-line basket page ~26 ms (9 queries,
most of it templates); 8 shoppers on 2 cores need well under 10 ms. Most visitors are
anonymous: the shop pages are the same for all of them and a basket page is the same on every
view until the basket changes, so they are kept whole and served from Redis before
authentication, the basket, messages and the view run.

What makes a stored page safe to give to someone:

- Only visitors who carry no cookie that changes the page are served from, or stored into, the
  cache: no session (so nobody signed in, no messages in the session, no CSR employee e-mail),
  no messages cookie, no basket except on the basket page, and on product pages no
  recently-viewed history. The CSRF and language cookies are harmless (the language is part of
  the key). Everyone else gets the page rendered for them.
- The basket page (GET, no query string) is kept per basket: its key carries the basket id
  from the visitor's basket cookie, read the way Oscar's basket middleware reads it (Django's
  Signer, no database query; a cookie the shop did not sign is never served from or stored
  into the cache), and that basket's version token (random, in the cache under
  "pagecache:basket:<id>"), so nobody without the signed cookie of a basket can reach its page.
  A visitor without a basket cookie gets the empty basket page everyone without one gets.
- The CSRF token is never stored: candidate pages are rendered with a placeholder (the context
  processor below; catalogue/fragments.py uses the same one) and each response, from the cache
  or not, gets the visitor's own token in its place, with its cookie set by Django's CSRF
  middleware. No JavaScript is needed, so forms work without it and under the strict CSP.
- A response is stored only if it is a 200 HTML page whose view changed no session, showed or
  queued no message and set no cookie but the product page's recently-viewed one, which is the
  same for every visitor without a history (the product's id alone) and is replayed on a hit.
  So a basket cookie naming a basket that is gone, frozen for payment or someone's (deleted by
  Oscar's middleware) is never kept either.

What retires a stored page (the receivers are in receivers.py):

- Keys carry the language, host, path and the two query parameters the list pages read (other
  parameters, or made-up values, are not cached at all), the catalogue generation (bumped on
  every save of a product, stock record, photo, category, maker, product-maker link or consent:
  catalogue/receivers.py, artisans/cache_receivers.py) and this cache's own generation, bumped
  when stock is allocated, withdrawn or put back (conditional UPDATEs that send no signal:
  commerce/partner/models.py), when a Wagtail page is published or unpublished, when
  an offer, condition, benefit, range (or its products, classes, categories), voucher or
  voucher set is saved, deleted or relinked anywhere (the basket page's discounts, upsell
  messages and totals), and when a CSR tie-up is saved or deleted (the home page's campaign).
  So price, stock, photo, product, offer and consent changes show on the next request.
- A basket's token is deleted whenever anything its page shows about the basket changes: a
  save or delete of the basket (status, merge, freezing for payment), of one of its lines
  (added, quantity changed, removed) or of a line's options, and a voucher added to or taken
  off it. It is deleted at once and again when the change is committed, so a page rendered
  from the old state during the change is stored under a token nobody asks for any more. A
  missing token is put in place (cache.add) before the page is rendered and stored under it,
  for the same reason. (Oscar's unfreezing UPDATE sends no signal, but nothing is kept while a
  basket is frozen: the cookie does not find it, and paying takes a session.)
- What sends no news at all (a dated split row or an offer's start or end coming into force, a
  review approved) shows within settings.HAAT_PAGE_CACHE_SECONDS and the time of one render: a
  page is fresh for that long (and kept twice as long); the first request after that renders
  it again while the others are served the old copy for the moment the render takes (at most
  RENEWING_SECONDS), instead of all of them rendering it at once (which made the deep catalogue
  page's p95 in bench/RESULTS.md). Changes that send news change the key: they never wait. The CSR "training fund"
  notes on basket lines (csr_partners' csr_tags) need a verified employee, who has a session or
  is signed in, so a kept basket page never carries one.
"""

import hashlib
import secrets
import time
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.signing import BadSignature, Signer
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from catalogue import fragments, selectors

VERSION = 2  # stored pages carry the moment they stop being fresh
GENERATION_KEY = "pagecache:generation"
BASKET_TOKEN_KEY = "pagecache:basket:{}"
# A token only has to outlive the pages stored under it; a lost one just means a fresh render.
BASKET_TOKEN_SECONDS = 24 * 3600
PLACEHOLDER = fragments.CSRF_PLACEHOLDER
HEADER = "X-Page-Cache"
BASKET_PAGE = "basket:summary"
# How long the one request renewing a page past its time holds the others on the old copy.
RENEWING_SECONDS = 10
# Only these pages, and only these query parameters with values a list page can show (anything
# else is rendered, not kept, so made-up URLs cannot fill the cache). The basket page takes no
# query string at all.
# A maker's page and the makers' list (issue 22: 50 ms a render) show what the catalogue
# generation retires: her profile, consents and products (artisans/cache_receivers.py).
PAGES = {"catalogue:index", "catalogue:category", "catalogue:detail", BASKET_PAGE,
         "artisans:maker", "artisans:makers"}
QUERY_PARAMETERS = {
    "page": lambda value: value.isdigit() and len(value) <= 6,
    "sort_by": lambda value: value in selectors.SORT_ORDERS,
}


def generation() -> int:
    return cache.get(GENERATION_KEY) or 0


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new number retires the old keys
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


def _on_commit_once(func, *args) -> None:
    """func(*args) when the transaction commits (at once outside one), queued once however
    many times a transaction asks: a 500-line order needs one bump, not 500."""
    from django.db import connection, transaction

    for entry in connection.run_on_commit:
        queued = entry[1]
        if (queued is func and not args) or (
            getattr(queued, "func", None) is func and queued.args == args
        ):
            return
    transaction.on_commit(partial(func, *args) if args else func)


def stock_changed() -> None:
    """Stock was allocated, withdrawn or put back by a conditional UPDATE (no signal): retire
    every stored page once the change is committed, so nobody is shown a sold piece."""
    _on_commit_once(bump_generation)


def pages_changed() -> None:
    """Something every stored page may show changed (an offer, a voucher): retire them all at
    once and again on commit, so a page rendered meanwhile from the old state is not kept."""
    bump_generation()
    _on_commit_once(bump_generation)


def _forget_basket(basket_id) -> None:
    cache.delete(BASKET_TOKEN_KEY.format(basket_id))


def basket_changed(basket_id) -> None:
    """Retire the stored pages of this basket, at once and again on commit (a page rendered
    from the old state while the change was in flight is then stored under a dead token)."""
    from django.db import connection

    if basket_id is None:
        return
    _forget_basket(basket_id)
    if connection.in_atomic_block:  # outside a transaction the change is already committed
        _on_commit_once(_forget_basket, basket_id)


def _harmless_cookies(page: str) -> set:
    names = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    if page != "catalogue:detail":  # only the product page shows the recently viewed pieces
        names.add(settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME)
    if page == BASKET_PAGE:  # the basket's id is part of the key
        names.add(settings.OSCAR_BASKET_COOKIE_OPEN)
    return names


def _page_of(request):
    """The cacheable page this request asks for, or None."""
    if request.method != "GET":
        return None
    for name, values in request.GET.lists():
        if name not in QUERY_PARAMETERS or len(values) != 1 or not QUERY_PARAMETERS[name](values[0]):
            return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name in PAGES:
        page = match.view_name
    elif match.url_name == "wagtail_serve" and not (match.args or ("",))[0].strip("/"):
        page = "home"  # Wagtail's catch-all, for the site's root page only
    else:
        return None
    if page == BASKET_PAGE and request.META.get("QUERY_STRING"):
        return None
    if not set(request.COOKIES) <= _harmless_cookies(page):
        return None
    return page


def _basket_id(request):
    """The basket id in the visitor's basket cookie ("" without one), read as Oscar's basket
    middleware reads it (get_cookie_basket) but without asking the database whether the basket
    is there: a render for a basket that is not (or not open, or someone's) deletes the cookie,
    and a response that sets a cookie is not kept. None for a cookie the shop did not sign."""
    value = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if value is None:
        return ""
    try:
        basket_id = Signer().unsign(value)
    except BadSignature:
        return None
    return basket_id if basket_id.isdigit() else None


def _key(request, basket_id=""):
    """The page's key, or None when the basket's pages were retired this very moment."""
    token_key = BASKET_TOKEN_KEY.format(basket_id) if basket_id else None
    gens = cache.get_many([GENERATION_KEY, fragments.GENERATION_KEY, *filter(None, [token_key])])
    if fragments.GENERATION_KEY not in gens:  # first start, or evicted: the one rendering sets
        gens[fragments.GENERATION_KEY] = fragments.generation()
    parts = [
        request.scheme, request.get_host(), translation.get_language() or "",
        request.get_full_path(),
    ]
    if token_key:
        token = gens.get(token_key)
        if token is None:
            # Put in place before rendering: a change during the render deletes it, and the
            # page rendered from the old state is stored under a token nobody asks for again.
            token = secrets.token_hex(16)
            if not cache.add(token_key, token, BASKET_TOKEN_SECONDS):
                token = cache.get(token_key)
                if token is None:
                    return None
        parts += [f"basket:{basket_id}", token]
    digest = hashlib.md5("|".join(parts).encode(), usedforsecurity=False).hexdigest()
    return (
        f"pagecache:v{VERSION}:{gens.get(GENERATION_KEY, 0)}:"
        f"{gens.get(fragments.GENERATION_KEY, 0)}:{digest}"
    )


def csrf_placeholder(request):
    """Context processor: candidate pages are rendered with a placeholder for the CSRF token
    (it overrides Django's built-in `csrf` processor, which runs first)."""
    if getattr(request, "_haat_page_cache", None):
        return {"csrf_token": PLACEHOLDER}
    return {}


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if set(response.cookies) - {settings.OSCAR_RECENTLY_VIEWED_COOKIE_NAME}:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    # A message added while rendering (shown or not) would otherwise be shown to everyone.
    return not (hasattr(request, "_messages") and len(messages.get_messages(request)))


def _personalised(request, response):
    """The visitor's own CSRF token in place of the placeholder; never kept by shared caches."""
    if not response.streaming and PLACEHOLDER.encode() in response.content:
        response.content = response.content.replace(
            PLACEHOLDER.encode(), get_token(request).encode()
        )
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Cookie",))
    patch_cache_control(response, private=True)
    return response


class AnonymousPageCacheMiddleware:
    """Placed after the session, locale, common and CSRF middleware (the language is known, the
    CSRF cookie is set on the way out) and before authentication and the basket, which a hit
    skips."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        page = _page_of(request) if settings.HAAT_PAGE_CACHE else None
        basket_id = _basket_id(request) if page == BASKET_PAGE else ""
        key = _key(request, basket_id) if page is not None and basket_id is not None else None
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers, cookies, fresh_until = stored
            # Past its time, one request renders the page again while everyone else is given
            # the copy they would have had a moment ago (no dog-pile of renders at expiry).
            if time.time() < fresh_until or not cache.add(f"{key}:renewing", 1, RENEWING_SECONDS):
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response.cookies.update(cookies)
                response[HEADER] = "hit" if time.time() < fresh_until else "stale"
                return _personalised(request, response)
        request._haat_page_cache = page
        response = self.get_response(request)
        if _storable(request, response):
            headers = [
                (name, value) for name, value in response.items()
                if name.lower() not in {"content-length", "set-cookie", "vary", "cache-control"}
            ]
            seconds = settings.HAAT_PAGE_CACHE_SECONDS
            cache.set(
                key, (response.content, headers, response.cookies, time.time() + seconds),
                2 * seconds,
            )
            response[HEADER] = "miss"
        if stored is not None:
            cache.delete(f"{key}:renewing")
        return _personalised(request, response)
