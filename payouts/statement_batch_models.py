"""A month's statements for every maker as one zip (issue 22; imported by payouts.models).

The zip is made by Celery tasks (payouts.statement_batches): the makers are cut into chunks
rendered side by side (a chord), each chunk adds its makers to ``done`` here, so the page shows
the progress from any node and after a worker restart, and a last task writes the zip. The file lives in
the private storage (artisans.storage: outside MEDIA_ROOT, no URL) and reaches a browser only
through the finance-only download view."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from artisans.storage import private_storage


class StatementBatch(models.Model):
    RUNNING, DONE, FAILED = "running", "done", "failed"
    STATUSES = [(RUNNING, _("Being made")), (DONE, _("Ready")), (FAILED, _("Failed"))]

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    language = models.CharField(_("language"), max_length=5, default="en")
    status = models.CharField(max_length=10, choices=STATUSES, default=RUNNING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    chunks = models.PositiveIntegerField(default=0)  # how many parts the makers were cut into
    zip_file = models.FileField(storage=private_storage, upload_to="statement-batches/",
                                blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = _("statement batches")
        constraints = [
            # A double click or two finance users at once start one batch for a month, not two.
            models.UniqueConstraint(fields=["month", "language"], condition=Q(status="running"),
                                    name="one_running_statement_batch_per_month"),
        ]

    def __str__(self):
        return f"Statements of {self.month:%B %Y} ({self.language}), batch #{self.pk}"

    @property
    def running(self) -> bool:
        return self.status == self.RUNNING


class StatementBatchPart(models.Model):
    """One chunk of a batch: the makers one task renders (``maker_ids``, in the zip's order).
    Made when the batch is cut up; ``made_at`` and ``files`` (her PDFs, in the private storage
    under the batch's folder) are set once, by a conditional UPDATE in the transaction that adds
    the chunk's makers to the batch's ``done``: a chunk delivered twice (a worker lost after
    rendering it) finds it made and counts nothing twice."""

    batch = models.ForeignKey(StatementBatch, on_delete=models.CASCADE, related_name="parts")
    index = models.PositiveIntegerField()
    maker_ids = models.JSONField(default=list)
    files = models.JSONField(default=list)
    made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "index"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "index"], name="one_part_per_chunk"),
        ]

    def __str__(self):
        return f"Part {self.index} of statement batch #{self.batch_id}"
