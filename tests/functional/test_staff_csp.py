"""The staff pages' Content Security Policy (issue 19): every page served to staff, signed in as
a role that may open it, sends a policy without 'unsafe-inline' or 'unsafe-eval' for scripts and
carries no inline script (unless it bears the header's nonce) and no on*= attribute. The identity
vault and the payout pages have the strictest policy, nothing inline at all, are never stored
and send no referrer to another site. Wagtail's admin (/cms/) is the one documented exception.

Pages come from the role matrix (tests/functional/role_matrix_table.py): a page added to the
dashboard, the workshop or the admin is checked here by itself.
"""

import re

import pytest
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.urls import path

from artisans.models import Artisan
from storefront import urls
from tests.functional import role_matrix_support as matrix
from tests.functional.role_matrix_table import EXPECTED, ROLES
from tests.functional.test_security_headers import INLINE_HANDLER, directives, inline_code
from tests.support.auth import demo_user, sign_in
from tests.support.url_matrix import routes

pytestmark = pytest.mark.django_db

STAFF_AREAS = ("dashboard/", "workshop/", "admin/", "cms/")
# Who opens a page, in this order of preference: the first role the matrix lets in.
ROLE_ORDER = ("admin", "finance", "custodian", "editor", "shelter_a")
VAULT_PAGES = ("/dashboard/makers/{juhi}/identity/", "/dashboard/makers/audit/",
               "/dashboard/payouts/", "/dashboard/payouts/runs/{run}/",
               "/dashboard/payouts/runs/{run}/export/bank/", "/dashboard/payouts/split/",
               "/dashboard/payouts/fund/",
               "/dashboard/payouts/statements/{juhi}/2026-11/")
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
DATA_BLOCK = re.compile(r"""\btype=["']?application/(?:ld\+)?json""", re.I)
NONCE = re.compile(r"""\bnonce=["']?([^"'\s>]+)""", re.I)


def unnonced_scripts(html, policy):
    """The inline <script> tags of `html` that the header's nonce does not let run."""
    allowed = {v[len("'nonce-"):-1] for v in policy.get("script-src", []) if v.startswith("'nonce-")}
    found = []
    for match in SCRIPT_TAG.finditer(html):
        attrs = match.group(1)
        if re.search(r"\bsrc=", attrs) or DATA_BLOCK.search(attrs):
            continue
        nonce = NONCE.search(attrs)
        if not nonce or nonce.group(1) not in allowed:
            found.append(match.group(0)[:80])
    return found


def staff_pages():
    """[(path, role)] for every page of the staff areas some staff role gets with a 200."""
    buyer_b, *_ = matrix.company_b()
    values = matrix.samples()
    pages = []
    for route, _name in routes():
        if not route.startswith(STAFF_AREAS) or re.search(r"log-?out", route):
            continue
        answers = EXPECTED.get(route)
        if answers is None:
            continue  # an area behind one gate: its main pages are in EXPECTED
        role = next((r for r in ROLE_ORDER if answers[ROLES.index(r)] == "200"), None)
        if role is not None:
            pages.append((matrix.url_of(route, values), role))
    return pages


def approved_run():
    from tests.functional.test_payouts_dashboard import approved_run_for

    return approved_run_for(list(Artisan.objects.order_by("pk")[:2]))


class Clients(dict):
    ROLE_USERS = {"admin": "Admin", "finance": "Finance", "custodian": "Identity custodian",
                  "editor": "Editor", "shelter_a": "Shelter staff"}

    def __missing__(self, role):
        client = self[role] = sign_in(Client(), demo_user(self.ROLE_USERS[role]))
        return client


def test_every_staff_page_runs_only_our_script_files_or_its_nonce():
    clients, checked, wrong = Clients(), 0, []
    for url, role in staff_pages():
        response = clients[role].get(url)
        if response.status_code != 200:
            continue
        policy = directives(response)
        script_src = policy["script-src"]
        if "'unsafe-eval'" in script_src:
            wrong.append(f"{url}: 'unsafe-eval'")
        if url.startswith("/cms/"):
            # The exception (storefront/settings/headers.py): Wagtail's widgets' inline scripts.
            assert script_src == ["'self'", "'unsafe-inline'"], url
            continue
        if "'unsafe-inline'" in script_src:
            wrong.append(f"{url}: 'unsafe-inline' in script-src")
        for directive, value in (("object-src", ["'none'"]), ("base-uri", ["'none'"]),
                                 ("frame-ancestors", ["'none'"]), ("form-action", ["'self'"])):
            if policy.get(directive) != value:
                wrong.append(f"{url}: {directive} {policy.get(directive)}")
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            wrong += [f"{url}: {tag}" for tag in unnonced_scripts(html, policy)]
            wrong += [f"{url}: {m.group(0)[:80]}" for m in INLINE_HANDLER.finditer(html)]
        checked += 1
    assert checked > 60  # the dashboard, the workshop and the admin, not a handful
    assert not wrong, "\n".join(wrong)


PROBE = """{% extends "oscar/dashboard/layout.html" %}
{% block dashboard_content %}<p>Probe</p>{% endblock %}
{% block onbodyload %}{{ block.super }} window.probeRan = true;{% endblock %}"""


def probe(request):
    """A dashboard page that still has inline `onbodyload` set-up, as Oscar's templates do."""
    return HttpResponse(Template(PROBE).render(RequestContext(request, {})))


urlpatterns = [path("dashboard/probe/", staff_member_required(probe)), *urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_inline_set_up_left_in_a_dashboard_page_runs_only_with_the_nonce():
    client = sign_in(Client(), demo_user("Admin"))
    response = client.get("/dashboard/probe/")
    nonces = [v for v in directives(response)["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    html = response.content.decode()
    assert f'<script nonce="{nonces[0][7:-1]}">' in html and "window.probeRan = true;" in html
    assert unnonced_scripts(html, directives(response)) == []
    # The order list's set-up is in oscar-init.js: no inline script, so no nonce either.
    response = client.get("/dashboard/orders/")
    assert directives(response)["script-src"] == ["'self'"]
    init = re.search(r'data-oscar-init="([^"]*)"', response.content.decode()).group(1).split()
    assert "dashboard" in init and "bulk-actions" in init


def test_the_vault_and_payout_pages_have_the_strictest_policy_and_are_not_kept():
    run = approved_run()
    juhi = Artisan.objects.get(pseudonym="Juhi")
    clients = Clients()
    for template in VAULT_PAGES:
        url = template.format(juhi=juhi.pk, run=run.pk)
        role = "custodian" if "/identity/" in url or "/audit/" in url or "/export/" in url \
            or "/statements/" in url else "finance"
        response = clients[role].get(url)
        assert response.status_code == 200, (url, response.status_code)
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], url  # no nonce, nothing inline
        assert policy["style-src"] == ["'self'"], url
        assert policy["img-src"] == ["'self'", "data:"], url
        assert policy["connect-src"] == ["'self'"], url
        assert policy["frame-src"] == ["'none'"] and policy["object-src"] == ["'none'"], url
        assert policy["base-uri"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
        assert policy["form-action"] == ["'self'"], url
        assert "no-store" in response["Cache-Control"], url
        # same-origin, not no-referrer: that makes the page's own form posts fail CSRF
        # (storefront/settings/headers.py).
        assert response["Referrer-Policy"] == "same-origin", url
        if response["Content-Type"].startswith("text/html"):
            assert inline_code(response.content.decode()) == [], url
    # The rest of the dashboard may still be kept by the browser's back button, as before.
    other = clients["finance"].get("/dashboard/orders/")
    assert "no-store" not in other.get("Cache-Control", "")



def test_only_wagtails_preview_pages_may_be_framed_and_only_by_our_own_cms(rf):
    from django.http import HttpResponse

    from storefront.csp import PathPolicyCSPMiddleware

    def preview(request):
        # Wagtail renders a preview through the middleware again, for the page's own address.
        inner = HttpResponse()
        inner["Content-Security-Policy"] = "frame-ancestors 'none'"
        return inner

    middleware = PathPolicyCSPMiddleware(preview)
    framed = middleware(rf.get("/cms/pages/3/edit/preview/", {"in_preview_panel": "true"}))
    assert directives(framed)["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in directives(framed)["script-src"]  # the public page's policy
    for address in ("/cms/pages/3/edit/", "/preview/", "/dashboard/orders/"):
        response = PathPolicyCSPMiddleware(lambda request: HttpResponse())(rf.get(address))
        assert directives(response)["frame-ancestors"] == ["'none'"], address
