"""The role matrix for a maker signed in on her phone (issue 21), and shelter staff scoped to their
own shelter's makers and batches, with real objects. The other roles: test_role_matrix.py."""

import re

import pytest
from django.test import Client
from oscar.core.loading import get_model

from artisans.models import Artisan
from tests.functional.role_matrix_support import (
    _batch_of,
    area_of,
    company_b,
    outcome,
    samples,
    url_of,
)
from tests.functional.role_matrix_table import EXPECTED, GATED_AREAS
from tests.support.auth import demo_user, sign_in
from tests.support.url_matrix import routes

pytestmark = pytest.mark.django_db


# --- The maker role (issue 21) ----------------------------------------------------------------
# A maker signed in on a phone is no account of the shop: everywhere she gets what a visitor
# gets, except on her own pages under /me/.
MAKER_EXPECTED = {
    'me/sign-in/': "302",  # already signed in: to her page
    'me/pin/': "200",
    'me/consent/': "200",
    'me/': "200",
    'me/statement/<int:year>-<int:month>.pdf': "200",
    'me/rate/': "200",
}


def test_maker_role(django_db_blocker):
    from django.utils import timezone

    from artisans import maker_auth

    juhi = Artisan.objects.get(pseudonym="Juhi")
    buyer_b, tieup_b, quote_b, invoice_b = company_b()
    values = samples()
    today = timezone.localdate()
    values["me/statement/<int:year>-<int:month>.pdf"] = {"year": today.year, "month": today.month}
    for route, _name in routes():
        if route.startswith("partners/tie-ups/<int:pk>/"):
            values[route] = {"pk": tieup_b.pk}
        elif route.startswith("partners/bulk/quotes/<int:pk>/"):
            values[route] = {"pk": quote_b.pk}
        elif route.startswith(("partners/bulk/orders/<int:pk>/",
                               "dashboard/bulk-orders/orders/<int:pk>/")):
            values[route] = {"pk": invoice_b.bulk_order_id}
        elif route.startswith(("partners/bulk/invoices/<int:pk>/",
                               "dashboard/bulk-orders/invoices/<int:pk>/")):
            values[route] = {"pk": invoice_b.pk}

    def maker_phone():
        code, _ = maker_auth.issue_code(user=demo_user("Shelter staff"), artisan=juhi)
        phone = Client(raise_request_exception=False)
        assert phone.post("/me/sign-in/", {"with": "code", "name": "Juhi",
                                           "code": code}).status_code == 302
        return phone

    from django.core.cache import cache

    from artisans.models import MakerSignInCode

    cache.clear()  # the sign-in's rate limit
    phone = maker_phone()
    wrong = []
    for route, _name in routes():
        area = area_of(route)
        if route in MAKER_EXPECTED:
            expected = MAKER_EXPECTED[route]
        elif route in EXPECTED:
            expected = EXPECTED[route][0]  # as a visitor
        elif area is not None:
            expected = GATED_AREAS[area][0]
        else:
            continue  # test_role_matrix reports the unclassified route
        use = phone
        if re.search(r"log-?out", route):
            MakerSignInCode.objects.filter(artisan=juhi).delete()  # the hourly limit
            use = maker_phone()
        answer = outcome(use.get(url_of(route, values)))
        if answer != expected:
            wrong.append(f"{route}: expected {expected}, got {answer}")
    assert not wrong, "maker:\n" + "\n".join(wrong)


# --- Scoping with real objects --------------------------------------------------------------
def test_shelter_staff_never_see_another_shelters_makers_or_batches(client):
    from tests.workshop_support import shelter_b, staffer_of

    juhi = Artisan.objects.get(pseudonym="Juhi")
    palash = Artisan.objects.get(pseudonym="Palash")
    assert juhi.shelter_id != palash.shelter_id
    product = get_model("catalogue", "Product").objects.order_by("pk").first()
    own = _batch_of(juhi.shelter, demo_user("Shelter staff"), juhi, product)
    other = _batch_of(shelter_b(), staffer_of(shelter_b(), "kadam-matrix"), palash, product)

    sign_in(client, demo_user("Shelter staff"))
    home = client.get("/workshop/").content.decode()
    assert "Palash" not in home
    assert client.get(f"/workshop/batch/{own.pk}/").status_code == 200
    assert client.get(f"/workshop/batch/{other.pk}/").status_code in (403, 404)
    assert client.get(f"/workshop/batch/{other.pk}/edit/").status_code in (403, 404)
    assert client.get(f"/workshop/shelter/{other.shelter_id}/new/").status_code in (403, 404)
    # The other shelter's makers are not offered in the own shelter's batch form either.
    form = client.get(f"/workshop/shelter/{own.shelter_id}/new/").content.decode()
    assert "Juhi" in form and "Palash" not in form
