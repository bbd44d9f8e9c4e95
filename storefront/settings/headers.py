"""Content Security Policy, built after prod.py so it names the Stripe hosts in force.

Four policies, chosen by path (CSP_POLICY_PATHS; storefront/csp.py serves them):

- "shop", every page not listed: scripts, styles, fonts and images from our own origin only, plus
  Stripe.js (and its 3-D Secure frames and API calls) from STRIPE_JS_URL's host; nothing inline,
  no eval, no plugins, no <base>, not framed by anyone. /workshop/ is served this policy too.
- "staff", Oscar's dashboard and Django's admin: scripts only from our files, or inline with the
  request's nonce (django-csp: `{{ request.csp_nonce }}`, added to the header only when a page
  asks for it); no Stripe. Inline styles are still allowed: Oscar's dashboard markup carries
  style="" attributes (the index chart's bar heights are data), and select2, Tempus Dominus and
  TinyMCE write style attributes into markup they build.
- "vault", the identity vault, its audit log and every payout page (runs, bank/UPI exports,
  statements): no inline script or style at all, no nonce, images only ours or data:, requests
  only to us, no frames. These responses also carry `Cache-Control: no-store` and
  `Referrer-Policy: same-origin` (VAULT_HEADERS), not no-referrer: under no-referrer browsers
  send `Origin: null` with the page's own form posts and Django's CSRF check refuses them
  (tests/browser/test_identity_custodian.py). same-origin sends no referrer to any other site,
  and the policy lets these pages reach no other site anyway.
- "cms", Wagtail 8's admin: the one place inline scripts run ('unsafe-inline', never eval).
  Wagtail renders inline <script> from form widgets (date/time inputs, choosers: BaseChooser.render)
  and panels (InlinePanel), which have no request and so cannot carry a nonce
  (wagtail/wagtail#1288 is still open). Its preview pages ("cms-preview") are the public page
  under the shop's policy, framed by /cms/ itself (frame-ancestors 'self').
"""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE


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
        "base-uri": [NONE],
        "object-src": [NONE],
    }
    return {"DIRECTIVES": directives}


def _copy(policy, **changes):
    directives = {k: list(v) for k, v in policy["DIRECTIVES"].items()}
    directives.update({k.replace("_", "-"): v for k, v in changes.items()})
    return {"DIRECTIVES": directives}


def staff_policy(shop):
    """Oscar's dashboard and Django's admin: our script files or the request's nonce."""
    return _copy(shop, script_src=[SELF, NONCE], style_src=[SELF, UNSAFE_INLINE],
                 connect_src=[SELF], frame_src=[SELF])


def vault_policy(shop):
    """The identity vault and the payout pages: nothing inline, nothing from anywhere else."""
    return _copy(shop, script_src=[SELF], style_src=[SELF], img_src=[SELF, "data:"],
                 connect_src=[SELF], frame_src=[NONE], font_src=[SELF])


def cms_policy(shop):
    """Wagtail's admin: the staff policy, but inline scripts allowed (no nonce: with a nonce in
    the header browsers ignore 'unsafe-inline'). Its preview panel frames our own pages."""
    return _copy(shop, script_src=[SELF, UNSAFE_INLINE], style_src=[SELF, UNSAFE_INLINE],
                 connect_src=[SELF], frame_src=[SELF])


def policies(stripe_js_url, stripe_api_base):
    """{name: django-csp config} for every policy CSP_POLICY_PATHS names."""
    shop = content_security_policy(stripe_js_url, stripe_api_base)
    # Wagtail's preview panel frames its preview pages (which say X-Frame-Options: SAMEORIGIN):
    # the public page, so the shop's policy, but framed by our own /cms/.
    cms_preview = _copy(shop, frame_ancestors=[SELF])
    return {"shop": shop, "staff": staff_policy(shop), "vault": vault_policy(shop),
            "cms": cms_policy(shop), "cms-preview": cms_preview}


# (regular expression on request.path_info, policy): the first match wins, else "shop".
CSP_POLICY_PATHS = (
    (r"^/dashboard/makers/\d+/identity/", "vault"),
    (r"^/dashboard/makers/audit/", "vault"),
    (r"^/dashboard/payouts/", "vault"),
    (r"^/me/", "vault"),  # a maker's own page: her money, her consent
    (r"^/cms/.+/preview/", "cms-preview"),
    (r"^/cms/", "cms"),
    (r"^/dashboard/", "staff"),
    (r"^/admin/", "staff"),
)
# Sent (replacing any other value) on every response served the "vault" policy.
VAULT_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}
