"""Makers in public ("Made by", maker pages, consent) and in the staff dashboard."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from oscar.core.loading import get_model

from artisans import batch_services, consent_services, identity_services
from artisans.models import Artisan, Consent, IdentityAccessLog, ProductionBatch
from tests.workshop_support import checker, recorder, shelter_a

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def custodian():
    return get_user_model().objects.get(username="identity-custodian")


def maker_of(product):
    from artisans.selectors import makers_by_product

    return makers_by_product([product])[product.pk][0]


def test_every_product_page_says_who_made_it_and_links_to_her_page(client):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    maker = maker_of(product)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Made by" in html and f'href="{maker.get_absolute_url()}">{maker.pseudonym}</a>' in html


def test_catalogue_cards_say_who_made_each_piece(client):
    html = client.get(reverse("catalogue:index")).content.decode()
    assert html.count('data-testid="made-by"') == 14


def test_maker_page_shows_her_consented_material_and_her_products(client):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    html = client.get(juhi.get_absolute_url()).content.decode()
    assert juhi.quote in html and juhi.story in html
    products = Product.objects.filter(upc__in=["HAAT-TOTE-01", "HAAT-TOTE-07"])
    for product in products:
        if maker_of(product) == juhi:
            assert product.title in html
    assert client.get(reverse("artisans:makers")).status_code == 200
    assert client.get("/makers/nobody-by-this-name/").status_code == 404


def test_withdrawn_consent_takes_effect_at_once(client, django_capture_on_commit_callbacks):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    product = next(p for p in Product.objects.all() if maker_of(p) == juhi)
    assert juhi.quote in client.get(product.get_absolute_url()).content.decode()

    from artisans.signals import consent_changed

    heard = []
    consent_changed.connect(lambda sender, **kw: heard.append((kw["kind"], kw["granted"])),
                            weak=False, dispatch_uid="test-consent")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            consent_services.record_consent(artisan=juhi, kind=Consent.QUOTE, granted=False,
                                    by=custodian())
    finally:
        consent_changed.disconnect(dispatch_uid="test-consent")
    assert heard == [("quote", False)]  # caches of her material can be purged
    assert juhi.quote not in client.get(product.get_absolute_url()).content.decode()
    page = client.get(juhi.get_absolute_url()).content.decode()
    assert juhi.quote not in page and juhi.story in page  # only what was withdrawn goes

    consent_services.record_consent(artisan=juhi, kind=Consent.STORY, granted=False, by=custodian())
    assert juhi.story not in client.get(juhi.get_absolute_url()).content.decode()

    consent_services.record_consent(artisan=juhi, kind=Consent.QUOTE, granted=True, by=custodian())
    assert juhi.quote in client.get(juhi.get_absolute_url()).content.decode()


def test_material_without_consent_is_never_shown(client):
    bakul = Artisan.objects.get(pseudonym="Bakul")
    bakul.quote, bakul.story = "A quote nobody agreed to show", "A story nobody agreed to show"
    bakul.save()
    html = client.get(bakul.get_absolute_url()).content.decode()
    assert "nobody agreed" not in html


def test_the_identity_page_is_for_custodians_only(client, demo_login):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    url = reverse("artisans-dashboard:artisans-identity", kwargs={"pk": juhi.pk})
    for role in ("Admin", "Finance", "Editor"):
        assert demo_login(role).get(url).status_code == 403
        assert client.post(url, {"reason": "Just looking at it today"}).status_code == 403
        client.logout()
    assert demo_login("Shelter staff").get(url).status_code in (302, 403)


def test_a_custodian_opens_a_record_with_a_reason_and_it_is_audited(client, demo_login):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    url = reverse("artisans-dashboard:artisans-identity", kwargs={"pk": juhi.pk})
    client = demo_login("Identity custodian")
    page = client.get(url)
    assert page.status_code == 200 and "DEMO-ONLY" not in page.content.decode()
    before = IdentityAccessLog.objects.count()
    short = client.post(url, {"action": "view", "reason": "why"})
    assert "DEMO-ONLY" not in short.content.decode()
    assert IdentityAccessLog.objects.count() == before

    opened = client.post(url, {"action": "view", "reason": "Preparing the bank payout file"})
    html = opened.content.decode()
    assert "DEMO-ONLY Not A Real Name" in html
    assert "no-store" in opened["Cache-Control"]
    entry = IdentityAccessLog.objects.latest("id")
    assert (entry.user.username, entry.action, entry.reason) == (
        "identity-custodian", "view", "Preparing the bank payout file")

    saved = client.post(url, {"action": "save", "legal_name": "DEMO-ONLY Renamed Person",
                              "phone": "DEMO-PHONE-X", "reason": "Correcting a typo in the name"},
                        follow=True)
    assert "The identity record was saved." in saved.content.decode()
    assert IdentityAccessLog.objects.latest("id").action == "change"
    assert identity_services.read_identity(user=custodian(), artisan=juhi, reason="Checking my correction")[
        "legal_name"] == "DEMO-ONLY Renamed Person"
    # The audit log page lists who looked, and never the values.
    audit = client.get(reverse("artisans-dashboard:artisans-audit")).content.decode()
    assert "Preparing the bank payout file" in audit and "DEMO-ONLY" not in audit


def test_dashboard_lists_show_pseudonyms_never_identities(demo_login):
    client = demo_login("Admin")
    for name in ("artisans-maker-list", "artisans-batch-list", "artisans-production"):
        response = client.get(reverse(f"artisans-dashboard:{name}"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "DEMO-ONLY" not in html and "DEMO-PHONE" not in html
    assert "Juhi" in client.get(reverse("artisans-dashboard:artisans-maker-list")).content.decode()
    # The menu leads there.
    assert reverse("artisans-dashboard:artisans-batch-list") in client.get("/dashboard/").content.decode()


def test_dashboard_counts_batches_per_shelter_maker_month_and_week(demo_login):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    juhi, bakul = Artisan.objects.get(pseudonym="Juhi"), Artisan.objects.get(pseudonym="Bakul")
    import datetime
    from decimal import Decimal

    today = datetime.date.today()
    batch = batch_services.save_batch(user=recorder(), shelter=shelter_a(), made_on=today,
                                piece_rate=Decimal("40"), pieces={juhi: 4, bakul: 6},
                                product=product, submit=True)
    batch_services.check_batch(user=checker(), batch=batch, accepted={bakul.pk: (5, "Loose seam")})
    client = demo_login("Admin")
    listed = client.get(reverse("artisans-dashboard:artisans-batch-list"), {"artisan": juhi.pk})
    assert [b.pk for b in listed.context["batches"]] == [batch.pk]
    row = listed.context["batches"][0]
    assert (row.pieces_made, row.pieces_accepted, row.maker_count) == (10, 9, 2)
    other = client.get(reverse("artisans-dashboard:artisans-batch-list"),
                       {"shelter": Artisan.objects.get(pseudonym="Palash").shelter_id})
    assert batch.pk not in [b.pk for b in other.context["batches"]]

    figures = client.get(reverse("artisans-dashboard:artisans-production")).context
    month = [r for r in figures["per_month"]
             if r["batch__shelter__public_label"] == shelter_a().public_label][0]
    assert (month["made"], month["accepted"]) == (10, 9)
    per_maker = {r["artisan__pseudonym"]: r for r in figures["per_maker"]}
    assert (per_maker["Bakul"]["batches"], per_maker["Bakul"]["made"],
            per_maker["Bakul"]["accepted"]) == (1, 6, 5)
    capacity = {row["shelter"].pk: row for row in figures["capacity"]}[shelter_a().pk]
    assert capacity["capacity"] == 60
    assert capacity["weeks"][0][1] == 9  # this week
    assert ProductionBatch.objects.get(pk=batch.pk).status == ProductionBatch.STOCKED


def test_the_catalogue_page_costs_the_same_queries_with_makers_shown(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(per_page):
        settings.OSCAR_PRODUCTS_PER_PAGE = per_page
        client.get(reverse("catalogue:index"))
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(reverse("catalogue:index")).content.decode()
        assert html.count('data-testid="made-by"') == per_page
        return len(ctx)

    assert queries_for(2) == queries_for(14)


def test_consent_is_recorded_and_withdrawn_from_the_dashboard(client, demo_login):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    url = reverse("artisans-dashboard:artisans-consent", kwargs={"pk": juhi.pk})
    assert demo_login("Finance").get(url).status_code == 403
    client.logout()
    staff = demo_login("Identity custodian")
    assert staff.get(url).status_code == 200
    assert juhi.quote in client.get(juhi.get_absolute_url()).content.decode()
    staff.post(url, {"kind": "quote", "granted": "0", "note": "Asked on the phone today"})
    latest = Consent.objects.filter(artisan=juhi).latest("id")
    assert (latest.kind, latest.granted, latest.recorded_by.username, latest.note) == (
        "quote", False, "identity-custodian", "Asked on the phone today")
    assert juhi.quote not in client.get(juhi.get_absolute_url()).content.decode()
    assert "Asked on the phone today" in staff.get(url).content.decode()


def test_withdrawing_the_hands_photo_breaks_its_old_address(
    client, media_root, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from tests.workshop_support import jpeg

    juhi = Artisan.objects.get(pseudonym="Juhi")
    juhi.hands_photo = ContentFile(jpeg().read(), name="hands.jpg")
    juhi.save()
    consent_services.record_consent(artisan=juhi, kind=Consent.HANDS_PHOTO, granted=True, by=custodian())
    page = client.get(juhi.get_absolute_url()).content.decode()
    old_url, old_name = juhi.hands_photo.url, juhi.hands_photo.name
    assert old_url in page

    with django_capture_on_commit_callbacks(execute=True):
        consent_services.record_consent(artisan=juhi, kind=Consent.HANDS_PHOTO, granted=False,
                                by=custodian())
    juhi.refresh_from_db()
    assert juhi.hands_photo.name != old_name
    assert not juhi.hands_photo.storage.exists(old_name)
    assert juhi.hands_photo.storage.exists(juhi.hands_photo.name)
    page = client.get(juhi.get_absolute_url()).content.decode()
    assert old_url not in page and juhi.hands_photo.url not in page
