"""Demo data of a maker's own page (issue 21): sign-in codes `make demo` prints.

Codes made here last DEMO_CODE_HOURS so that whoever runs the demo has time to try them; the
15-minute rule of production codes (maker_auth.issue_code) is untouched, and this refuses to
run in production.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from . import maker_auth
from .models import Artisan

DEMO_CODE_HOURS = 12
DEMO_CODE_MAKERS = ("Juhi", "Bakul")


def sign_in_codes(staff_username: str = "shelter-staff") -> list[tuple[str, str]]:
    """[(pseudonym, code)] fresh demo codes for the makers of the demo shelter staff's shelter."""
    if getattr(settings, "DJANGO_ENV", "") == "prod":
        raise RuntimeError("Demo sign-in codes are never made in production.")
    staff = get_user_model().objects.get(username=staff_username)
    codes = []
    for artisan in Artisan.objects.filter(pseudonym__in=DEMO_CODE_MAKERS).order_by("pseudonym"):
        code, _record = maker_auth.issue_code(user=staff, artisan=artisan,
                                              minutes=DEMO_CODE_HOURS * 60)
        codes.append((artisan.pseudonym, code))
    return codes
