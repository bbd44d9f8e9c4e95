"""What the role matrix tests (test_role_matrix.py, test_role_matrix_maker.py, test_staff_csp.py)
share: objects from the demo data for each route's parameters (samples), company B's objects that
company A's buyer must never open, a user per role, and a route made into a URL and an answer."""

import datetime
from decimal import Decimal

from oscar.core.loading import get_model

from artisans import batch_services
from artisans.models import Artisan, ProductionBatch
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN
from tests.functional.role_matrix_table import GATED_AREAS, GATED_EXCEPTIONS
from tests.support.auth import demo_user
from tests.support.url_matrix import build, resolves_to, routes

LOGIN_PATHS = ("/shop/accounts/login/", "/dashboard/login/", "/cms/login/", "/admin/login/")


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
    return batch_services.save_batch(
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
