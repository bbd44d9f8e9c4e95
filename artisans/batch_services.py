"""Production batches: recorded by a shelter's staff, checked by a second member of staff; the
accepted pieces become stock (or one product per one-off piece) and batch_accepted is sent."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from catalogue import services as catalogue_services

from .models import (
    BatchLine,
    BatchPhoto,
    BatchProduct,
    ProductionBatch,
    ProductMaker,
    Shelter,
    ShelterStaff,
)
from .photos import ImageRejected, clean_image
from .services import link_maker
from .signals import batch_accepted

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

# Where one-off pieces are listed in the shop, besides "Shop all".
ONE_OFF_CATEGORY = "One-off pieces"
MAX_BATCH_PHOTOS = 20


def _staff_shelter(user, shelter: Shelter):
    if not ShelterStaff.objects.filter(user=user, shelter=shelter).exists():
        raise PermissionDenied(_("You do not work at this shelter."))


def clean_photos(uploads) -> list[ContentFile]:
    """Every uploaded photo cleaned of metadata, or ValidationError naming the ones refused."""
    uploads = [u for u in uploads if u]
    if len(uploads) > MAX_BATCH_PHOTOS:
        raise ValidationError(
            _("At most %(n)d photos per batch.") % {"n": MAX_BATCH_PHOTOS}, code="photos"
        )
    cleaned, errors = [], []
    for upload in uploads:
        try:
            cleaned.append(clean_image(upload))
        except ImageRejected as exc:
            name = getattr(upload, "name", "") or _("photo")
            errors.append(
                ValidationError("%(name)s: %(error)s", params={"name": name, "error": str(exc)})
            )
    if errors:
        raise ValidationError(errors, code="photos")
    return cleaned


@transaction.atomic
def save_batch(
    *, user, shelter: Shelter, made_on: datetime.date, piece_rate: Decimal,
    pieces: dict, product=None, product_class=None, price: Decimal | None = None,
    notes: str = "", photos=(), submit: bool = False, batch: ProductionBatch | None = None,
    title_bn: str = "",
) -> ProductionBatch:
    """Create or update a batch. `pieces` maps Artisan -> pieces made; `photos` are uploads.

    Saves a draft, or with submit=True sends it for its quality check. Bad input raises
    ValidationError and saves nothing.
    """
    _staff_shelter(user, shelter)
    errors = {}
    if (product is None) == (product_class is None):
        errors["product"] = _("Choose either a product or a kind of one-off piece.")
    if product_class is not None and not product_class.is_one_off:
        errors["product"] = _("This kind of product is not made as one-off pieces.")
    if piece_rate is None or piece_rate <= 0:
        errors["piece_rate"] = _("The piece rate must be a positive amount in rupees.")
    if product_class is not None and (price is None or price <= 0):
        errors["price"] = _("One-off pieces need a shop price, a positive amount in rupees.")
    piece_errors = []
    for artisan, count in pieces.items():
        if artisan.shelter_id != shelter.pk or not artisan.is_active:
            piece_errors.append(_("%(maker)s is not a maker of this shelter.") % {"maker": artisan})
        elif count is None or count <= 0:
            piece_errors.append(
                _("Pieces for %(maker)s must be a whole number above zero.") % {"maker": artisan}
            )
    title_bn = " ".join((title_bn or "").split())
    if len(title_bn) > 120:
        errors["title_bn"] = _("The Bengali name is at most 120 characters.")
    if piece_errors:
        errors["pieces"] = piece_errors
    elif not pieces:
        errors["pieces"] = _("Enter the pieces made by at least one maker.")
    try:
        cleaned_photos = clean_photos(photos)
    except ValidationError as exc:
        errors["photos"] = exc.messages
    else:
        has_photos = bool(cleaned_photos) or (batch is not None and batch.photos.exists())
        if submit and product_class is not None and not has_photos:
            errors["photos"] = [_("One-off pieces need at least one photo.")]
    if errors:
        raise ValidationError(errors)

    if batch is None:
        batch = ProductionBatch(shelter=shelter, recorded_by=user)
    else:
        batch = ProductionBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ProductionBatch.DRAFT or batch.shelter_id != shelter.pk:
            raise ValidationError(_("Only a draft can be changed."), code="state")
    batch.product = product
    batch.product_class = product_class
    batch.made_on = made_on
    batch.piece_rate = piece_rate
    batch.price = price if product_class is not None else None
    batch.notes = notes
    batch.title_bn = title_bn
    if submit:
        batch.status = ProductionBatch.RECORDED
        batch.submitted_at = timezone.now()
    batch.save()
    batch.lines.exclude(artisan__in=list(pieces)).delete()
    for artisan, count in pieces.items():
        BatchLine.objects.update_or_create(batch=batch, artisan=artisan, defaults={"pieces": count})
    start = batch.photos.count()
    for offset, content in enumerate(cleaned_photos):
        photo = BatchPhoto(batch=batch, position=start + offset)
        photo.image.save(content.name, content, save=False)
        photo.save()
    return batch


def submit_batch(*, user, batch: ProductionBatch) -> ProductionBatch:
    """Send a saved draft for its quality check."""
    _staff_shelter(user, batch.shelter)
    updated = ProductionBatch.objects.filter(pk=batch.pk, status=ProductionBatch.DRAFT).update(
        status=ProductionBatch.RECORDED, submitted_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This batch has already been sent for its check."), code="state")
    batch.refresh_from_db()
    return batch


def _stock_record_for(batch: ProductionBatch):
    """The shelter's StockRecord of the batch's product, created at the product's price."""
    record = StockRecord.objects.filter(product=batch.product, partner=batch.shelter.partner).first()
    if record:
        return record
    other = StockRecord.objects.filter(product=batch.product).order_by("pk").first()
    if other is None:
        raise ValidationError(
            _("This product has no price in the shop yet; ask the shop team to set one."),
            code="price",
        )
    return StockRecord.objects.create(
        product=batch.product,
        partner=batch.shelter.partner,
        partner_sku=f"{batch.product.upc or batch.product.pk}-S{batch.shelter.pk}",
        price=other.price,
        price_currency=other.price_currency,
        num_in_stock=0,
    )


def _create_one_off_pieces(batch: ProductionBatch, lines) -> list:
    photos = list(batch.photos.all())
    category = create_from_breadcrumbs(ONE_OFF_CATEGORY)
    products = []
    number = 0
    for line in lines:
        for _piece in range(line.accepted_pieces):
            number += 1
            # The shop's language, not the checker's; the Bengali one comes from the batch form.
            title = f"{batch.product_class.name} by {line.artisan.pseudonym}, no. {batch.pk}-{number}"
            product = Product.objects.create(
                product_class=batch.product_class,
                title=title,
                upc=f"HAAT-B{batch.pk}-{number}",
                # Not the batch notes: they are staff's words and may name people or places.
                description="",
                is_public=True,
            )
            StockRecord.objects.create(
                product=product,
                partner=batch.shelter.partner,
                partner_sku=product.upc,
                price=batch.price,
                price_currency="INR",
                num_in_stock=1,
            )
            if photos:
                source = photos[(number - 1) % len(photos)]
                with source.image.open("rb") as fh:
                    content = ContentFile(fh.read(), name=source.image.name.rsplit("/", 1)[-1])
                ProductImage.objects.create(
                    product=product, original=content, display_order=0, caption=title
                )
            if batch.title_bn:
                catalogue_services.set_product_title(
                    product, language="bn",
                    title=f"{batch.title_bn}, {line.artisan.pseudonym}, নং {batch.pk}-{number}",
                )
            product.categories.add(category)
            ProductMaker.objects.create(product=product, artisan=line.artisan)
            BatchProduct.objects.create(batch=batch, product=product, artisan=line.artisan)
            products.append(product)
    return products


@transaction.atomic
def check_batch(*, user, batch: ProductionBatch, accepted: dict) -> ProductionBatch:
    """The quality check: `accepted` maps artisan id -> (accepted pieces, reason for rejects).

    In one transaction: the batch is claimed (only a batch waiting for its check can be, so a
    second check is refused), stock is added to the shelter's StockRecord, or one product per
    accepted piece is created for a one-off class, and batch_accepted is sent so that the
    ledger can credit the makers in the same transaction.
    """
    _staff_shelter(user, batch.shelter)
    batch = ProductionBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ProductionBatch.RECORDED:
        raise ValidationError(_("This batch has already been checked."), code="state")
    if batch.recorded_by_id == user.pk:
        raise ValidationError(
            _("A second member of staff must check a batch, not the person who recorded it."),
            code="four_eyes",
        )
    lines = list(batch.lines.select_related("artisan"))
    errors = []
    for line in lines:
        count, reason = accepted.get(line.artisan_id, (line.pieces, ""))
        if count is None or count < 0 or count > line.pieces:
            errors.append(
                _("Accepted pieces for %(maker)s must be between 0 and %(n)d.")
                % {"maker": line.artisan, "n": line.pieces}
            )
            continue
        reason = (reason or "").strip()
        if count < line.pieces and not reason:
            errors.append(
                _("Say why pieces by %(maker)s were rejected.") % {"maker": line.artisan}
            )
        line.accepted_pieces, line.reject_reason = count, reason if count < line.pieces else ""
    if errors:
        raise ValidationError(errors)
    total = sum(line.accepted_pieces for line in lines)
    # The claim: a conditional update, so two checks racing cannot both pass.
    claimed = ProductionBatch.objects.filter(pk=batch.pk, status=ProductionBatch.RECORDED).update(
        status=ProductionBatch.STOCKED if total else ProductionBatch.REJECTED,
        checked_by=user,
        checked_at=timezone.now(),
    )
    if not claimed:
        raise ValidationError(_("This batch has already been checked."), code="state")
    for line in lines:
        line.save(update_fields=["accepted_pieces", "reject_reason"])
    batch.refresh_from_db()
    if total:
        if batch.product_class_id:
            # The shop's own columns in English whatever language the checker reads: with
            # translated catalogue fields, `name=`/`title=` and the class's name otherwise act on
            # the checker's language (a Bengali checker made a second "One-off pieces" category
            # with an empty slug, and English titles with a Bengali class name).
            with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
                _create_one_off_pieces(batch, lines)
        else:
            record = _stock_record_for(batch)
            StockRecord.objects.filter(pk=record.pk).update(
                num_in_stock=F("num_in_stock") + total
            )
            for line in lines:
                if line.accepted_pieces:
                    link_maker(product=batch.product, artisan=line.artisan)
            if batch.title_bn:
                catalogue_services.set_product_title(
                    batch.product, language="bn", title=batch.title_bn
                )
        batch_accepted.send(sender=ProductionBatch, batch=batch)
    return batch
