from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Staff sign-in: the second factor (django-otp), lock-outs (django-axes), password rules,
    rate-limit refusals and the append-only audit log (django-auditlog)."""

    name = "security"
    label = "haat_security"
    verbose_name = _("Sign-in and audit")

    def ready(self):
        import logging

        from django.apps import apps

        from . import receivers  # noqa: F401
        from .audit_middleware import connect_receiver

        # Who made each audited change, with one receiver for the process (audit_middleware.py).
        connect_receiver()

        # django-haystack's ready() gives its logger a console handler of its own, after
        # settings.LOGGING was applied and so without the vault filter. Its records still reach
        # the root logger's (filtered) handler.
        haystack = apps.get_app_config("haystack") if apps.is_installed("haystack") else None
        if haystack is not None and haystack.stream is not None:
            logging.getLogger("haystack").removeHandler(haystack.stream)
