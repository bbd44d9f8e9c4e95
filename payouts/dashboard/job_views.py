"""Finance's long jobs (issue 22): a payout run being drafted, and a month's statements made as
one zip. Each runs in a Celery task whose progress is kept in the payouts model (the run, the
StatementBatch): the page shows it, job-progress.js polls the status view below, and without
JavaScript the page refreshes itself. Finance only, like the rest of payouts.dashboard."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from artisans.private_files import private_file_response

from .. import statement_batches
from ..models import PayoutRun, StatementBatch
from ..roles import is_custodian, is_finance
from .forms import StatementBatchForm


def progress_text(done: int, total: int) -> str:
    if not total:
        return _("Reading the ledger…")
    return _("%(d)s of %(t)s makers done") % {"d": done, "t": total}


@method_decorator(never_cache, name="dispatch")
class RunProgressView(View):
    """Polled while a run is drafted: {"running", "done", "total", "text"}."""

    def get(self, request, pk):
        if not (is_finance(request.user) or is_custodian(request.user)):
            raise PermissionDenied(_("Finance staff only."))
        run = get_object_or_404(PayoutRun.objects.only("status", "makers_done", "makers_total"),
                                pk=pk)
        return JsonResponse({
            "running": run.status == PayoutRun.DRAFTING, "status": run.status,
            "done": run.makers_done, "total": run.makers_total,
            "text": progress_text(run.makers_done, run.makers_total),
        })


def start_drafting(request, period):
    """The run list's "Draft run": open the run now, write its lines in a Celery task."""
    from ..runs import start_draft
    from ..tasks import draft_payout_run

    run = start_draft(user=request.user, period=period)
    transaction.on_commit(lambda: draft_payout_run.delay(run.pk))
    messages.success(request, _("Drafting the run: its lines appear here when every maker "
                                "is done. Another finance user approves it."))
    return run


class FinanceOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_finance(request.user):
            raise PermissionDenied(_("Finance staff only."))
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
class StatementBatchView(FinanceOnlyMixin, View):
    """GET: the batches of recent months (one being made shows its progress); POST: make the
    statements of a month as one zip."""

    template_name = "payouts/dashboard/statement_batches.html"

    def get(self, request, form=None):
        batches = list(StatementBatch.objects.select_related("started_by")[:20])
        running = next((b for b in batches if b.running), None)
        today = timezone.localdate()
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        return render(request, self.template_name, {
            "form": form or StatementBatchForm(initial={"month": last_month, "language": "en"}),
            "batches": batches,
            "running": running,
            "status_url": reverse("payouts-dashboard:payouts-statement-batch-status",
                                  kwargs={"pk": running.pk}) if running else "",
        })

    def post(self, request):
        form = StatementBatchForm(request.POST)
        if not form.is_valid():
            return self.get(request, form)
        from ..tasks import make_statement_batch

        try:
            batch = statement_batches.start_batch(user=request.user,
                                                  month=form.cleaned_data["month"],
                                                  language=form.cleaned_data["language"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.get(request, form)
        transaction.on_commit(lambda: make_statement_batch.delay(batch.pk))
        messages.success(request, _("Making the statements: the zip is offered here when "
                                    "every maker's is done."))
        return redirect("payouts-dashboard:payouts-statement-batches")


@method_decorator(never_cache, name="dispatch")
class StatementBatchStatusView(FinanceOnlyMixin, View):
    def get(self, request, pk):
        batch = get_object_or_404(StatementBatch.objects.only("status", "done", "total"), pk=pk)
        return JsonResponse({
            "running": batch.running, "status": batch.status, "done": batch.done,
            "total": batch.total, "text": progress_text(batch.done, batch.total),
        })


@method_decorator(never_cache, name="dispatch")
class StatementBatchZipView(FinanceOnlyMixin, View):
    """The zip, from the private storage, to finance only (no public media URL exists)."""

    def get(self, request, pk):
        batch = get_object_or_404(StatementBatch, pk=pk, status=StatementBatch.DONE)
        response = private_file_response(batch.zip_file)
        response["Content-Type"] = "application/zip"
        response["Content-Disposition"] = (
            f'attachment; filename="statements-{batch.month:%Y-%m}-{batch.language}.zip"')
        return response
