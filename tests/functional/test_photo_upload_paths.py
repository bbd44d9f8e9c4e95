"""Every way a photo enters the shop, through the real forms, stores it without metadata
(DESIGN.md section 7, rule 2; issue 11): the workshop's batch form, Oscar's dashboard product
form and Wagtail's image upload, each with a phone JPEG (GPS EXIF, XMP, IPTC, ICC, comment) and a
PNG with text chunks. The stored files are the bytes /media/ serves, and so are the derived sizes."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from artisans.models import Artisan, ProductionBatch
from catalogue.images import PRODUCT_IMAGE_SIZES, product_thumbnail
from tests.functional.test_injection_probe import Forms
from tests.functional.test_workshop import batch_post
from tests.integration.test_photo_metadata import assert_clean, phone_jpeg, png_with_text
from tests.support.auth import sign_in
from tests.workshop_support import recorder, shelter_a

pytestmark = pytest.mark.django_db
Product = get_model("catalogue", "Product")
PHOTOS = {"jpeg": ("IMG_0420.jpg", phone_jpeg, "image/jpeg"),
          "png": ("Screenshot_shelter.png", png_with_text, "image/png")}


def upload(kind):
    name, make, content_type = PHOTOS[kind]
    return SimpleUploadedFile(name, make(), content_type)


@pytest.fixture(params=sorted(PHOTOS))
def kind(request):
    return request.param


def test_workshop_batch_photo(client, media_root, kind):
    sign_in(client, recorder())
    product = Product.objects.get(upc="HAAT-TOTE-01")
    juhi = Artisan.objects.get(pseudonym="Juhi")
    response = batch_post(client, shelter_a(), what=f"p:{product.pk}", pieces={juhi: 1},
                          photos=[upload(kind)])
    assert response.status_code == 302
    photo = ProductionBatch.objects.latest("pk").photos.get()
    assert "shelter" not in photo.image.name.lower() and "IMG" not in photo.image.name
    assert_clean(Path(photo.image.path).read_bytes())


def test_dashboard_product_image(client, media_root, kind):
    sign_in(client, get_user_model().objects.get(username="admin"))
    product = Product.objects.get(upc="HAAT-TOTE-01")
    url = f"/dashboard/catalogue/products/{product.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    parser = Forms()
    parser.feed(page.content.decode())
    form = next(f for f in parser.forms if "images-TOTAL_FORMS" in f["fields"])
    data = dict(form["fields"])
    data.pop("action", None)  # the "save and add a variant" button: we press plain save
    slot = next(int(k.split("-")[1]) for k in form["fields"]
                if k.startswith("images-") and k.endswith("-original")
                and not form["fields"].get(k.replace("original", "id")))
    data[f"images-{slot}-original"] = upload(kind)
    data[f"images-{slot}-caption"] = ""
    data[f"images-{slot}-display_order"] = str(slot)
    before = set(product.images.values_list("pk", flat=True))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    image = product.images.exclude(pk__in=before).get()
    assert_clean(Path(image.original.path).read_bytes())
    for size in PRODUCT_IMAGE_SIZES:
        thumb = product_thumbnail(image.original, size)
        assert_clean(Path(media_root, thumb.name).read_bytes())


def test_wagtail_admin_image_and_its_renditions(client, media_root, kind):
    sign_in(client, get_user_model().objects.get(username="admin"))
    response = client.post("/cms/images/add/", {
        "title": f"Upload path {kind}", "file": upload(kind),
        "collection": Collection.get_first_root_node().pk,
        "description": "Hands stitching a tote",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title=f"Upload path {kind}")
    assert_clean(Path(image.file.path).read_bytes())
    assert_clean(Path(image.get_rendition("fill-120x80").file.path).read_bytes())
