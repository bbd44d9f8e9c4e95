"""django-csp's middleware with one relaxed policy for the staff back offices.

The strict policy (settings/headers.py) is sent everywhere except under
settings.CSP_RELAXED_PATHS, where Oscar's dashboard and Wagtail's admin still need inline code
(settings/headers.py says which and why; README, "Security"). The policy is built from the Stripe
URLs in force when the response is made, so a test's own localstripe port is allowed too.
"""

from functools import lru_cache

from csp.middleware import CSPMiddleware
from django.conf import settings

from storefront.settings.headers import content_security_policy, relaxed_policy


@lru_cache(maxsize=8)
def _policies(stripe_js_url, stripe_api_base):
    strict = content_security_policy(stripe_js_url, stripe_api_base)
    return strict["DIRECTIVES"], relaxed_policy(strict)["DIRECTIVES"]


class PathPolicyCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        strict, relaxed = _policies(settings.STRIPE_JS_URL, settings.STRIPE_API_BASE)
        relax = request.path_info.startswith(tuple(settings.CSP_RELAXED_PATHS))
        parts.config = relaxed if relax else strict
        return parts
