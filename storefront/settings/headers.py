"""Content Security Policy, built after prod.py so it names the Stripe hosts in force.

Every page: scripts, styles, fonts and images from our own origin only, plus Stripe.js (and its
3-D Secure frames and API calls) from STRIPE_JS_URL's host; nothing inline, no eval, no plugins,
not framed by anyone. storefront/csp.py serves a relaxed policy on the staff back offices whose
third-party templates still carry inline code (CSP_RELAXED_PATHS; README, "Security").
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(stripe_js_url, stripe_api_base):
    js = _origin(stripe_js_url)
    api = _origin(stripe_api_base)
    stripe_frames = [js]
    if js == "https://js.stripe.com":
        # Stripe's own list: its scripts load helpers from *.js.stripe.com and 3-D Secure pages
        # come from hooks.stripe.com.
        stripe_scripts = [js, "https://*.js.stripe.com"]
        stripe_frames = [js, "https://*.js.stripe.com", "https://hooks.stripe.com"]
    else:
        stripe_scripts = [js]
    directives = {
        "default-src": [SELF],
        "script-src": [SELF, *stripe_scripts],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF, *dict.fromkeys([api, js])],
        "frame-src": stripe_frames,
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
    return {"DIRECTIVES": directives}


def relaxed_policy(strict):
    """The strict policy plus inline scripts and styles: only for CSP_RELAXED_PATHS."""
    directives = {k: list(v) for k, v in strict["DIRECTIVES"].items()}
    directives["script-src"].append(UNSAFE_INLINE)
    directives["style-src"].append(UNSAFE_INLINE)
    return {"DIRECTIVES": directives}


# Oscar's dashboard (15 of its templates run inline scripts through `onbodyload`), Wagtail 8's
# admin (wagtail/wagtail#1288 is still open: inline scripts and styles in widgets and choosers)
# and Django's admin. Everything else, including /workshop/, /partners/ and /makers/, is strict.
CSP_RELAXED_PATHS = ("/dashboard/", "/cms/", "/admin/")
