"""Workshop batch photos are private (issue 19): kept outside MEDIA_ROOT and served only to staff
of the batch's shelter; the product images made from an accepted one-off batch stay public."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.views.static import serve
from oscar.core.loading import get_model

from artisans.models import Artisan, BatchPhoto, ProductionBatch
from artisans.storage import private_storage
from tests.functional.test_workshop import batch_post
from tests.support.auth import demo_user, sign_in
from tests.workshop_support import checker, jpeg, recorder, shelter_a, shelter_b, staffer_of

ProductClass = get_model("catalogue", "ProductClass")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def recorded_photo(client):
    """A one-off batch recorded at shelter A with one photo; the recorder is left signed in."""
    sign_in(client, recorder())
    kind = ProductClass.objects.get(is_one_off=True)
    juhi = Artisan.objects.get(pseudonym="Juhi")
    response = batch_post(client, shelter_a(), what=f"c:{kind.pk}", pieces={juhi: 1},
                          price="1200", photos=[jpeg("IMG_0001.jpg")])
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ProductionBatch.objects.latest("pk")
    return batch, batch.photos.get()


def photo_url(photo):
    return reverse("workshop:batch-photo", kwargs={"pk": photo.batch_id, "photo_pk": photo.pk})


def test_a_batch_photo_is_stored_outside_media_root(client, media_root):
    _batch, photo = recorded_photo(client)

    stored = Path(photo.image.path).resolve()
    assert stored.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in stored.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents
    assert not (Path(settings.MEDIA_ROOT) / photo.image.name).exists()
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018 - no public address to leak into a page


def test_staff_of_the_shelter_get_the_photo_privately(client, media_root):
    batch, photo = recorded_photo(client)

    page = client.get(reverse("workshop:batch", kwargs={"pk": batch.pk})).content.decode()
    response = client.get(photo_url(photo))

    assert photo_url(photo) in page and "/media/workshop/" not in page
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == Path(photo.image.path).read_bytes()
    # The second staffer, who checks the batch, sees it too.
    assert sign_in(Client(), checker()).get(photo_url(photo)).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "shopper", "other shelter", "finance", "admin"])
def test_nobody_else_gets_the_photo(client, media_root, who):
    _batch, photo = recorded_photo(client)
    visitor = Client()
    if who == "shopper":
        sign_in(visitor, demo_user("Shopper"))
    elif who == "other shelter":
        sign_in(visitor, staffer_of(shelter_b(), "kadam-photos"))
    elif who in ("finance", "admin"):
        sign_in(visitor, demo_user(who))

    response = visitor.get(photo_url(photo))

    assert response.status_code in (403, 404)
    assert response.status_code == 404  # the same answer whether the photo exists or not
    assert visitor.get(photo_url(photo).replace(f"/{photo.batch_id}/", "/999999/")).status_code \
        == 404


def test_a_photo_url_naming_another_batch_serves_nothing(client, media_root):
    """The photo must belong to the batch in the address: a batch of one's own shelter does
    not open another shelter's photo."""
    _batch, own_photo = recorded_photo(client)
    other_staff = staffer_of(shelter_b(), "kadam-photos-2")
    palash = Artisan.objects.get(pseudonym="Palash")
    other = sign_in(Client(), other_staff)
    tote = Product.objects.get(upc="HAAT-TOTE-01")
    assert batch_post(other, shelter_b(), what=f"p:{tote.pk}", pieces={palash: 1},
                      photos=[jpeg()]).status_code == 302
    their_photo = BatchPhoto.objects.filter(batch__shelter=shelter_b()).latest("pk")

    mixed = reverse("workshop:batch-photo",
                    kwargs={"pk": own_photo.batch_id, "photo_pk": their_photo.pk})

    assert client.get(mixed).status_code == 404


def test_the_old_public_media_address_serves_nothing(client, media_root, rf):
    """/media/ is MEDIA_ROOT, served as it is (by nginx in production, by Django's static
    serve in make dev and make demo): the photo is not there to be served."""
    _batch, photo = recorded_photo(client)
    path = photo.image.name
    assert path.startswith("workshop/batches/")

    with pytest.raises(Http404):
        serve(rf.get(f"{settings.MEDIA_URL}{path}"), path, document_root=settings.MEDIA_ROOT)
    assert not default_storage.exists(path)


def test_accepting_a_one_off_batch_makes_public_product_images(client, media_root):
    batch, photo = recorded_photo(client)
    juhi = Artisan.objects.get(pseudonym="Juhi")
    checking = sign_in(Client(), checker())
    checking.post(reverse("workshop:batch", kwargs={"pk": batch.pk}), {f"accept_{juhi.pk}": "1"})

    piece = Product.objects.get(upc=f"HAAT-B{batch.pk}-1")
    image = piece.images.get().original

    assert image.storage is not private_storage
    assert image.url.startswith(settings.MEDIA_URL)
    assert Path(image.path).read_bytes() == Path(photo.image.path).read_bytes()
    assert Path(settings.MEDIA_ROOT).resolve() in Path(image.path).resolve().parents
    page = Client().get(piece.get_absolute_url())
    assert page.status_code == 200
    # The batch photo itself stays private after the acceptance.
    assert Client().get(photo_url(photo)).status_code == 404


@pytest.mark.parametrize("header, expected", [
    ("X-Accel-Redirect", "/private-media/{name}"),
    ("X-Sendfile", "{path}"),
])
def test_the_web_server_can_send_the_file(client, media_root, settings, header, expected):
    _batch, photo = recorded_photo(client)
    settings.PRIVATE_MEDIA_SENDFILE_HEADER = header

    response = client.get(photo_url(photo))

    assert response.status_code == 200 and response.content == b""
    assert response[header] == expected.format(name=photo.image.name, path=photo.image.path)
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]


def test_the_migration_moves_existing_photos_out_of_media_root(client, media_root):
    """Batch photos stored publicly before the move: the data migration moves each file under
    the same name, and a second run (or a file already gone) changes nothing."""
    _batch, photo = recorded_photo(client)
    name = photo.image.name
    content = Path(photo.image.path).read_bytes()
    private_storage.delete(name)
    default_storage.save(name, ContentFile(content))  # where it lived before
    migration = importlib.import_module("artisans.migrations.0003_batch_photos_private")

    migration.to_private(django_apps, None)
    migration.to_private(django_apps, None)

    assert not default_storage.exists(name)
    assert private_storage.exists(name)
    assert Path(private_storage.path(name)).read_bytes() == content
