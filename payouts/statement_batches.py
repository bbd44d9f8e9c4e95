"""The month's statements of every maker as one zip for finance (issue 22).

``start_batch`` (the page's click) records the batch; the Celery task
(``tasks.make_statement_batch``) cuts the month's makers into chunks of ``CHUNK_SIZE``
(``plan_batch``: one ``StatementBatchPart`` row each) and sends them as a chord: every chunk is a
task (``tasks.render_statement_part`` → ``render_part``) that reads its makers' months at once
(``selectors.statements``: a fixed number of queries per chunk, not a few per maker), renders
each statement with the very code of the single statement (``statement_document``: one PDF per
maker, by her pseudonym, with the process's one WeasyPrint font configuration) into the private
storage, and adds its makers to the batch's ``done`` with F() in the transaction that marks the
part made; the chord's body (``tasks.finish_statement_batch`` → ``finish_batch``) writes the zip
in the private storage from the parts, in order, and marks the batch done. With two workers the
chunks render side by side; in eager mode (no Redis: tests, ``make dev``) the same chord runs in
the calling process, one chunk after the other. ``build_batch`` does all of it in-process.

Delivered twice: a part already made is skipped before rendering, and the conditional UPDATE
that marks it made is what counts its makers, so a chunk that two workers rendered at once
counts once; its files have the same names and are replaced whole (written aside, then
renamed). A second plan (the first task redelivered) finds the parts already cut and sends only
those not made; the zip is written once, under the batch row's lock, and the finishing task
waits (retries) while a part is still missing, as a redelivered chunk's result can reach the
chord's counter early.

Which makers: those whose month has something to say, a posting in the month or a balance
owed at its start. The files in the zip are named by the maker's slug, made from her pseudonym
(statement-<slug>-YYYY-MM.pdf): no legal name, no bank detail.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import tempfile
import uuid
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from artisans.selectors import artisans_by_id
from artisans.storage import private_storage

from . import selectors, statement_document
from .models import Entry, StatementBatch, StatementBatchPart
from .roles import is_finance
from .runs import month_bounds

logger = logging.getLogger("payouts.statement_batches")

# Makers per chunk (one task): 500 makers are 20 chunks, enough for two workers to share evenly,
# few enough that the queries and messages per chunk stay small beside its rendering.
CHUNK_SIZE = 25


class PartsMissing(Exception):
    """The batch's zip was asked for while some of its parts are not made yet."""


def start_batch(*, user, month: datetime.date, language: str = "en") -> StatementBatch:
    """A new batch for the month (finance only); the caller queues ``make_statement_batch``
    once the transaction commits. One batch of a month and language is made at a time."""
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


def parts_folder(batch_id: int) -> str:
    """The batch's rendered PDFs, in the private storage, until the zip is written."""
    return f"statement-batches/parts-{batch_id}"


# --- The steps (each a Celery task's body, see payouts.tasks) ----------------------------------
def plan_batch(batch_id: int) -> list[StatementBatchPart] | None:
    """Cut a running batch's makers into parts (once: a second call returns the same parts)
    and set its total; None when the batch is gone or no longer running."""
    with transaction.atomic():
        batch = StatementBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or batch.status != StatementBatch.RUNNING:
            return None
        parts = list(batch.parts.all())
        if parts or batch.chunks:
            return parts
        ids = [a.pk for a in makers_of_month(batch.month)]
        parts = StatementBatchPart.objects.bulk_create(
            StatementBatchPart(batch=batch, index=i, maker_ids=ids[at:at + CHUNK_SIZE])
            for i, at in enumerate(range(0, len(ids), CHUNK_SIZE))
        )
        StatementBatch.objects.filter(pk=batch.pk).update(
            total=len(ids), done=0, chunks=len(parts))
        return parts


def render_part(part_id: int) -> int:
    """Render one part's statements into the private storage and count its makers as done;
    how many it counted (0 for a part already made, or of a batch no longer running)."""
    part = StatementBatchPart.objects.select_related("batch").filter(pk=part_id).first()
    if part is None or part.made_at is not None or part.batch.status != StatementBatch.RUNNING:
        return 0
    batch = part.batch
    try:
        names = _render(batch, part.maker_ids)
    except Exception:
        fail_batch(batch.pk)
        raise
    with transaction.atomic():
        counted = StatementBatchPart.objects.filter(pk=part.pk, made_at__isnull=True).update(
            made_at=timezone.now(), files=names)
        if counted:
            StatementBatch.objects.filter(pk=batch.pk).update(done=F("done") + len(names))
    return len(names) if counted else 0


def finish_batch(batch_id: int) -> StatementBatch | None:
    """Write the zip from the batch's parts and mark it done (once: under the row's lock).
    Raises PartsMissing while a part is not made yet."""
    with transaction.atomic():
        batch = StatementBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or batch.status != StatementBatch.RUNNING:
            return batch
        parts = list(batch.parts.order_by("index"))
        if len(parts) != batch.chunks or any(p.made_at is None for p in parts):
            raise PartsMissing(f"statement batch {batch_id}: "
                               f"{sum(p.made_at is not None for p in parts)} of {batch.chunks}")
        names = [name for p in parts for name in p.files]
        month, language = batch.month, batch.language
        with tempfile.TemporaryFile() as tmp:
            # The PDFs' streams are compressed already: deflating them again costs more CPU
            # than it saves bytes.
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
                for name in names:
                    archive.write(private_storage.path(f"{parts_folder(batch.pk)}/{name}"),
                                  arcname=name)
            tmp.seek(0)
            batch.zip_file.save(f"statements-{month:%Y-%m}-{language}-{batch.pk}.zip",
                                File(tmp), save=False)
        batch.status, batch.done, batch.total = StatementBatch.DONE, len(names), len(names)
        batch.finished_at = timezone.now()
        batch.save(update_fields=["zip_file", "status", "done", "total", "finished_at"])
        batch.parts.all().delete()
        transaction.on_commit(lambda: _remove_parts(batch_id))
    logger.info("Statement batch %s made: %s statements", batch.pk, len(names))
    return batch


def build_batch(batch_id: int) -> StatementBatch | None:
    """The whole batch in this process, chunk after chunk (what the chord does across
    workers). A batch already made is left alone; parts already made are not made again."""
    parts = plan_batch(batch_id)
    if parts is None:
        return StatementBatch.objects.filter(pk=batch_id).first()
    for part in parts:
        render_part(part.pk)
    try:
        return finish_batch(batch_id)
    except Exception:
        fail_batch(batch_id)
        raise


# --- Inside ------------------------------------------------------------------------------------
def _render(batch: StatementBatch, maker_ids: list[int]) -> list[str]:
    """Each maker's PDF written whole into the batch's folder (aside, then renamed: a second
    delivery of the chunk replaces a file, never leaves half of one); the names, in order."""
    month, language = batch.month, batch.language
    found = artisans_by_id(maker_ids)
    makers = [found[pk] for pk in maker_ids if pk in found]
    with translation.override(statement_document.statement_language(language)):
        data = selectors.statements(makers, month)  # labels in the batch's language
    fonts = statement_document.font_configuration()
    folder = private_storage.path(parts_folder(batch.pk))
    os.makedirs(folder, exist_ok=True)
    names = []
    for artisan in makers:
        pdf = statement_document.render(artisan, month, language=language,
                                        data=data[artisan.pk], font_config=fonts)
        name = filename(artisan, month)
        aside = os.path.join(folder, f".{name}.{uuid.uuid4().hex}")
        with open(aside, "wb") as fh:
            fh.write(pdf)
        os.replace(aside, os.path.join(folder, name))
        names.append(name)
    return names


def fail_batch(batch_id: int) -> None:
    """Mark a running batch failed (the page says so; a new batch of the month may start)."""
    failed = StatementBatch.objects.filter(pk=batch_id, status=StatementBatch.RUNNING).update(
        status=StatementBatch.FAILED, finished_at=timezone.now())
    if failed:
        logger.exception("Statement batch %s failed", batch_id)
        transaction.on_commit(lambda: _remove_parts(batch_id))


def _remove_parts(batch_id: int) -> None:
    shutil.rmtree(private_storage.path(parts_folder(batch_id)), ignore_errors=True)
