"""Demo data of a maker's own page (issue 21): sign-in codes `make demo` prints.

Codes made here last DEMO_CODE_HOURS so that whoever runs the demo has time to try them; the
15-minute rule of production codes (maker_auth.issue_code) is untouched, and this refuses to
run in production.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from . import maker_auth
from .models import Artisan, MakerSignInCode

DEMO_CODE_HOURS = 12
DEMO_CODE_MAKERS = ("Juhi", "Bakul")


def sign_in_codes(staff_username: str = "shelter-staff") -> list[tuple[str, str]]:
    """[(pseudonym, code)] fresh demo codes for the makers of the demo shelter staff's shelter."""
    if getattr(settings, "DJANGO_ENV", "") == "prod":
        raise RuntimeError("Demo sign-in codes are never made in production.")
    staff = get_user_model().objects.get(username=staff_username)
    codes = []
    for artisan in Artisan.objects.filter(pseudonym__in=DEMO_CODE_MAKERS).order_by("pseudonym"):
        # Loading the demo again within the hour must not hit the hourly limit on codes.
        MakerSignInCode.objects.filter(artisan=artisan).delete()
        code, _record = maker_auth.issue_code(user=staff, artisan=artisan,
                                              minutes=DEMO_CODE_HOURS * 60)
        codes.append((artisan.pseudonym, code))
    return codes


def production(staff_username: str = "shelter-staff", checker_username: str = "shelter-staff-2"):
    """A checked batch of the demo shelter, so the demo makers' pages show pieces and piece-rate
    earnings (the ledger credits them on batch_accepted, as for any batch)."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone
    from oscar.core.loading import get_model

    from . import services
    from .models import BatchLine

    makers = {a.pseudonym: a for a in Artisan.objects.filter(pseudonym__in=DEMO_CODE_MAKERS)}
    if not makers or BatchLine.objects.filter(artisan__in=makers.values()).exists():
        return
    users = get_user_model().objects
    staff, checker = users.get(username=staff_username), users.get(username=checker_username)
    product = get_model("catalogue", "Product").objects.filter(upc="HAAT-TOTE-01").first()
    shelter = next(iter(makers.values())).shelter
    if product is None:
        return
    batch = services.save_batch(
        user=staff, shelter=shelter, made_on=timezone.localdate() - datetime.timedelta(days=2),
        piece_rate=Decimal("45.00"), product=product, submit=True,
        pieces={makers[name]: n for name, n in (("Juhi", 12), ("Bakul", 8)) if name in makers},
        notes="Demo batch",
    )
    services.check_batch(user=checker, batch=batch, accepted={
        makers["Juhi"].pk: (11, "One border came loose")} if "Juhi" in makers else {})
