"""Writes of an accepted quote's recipients: a file kept and checked in a Celery task (large
files, progress to poll), or one delivery address; either way the quote's pieces are shared
out among the rows. Only an accepted quote not yet ordered takes recipients."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from payouts.splitting import split_among

from ..models.bulk import Quote, Recipient, RecipientUpload, Shipment
from . import conf, roles
from .recipients import Fault, _check_row, check_recipients
from .selectors import quote_pieces
from .signals import recipients_uploaded


def _require_accepted(user, quote):
    roles.require_buyer(user, quote.request.company)
    quote.refresh_from_db(fields=["status"])
    if quote.status != Quote.ACCEPTED:
        raise ValidationError(_("Recipients can be changed only on an accepted quote not yet "
                                "ordered."))


def start_upload(*, user, quote: Quote, uploaded) -> RecipientUpload:
    """Keep the file and check it in a Celery task (large files), with progress to poll."""
    _require_accepted(user, quote)
    if uploaded.size > conf.MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than %(n)d MB.")
                              % {"n": conf.MAX_UPLOAD_BYTES // 1_000_000})
    upload = RecipientUpload.objects.create(
        quote=quote, file=uploaded, filename=uploaded.name[:200], uploaded_by=user,
    )
    recipients_uploaded.send(sender=start_upload, upload_id=upload.pk)  # checked on commit
    return upload


def check_upload(upload_id: int) -> RecipientUpload:
    """Check every row; save the recipients (replacing any earlier list) only when clean."""
    upload = RecipientUpload.objects.select_related("quote").get(pk=upload_id)
    if upload.status != RecipientUpload.CHECKING:
        return upload
    with upload.file.open("rb") as fh:
        data = fh.read()
    quote = upload.quote

    def progress(done, total):  # called at each tenth of the file (and at its end)
        RecipientUpload.objects.filter(pk=upload.pk).update(rows_done=done, rows_total=total)

    checked = check_recipients(data, pieces=quote_pieces(quote), progress=progress)
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        if locked.status != Quote.ACCEPTED:
            checked.faults.insert(0, Fault(1, "", _("The quote was ordered meanwhile.")))
        if checked.faults:
            upload.status = RecipientUpload.FAULTY
            upload.faults = [[f.row, f.column, f.message] for f in checked.faults]
        else:
            save_recipients(locked, checked.rows)
            upload.status = RecipientUpload.CLEAN
        upload.rows_total = upload.rows_done = len(checked.rows) or upload.rows_total
        upload.save()
    upload.file.delete(save=False)  # the rows are saved (or refused); the file is not kept
    return upload


def save_recipients(quote: Quote, rows: list[dict]):
    """Replace the quote's recipients (inside the caller's transaction); pieces shared out."""
    pieces = quote_pieces(quote)
    shares = split_among(pieces, {i: 1 for i in range(len(rows))})
    # QuerySet.delete() would load every earlier recipient (for Shipment's PROTECT) and delete
    # them 100 at a time: queries growing with the list. Only an accepted quote gets here and
    # its shipments are made when it is placed, so there are none: checked in one query, then
    # one DELETE.
    earlier = Recipient.objects.filter(quote=quote)
    if Shipment.objects.filter(recipient__quote=quote).exists():
        raise RuntimeError(f"{quote} has shipments: its recipients cannot be replaced")
    earlier._raw_delete(earlier.db)
    Recipient.objects.bulk_create(
        Recipient(quote=quote, pieces=shares[i], **{k: v for k, v in row.items()})
        for i, row in enumerate(rows)
    )


def set_single_address(*, user, quote: Quote, data: dict) -> Recipient:
    """One delivery address (the office, say): the same checks as a file's row."""
    _require_accepted(user, quote)
    values = {k: " ".join(str(data.get(k, "")).split()) for k in (
        "name", "address_line1", "address_line2", "city", "state", "pin_code", "phone",
        "gift_message")}
    clean, faults = _check_row(values, 1)
    if faults:
        raise ValidationError({f.column: f.message for f in faults})
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        save_recipients(locked, [{**clean, "row": 1}])
    return locked.recipients.get()
