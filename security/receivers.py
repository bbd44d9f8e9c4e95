from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .policy import SESSION_FLAG, needs_second_factor


@receiver(user_logged_in, dispatch_uid="haat_second_factor_flag")
def remember_second_factor_needed(sender, request, user, **kwargs):
    """Every login form ends in the second-factor step: the session remembers it is owed."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_FLAG] = needs_second_factor(user)
