"""The role matrix: every URL pattern of the site x every role -> what that role gets (GET).

URLs come from the URL resolver (tests/support/url_matrix.py), so a page added anywhere appears
here by itself, and a route with no row in EXPECTED fails the test: whoever adds a page decides
who may open it. Parameterised routes get objects from the demo data (SAMPLES); a route without
a sample gets placeholder values, and then "404" is the expected answer for a role the gate lets
through. Django's admin and Wagtail's admin are each behind one gate (their own): every one of
their URLs is checked for a visitor and a shopper, and every role is checked at the area's main
pages (AREA_PAGES), so the test stays quick enough to run twice in CI.

Outcomes: "200", "login" (302 to a sign-in page), "302" (any other redirect), "403", "404",
"405" (a POST-only URL), "400".

ROLE_MATRIX_DRAFT=/tmp/file.py writes what each role got instead of asserting (to classify
new pages; read every line before copying it into EXPECTED).
"""

import datetime
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from oscar.core.loading import get_model

from artisans import services as artisan_services
from artisans.models import Artisan, ProductionBatch
from storefront.management.commands.load_demo import DEMO_EMAIL_DOMAIN
from tests.support.auth import demo_user, sign_in
from tests.support.url_matrix import build, resolves_to, routes

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "shopper", "buyer_a", "buyer_b", "shelter_a", "finance", "custodian",
         "editor", "admin")
LOGIN_PATHS = ("/shop/accounts/login/", "/dashboard/login/", "/cms/login/", "/admin/login/")

# --- Profiles: the answer for each role, in ROLES order ------------------------------------
ALL_200 = ("200",) * 9


def P(text):  # noqa: N802 - a profile literal, e.g. P("login 403 403 403 403 200 200 200 200")
    codes = tuple(text.split())
    assert len(codes) == len(ROLES), text
    return codes


# --- Areas behind one gate of their own -----------------------------------------------------
# (route prefix, profile for every URL of the area for the roles the gate stops; None = a role
# the gate lets in, checked only at the area's pages without parameters, in EXPECTED).
GATED_AREAS = {
    "admin/": P("login login login login login - - - -"),
    "cms/": P("login login login login login login login - -"),
}
# Every URL of those areas is checked for the roles with no back-office role at all (that is
# where a gap in a gate would show); for the other roles, the area's pages in EXPECTED.
FULL_AREA_ROLES = ("anonymous", "shopper")
# The pages of those areas checked for every role (the roles the gate lets in, too).
AREA_PAGES = ("admin/", "admin/auth/user/", "admin/auth/group/", "admin/auditlog/logentry/",
              "admin/axes/accessattempt/", "admin/artisans/shelter/", "cms/", "cms/pages/",
              "cms/users/", "cms/images/")
GATED_EXCEPTIONS = ("admin/login/", "admin/logout/", "cms/login/", "cms/logout/",
                    "cms/password_reset/")



def _demo(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def samples():
    """Values for the routes' parameters, from the demo data (and a few made here)."""
    Product = get_model("catalogue", "Product")
    Category = get_model("catalogue", "Category")
    Partner = get_model("partner", "Partner")
    juhi = Artisan.objects.get(pseudonym="Juhi")
    product = _demo(Product, structure="standalone") or _demo(Product)
    category = _demo(Category)
    batch = _demo(ProductionBatch, shelter=juhi.shelter)
    values = {
        "makers/<slug:slug>/": {"slug": juhi.slug},
        "dashboard/makers/<int:pk>/identity/": {"pk": juhi.pk},
        "dashboard/makers/<int:pk>/consent/": {"pk": juhi.pk},
        "dashboard/payouts/statements/<int:artisan>/<int:year>-<int:month>/": {
            "artisan": juhi.pk, "year": 2026, "month": 11},
        "workshop/shelter/<int:shelter_pk>/new/": {"shelter_pk": juhi.shelter_id},
        "shop/catalogue/(?P<product_slug>[\\w-]*)_(?P<pk>\\d+)/$": {
            "product_slug": product.slug, "pk": product.pk},
        "shop/catalogue/category/(?P<category_slug>[\\w-]+(/[\\w-]+)*)_(?P<pk>\\d+)/$": {
            "category_slug": category.slug, "pk": category.pk} if category else {},
        "shop/basket/add/<int:pk>/": {"pk": product.pk},
        "dashboard/catalogue/products/<int:pk>/": {"pk": product.pk},
        "dashboard/partners/<int:pk>/": {"pk": _demo(Partner).pk},
    }
    grant = _seed_grant(juhi)
    for route in ("dashboard/payouts/grants/<int:pk>/", "dashboard/payouts/grants/<int:pk>/assessment/",
                  "dashboard/payouts/grants/<int:pk>/follow-up/"):
        values[route] = {"pk": grant.pk}
    # Oscar's dashboard pages whose key Oscar declares a string (commerce.dashboard.keys):
    # an id no demo object has, so the gate answers (a word is a 404 for everyone).
    for route in ("dashboard/catalogue/attribute-option-group/<id:pk>/update/",
                  "dashboard/catalogue/attribute-option-group/<id:pk>/delete/",
                  "dashboard/catalogue/option/<id:pk>/update/",
                  "dashboard/catalogue/option/<id:pk>/delete/",
                  "dashboard/pages/update/<id:pk>/", "dashboard/pages/delete/<id:pk>/"):
        values[route] = {"pk": 999999}
    batch = batch or _batch_of(juhi.shelter, demo_user("Shelter staff"), juhi, product)
    if batch is not None:
        for route in ("workshop/batch/<int:pk>/", "workshop/batch/<int:pk>/edit/",
                      "workshop/batch/<int:pk>/submit/"):
            values[route] = {"pk": batch.pk}
        photo = batch.photos.first() or _photo_of(batch)
        values["workshop/batch/<int:pk>/photos/<int:photo_pk>/"] = {
            "pk": batch.pk, "photo_pk": photo.pk}
    Event = get_model("exhibitions", "Event")
    event = _demo(Event)
    if event is not None:
        for route, _name in routes():
            if route.startswith(("dashboard/exhibitions/<int:pk>/", "workshop/events/<int:pk>/")):
                values[route] = {"pk": event.pk, "direction": "out", "date": "2026-11-20"}
    return values


def _seed_grant(artisan):
    """A seed-grant application of `artisan` (issue 21), recorded by finance."""
    from payouts import grants

    return grants.apply(user=demo_user("Finance"), artisan=artisan, business="Two goats",
                        where_to_sell="Tuesday haat", amount_asked_paise=1_500_000)


def _batch_of(shelter, user, artisan, product):
    """A recorded production batch of `shelter` (the demo has none until someone records one)."""
    return artisan_services.save_batch(
        user=user, shelter=shelter, made_on=datetime.date(2026, 11, 20),
        piece_rate=Decimal("45.00"), pieces={artisan: 3}, product=product,
        notes="Role matrix batch",
    )


def _photo_of(batch):
    """A photo of the batch, in the private storage (a few white pixels)."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from artisans.models import BatchPhoto

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG")
    photo = BatchPhoto(batch=batch)
    photo.image.save("matrix.jpg", ContentFile(out.getvalue()), save=True)
    return photo


# Routes that cannot be built from the pattern alone.
PATHS = {
    "((?:[\\w\\-]+/)*)$": "/",
    "shop/accounts/addresses/(?P<pk>\\d+)/(?P<action>default_for_(billing|shipping))/$":
        "/shop/accounts/addresses/1/default_for_billing/",
}


def company_b():
    """Company B, its buyer, a tie-up and a quote of its own: what company A's buyer must never
    open (the partners' pages with an id in them are checked with B's objects)."""
    from csr_partners.bulk import quoting
    from tests.support.bulk import bag_product, company_with_buyer
    from tests.support.csr import make_tieup

    company, buyer = company_with_buyer(name="Company B Ltd", gstin="07AAACB2222A1Z2",
                                        address="2 Ring Road, Delhi", state="Delhi",
                                        email=f"csr-buyer-b@{DEMO_EMAIL_DOMAIN}")
    tieup = make_tieup(name=company.name)
    quote = quoting.request_quote(
        user=buyer, company=company, lines=[(bag_product(), 20)],
        wanted_by=datetime.date.today() + datetime.timedelta(days=75), delivery="many")
    return buyer, tieup, quote, invoice_of(company, buyer)


def invoice_of(company, buyer):
    """A placed bulk order's tax invoice for `company` (B's: company A's buyer must not open it)."""
    from csr_partners.bulk import ordering, quoting, recipient_lists, signals
    from csr_partners.models.bulk import TaxInvoice
    from tests.support.bulk import bag_product, staff

    with signals.without_emails():
        quote = quoting.request_quote(
            user=buyer, company=company, lines=[(bag_product(in_stock=5), 5)],
            wanted_by=datetime.date.today() + datetime.timedelta(days=75), delivery="one")
        quoting.send_quote(user=staff("matrix-sales", "Admin"), quote=quote)
        quoting.accept_quote(user=buyer, quote=quote, po_number="PO-B", payment="net30")
        recipient_lists.set_single_address(user=buyer, quote=quote, data={
            "name": "Front desk", "address_line1": "2 Ring Road", "city": "New Delhi",
            "state": "Delhi", "pin_code": "110002", "phone": "9811012345"})
        bulk = ordering.place_bulk_order(user=buyer, quote=quote)
    return TaxInvoice.objects.get(bulk_order=bulk, kind=TaxInvoice.INVOICE)


def role_users(buyer_b):
    return {
        "anonymous": None,
        "shopper": demo_user("Shopper"),
        "buyer_a": demo_user("CSR buyer"),
        "buyer_b": buyer_b,
        "shelter_a": demo_user("Shelter staff"),
        "finance": demo_user("Finance"),
        "custodian": demo_user("Identity custodian"),
        "editor": demo_user("Editor"),
        "admin": demo_user("Admin"),
    }


def outcome(response) -> str:
    if response.status_code in (301, 302):
        location = response["Location"]
        return "login" if location.split("?")[0].endswith(LOGIN_PATHS) else "302"
    return str(response.status_code)


def area_of(route):
    if route.startswith(GATED_EXCEPTIONS):
        return None
    return next((prefix for prefix in GATED_AREAS if route.startswith(prefix)), None)


def url_of(route, values):
    if route in PATHS:
        return PATHS[route]
    path = build(route, values.get(route, {}))
    assert resolves_to(path, route), f"{route}: built {path}, which resolves elsewhere"
    return path


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


# --- The table ----------------------------------------------------------------------------
# Columns: anonymous, shopper, buyer_a, buyer_b, shelter_a, finance, custodian, editor, admin.
EXPECTED = {
    # healthz
    'healthz': ALL_200,
    # i18n
    'i18n/setlang/': P('302 302 302 302 302 302 302 302 302'),
    # accounts
    'accounts/second-factor/': P('login 302 302 302 302 302 302 302 302'),
    'accounts/second-factor/setup/': P('login 200 200 200 200 200 200 200 200'),
    'accounts/second-factor/backup-codes/': P('login 302 302 302 200 200 200 200 200'),
    # admin
    'admin/': P('login login login login login 200 200 200 200'),
    'admin/login/': P('200 200 200 200 200 302 302 302 302'),
    'admin/logout/': P('302 302 302 302 302 405 405 405 405'),
    'admin/artisans/shelter/': P('login login login login login 403 403 403 200'),
    'admin/auth/group/': P('login login login login login 403 403 403 200'),
    'admin/auth/user/': P('login login login login login 403 403 403 200'),
    'admin/axes/accessattempt/': P('login login login login login 403 403 403 200'),
    'admin/auditlog/logentry/': P('login login login login login 403 403 403 200'),
    # cms (and Django admin's and Wagtail's public assets)
    'admin/catalogue/category/jsi18n/': ALL_200,
    'cms/sprite/': ALL_200,
    'cms/jsi18n/': ALL_200,
    'cms/': P('login login login login login login login 200 200'),
    # The editor edits the English, Bengali and Hindi trees: the explorer lists the three.
    'cms/pages/': P('login login login login login login login 200 200'),
    'cms/logout/': P('login login login login login login login 405 405'),
    'cms/images/': P('login login login login login login login 302 200'),
    'cms/users/': P('login login login login login login login 302 200'),
    'cms/login/': P('200 200 200 200 200 200 200 302 302'),
    'cms/password_reset/': ALL_200,
    'cms/password_reset/done/': ALL_200,
    'cms/password_reset/confirm/<uidb64>/<token>/': ALL_200,
    'cms/password_reset/complete/': ALL_200,
    # documents
    'documents/(\\d+)/(.*)$': P('404 404 404 404 404 404 404 404 404'),
    'documents/authenticate_with_password/<int:restriction_id>/': P('404 404 404 404 404 404 404 404 404'),
    # shop
    'shop/': P('302 302 302 302 302 302 302 302 302'),
    'shop/catalogue/(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/<int:pk>/': P('404 404 404 404 404 404 404 404 404'),
    'shop/catalogue/(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/add/': ALL_200,
    'shop/catalogue/(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/<int:pk>/vote/': P('login 405 405 405 405 405 405 405 405'),
    'shop/catalogue/(?P<product_slug>[\\w-]*)_(?P<product_pk>\\d+)/reviews/': ALL_200,
    'shop/catalogue/': ALL_200,
    'shop/catalogue/(?P<product_slug>[\\w-]*)_(?P<pk>\\d+)/$': ALL_200,
    'shop/catalogue/category/(?P<category_slug>[\\w-]+(/[\\w-]+)*)_(?P<pk>\\d+)/$': ALL_200,
    'shop/catalogue/ranges/(?P<slug>[\\w-]+)/$': P('404 404 404 404 404 404 404 404 404'),
    'shop/basket/': ALL_200,
    'shop/basket/add/<int:pk>/': P('405 405 405 405 405 405 405 405 405'),
    'shop/basket/vouchers/add/': P('302 302 302 302 302 302 302 302 302'),
    'shop/basket/vouchers/<int:pk>/remove/': P('405 405 405 405 405 405 405 405 405'),
    'shop/basket/saved/': P('login 302 302 302 302 302 302 302 302'),
    'shop/checkout/': P('302 302 302 302 302 302 302 302 302'),
    'shop/checkout/shipping-address/': P('302 302 302 302 302 302 302 302 302'),
    'shop/checkout/user-address/edit/<int:pk>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/checkout/user-address/delete/<int:pk>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/checkout/shipping-method/': P('302 302 302 302 302 302 302 302 302'),
    'shop/checkout/payment-method/': P('302 302 302 302 302 302 302 302 302'),
    'shop/checkout/payment-details/': P('302 302 302 302 302 302 302 302 302'),
    'shop/checkout/preview/': P('302 302 302 302 302 302 302 302 302'),
    'shop/checkout/thank-you/': P('302 302 302 302 302 302 302 302 302'),
    'shop/checkout/payment-return/': P('405 405 405 405 405 405 405 405 405'),
    'shop/checkout/stripe/webhook/': P('405 405 405 405 405 405 405 405 405'),
    'shop/accounts/login/': P('200 302 302 302 302 302 302 302 302'),
    'shop/accounts/logout/': P('302 302 302 302 302 302 302 302 302'),
    'shop/accounts/register/': P('200 302 302 302 302 302 302 302 302'),
    'shop/accounts/': P('login 302 302 302 302 302 302 302 302'),
    'shop/accounts/change-password/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/profile/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/profile/edit/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/profile/delete/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/orders/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/order-status-form/(?P<order_number>[\\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$': ALL_200,
    'shop/accounts/order-status/(?P<order_number>[\\w-]*)/(?P<hash>[A-z0-9-_=:]+)/$': P('302 302 302 302 302 302 302 302 302'),
    'shop/accounts/orders/<str:order_number>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/orders/<str:order_number>/<int:line_id>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/addresses/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/addresses/add/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/addresses/<int:pk>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/addresses/<int:pk>/delete/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/addresses/(?P<pk>\\d+)/(?P<action>default_for_(billing|shipping))/$': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/emails/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/emails/<int:email_id>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/notifications/': P('302 302 302 302 302 302 302 302 302'),
    'shop/accounts/notifications/inbox/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/notifications/archive/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/notifications/update/': P('login 405 405 405 405 405 405 405 405'),
    'shop/accounts/notifications/<int:pk>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/alerts/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/alerts/create/<int:pk>/': P('302 302 302 302 302 302 302 302 302'),
    'shop/accounts/alerts/confirm/<str:key>/': P('404 404 404 404 404 404 404 404 404'),
    'shop/accounts/alerts/cancel/key/<str:key>/': P('404 404 404 404 404 404 404 404 404'),
    'shop/accounts/alerts/cancel/<int:pk>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/wishlists/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/wishlists/add/<int:product_pk>/': P('login 302 302 302 302 302 302 302 302'),
    'shop/accounts/wishlists/<str:key>/add/<int:product_pk>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/wishlists/create/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/wishlists/create/with-product/<int:product_pk>/': P('login 200 200 200 200 200 200 200 200'),
    'shop/accounts/wishlists/<str:key>/': P('404 404 404 404 404 404 404 404 404'),
    'shop/accounts/wishlists/<str:key>/update/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/wishlists/<str:key>/delete/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/wishlists/<str:key>/lines/<int:line_pk>/delete/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/wishlists/<str:key>/products/<int:product_pk>/delete/': P('login 404 404 404 404 404 404 404 404'),
    'shop/accounts/wishlists/<str:key>/lines/<int:line_pk>/move-to/<str:to_key>/': P('login 404 404 404 404 404 404 404 404'),
    'shop/search/': ALL_200,
    'shop/offers/': ALL_200,
    'shop/offers/(?P<slug>[\\w-]+)/$': P('404 404 404 404 404 404 404 404 404'),
    'shop/wishlists/<str:key>/': P('404 404 404 404 404 404 404 404 404'),
    'shop/password-reset/': P('200 403 403 403 403 403 403 403 403'),
    'shop/password-reset/done/': P('200 403 403 403 403 403 403 403 403'),
    'shop/password-reset/confirm/<str:uidb64>/<str:token>/': P('200 403 403 403 403 403 403 403 403'),
    'shop/password-reset/complete/': P('200 403 403 403 403 403 403 403 403'),
    # dashboard/makers
    'dashboard/makers/batches/': P('login 403 403 403 403 200 200 200 200'),
    'dashboard/makers/production/': P('login 403 403 403 403 200 200 200 200'),
    'dashboard/makers/': P('login 403 403 403 403 200 200 200 200'),
    'dashboard/makers/<int:pk>/identity/': P('login 403 403 403 403 403 200 403 403'),
    'dashboard/makers/<int:pk>/consent/': P('login 403 403 403 403 403 200 403 200'),
    'dashboard/makers/audit/': P('login 403 403 403 403 403 200 403 403'),
    # dashboard/payouts
    'dashboard/payouts/': P('login 403 403 403 403 200 200 403 403'),
    'dashboard/payouts/runs/<int:pk>/': P('login 403 403 403 403 404 404 403 403'),
    'dashboard/payouts/runs/<int:pk>/export/<str:method>/': P('login 403 403 403 403 403 404 403 403'),
    'dashboard/payouts/runs/<int:pk>/files/<int:number>/': P('login 403 403 403 403 403 404 403 403'),
    'dashboard/payouts/statements/<int:artisan>/<int:year>-<int:month>/': P('login 403 403 403 403 200 200 403 403'),
    'dashboard/payouts/split/': P('login 403 403 403 403 200 403 403 403'),
    # Long jobs (issue 22): a run's drafting progress as the run; the statement batches finance's.
    'dashboard/payouts/runs/<int:pk>/progress/': P('login 403 403 403 403 404 404 403 403'),
    'dashboard/payouts/statements/batches/': P('login 403 403 403 403 200 403 403 403'),
    'dashboard/payouts/statements/batches/<int:pk>/status/': P('login 403 403 403 403 404 403 403 403'),
    'dashboard/payouts/statements/batches/<int:pk>/zip/': P('login 403 403 403 403 404 403 403 403'),
    'dashboard/payouts/fund/': P('login 403 403 403 403 200 403 403 403'),
    # Seed grants (issue 21): finance only, as the fund's seed-grant disbursement.
    'dashboard/payouts/grants/': P('login 403 403 403 403 200 403 403 403'),
    'dashboard/payouts/grants/new/': P('login 403 403 403 403 200 403 403 403'),
    'dashboard/payouts/grants/<int:pk>/': P('login 403 403 403 403 200 403 403 403'),
    'dashboard/payouts/grants/<int:pk>/assessment/': P('login 403 403 403 403 200 403 403 403'),
    'dashboard/payouts/grants/<int:pk>/follow-up/': P('login 403 403 403 403 200 403 403 403'),
    # dashboard/csr
    'dashboard/csr/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/csr/companies/new/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/csr/companies/<int:pk>/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/csr/companies/<int:pk>/edit/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/csr/companies/<int:pk>/statements/<int:year>-<int:month>.<str:fmt>': P('login 403 403 403 403 404 403 403 404'),
    'dashboard/csr/tie-ups/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/csr/tie-ups/new/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/csr/tie-ups/<int:pk>/edit/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/csr/pledges/': P('login 403 403 403 403 200 403 403 200'),
    # dashboard/exhibitions
    'dashboard/exhibitions/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/exhibitions/new/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/exhibitions/<int:pk>/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/exhibitions/<int:pk>/edit/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/exhibitions/<int:pk>/transfer/<str:direction>/': P('login 403 403 403 403 403 403 403 403'),
    'dashboard/exhibitions/<int:pk>/labels/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/exhibitions/<int:pk>/report/': P('login 403 403 403 403 403 403 403 200'),
    # dashboard/bulk-orders
    'dashboard/bulk-orders/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/bulk-orders/quotes/<int:pk>/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/bulk-orders/orders/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/bulk-orders/orders/<int:pk>/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/bulk-orders/invoices/<int:pk>/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/bulk-orders/invoices/<int:pk>/einvoice.json': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/bulk-orders/tiers/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/bulk-orders/gst-rates/': P('login 403 403 403 403 200 403 403 200'),
    # dashboard/
    'dashboard/': P('login 403 403 403 403 200 200 200 200'),
    # dashboard/catalogue
    'dashboard/catalogue/products/bulk-action/': P('login 403 403 403 403 403 403 403 302'),
    'dashboard/catalogue/products/<int:pk>/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/products/create/': P('login 403 403 403 403 403 403 403 302'),
    'dashboard/catalogue/products/create/(?P<product_class_slug>[\\w-]+)/$': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/catalogue/products/<int:parent_pk>/create-variant/': P('login 403 403 403 403 403 403 403 302'),
    'dashboard/catalogue/products/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/stock-alerts/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/product-lookup/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/categories/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/categories/<int:pk>/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/categories/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/categories/create/<int:parent>/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/categories/<int:pk>/update/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/categories/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/product-type/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/product-types/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/product-type/<int:pk>/update/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/product-type/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/attribute-option-group/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/attribute-option-group/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/attribute-option-group/<id:pk>/update/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/catalogue/attribute-option-group/<id:pk>/delete/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/catalogue/option/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/option/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/catalogue/option/<id:pk>/update/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/catalogue/option/<id:pk>/delete/': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/reports
    'dashboard/reports/': P('login 403 403 403 403 403 403 403 200'),
    # dashboard/orders
    'dashboard/orders/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/orders/statistics/': P('login 403 403 403 403 200 403 403 200'),
    'dashboard/orders/<str:number>/': P('login 403 403 403 403 404 403 403 404'),
    'dashboard/orders/<str:number>/notes/<int:note_id>/': P('login 403 403 403 403 404 403 403 404'),
    'dashboard/orders/<str:number>/lines/<int:line_id>/': P('login 403 403 403 403 404 403 403 404'),
    'dashboard/orders/<str:number>/shipping-address/': P('login 403 403 403 403 404 403 403 404'),
    'dashboard/orders/<str:number>/refund/': P('login 403 403 403 403 404 403 403 404'),
    # dashboard/users
    'dashboard/users/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/users/(?P<pk>-?\\d+)/$': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/users/(?P<pk>-?\\d+)/password-reset/$': P('login 403 403 403 403 403 403 403 405'),
    'dashboard/users/alerts/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/users/alerts/(?P<pk>-?\\d+)/delete/$': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/users/alerts/(?P<pk>-?\\d+)/update/$': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/pages
    'dashboard/pages/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/pages/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/pages/update/<id:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/pages/delete/<id:pk>/': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/partners
    'dashboard/partners/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/partners/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/partners/<int:pk>/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/partners/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/partners/<int:partner_pk>/users/add/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/partners/<int:partner_pk>/users/select/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/partners/<int:partner_pk>/users/<int:user_pk>/link/': P('login 403 403 403 403 403 403 403 302'),
    'dashboard/partners/<int:partner_pk>/users/<int:user_pk>/unlink/': P('login 403 403 403 403 403 403 403 405'),
    'dashboard/partners/<int:partner_pk>/users/<int:user_pk>/update/': P('login 403 403 403 403 403 403 403 200'),
    # dashboard/offers
    'dashboard/offers/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/offers/new/metadata/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/offers/new/condition/': P('login 403 403 403 403 403 403 403 302'),
    'dashboard/offers/new/incentive/': P('login 403 403 403 403 403 403 403 302'),
    'dashboard/offers/new/restrictions/': P('login 403 403 403 403 403 403 403 302'),
    'dashboard/offers/<int:pk>/metadata/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/offers/<int:pk>/condition/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/offers/<int:pk>/incentive/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/offers/<int:pk>/restrictions/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/offers/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/offers/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/ranges
    'dashboard/ranges/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/ranges/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/ranges/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/ranges/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/ranges/<int:pk>/products/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/ranges/<int:pk>/reorder/': P('login 403 403 403 403 403 403 403 405'),
    # dashboard/reviews
    'dashboard/reviews/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/reviews/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/reviews/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/vouchers
    'dashboard/vouchers/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/vouchers/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/vouchers/update/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/vouchers/delete/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/vouchers/stats/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/vouchers/sets/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/vouchers/sets/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/vouchers/sets/update/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/vouchers/sets/detail/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/vouchers/sets/download/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/vouchers/sets/delete/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/comms
    'dashboard/comms/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/comms/(?P<slug>[\\w-]+)/$': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/shipping
    'dashboard/shipping/weight-based/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/shipping/weight-based/create/': P('login 403 403 403 403 403 403 403 200'),
    'dashboard/shipping/weight-based/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/shipping/weight-based/<int:pk>/edit/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/shipping/weight-based/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/shipping/weight-based/<int:method_pk>/bands/<int:pk>/': P('login 403 403 403 403 403 403 403 404'),
    'dashboard/shipping/weight-based/<int:method_pk>/bands/<int:pk>/delete/': P('login 403 403 403 403 403 403 403 404'),
    # dashboard/login
    'dashboard/login/': ALL_200,
    # dashboard/logout
    'dashboard/logout/': P('405 405 405 405 405 405 405 405 405'),
    # workshop
    'workshop/events/': P('login 404 404 404 200 404 404 404 200'),
    'workshop/events/pos-sw.js': ALL_200,
    'workshop/events/<int:pk>/sell/': P('login 404 404 404 200 404 404 404 200'),
    'workshop/events/<int:pk>/sell/sales/': P('405 405 405 405 405 405 405 405 405'),
    'workshop/events/<int:pk>/sell/upi.svg': P('login 404 404 404 200 404 404 404 200'),
    'workshop/events/<int:pk>/days/<str:date>/close/': P('login 404 404 404 404 404 404 404 404'),
    'workshop/events/sales/<uuid:sale>/receipt/': P('login 404 404 404 404 404 404 404 404'),
    'workshop/events/sales/<uuid:sale>/email/': P('405 405 405 405 405 405 405 405 405'),
    'workshop/events/receipt/<str:token>/': P('404 404 404 404 404 404 404 404 404'),
    'workshop/': P('login 403 403 403 200 403 403 403 403'),
    'workshop/shelter/<int:shelter_pk>/new/': P('login 403 403 403 200 403 403 403 403'),
    'workshop/batch/<int:pk>/': P('login 403 403 403 200 403 403 403 403'),
    'workshop/batch/<int:pk>/edit/': P('login 403 403 403 200 403 403 403 403'),
    'workshop/batch/<int:pk>/submit/': P('405 405 405 405 405 405 405 405 405'),
    # A batch photo: its shelter's staff only; for everyone else the same 404.
    'workshop/batch/<int:pk>/photos/<int:photo_pk>/': P('404 404 404 404 200 404 404 404 404'),
    # A maker's own sign-in code, given by her shelter's staff (issue 21).
    'workshop/makers/codes/': P('login 403 403 403 200 403 403 403 403'),
    # me: a maker's own page (issue 21). No account of any role opens it: only her own session
    # (test_maker_role below), so everyone here is sent to her sign-in page ("302").
    'me/sign-in/': ALL_200,
    'me/sign-out/': P('405 405 405 405 405 405 405 405 405'),
    'me/language/': P('405 405 405 405 405 405 405 405 405'),
    'me/pin/': P('302 302 302 302 302 302 302 302 302'),
    'me/consent/': P('302 302 302 302 302 302 302 302 302'),
    'me/': P('302 302 302 302 302 302 302 302 302'),
    'me/statement/<int:year>-<int:month>.pdf': P('302 302 302 302 302 302 302 302 302'),
    'me/rate/': P('302 302 302 302 302 302 302 302 302'),
    # makers
    'makers/': ALL_200,
    'makers/<slug:slug>/': ALL_200,
    # partners
    'partners/': P('login 403 200 200 403 403 403 403 403'),
    'partners/tie-ups/<int:pk>/': P('login 403 404 200 403 403 403 403 403'),
    'partners/statements/<int:year>-<int:month>/': P('login 403 200 200 403 403 403 403 403'),
    'partners/statements/<int:year>-<int:month>/statement.pdf': P('login 403 200 200 403 403 403 403 403'),
    'partners/statements/<int:year>-<int:month>/statement.csv': P('login 403 200 200 403 403 403 403 403'),
    'partners/report/': P('login 403 200 200 403 403 403 403 403'),
    'partners/report/csr-report.pdf': P('login 403 200 200 403 403 403 403 403'),
    'partners/report/csr-report.csv': P('login 403 200 200 403 403 403 403 403'),
    'partners/verify/<int:tieup_id>/': P('405 405 405 405 405 405 405 405 405'),
    'partners/verify/confirm/<str:token>/': ALL_200,
    'partners/bulk/': P('login 403 200 200 403 403 403 403 403'),
    'partners/bulk/quote/': P('login 403 200 200 403 403 403 403 403'),
    'partners/bulk/recipients-template.csv': P('login 403 200 200 403 403 403 403 403'),
    'partners/bulk/quotes/<int:pk>/': P('login 403 404 200 403 403 403 403 403'),
    'partners/bulk/quotes/<int:pk>/quote.pdf': P('login 403 404 403 403 403 403 403 403'),
    'partners/bulk/quotes/<int:pk>/accept/': P('login 403 405 405 403 403 403 403 403'),
    'partners/bulk/quotes/<int:pk>/recipients/': P('login 403 405 405 403 403 403 403 403'),
    'partners/bulk/quotes/<int:pk>/address/': P('login 403 405 405 403 403 403 403 403'),
    'partners/bulk/quotes/<int:pk>/place/': P('login 403 405 405 403 403 403 403 403'),
    'partners/bulk/uploads/<int:pk>/status/': P('login 403 404 404 403 403 403 403 403'),
    'partners/bulk/uploads/<int:pk>/faults.csv': P('login 403 404 404 403 403 403 403 403'),
    'partners/bulk/orders/<int:pk>/': P('login 403 404 200 403 403 403 403 403'),
    'partners/bulk/orders/<int:pk>/shipments.csv': P('login 403 404 200 403 403 403 403 403'),
    'partners/bulk/invoices/<int:pk>/': P('login 403 404 200 403 403 403 403 403'),
    'partners/bulk/invoices/<int:pk>/einvoice.json': P('login 403 404 200 403 403 403 403 403'),
    'partners/bulk/invoices/<int:pk>/pay/': P('login 404 404 200 404 404 404 404 404'),
    'partners/bulk/invoices/<int:pk>/pay/return/': P('login 405 405 405 405 405 405 405 405'),
    # sitemap.xml
    'sitemap.xml': ALL_200,
    # _util
    '_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/': P('404 404 404 404 404 404 404 404 404'),
    '_util/login/': ALL_200,
    # ((?:[\w\-]+
    '((?:[\\w\\-]+/)*)$': ALL_200,
}
