"""The workshop: shelter staff record production batches; a second staffer checks them."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from artisans import batch_services
from artisans.models import Artisan, BatchLine, ProductionBatch
from artisans.signals import batch_accepted
from tests.support.auth import sign_in
from tests.workshop_support import checker, jpeg, recorder, shelter_a, shelter_b, staffer_of

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def makers(*names):
    return {name: Artisan.objects.get(pseudonym=name) for name in names}


def batch_post(client, shelter, *, what, pieces, rate="45.00", price="", notes="Blue thread",
               photos=(), action="submit"):
    data = {"what": what, "made_on": "2026-11-20", "piece_rate": rate, "price": price,
            "notes": notes, "action": action}
    for artisan, count in pieces.items():
        data[f"maker_{artisan.pk}"] = str(count)
    if photos:
        data["photos"] = list(photos)
    return client.post(reverse("workshop:batch-new", kwargs={"shelter_pk": shelter.pk}), data)


@pytest.fixture
def as_recorder(client):
    sign_in(client, recorder())
    return client


@pytest.fixture
def signals():
    received = []

    def receiver(sender, batch, **kwargs):
        received.append(batch.pk)

    batch_accepted.connect(receiver, dispatch_uid="test-workshop")
    yield received
    batch_accepted.disconnect(dispatch_uid="test-workshop")


def test_the_workshop_is_for_shelter_staff_only(client, demo_login):
    assert client.get("/workshop/").status_code == 302  # to the login
    assert demo_login("Shopper").get("/workshop/").status_code == 403
    client.logout()
    assert demo_login("Finance").get("/workshop/").status_code == 403
    client.logout()
    page = demo_login("Shelter staff").get("/workshop/")
    assert page.status_code == 200
    assert "Record a batch" in page.content.decode()


def test_the_batch_form_lists_only_makers_of_the_staffers_shelter(as_recorder):
    page = as_recorder.get(reverse("workshop:batch-new", kwargs={"shelter_pk": shelter_a().pk}))
    html = page.content.decode()
    for name in ("Juhi", "Bakul", "Shiuli"):
        assert name in html
    for name in ("Palash", "Togor", "Champa"):
        assert name not in html
    assert 'capture="environment"' in html and 'accept="image/*"' in html
    # Another shelter's form is not there for this staffer.
    other = reverse("workshop:batch-new", kwargs={"shelter_pk": shelter_b().pk})
    assert as_recorder.get(other).status_code == 404


def test_record_then_a_second_staffer_accepts_and_stock_rises_once(client, signals):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    stock = StockRecord.objects.get(product=product, partner=shelter_a().partner)
    before = stock.num_in_stock
    m = makers("Juhi", "Bakul")
    sign_in(client, recorder())
    response = batch_post(client, shelter_a(), what=f"p:{product.pk}",
                          pieces={m["Juhi"]: 5, m["Bakul"]: 3}, photos=[jpeg()])
    assert response.status_code == 302
    batch = ProductionBatch.objects.latest("pk")
    assert batch.status == ProductionBatch.RECORDED
    assert batch.photos.count() == 1
    assert batch.recorded_by == recorder()

    # The recorder cannot check her own batch.
    page = client.get(reverse("workshop:batch", kwargs={"pk": batch.pk}))
    assert "Another member of staff must do the quality check." in page.content.decode()
    client.post(reverse("workshop:batch", kwargs={"pk": batch.pk}), {})
    batch.refresh_from_db()
    assert batch.status == ProductionBatch.RECORDED

    sign_in(client, checker())
    url = reverse("workshop:batch", kwargs={"pk": batch.pk})
    response = client.post(url, {
        f"accept_{m['Juhi'].pk}": "5", f"reason_{m['Juhi'].pk}": "",
        f"accept_{m['Bakul'].pk}": "2", f"reason_{m['Bakul'].pk}": "Handle stitched crooked",
    }, follow=True)
    assert "7 pieces added" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ProductionBatch.STOCKED and batch.checked_by == checker()
    stock.refresh_from_db()
    assert stock.num_in_stock == before + 7
    assert signals == [batch.pk]
    assert BatchLine.objects.get(batch=batch, artisan=m["Bakul"]).reject_reason == (
        "Handle stitched crooked"
    )

    # Accepting again is refused and adds nothing.
    response = client.post(url, {f"accept_{m['Juhi'].pk}": "5", f"accept_{m['Bakul'].pk}": "3"},
                           follow=True)
    assert "cannot be checked" in response.content.decode()
    with pytest.raises(Exception, match="already been checked"):
        batch_services.check_batch(user=checker(), batch=batch, accepted={})
    stock.refresh_from_db()
    assert stock.num_in_stock == before + 7
    assert signals == [batch.pk]


def test_rejected_pieces_need_a_reason(client):
    product = Product.objects.get(upc="HAAT-TOTE-02")
    m = makers("Shiuli")
    sign_in(client, recorder())
    batch_post(client, shelter_a(), what=f"p:{product.pk}", pieces={m["Shiuli"]: 4})
    batch = ProductionBatch.objects.latest("pk")
    sign_in(client, checker())
    response = client.post(reverse("workshop:batch", kwargs={"pk": batch.pk}),
                           {f"accept_{m['Shiuli'].pk}": "1"})
    assert response.status_code == 400
    assert "Say why these pieces were rejected." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ProductionBatch.RECORDED


def test_a_batch_with_every_piece_rejected_stocks_nothing(client, signals):
    product = Product.objects.get(upc="HAAT-TOTE-02")
    stock = StockRecord.objects.get(product=product, partner=shelter_a().partner)
    before = stock.num_in_stock
    m = makers("Shiuli")
    sign_in(client, recorder())
    batch_post(client, shelter_a(), what=f"p:{product.pk}", pieces={m["Shiuli"]: 2})
    batch = ProductionBatch.objects.latest("pk")
    sign_in(client, checker())
    client.post(reverse("workshop:batch", kwargs={"pk": batch.pk}),
                {f"accept_{m['Shiuli'].pk}": "0", f"reason_{m['Shiuli'].pk}": "Wet fabric"})
    batch.refresh_from_db()
    assert batch.status == ProductionBatch.REJECTED
    stock.refresh_from_db()
    assert stock.num_in_stock == before and signals == []


def test_one_off_pieces_become_products_with_their_own_photo_maker_and_stock_of_one(client):
    kind = ProductClass.objects.get(is_one_off=True)
    m = makers("Juhi")
    sign_in(client, recorder())
    response = batch_post(client, shelter_a(), what=f"c:{kind.pk}", pieces={m["Juhi"]: 2},
                          price="1450", photos=[jpeg("a.jpg"), jpeg("b.jpg", colour=(20, 40, 90))])
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ProductionBatch.objects.latest("pk")
    sign_in(client, checker())
    client.post(reverse("workshop:batch", kwargs={"pk": batch.pk}), {f"accept_{m['Juhi'].pk}": "2"})
    pieces = list(Product.objects.filter(upc__startswith=f"HAAT-B{batch.pk}-").order_by("upc"))
    assert len(pieces) == 2
    for piece in pieces:
        assert piece.is_public and piece.product_class == kind
        record = piece.stockrecords.get()
        assert record.num_in_stock == 1 and record.price == Decimal("1450.00")
        assert record.partner == shelter_a().partner
        assert piece.images.count() == 1
        page = client.get(piece.get_absolute_url()).content.decode()
        assert "Made by" in page and m["Juhi"].get_absolute_url() in page
    # Each piece has its own photo.
    assert pieces[0].images.get().original.name != pieces[1].images.get().original.name
    catalogue = client.get(reverse("catalogue:index")).content.decode()
    assert pieces[0].title in catalogue
    category = pieces[0].categories.get()
    assert category.name == "One-off pieces"
    listed = client.get(category.get_absolute_url()).content.decode()
    assert pieces[0].title in listed and pieces[1].title in listed


def test_one_off_pieces_need_a_price_and_a_photo(client):
    kind = ProductClass.objects.get(is_one_off=True)
    m = makers("Juhi")
    sign_in(client, recorder())
    before = ProductionBatch.objects.count()
    response = batch_post(client, shelter_a(), what=f"c:{kind.pk}", pieces={m["Juhi"]: 1})
    assert response.status_code == 400
    html = response.content.decode()
    assert "One-off pieces need a shop price." in html
    response = batch_post(client, shelter_a(), what=f"c:{kind.pk}", pieces={m["Juhi"]: 1},
                          price="900")
    assert "One-off pieces need at least one photo." in response.content.decode()
    assert ProductionBatch.objects.count() == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pieces": 0}, "Pieces must be a whole number above zero."),
        ({"pieces": -2}, "Pieces must be a whole number above zero."),
        ({"rate": "0"}, "The piece rate must be a positive amount in rupees."),
        ({"rate": "-10"}, "The piece rate must be a positive amount in rupees."),
        ({"rate": "ten"}, "Enter a number."),
        ({"photo": SimpleUploadedFile("notes.jpg", b"not an image at all", "image/jpeg")},
         "not a photo we can read"),
        ({"what": ""}, "This field is required."),
    ],
)
def test_bad_input_gets_a_clear_message_saves_nothing_and_keeps_the_form(client, change, message):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    juhi = Artisan.objects.get(pseudonym="Juhi")
    sign_in(client, recorder())
    before = ProductionBatch.objects.count()
    response = batch_post(
        client, shelter_a(), what=change.get("what", f"p:{product.pk}"),
        pieces={juhi: change.get("pieces", 3)}, rate=change.get("rate", "45"),
        notes="Kept: the blue thread batch",
        photos=[change["photo"]] if "photo" in change else [],
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Nothing was saved yet" in html
    assert "Kept: the blue thread batch" in html  # what was typed is still there
    assert ProductionBatch.objects.count() == before


def test_a_photo_over_15_mb_is_refused(client, settings):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    juhi = Artisan.objects.get(pseudonym="Juhi")
    big = jpeg()
    big.size = 15 * 1024 * 1024 + 1
    sign_in(client, recorder())
    with pytest.raises(Exception, match="larger than 15 MB"):
        batch_services.save_batch(user=recorder(), shelter=shelter_a(), made_on="2026-11-20",
                            piece_rate=Decimal("40"), pieces={juhi: 1}, product=product,
                            photos=[big])
    assert not ProductionBatch.objects.filter(recorded_by=recorder()).exists()


def test_a_maker_from_another_shelter_is_refused(client):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    juhi, palash = Artisan.objects.get(pseudonym="Juhi"), Artisan.objects.get(pseudonym="Palash")
    sign_in(client, recorder())
    before = ProductionBatch.objects.count()
    response = batch_post(client, shelter_a(), what=f"p:{product.pk}",
                          pieces={juhi: 2, palash: 4})
    assert response.status_code == 400
    assert "not a maker of this shelter" in response.content.decode()
    with pytest.raises(Exception, match="not a maker of this shelter"):
        batch_services.save_batch(user=recorder(), shelter=shelter_a(), made_on="2026-11-20",
                            piece_rate=Decimal("40"), pieces={palash: 1}, product=product)
    assert ProductionBatch.objects.count() == before


def test_a_draft_is_saved_changed_and_sent_later(client):
    product = Product.objects.get(upc="HAAT-POUCH-02")
    bakul = Artisan.objects.get(pseudonym="Bakul")
    sign_in(client, recorder())
    batch_post(client, shelter_a(), what=f"p:{product.pk}", pieces={bakul: 6}, action="draft")
    batch = ProductionBatch.objects.latest("pk")
    assert batch.status == ProductionBatch.DRAFT
    edit = reverse("workshop:batch-edit", kwargs={"pk": batch.pk})
    page = client.get(edit).content.decode()
    assert 'value="6"' in page
    client.post(edit, {"what": f"p:{product.pk}", "made_on": "2026-11-21", "piece_rate": "30",
                       f"maker_{bakul.pk}": "8", "action": "draft"})
    batch.refresh_from_db()
    assert batch.lines.get().pieces == 8 and batch.status == ProductionBatch.DRAFT
    client.post(reverse("workshop:batch-submit", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ProductionBatch.RECORDED
    # A batch sent for its check can no longer be changed.
    assert client.get(edit).status_code == 302


def test_a_staffer_of_another_shelter_gets_404_for_the_batch(client):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    sign_in(client, recorder())
    batch_post(client, shelter_a(), what=f"p:{product.pk}",
               pieces={Artisan.objects.get(pseudonym="Juhi"): 1})
    batch = ProductionBatch.objects.latest("pk")
    sign_in(client, staffer_of(shelter_b(), "kadam-staffer"))
    for name in ("workshop:batch", "workshop:batch-edit"):
        assert client.get(reverse(name, kwargs={"pk": batch.pk})).status_code == 404
    assert client.post(reverse("workshop:batch", kwargs={"pk": batch.pk}), {}).status_code == 404
    assert client.post(reverse("workshop:batch-submit", kwargs={"pk": batch.pk})).status_code == 404
    index = client.get("/workshop/").content.decode()
    assert f"batch-{batch.pk}" not in index
    with pytest.raises(Exception, match="do not work at this shelter"):
        batch_services.check_batch(user=staffer_of(shelter_b(), "kadam-2"), batch=batch, accepted={})


def test_the_workshop_speaks_bengali(client):
    sign_in(client, recorder())
    client.post("/i18n/setlang/", {"language": "bn", "next": "/workshop/"})
    page = client.get("/workshop/").content.decode()
    assert "ব্যাচ" in page  # "batch"
    assert 'lang="bn"' in page
    form = client.get(reverse("workshop:batch-new", kwargs={"shelter_pk": shelter_a().pk}))
    html = form.content.decode()
    assert "খসড়া" in html  # "draft"
    assert "Save draft" not in html


def test_workshop_and_maker_photos_are_stored_without_metadata(client, media_root):
    from django.core.files.base import ContentFile

    from tests.integration.test_photo_metadata import assert_clean, phone_jpeg

    product = Product.objects.get(upc="HAAT-TOTE-01")
    juhi = Artisan.objects.get(pseudonym="Juhi")
    sign_in(client, recorder())
    upload = SimpleUploadedFile("IMG_shelter_gps.jpg", phone_jpeg(), "image/jpeg")
    response = batch_post(client, shelter_a(), what=f"p:{product.pk}", pieces={juhi: 1},
                          photos=[upload])
    assert response.status_code == 302
    photo = ProductionBatch.objects.latest("pk").photos.get()
    assert "shelter" not in photo.image.name and "IMG" not in photo.image.name
    with photo.image.open("rb") as fh:
        assert_clean(fh.read())

    juhi.hands_photo = ContentFile(phone_jpeg(), name="hands_at_shelter.jpg")
    juhi.save()
    assert "shelter" not in juhi.hands_photo.name
    with juhi.hands_photo.open("rb") as fh:
        assert_clean(fh.read())
