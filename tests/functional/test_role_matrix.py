"""The role matrix: every URL pattern of the site x every role -> what that role gets (GET).

URLs come from the URL resolver (tests/support/url_matrix.py), so a page added anywhere appears
here by itself, and a route with no row in EXPECTED (role_matrix_table.py) fails the test:
whoever adds a page decides who may open it. Parameterised routes get objects from the demo data
(samples() in role_matrix_support.py); a route without a sample gets placeholder values, and then
"404" is the expected answer for a role the gate lets through. Django's admin and Wagtail's
admin are each behind one gate (their own): every one of their URLs is checked for a visitor and
a shopper, and every role is checked at the area's main pages (AREA_PAGES), so the test stays
quick enough to run twice in CI. A maker's phone and shelter scoping: test_role_matrix_maker.py.

Outcomes: "200", "login" (302 to a sign-in page), "302" (any other redirect), "403", "404",
"405" (a POST-only URL), "400".

ROLE_MATRIX_DRAFT=/tmp/file.py writes what each role got instead of asserting (to classify
new pages; read every line before copying it into EXPECTED).
"""

import os
import re
from pathlib import Path

import pytest
from django.test import Client

from tests.functional.role_matrix_support import (
    area_of,
    company_b,
    outcome,
    role_users,
    samples,
    url_of,
)
from tests.functional.role_matrix_table import EXPECTED, FULL_AREA_ROLES, GATED_AREAS, ROLES
from tests.support.auth import sign_in
from tests.support.url_matrix import routes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(role, django_db_blocker):
    buyer_b, tieup_b, quote_b, invoice_b = company_b()
    users = role_users(buyer_b)
    values = samples()
    for route, _name in routes():
        if route.startswith("partners/tie-ups/<int:pk>/"):
            values[route] = {"pk": tieup_b.pk}
        elif route.startswith("partners/bulk/quotes/<int:pk>/"):
            values[route] = {"pk": quote_b.pk}
        elif route.startswith("partners/verify/<int:tieup_id>/"):
            values[route] = {"tieup_id": tieup_b.pk}
        elif route.startswith(("partners/bulk/orders/<int:pk>/",
                               "dashboard/bulk-orders/orders/<int:pk>/")):
            values[route] = {"pk": invoice_b.bulk_order_id}  # B's placed order
        elif route.startswith(("partners/bulk/invoices/<int:pk>/",
                               "dashboard/bulk-orders/invoices/<int:pk>/")):
            values[route] = {"pk": invoice_b.pk}  # and its tax invoice
    index = ROLES.index(role)
    draft = os.environ.get("ROLE_MATRIX_DRAFT")

    def client_for():
        client = Client(raise_request_exception=False)
        if users[role] is not None:
            sign_in(client, users[role])
        return client

    client = client_for()
    got, missing, wrong = {}, [], []
    for route, _name in routes():
        area = area_of(route)
        if route in EXPECTED:
            expected = EXPECTED[route][index]
        elif area is not None:
            expected = GATED_AREAS[area][index]
            if expected == "-" or role not in FULL_AREA_ROLES:
                continue  # the area's pages in EXPECTED speak for the other roles
        else:
            expected = None
        # Sign-out pages end the session: each gets a client of its own.
        use = client_for() if re.search(r"log-?out", route) else client
        answer = outcome(use.get(url_of(route, values)))
        got[route] = answer
        if expected is None:
            missing.append(route)
        elif answer != expected:
            wrong.append(f"{route}: expected {expected}, got {answer}")
    if draft:
        with Path(draft).open("a") as out:
            for route, answer in got.items():
                out.write(f"{role}\t{route}\t{answer}\n")
        return
    assert not missing, "routes with no row in EXPECTED (classify them):\n" + "\n".join(missing)
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
