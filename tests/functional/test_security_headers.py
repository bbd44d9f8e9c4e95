"""Headers and error pages (issue 11): a Content Security Policy with nothing inline on every
page, the strict policy's exceptions only on the staff back offices, and error pages that say
nothing about the request or the error."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import path

from tests.functional.test_settings import PROD, manage

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/shop/catalogue/", "/shop/basket/", "/makers/", "/shop/search/?q=tote",
                "/shop/accounts/login/", "/shop/checkout/", "/no-such-page/"]
# What no template we serve may carry under a policy without 'unsafe-inline'.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>",
                           re.I)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=|<style[\s>]", re.I)


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def inline_code(html):
    return [m.group(0)[:80] for rx in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE)
            for m in rx.finditer(html)]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_send_a_strict_policy_and_carry_no_inline_code(client, url):
    response = client.get(url, follow=True)
    policy = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    stripe = settings.STRIPE_JS_URL.split("/js.stripe.com")[0] if "127.0.0.1" in settings.STRIPE_JS_URL \
        else "https://js.stripe.com"
    assert stripe in policy["script-src"]
    assert inline_code(response.content.decode()) == []
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")
    assert response["X-Frame-Options"] == "DENY"


def test_signed_in_shopper_pages_carry_no_inline_code(client, demo_login):
    demo_login("shopper")
    for url in ("/shop/accounts/profile/", "/shop/accounts/profile/edit/", "/shop/accounts/addresses/add/",
                "/shop/accounts/wishlists/", "/shop/accounts/notifications/inbox/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_code(response.content.decode()) == [], url


def test_the_back_offices_get_their_own_policies_and_only_wagtails_allows_inline_script(client):
    strict = directives(client.get("/shop/catalogue/"))
    assert strict["base-uri"] == ["'none'"]
    same = ("default-src", "font-src", "frame-ancestors", "form-action", "base-uri", "object-src")
    for url, script_src in (("/dashboard/login/", ["'self'"]), ("/admin/login/", ["'self'"]),
                            ("/cms/login/", ["'self'", "'unsafe-inline'"])):
        response = client.get(url, follow=True)
        staff = directives(response)
        # No Stripe on the staff pages; inline styles still (storefront/settings/headers.py).
        assert staff["script-src"] == script_src, url
        assert staff["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert staff["connect-src"] == ["'self'"] and staff["frame-src"] == ["'self'"], url
        assert {k: staff[k] for k in same} == {k: strict[k] for k in same}, url


def test_production_policy_allows_stripe_js_and_its_3d_secure_frames():
    result = manage("shell", "-c", "from django.conf import settings as s; "
                    "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES'])", **PROD)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "'script-src': [\"'self'\", 'https://js.stripe.com'" in out
    assert "'frame-src': ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com']" in out
    assert "'connect-src': [\"'self'\", 'https://api.stripe.com', 'https://js.stripe.com']" in out
    assert "127.0.0.1" not in out


def test_the_404_page_is_ours_and_does_not_echo_the_address(client):
    response = client.get("/shop/nothing-here/<script>alert(1)</script>-Quillonia/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Page not found" in text
    # The language links point at the same address (URL-encoded: what the visitor typed), but
    # nothing from it is shown as text or markup.
    assert "<script>alert(1)" not in text and ">Quillonia" not in text
    assert "Traceback" not in text and "urlpatterns" not in text


def boom(request):
    raise RuntimeError("secret detail: Quillonia Brackenwhistle, UTIB0999999")


urlpatterns = [path("boom/", boom)]


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_the_500_page_is_ours_and_says_nothing_about_the_error(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong" in text
    for leak in ("Quillonia", "UTIB", "RuntimeError", "Traceback", "boom"):
        assert leak not in text
    assert inline_code(text) == []
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_uploads_are_limited_in_size():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 15 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 15 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000


def test_each_policy_header_is_django_csps_own_and_a_view_may_still_change_it(rf):
    """Each policy's header is built once (issue 10): it must be what django-csp builds,
    and a view that changes its policy (django-csp's decorators) must still get its change."""
    from csp.utils import build_policy
    from django.http import HttpResponse

    from storefront.csp import PathPolicyCSPMiddleware
    from storefront.settings.headers import policies

    built = policies(settings.STRIPE_JS_URL, settings.STRIPE_API_BASE)
    middleware = PathPolicyCSPMiddleware(lambda request: HttpResponse())
    for _ in range(2):  # built, then from memory
        shop = middleware(rf.get("/shop/"))["Content-Security-Policy"]
        staff = middleware(rf.get("/dashboard/orders/"))["Content-Security-Policy"]
        vault = middleware(rf.get("/dashboard/payouts/"))["Content-Security-Policy"]
        assert shop == build_policy(config=built["shop"]["DIRECTIVES"])
        assert staff == build_policy(config=built["staff"]["DIRECTIVES"])
        assert vault == build_policy(config=built["vault"]["DIRECTIVES"])
    assert len({shop, staff, vault}) == 3

    def view_adding_a_source(request):
        response = HttpResponse()
        response._csp_update = {"img-src": ["https://images.example.org"]}
        return response

    changed = PathPolicyCSPMiddleware(view_adding_a_source)(rf.get("/shop/"))
    assert "https://images.example.org" in changed["Content-Security-Policy"]
    assert "https://images.example.org" not in middleware(rf.get("/shop/"))["Content-Security-Policy"]
