"""django-csp's middleware, serving one of four policies chosen by the request's path.

settings/headers.py defines the policies ("shop", "staff", "vault", "cms") and which paths get
which (settings.CSP_POLICY_PATHS; README, "Security"). The policies are built from the Stripe URLs
in force when the response is made, so a test's own localstripe port is allowed too. Responses
under the "vault" policy also get settings.VAULT_HEADERS (no-store,
referrer same-origin).

A page that needs an inline script gives it `nonce="{{ request.csp_nonce }}"` (the dashboard's
`{% inline_script %}`, storefront/templatetags/haat_csp.py): reading the nonce sends this request
through django-csp, which puts it in the "staff" policy's script-src (csp.constants.NONCE).
"""

import re
from functools import lru_cache

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

from storefront.settings.headers import policies


@lru_cache(maxsize=8)
def _policies(stripe_js_url, stripe_api_base):
    return {name: policy["DIRECTIVES"] for name, policy in policies(stripe_js_url, stripe_api_base).items()}


@lru_cache(maxsize=32)
def _header(name, stripe_js_url, stripe_api_base):
    return build_policy(config=_policies(stripe_js_url, stripe_api_base)[name])


@lru_cache(maxsize=4)
def _compiled(table):
    return tuple((re.compile(pattern), name) for pattern, name in table)


def policy_name(path):
    """The name of the policy served at `path` (settings.CSP_POLICY_PATHS, first match)."""
    for pattern, name in _compiled(tuple(settings.CSP_POLICY_PATHS)):
        if pattern.match(path):
            return name
    return "shop"


# What a view or decorator sets on a response to change its policy (django-csp's decorators).
_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace",
                 "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


class PathPolicyCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        name = policy_name(request.path_info)
        if name == "cms-preview" and HEADER in response:
            # Wagtail renders the preview through the middleware again, for the page's own
            # address (make_preview_request): that inner response has the shop's header, which
            # forbids the framing the preview panel needs.
            del response[HEADER]
        if name == "vault":
            for header, value in settings.VAULT_HEADERS.items():
                # A stricter Cache-Control already there (never_cache: "..., no-store, ...") stays.
                if header != "Cache-Control" or value not in response.get(header, ""):
                    response[header] = value
        # django-csp builds the header again for every response, from a deep copy of the whole
        # policy: a fifteenth of an add to basket's CPU and more of a page served whole from the
        # cache (issue 10). Most pages use no nonce and change no policy, so each policy's
        # header is built once; anything else goes through django-csp.
        if (getattr(request, "_csp_nonce", None) is not None
                or any(hasattr(response, attr) for attr in _PER_RESPONSE)
                or (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("EXCLUDE_URL_PREFIXES")
                or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
                or settings.DEBUG):
            return super().process_response(request, response)
        if HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[HEADER] = _header(name, settings.STRIPE_JS_URL, settings.STRIPE_API_BASE)
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        parts.config = _policies(settings.STRIPE_JS_URL, settings.STRIPE_API_BASE)[
            policy_name(request.path_info)]
        return parts
