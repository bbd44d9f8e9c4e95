"""Photos lose every trace of where and by whom they were taken (DESIGN.md section 7, rule 2).

The test photos carry what a phone at a shelter would write: GPS coordinates, the owner's name,
a comment, XMP, IPTC and an ICC profile. The stored originals and every derived size are read
back as bytes.
"""

import io
import struct
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image, ImageCms, PngImagePlugin
from wagtail.images import get_image_model
from wagtail.models import Collection

from artisans.photos import ImageRejected, clean_image
from catalogue.images import PRODUCT_IMAGE_SIZES, product_thumbnail
from tests.support.auth import sign_in

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

SECRET = "Shelter 7 Lane Howrah"  # stands for a shelter's address
# GPS sits in binary EXIF tags; "Exif" is the marker of any EXIF block at all.
SECRETS = [SECRET.encode(), b"Exif", b"http://ns.adobe.com/xap", b"Photoshop 3.0",
           b"Secret Owner", b"ICC_PROFILE"]


def phone_jpeg(width=400, height=300) -> bytes:
    """A JPEG as a phone writes it: rotated by EXIF orientation, with GPS, XMP, IPTC, ICC."""
    img = Image.new("RGB", (width, height), "#b5452b")
    img.paste("#1f5f5b", (0, 0, width // 2, height))  # left half teal, to check the rotation
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    exif[0x013B] = "Secret Owner"  # Artist
    exif[0x010E] = SECRET  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (22.0, 34.0, 12.0)
    gps[3], gps[4] = "E", (88.0, 21.0, 36.0)
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
        'syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Label="'
        f'{SECRET}"/></rdf:RDF></x:xmpmeta>'
    ).encode()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif, xmp=xmp, icc_profile=icc, comment=SECRET.encode())
    data = out.getvalue()
    # IPTC lives in a Photoshop APP13 segment; insert one after the SOI marker.
    iptc = b"\x1c\x02\x5a" + struct.pack(">H", len(SECRET)) + SECRET.encode()
    body = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    app13 = b"\xff\xed" + struct.pack(">H", len(body) + 2) + body
    return data[:2] + app13 + data[2:]


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", SECRET)
    info.add_itxt("Comment", SECRET)
    img = Image.new("RGBA", (120, 80), (181, 69, 43, 200))
    out = io.BytesIO()
    img.save(out, "PNG", pnginfo=info)
    return out.getvalue()


def assert_clean(data: bytes):
    for secret in SECRETS:
        assert secret not in data, f"{secret!r} survived"
    with Image.open(io.BytesIO(data)) as img:
        assert not img.getexif()
        assert "icc_profile" not in img.info and "comment" not in img.info


def test_the_fixtures_really_carry_the_metadata():
    """Otherwise the tests below could not fail."""
    jpeg, png = phone_jpeg(), png_with_text()
    for secret in SECRETS:
        assert secret in jpeg
    assert SECRET.encode() in png
    with Image.open(io.BytesIO(jpeg)) as img:
        assert img.getexif().get_ifd(0x8825)[2] == (22.0, 34.0, 12.0)


def test_clean_image_strips_everything_and_turns_the_photo_upright():
    cleaned = clean_image(io.BytesIO(phone_jpeg(400, 300)))
    data = cleaned.read()
    assert_clean(data)
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "JPEG"
        assert img.size == (300, 400)  # orientation applied
        # Rotated clockwise, the teal left half is now on top.
        top, bottom = img.getpixel((150, 20)), img.getpixel((150, 380))
        assert top[1] > top[0] and bottom[0] > bottom[1]
    assert cleaned.name.endswith(".jpg") and SECRET not in cleaned.name


def test_clean_image_keeps_transparency_and_drops_png_text():
    data = clean_image(io.BytesIO(png_with_text())).read()
    assert_clean(data)
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "PNG" and img.mode == "RGBA"
        assert img.getpixel((5, 5))[3] == 200


@pytest.mark.parametrize(
    "payload, message",
    [
        (b"%PDF-1.4 not a photo", "not a photo"),
        (phone_jpeg()[:600], "not a photo"),  # truncated upload
    ],
)
def test_files_that_are_not_photos_are_refused_with_a_message(payload, message):
    with pytest.raises(ImageRejected, match=message):
        clean_image(io.BytesIO(payload))


def test_photos_over_15_mb_are_refused():
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (15 * 1024 * 1024 + 1))
    with pytest.raises(ImageRejected, match="larger than 15 MB"):
        clean_image(big)


@pytest.mark.django_db
def test_oscar_product_photo_and_its_thumbnails_are_stored_clean(media_root):
    product = Product.objects.get(upc="HAAT-TOTE-01")
    image = ProductImage.objects.create(
        product=product,
        display_order=3,
        original=SimpleUploadedFile(f"{SECRET}.jpg", phone_jpeg(), content_type="image/jpeg"),
    )
    stored = Path(image.original.path)
    assert SECRET not in image.original.name
    assert_clean(stored.read_bytes())
    for size in PRODUCT_IMAGE_SIZES:
        thumb = product_thumbnail(image.original, size)
        assert_clean((Path(media_root) / thumb.name).read_bytes())


@pytest.mark.django_db
def test_wagtail_image_original_and_renditions_are_stored_clean(media_root):
    image = get_image_model().objects.create(
        title="Hands at work",
        file=SimpleUploadedFile("IMG_0001.png", png_with_text(), content_type="image/png"),
    )
    assert_clean(Path(image.file.path).read_bytes())
    assert image.file_size == Path(image.file.path).stat().st_size
    assert (image.width, image.height) == (120, 80)
    rendition = image.get_rendition("width-60")
    assert_clean(Path(rendition.file.path).read_bytes())

    photo = get_image_model().objects.create(
        title="Stitching", file=SimpleUploadedFile("IMG_0002.jpg", phone_jpeg(400, 300))
    )
    assert (photo.width, photo.height) == (300, 400)  # Wagtail measured the upright photo
    assert_clean(Path(photo.get_rendition("fill-100x100").file.path).read_bytes())


@pytest.mark.django_db
def test_wagtail_admin_upload_is_stored_clean(client, media_root):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.get(username="admin")
    sign_in(client, admin)
    response = client.post(
        "/cms/images/add/",
        {"title": "Workshop table", "file": SimpleUploadedFile("IMG_0003.jpg", phone_jpeg()),
         "description": "Fabric laid out on the cutting table",  # alt text is required
         "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Workshop table")
    assert_clean(Path(image.file.path).read_bytes())


@pytest.mark.django_db
def test_a_new_row_sharing_a_stored_photo_keeps_it(media_root):
    """Copying a product's photo to another product must not delete the first one's file."""
    first = ProductImage.objects.create(
        product=Product.objects.get(upc="HAAT-TOTE-01"), display_order=4,
        original=SimpleUploadedFile("a.jpg", phone_jpeg()),
    )
    second = ProductImage.objects.create(
        product=Product.objects.get(upc="HAAT-TOTE-02"), display_order=4,
        original=first.original.name,
    )
    assert second.original.name == first.original.name
    assert Path(first.original.path).is_file()


@pytest.mark.django_db
def test_a_photo_written_to_storage_before_its_row_is_cleaned_and_the_raw_file_removed(
    media_root,
):
    from django.core.files.base import ContentFile

    image = ProductImage(product=Product.objects.get(upc="HAAT-TOTE-03"), display_order=4)
    image.original.save("raw.jpg", ContentFile(phone_jpeg()), save=False)
    raw = Path(image.original.path)
    assert raw.is_file()
    image.save()
    assert not raw.exists()
    assert_clean(Path(image.original.path).read_bytes())
