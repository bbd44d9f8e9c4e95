from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from .policy import PROTECTED_PREFIXES, SESSION_FLAG, is_exempt, is_staff_member


class SecondFactorMiddleware:
    """Sends a signed-in person who owes a second factor to the code page (or, without a
    device, to enrolment) before any back-office page; after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        path = request.path_info
        if user.is_authenticated and not is_exempt(path) and not user.is_verified():
            in_back_office = path.startswith(PROTECTED_PREFIXES)
            if in_back_office or request.session.get(SESSION_FLAG):
                enrolled = user_has_device(user, confirmed=True)
                if enrolled or is_staff_member(user):
                    step = "verify" if enrolled else "setup"
                    url = reverse(f"second-factor:{step}")
                    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

