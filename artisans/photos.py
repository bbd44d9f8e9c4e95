"""Every photo that enters the shop passes through here before it is stored.

Phone photos carry EXIF (GPS coordinates of the shelter, the phone's owner, timestamps), XMP,
IPTC, comments and ICC profiles with text in them. A shelter's location must never leave the
shop, so each upload is decoded, turned upright, converted to sRGB and encoded afresh with
nothing but its pixels, under a random name (a phone's file name can carry a place or a name).
Wagtail's Willow copies EXIF into renditions and serves originals as uploaded, and Oscar
thumbnails likewise start from the original: so the original itself must be clean.
"""

import io
import uuid

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
# Larger than any phone camera; guards against decompression bombs well below Pillow's limit.
MAX_PIXELS = 60_000_000
JPEG_QUALITY = 88

try:  # iPhones take HEIC photos; pillow-heif (a Wagtail dependency) decodes them.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional decoder
    pass


class ImageRejected(ValueError):
    """The upload is not a photo we can take; str() is a message for the person uploading."""


def _size_of(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    return size


def _to_srgb(img: Image.Image) -> Image.Image:
    """Apply an embedded colour profile, so dropping it keeps the colours right."""
    icc = img.info.get("icc_profile")
    if not icc:
        return img
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if "A" in img.getbands() else "RGB"
        return ImageCms.profileToProfile(
            img, source, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img  # an unreadable profile: the pixels as they are


def clean_image(upload, *, max_bytes: int = MAX_UPLOAD_BYTES) -> ContentFile:
    """A metadata-free re-encoding of an uploaded image (JPEG, or PNG where it has alpha).

    Raises ImageRejected for anything that is not a readable image or is too large.
    """
    if _size_of(upload) > max_bytes:
        raise ImageRejected(
            _("This photo is larger than %(mb)d MB. Please choose a smaller one.")
            % {"mb": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ImageRejected(_("This photo has too many pixels. Please choose a smaller one."))
            img.load()  # decode everything now: a truncated file fails here, not later
            img = ImageOps.exif_transpose(img)  # upright, before the EXIF goes
            img = _to_srgb(img)
    except ImageRejected:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ImageRejected(
            _("This file is not a photo we can read. Please upload a JPEG, PNG or HEIC photo.")
        ) from None

    has_alpha = img.mode in ("RGBA", "LA", "PA") or (
        img.mode == "P" and "transparency" in img.info
    )
    img = img.convert("RGBA" if has_alpha else "RGB")
    img.info = {}  # Pillow re-uses some of these (comment, ICC profile) when saving
    out = io.BytesIO()
    if has_alpha:
        img.save(out, "PNG", optimize=True)
        extension = "png"
    else:
        img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        extension = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def replace_with_clean_copy(instance, field_name: str) -> bool:
    """Clean a model's newly uploaded image file in place, before the model is saved.

    A file not yet written (the usual upload) is cleaned before it reaches storage; one
    written ahead of the save of a new row is cleaned and the written original removed.
    Returns whether anything was cleaned.
    """
    fieldfile = getattr(instance, field_name)
    if not fieldfile:
        return False
    committed = getattr(fieldfile, "_committed", True)
    if committed and not instance._state.adding:
        return False  # an existing row's file, cleaned when it arrived
    if committed and type(instance)._default_manager.filter(**{field_name: fieldfile.name}).exists():
        return False  # a new row sharing another row's file: cleaned when that row was saved
    fieldfile.open("rb")
    try:
        cleaned = clean_image(fieldfile)
    finally:
        if not committed:
            fieldfile.seek(0)
    if committed:
        fieldfile.storage.delete(fieldfile.name)
    setattr(instance, field_name, cleaned)
    return True
