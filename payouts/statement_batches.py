"""The month's statements of every maker as one zip for finance (issue 22).

``start_batch`` (the page's click) records the batch; ``build_batch`` (a Celery task) reads every
maker's month at once (``selectors.statements``: a fixed number of queries, not a few per maker),
renders each statement with the very code of the single statement (``statement_document``: one
PDF per maker, by her pseudonym), with one WeasyPrint font configuration for the whole batch,
and writes them into a zip in the private storage. Progress is counted in the batch's row in
PROGRESS_STEPS steps, so its writes do not grow with the number of makers either.

Which makers: those whose month has something to say, a posting in the month or a balance
owed at its start. The files in the zip are named by the maker's slug, made from her pseudonym
(statement-<slug>-YYYY-MM.pdf): no legal name, no bank detail.
"""

from __future__ import annotations

import datetime
import logging
import tempfile
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from artisans.selectors import artisans_by_id

from . import selectors, statement_document
from .models import Entry, StatementBatch
from .roles import is_finance
from .runs import month_bounds

logger = logging.getLogger("payouts.statement_batches")

# How many times a batch writes its progress, whatever its size.
PROGRESS_STEPS = 10


def start_batch(*, user, month: datetime.date, language: str = "en") -> StatementBatch:
    """A new batch for the month (finance only); the caller queues ``build_batch`` once the
    transaction commits. One batch of a month and language is made at a time."""
    if not is_finance(user):
        raise PermissionDenied(_("Finance staff only."))
    statement_document.statement_language(language)
    try:
        with transaction.atomic():
            return StatementBatch.objects.create(
                month=month.replace(day=1), language=language, started_by=user)
    except IntegrityError as exc:
        raise ValidationError(
            _("The statements of this month are already being made: wait for that batch.")
        ) from exc


def makers_of_month(month: datetime.date) -> list:
    """The makers with a statement for the month (a posting in it, or owed money at its
    start), by pseudonym: two queries."""
    start, end = month_bounds(month)
    rows = (
        Entry.objects.filter(account__code__startswith="maker-payable:artisan:",
                             journal__created_at__lt=end)
        .values_list("account__owner_key")
        .annotate(before=Sum("amount", filter=Q(journal__created_at__lt=start)),
                  during=Count("id", filter=Q(journal__created_at__gte=start)))
        .order_by()
    )
    ids = [int(owner.split(":")[1]) for owner, before, during in rows if before or during]
    return sorted(artisans_by_id(ids).values(), key=lambda a: a.pseudonym)


def filename(artisan, month: datetime.date) -> str:
    return f"statement-{artisan.slug}-{month:%Y-%m}.pdf"


def build_batch(batch_id: int) -> StatementBatch | None:
    """Make the batch's zip. A batch already made is left alone; a rerun (a worker killed
    midway) makes the zip again from the start."""
    batch = StatementBatch.objects.filter(pk=batch_id).first()
    if batch is None or batch.status != StatementBatch.RUNNING:
        return batch
    try:
        _build(batch)
    except Exception:
        StatementBatch.objects.filter(pk=batch.pk).update(
            status=StatementBatch.FAILED, finished_at=timezone.now())
        logger.exception("Statement batch %s failed", batch.pk)
        raise
    return batch


def _build(batch: StatementBatch) -> None:
    month, language = batch.month, batch.language
    makers = makers_of_month(month)
    total = len(makers)
    StatementBatch.objects.filter(pk=batch.pk).update(total=total, done=0)
    steps = {total * k // PROGRESS_STEPS for k in range(1, PROGRESS_STEPS + 1)} - {0}
    with translation.override(statement_document.statement_language(language)):
        data = selectors.statements(makers, month)  # labels in the batch's language
    fonts = statement_document.font_configuration()
    with tempfile.TemporaryFile() as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for done, artisan in enumerate(makers, start=1):
                pdf = statement_document.render(artisan, month, language=language,
                                                data=data[artisan.pk], font_config=fonts)
                archive.writestr(filename(artisan, month), pdf)
                if done in steps and done < total:
                    StatementBatch.objects.filter(pk=batch.pk).update(done=done)
        tmp.seek(0)
        batch.zip_file.save(f"statements-{month:%Y-%m}-{language}-{batch.pk}.zip", File(tmp),
                            save=False)
    batch.status, batch.done, batch.total = StatementBatch.DONE, total, total
    batch.finished_at = timezone.now()
    batch.save(update_fields=["zip_file", "status", "done", "total", "finished_at"])
    logger.info("Statement batch %s made: %s statements", batch.pk, total)
