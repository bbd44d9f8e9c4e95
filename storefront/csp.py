"""django-csp's middleware with one relaxed policy for the staff back offices.

The strict policy (settings/headers.py) is sent everywhere except under
settings.CSP_RELAXED_PATHS, where Oscar's dashboard and Wagtail's admin still need inline code
(settings/headers.py says which and why; README, "Security"). The policy is built from the Stripe
URLs in force when the response is made, so a test's own localstripe port is allowed too.
"""

from functools import lru_cache

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

from storefront.settings.headers import content_security_policy, relaxed_policy


@lru_cache(maxsize=8)
def _policies(stripe_js_url, stripe_api_base):
    strict = content_security_policy(stripe_js_url, stripe_api_base)
    return strict["DIRECTIVES"], relaxed_policy(strict)["DIRECTIVES"]


@lru_cache(maxsize=8)
def _header(relax, stripe_js_url, stripe_api_base):
    return build_policy(config=_policies(stripe_js_url, stripe_api_base)[relax])


# What a view or decorator sets on a response to change its policy (django-csp's decorators).
_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace",
                 "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


class PathPolicyCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # django-csp builds the header again for every response, from a deep copy of the whole
        # policy: a fifteenth of an add to basket's CPU and more of a page served whole from the
        # cache (issue 10). The shop's pages use no nonce and change no policy, so each of the
        # two policies' headers is built once; anything else goes through django-csp.
        if (getattr(request, "_csp_nonce", None) is not None
                or any(hasattr(response, name) for name in _PER_RESPONSE)
                or (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("EXCLUDE_URL_PREFIXES")
                or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
                or settings.DEBUG):
            return super().process_response(request, response)
        if HEADER not in response and not getattr(response, "_csp_exempt", False):
            response[HEADER] = _header(self._relaxed(request), settings.STRIPE_JS_URL,
                                       settings.STRIPE_API_BASE)
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _relaxed(request):
        return request.path_info.startswith(tuple(settings.CSP_RELAXED_PATHS))

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        strict, relaxed = _policies(settings.STRIPE_JS_URL, settings.STRIPE_API_BASE)
        parts.config = relaxed if self._relaxed(request) else strict
        return parts
