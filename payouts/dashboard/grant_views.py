"""The seed-grant screens (issue 21), phone-first: staff sit with the maker and fill them in.
Finance only, as for the fund's seed-grant disbursement (shelter staff are not staff users of
the dashboard: their area is /workshop/). A rejected form changes nothing and says why."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from catalogue.money import format_count

from .. import fund, grants, services
from ..grant_models import GrantRisk, SeedGrant
from ..grant_selectors import follow_up_schedule, grants_for_staff
from .grant_forms import ApplicationForm, AssessmentForm, DecisionForm, FollowUpForm


def _into_form(form, exc: ValidationError):
    """A service's refusal shown on the form: on its field when it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                message = error.messages[0] if hasattr(error, "messages") else str(error)
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class GrantsMixin:
    def dispatch(self, request, *args, **kwargs):
        if not grants.may_manage_grants(request.user):
            raise PermissionDenied(_("Finance staff only."))
        return super().dispatch(request, *args, **kwargs)

    def grant(self, pk):
        return get_object_or_404(
            SeedGrant.objects.select_related("artisan", "disbursement", "decided_by",
                                             "recorded_by"), pk=pk)


class GrantListView(GrantsMixin, View):
    def get(self, request):
        today = timezone.localdate()
        return render(request, "payouts/dashboard/grants/list.html", {
            **grants_for_staff(today), "today": today})


class GrantApplyView(GrantsMixin, View):
    template_name = "payouts/dashboard/grants/apply.html"

    def get(self, request, form=None):
        low, high = fund.seed_grant_range_paise()
        return render(request, self.template_name, {
            "form": form or ApplicationForm(), "grant_low": format_count(low // 100),
            "grant_high": format_count(high // 100)})

    def post(self, request):
        form = ApplicationForm(request.POST)
        if not form.is_valid():
            return self.get(request, form)
        data = form.cleaned_data
        try:
            grant = grants.apply(
                user=request.user, artisan=data["artisan"], business=data["business"],
                where_to_sell=data["where_to_sell"],
                amount_asked_paise=services.to_paise(data["amount_asked"]),
                already_has=data["already_has"])
        except ValidationError as exc:
            _into_form(form, exc)
            return self.get(request, form)
        messages.success(request, _("Application recorded. Now assess the risks with her."))
        return redirect("payouts-dashboard:payouts-grant-assessment", pk=grant.pk)


class GrantDetailView(GrantsMixin, View):
    template_name = "payouts/dashboard/grants/detail.html"

    def get(self, request, pk, form=None, status=200):
        grant = self.grant(pk)
        low, high = fund.seed_grant_range_paise()
        return render(request, self.template_name, {
            "grant": grant,
            "risk_groups": [(label, [r for r in grant.risks.all() if r.kind == kind])
                            for kind, label in GrantRisk.KINDS],
            "decisions": grant.decisions.select_related("decided_by"),
            "schedule": follow_up_schedule(grant),
            "form": form or DecisionForm(),
            "open": grant.state in (SeedGrant.APPLIED, SeedGrant.LATER),
            "can_approve": (grant.disbursement is not None
                            and grant.disbursement.approved_at is None
                            and grant.disbursement.requested_by_id != request.user.pk),
            "grant_low": format_count(low // 100), "grant_high": format_count(high // 100),
        }, status=status)

    def post(self, request, pk):
        grant = self.grant(pk)
        action = request.POST.get("action")
        if action == "approve":
            try:
                grants.approve(user=request.user, grant=grant)
                messages.success(request, _("Approved: the grant is paid from the training fund "
                                            "and posted to the ledger."))
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            return redirect("payouts-dashboard:payouts-grant-detail", pk=grant.pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form, status=400)
        data = form.cleaned_data
        amount = data["amount"]
        try:
            grants.decide(
                user=request.user, grant=grant, outcome=data["outcome"],
                amount_paise=services.to_paise(amount) if amount is not None else None,
                revisit_on=data["revisit_on"], reason_told=data["reason_told"], note=data["note"])
        except ValidationError as exc:
            _into_form(form, exc)
            return self.get(request, pk, form, status=400)
        messages.success(request, {
            SeedGrant.NOW: _("Decided: disburse now. Another finance user approves the money."),
            SeedGrant.LATER: _("Decided: disburse later. The grant comes back on the list on "
                               "its revisit date."),
            SeedGrant.NOT_FUNDED: _("Decided: not funded. The reason is recorded as told to her."),
        }[data["outcome"]])
        return redirect("payouts-dashboard:payouts-grant-detail", pk=grant.pk)


class GrantAssessmentView(GrantsMixin, View):
    template_name = "payouts/dashboard/grants/assessment.html"

    def get(self, request, pk, form=None, status=200):
        grant = self.grant(pk)
        return render(request, self.template_name, {
            "grant": grant, "form": form or AssessmentForm(grant=grant)}, status=status)

    def post(self, request, pk):
        grant = self.grant(pk)
        form = AssessmentForm(request.POST, grant=grant)
        if not form.is_valid():
            return self.get(request, pk, form, status=400)
        try:
            grants.save_assessment(user=request.user, grant=grant, handled={
                code: form.cleaned_data[code] for code, _l, _k in GrantRisk.RISKS})
        except ValidationError as exc:
            _into_form(form, exc)
            return self.get(request, pk, form, status=400)
        messages.success(request, _("Risk assessment saved."))
        return redirect("payouts-dashboard:payouts-grant-detail", pk=grant.pk)


class GrantFollowUpView(GrantsMixin, View):
    template_name = "payouts/dashboard/grants/follow_up.html"

    def get(self, request, pk, form=None, status=200):
        grant = self.grant(pk)
        schedule = follow_up_schedule(grant)
        if form is None:
            first_open = next((p.months for p in schedule if p.status in ("due", "overdue")),
                              None)
            months = request.GET.get("months", "")
            form = FollowUpForm(initial={"months": int(months) if months.isdigit()
                                         else first_open})
        return render(request, self.template_name, {
            "grant": grant, "schedule": schedule, "form": form}, status=status)

    def post(self, request, pk):
        grant = self.grant(pk)
        form = FollowUpForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form, status=400)
        data = form.cleaned_data
        try:
            grants.record_follow_up(
                user=request.user, grant=grant, months=data["months"], running=data["running"],
                earned_last_month_paise=services.to_paise(data["earned"]), notes=data["notes"])
        except ValidationError as exc:
            _into_form(form, exc)
            return self.get(request, pk, form, status=400)
        messages.success(request, _("Follow-up recorded."))
        return redirect("payouts-dashboard:payouts-grant-detail", pk=grant.pk)


def urls():
    """Under /dashboard/payouts/grants/ (payouts.dashboard.apps)."""
    from django.urls import path

    return [
        path("grants/", GrantListView.as_view(), name="payouts-grant-list"),
        path("grants/new/", GrantApplyView.as_view(), name="payouts-grant-apply"),
        path("grants/<int:pk>/", GrantDetailView.as_view(), name="payouts-grant-detail"),
        path("grants/<int:pk>/assessment/", GrantAssessmentView.as_view(),
             name="payouts-grant-assessment"),
        path("grants/<int:pk>/follow-up/", GrantFollowUpView.as_view(),
             name="payouts-grant-follow-up"),
    ]
