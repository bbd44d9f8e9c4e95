"""Settings for every environment, chosen by DJANGO_ENV (dev, test or prod).

Everything that differs between machines comes from environment variables (django-environ);
see DESIGN.md section 3 and the README for the list.
"""

from .base import *  # noqa: F403
from .base import DJANGO_ENV

if DJANGO_ENV == "prod":
    from .prod import *  # noqa: F403

# Content Security Policy and the other response headers (headers.py), after prod.py so the
# policy names the Stripe.js host in force.
from .headers import CSP_POLICY_PATHS, VAULT_HEADERS, content_security_policy  # noqa: E402, F401

# The shop's policy; the staff areas' (by path, CSP_POLICY_PATHS) are derived from it.
CONTENT_SECURITY_POLICY = content_security_policy(STRIPE_JS_URL, STRIPE_API_BASE)  # noqa: F405
# Outermost, so error pages and static files carry the policy too.
MIDDLEWARE = ["storefront.csp.PathPolicyCSPMiddleware", *MIDDLEWARE]  # noqa: F405
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]  # noqa: F405
