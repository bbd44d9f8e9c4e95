from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Staff sign-in: the second factor (django-otp), lock-outs (django-axes), password rules,
    rate-limit refusals and the append-only audit log (django-auditlog)."""

    name = "storefront.security"
    label = "haat_security"
    verbose_name = _("Sign-in and audit")

    def ready(self):
        from . import receivers  # noqa: F401
