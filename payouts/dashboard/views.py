"""Finance's dashboard pages. Every page checks the role itself (Oscar lets any staff user into
the dashboard). The Identity custodian opens the run list and a run's page read-only: that is
where she downloads the bank and UPI files (custodians only) and prints a maker's named
statement; finance prepares, approves and reconciles (the bank's return file)."""

import datetime
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from artisans.selectors import artisans_by_id

from .. import bank_returns, fund, ledger, ratings, runs, selectors, services
from ..bank_export import export_again, export_run, exportable_lines
from ..documents import statement_pdf
from ..models import BankExport, FundDisbursement, PayoutLine, PayoutRun, SplitSetting
from ..roles import is_custodian, is_finance
from .forms import (
    FundRequestForm,
    HoldForm,
    MethodForm,
    PayForm,
    ProgrammeForm,
    ReturnFileForm,
    RunForm,
    SplitSettingForm,
)


def _errors(request, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        messages.error(request, message)


class FinanceMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_finance(request.user):
            raise PermissionDenied(_("Finance staff only."))
        return super().dispatch(request, *args, **kwargs)


class RunReaderMixin:
    """Finance, and the custodians read-only (GET): the way to the bank files."""

    def dispatch(self, request, *args, **kwargs):
        finance = is_finance(request.user)
        if not (finance or (request.method in ("GET", "HEAD") and is_custodian(request.user))):
            raise PermissionDenied(_("Finance staff only."))
        return super().dispatch(request, *args, **kwargs)


class RunListView(RunReaderMixin, View):
    template_name = "payouts/dashboard/run_list.html"

    def get(self, request, form=None):
        return render(request, self.template_name, {
            "runs": PayoutRun.objects.select_related("prepared_by", "approved_by")[:50],
            "form": form or RunForm(initial={"period": timezone.localdate()}),
            "owed": sum(v for v in ledger.maker_payables().values() if v > 0),
            "is_finance": is_finance(request.user),
        })

    def post(self, request):
        form = RunForm(request.POST)
        if not form.is_valid():
            return self.get(request, form)
        from .job_views import start_drafting

        try:  # the run is opened here; a Celery task writes its lines (job_views)
            run = start_drafting(request, form.cleaned_data["period"])
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("payouts-dashboard:payouts-run-list")
        return redirect("payouts-dashboard:payouts-run-detail", pk=run.pk)


class RunDetailView(RunReaderMixin, View):
    template_name = "payouts/dashboard/run_detail.html"

    def _start_paying(self, request, run, *, paid_on, reference):
        """Checks what it can at once (a clear message), then pays in a Celery task."""
        from ..tasks import pay_payout_run

        if run.status not in (PayoutRun.APPROVED, PayoutRun.PAYING):
            raise ValidationError(_("Only an approved run can be paid."))
        if not is_finance(request.user):
            raise PermissionDenied
        transaction.on_commit(lambda: pay_payout_run.delay(
            run.pk, request.user.pk, paid_on.isoformat(), reference))
        messages.success(request, _("Paying the run: refresh this page to follow it."))

    def get(self, request, pk):
        run = get_object_or_404(PayoutRun.objects.select_related("prepared_by", "approved_by"), pk=pk)
        if run.status == PayoutRun.DRAFTING:  # its lines are being written: progress only
            return render(request, "payouts/dashboard/run_drafting.html", {
                "run": run, "is_finance": is_finance(request.user)})
        return render(request, self.template_name, {
            "run": run,
            "lines": selectors.run_lines(run),
            "totals": selectors.run_totals(run),
            "floor": runs.living_income_floor_paise(),
            "methods": PayoutLine.METHODS,
            "pay_form": PayForm(initial={"paid_on": timezone.localdate()}),
            "can_approve": (run.status == PayoutRun.DRAFT and run.prepared_by_id != request.user.pk
                            and is_finance(request.user)),
            "is_custodian": is_custodian(request.user),
            "is_finance": is_finance(request.user),
            "exports": run.exports.select_related("made_by").annotate(
                downloaded=Count("downloads"))[:20],
            "new_files": [
                (PayoutLine.BANK, _("New bank bulk-upload file (NEFT/RTGS/IMPS)"),
                 exportable_lines(run, PayoutLine.BANK).count()),
                (PayoutLine.UPI, _("New UPI list"), exportable_lines(run, PayoutLine.UPI).count()),
            ] if is_custodian(request.user) else [],
            "return_files": run.return_files.select_related("uploaded_by")[:10],
            "return_form": ReturnFileForm(),
        })

    def _return_file(self, request, run):
        form = ReturnFileForm(request.POST, request.FILES)
        if not form.is_valid():
            raise ValidationError(_("Choose the bank's return file (CSV) to upload."))
        upload = form.cleaned_data["file"]
        result = bank_returns.apply_return_file(
            user=request.user, run=run, content=upload.read(), filename=upload.name)
        if result.already:
            messages.info(request, _(
                "This return file was already uploaded (%(when)s, by %(who)s): nothing changed."
            ) % {"when": timezone.localtime(result.file.uploaded_at).strftime("%d %b %Y %H:%M"),
                 "who": result.file.uploaded_by.get_username()})
        else:
            messages.success(request, _(
                "Return file read: %(paid)s paid, %(failed)s failed or returned (owed again to "
                "the maker), %(same)s already recorded."
            ) % {"paid": result.paid, "failed": result.failed, "same": result.unchanged})

    def post(self, request, pk):
        run = get_object_or_404(PayoutRun, pk=pk)
        action = request.POST.get("action")
        try:
            if action == "hold":
                form = HoldForm(request.POST)
                if form.is_valid():
                    line = get_object_or_404(PayoutLine, pk=form.cleaned_data["line"], run=run)
                    runs.set_hold(user=request.user, line=line, hold=form.cleaned_data["hold"],
                                  reason=form.cleaned_data["reason"])
            elif action == "method":
                form = MethodForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose bank transfer, UPI or cash."))
                line = get_object_or_404(PayoutLine, pk=form.cleaned_data["line"], run=run)
                runs.set_method(user=request.user, line=line, method=form.cleaned_data["method"],
                                witness_name=form.cleaned_data["witness_name"])
            elif action == "discard":
                runs.discard_draft(user=request.user, run=run)
                messages.success(request, _("Draft run discarded."))
                return redirect("payouts-dashboard:payouts-run-list")
            elif action == "approve":
                runs.approve_run(user=request.user, run=run)
                messages.success(request, _("Run approved."))
            elif action == "return_file":
                self._return_file(request, run)
            elif action == "pay":
                form = PayForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Enter the date paid and a reference."))
                self._start_paying(request, run, **form.cleaned_data)
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as exc:
            _errors(request, exc)
        return redirect("payouts-dashboard:payouts-run-detail", pk=run.pk)


def _file_response(exported):
    response = HttpResponse(exported.content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@method_decorator(never_cache, name="dispatch")
class RunExportView(View):
    """GET: what a new file would hold, with its button (nothing read, nothing recorded). POST:
    a new numbered file of the run's lines not yet in one."""

    def get(self, request, pk, method):
        if not is_custodian(request.user):
            raise PermissionDenied(_("Only the identity custodians may export bank or UPI details."))
        run = get_object_or_404(PayoutRun, pk=pk)
        if method not in (PayoutLine.BANK, PayoutLine.UPI):
            raise Http404
        return render(request, "payouts/dashboard/new_bank_file.html", {
            "run": run, "method": method, "waiting": exportable_lines(run, method).count(),
            "files": run.exports.filter(method=method, number__isnull=False)})

    def post(self, request, pk, method):
        if not is_custodian(request.user):
            raise PermissionDenied(_("Only the identity custodians may export bank or UPI details."))
        run = get_object_or_404(PayoutRun, pk=pk)
        try:
            exported = export_run(user=request.user, run=run, method=method)
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("payouts-dashboard:payouts-run-detail", pk=run.pk)
        for item in exported.left_out:
            messages.warning(request, _("Not in the %(method)s file: %(maker)s (%(reason)s).") % {
                "method": method.upper(), **item})
        return _file_response(exported)


@method_decorator(never_cache, name="dispatch")
class BankFileView(View):
    """POST: file n of the run again, the same bytes as the first time (custodians only).

    A POST, because each download is recorded and its vault reads audited: a GET (a prefetch,
    a link opened twice) would add "downloaded again" records finance reads as a possible
    double upload to the bank."""

    def _record(self, request, pk, number):
        if not is_custodian(request.user):
            raise PermissionDenied(_("Only the identity custodians may export bank or UPI details."))
        return get_object_or_404(BankExport.objects.select_related("run"), run_id=pk,
                                 number=number)

    def get(self, request, pk, number):
        self._record(request, pk, number)
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk, number):
        record = self._record(request, pk, number)
        try:
            return _file_response(export_again(user=request.user, record=record))
        except ValidationError as exc:
            _errors(request, exc)
            return redirect("payouts-dashboard:payouts-run-detail", pk=pk)


@method_decorator(never_cache, name="dispatch")
class StatementView(View):
    """GET: the pseudonymous statement (finance, custodians). POST with a reason: the
    custodian's copy with the legal name (the vault read is audited)."""

    def _artisan(self, request, artisan):
        if not (is_finance(request.user) or is_custodian(request.user)):
            raise PermissionDenied(_("Finance staff and identity custodians only."))
        found = artisans_by_id([artisan]).get(artisan)
        if found is None:
            from django.http import Http404

            raise Http404
        return found

    def _pdf(self, artisan, year, month, **kwargs):
        try:
            period = datetime.date(year, month, 1)
        except ValueError as exc:
            from django.http import Http404

            raise Http404 from exc
        pdf = statement_pdf(artisan, period, **kwargs)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="statement-{artisan.slug}-{year}-{month:02d}.pdf"'
        )
        return response

    def get(self, request, artisan, year, month):
        found = self._artisan(request, artisan)
        try:  # ?lang=bn: the statement in Bengali
            return self._pdf(found, year, month, language=request.GET.get("lang", "en"))
        except ValidationError as exc:
            return HttpResponse(" ".join(exc.messages), status=400,
                                content_type="text/plain; charset=utf-8")

    def post(self, request, artisan, year, month):
        found = self._artisan(request, artisan)
        if not is_custodian(request.user):
            raise PermissionDenied(_("Only the identity custodians may print the named copy."))
        try:
            return self._pdf(found, year, month, user=request.user,
                             legal_name_reason=request.POST.get("reason", ""),
                             language=request.POST.get("lang") or request.GET.get("lang", "en"))
        except ValidationError as exc:
            _errors(request, exc)
            run = request.POST.get("run", "")
            if run.isdigit():
                return redirect("payouts-dashboard:payouts-run-detail", pk=int(run))
            return redirect("payouts-dashboard:payouts-run-list")


class SplitSettingsView(FinanceMixin, View):
    template_name = "payouts/dashboard/split_settings.html"

    def get(self, request, form=None):
        example = services.price_split(Decimal("1000.00"))
        return render(request, self.template_name, {
            "settings_rows": SplitSetting.objects.select_related("created_by")[:50],
            "in_force": services.split_setting_at(),
            "example": example,
            "form": form or SplitSettingForm(),
        })

    def post(self, request):
        form = SplitSettingForm(request.POST)
        if not form.is_valid():
            return self.get(request, form)
        data = form.cleaned_data
        try:
            services.record_split_setting(
                user=request.user, valid_from=data["valid_from"],
                gst_rate=data["gst_rate"] / 100, maker_share=data["maker_share"] / 100,
                fund_share=data["fund_share"] / 100, note=data["note"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.get(request, form)
        messages.success(request, _("New split settings recorded."))
        return redirect("payouts-dashboard:payouts-split")


class FundView(FinanceMixin, View):
    template_name = "payouts/dashboard/fund.html"

    def get(self, request, form=None, programme_form=None):
        low, high = fund.seed_grant_range_paise()
        return render(request, self.template_name, {
            "report": selectors.fund_report(),
            "pending": FundDisbursement.objects.filter(status=FundDisbursement.REQUESTED)
            .select_related("programme", "artisan", "requested_by"),
            # The last 20 paid, by when they were paid (not when they were asked for).
            "recent": FundDisbursement.objects.filter(status=FundDisbursement.PAID)
            .select_related("programme", "artisan", "approved_by")
            .order_by("-approved_at", "-pk")[:20],
            "form": form or FundRequestForm(),
            "programme_form": programme_form or ProgrammeForm(),
            "grant_low": low // 100, "grant_high": high // 100,
            # Makers' ratings of the training and services (issue 21): aggregates, k >= 5.
            "programme_ratings": ratings.programme_summaries(),
            "service_ratings": ratings.service_summaries(),
        })

    def post(self, request):
        action = request.POST.get("action")
        if action == "request":
            form = FundRequestForm(request.POST)
            if not form.is_valid():
                return self.get(request, form=form)
            data = form.cleaned_data
            try:
                fund.request_disbursement(
                    user=request.user, head=data["head"],
                    amount_paise=services.to_paise(data["amount"]),
                    description=data["description"], programme=data["programme"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                return self.get(request, form=form)
            messages.success(request, _("Recorded: another finance user approves it."))
        elif action == "approve":
            item = get_object_or_404(FundDisbursement, pk=request.POST.get("disbursement"))
            try:
                fund.approve_disbursement(user=request.user, disbursement=item)
                messages.success(request, _("Approved and posted to the ledger."))
            except ValidationError as exc:
                _errors(request, exc)
        elif action == "programme":
            form = ProgrammeForm(request.POST)
            if not form.is_valid():
                return self.get(request, programme_form=form)
            try:
                fund.add_programme(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                return self.get(request, programme_form=form)
        return redirect("payouts-dashboard:payouts-fund")
