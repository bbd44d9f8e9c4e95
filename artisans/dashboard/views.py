"""Staff pages in Oscar's dashboard: production figures and the identity vault.

The vault page is for the Identity custodian group only; every view of a record is written to
the audit log with the reason typed in, and the response is never cached.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import ListView, TemplateView

from .. import consent_services, identity_services, roles, selectors
from ..forms import IdentityForm, ReasonForm
from ..models import (
    IDENTITY_FIELDS,
    Artisan,
    Consent,
    IdentityAccessLog,
    ProductionBatch,
    Shelter,
)


class BatchFilterForm(forms.Form):
    shelter = forms.ModelChoiceField(
        Shelter.objects.all(), required=False, label=gettext_lazy("Shelter")
    )
    artisan = forms.ModelChoiceField(
        Artisan.objects.all(), required=False, label=gettext_lazy("Maker")
    )
    status = forms.ChoiceField(
        choices=[("", gettext_lazy("Any"))] + ProductionBatch.STATUSES, required=False,
        label=gettext_lazy("Status"),
    )


class BatchListView(ListView):
    template_name = "artisans/dashboard/batch_list.html"
    context_object_name = "batches"
    paginate_by = 50

    def get_queryset(self):
        self.form = BatchFilterForm(self.request.GET or None)
        filters = self.form.cleaned_data if self.form.is_valid() else {}
        return selectors.batches_for_dashboard(
            shelter=filters.get("shelter"), artisan=filters.get("artisan"),
            status=filters.get("status") or None,
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["form"] = self.form
        return ctx


class ProductionView(TemplateView):
    """The last twelve months: the year's totals, pieces per month and shelter, capacity per
    week, and makers a page of 50 at a time. Every figure is summed by the database, so the
    page costs the same queries for a month of batches as for a year."""

    template_name = "artisans/dashboard/production.html"
    makers_per_page = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        since = selectors.months_back(12)
        ctx["since"] = since
        ctx["totals"] = selectors.production_totals(since=since)
        ctx["per_month"] = selectors.pieces_per_month()
        ctx["capacity"] = selectors.capacity_per_week()
        paginator = Paginator(selectors.pieces_per_maker(since=since), self.makers_per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        ctx.update(per_maker=page, page_obj=page, paginator=paginator,
                   is_paginated=page.has_other_pages())
        return ctx


class MakerListView(ListView):
    template_name = "artisans/dashboard/maker_list.html"
    context_object_name = "makers"

    def get_queryset(self):
        return Artisan.objects.select_related("shelter").order_by("shelter__public_label", "pseudonym")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["is_custodian"] = roles.in_group(self.request.user, roles.IDENTITY_CUSTODIAN)
        return ctx


class CustodianOnly:
    def dispatch(self, request, *args, **kwargs):
        if not roles.in_group(request.user, roles.IDENTITY_CUSTODIAN):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@method_decorator(never_cache, name="dispatch")
# Error reports (500 emails, debug pages) never show what was typed into the vault form.
@method_decorator(
    sensitive_post_parameters(*[name for name, _label in IDENTITY_FIELDS], "reason"),
    name="dispatch",
)
class IdentityView(CustodianOnly, View):
    """GET asks for a reason; POST with a reason shows the record (and audits the view);
    POST with action=save replaces it (audited too)."""

    template_name = "artisans/dashboard/identity.html"

    def render(self, request, artisan, **ctx):
        response = render(request, self.template_name, {"artisan": artisan, **ctx})
        response["Cache-Control"] = "no-store, private"
        # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the
        # form posts of this page and the CSRF check refuses them.
        response["Referrer-Policy"] = "same-origin"
        return response

    def get(self, request, pk):
        artisan = get_object_or_404(Artisan, pk=pk)
        return self.render(request, artisan, reason_form=ReasonForm())

    def post(self, request, pk):
        artisan = get_object_or_404(Artisan, pk=pk)
        if request.POST.get("action") == "save":
            form = IdentityForm(request.POST)
            if form.is_valid():
                data = {name: form.cleaned_data[name] for name, _label in IDENTITY_FIELDS}
                try:
                    identity_services.save_identity(
                        user=request.user, artisan=artisan, data=data,
                        reason=form.cleaned_data["reason"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("The identity record was saved."))
                    return redirect("artisans-dashboard:artisans-identity", pk=artisan.pk)
            return self.render(request, artisan, edit_form=form, editing=True)
        reason_form = ReasonForm(request.POST)
        if not reason_form.is_valid():
            return self.render(request, artisan, reason_form=reason_form)
        identity = identity_services.read_identity(
            user=request.user, artisan=artisan, reason=reason_form.cleaned_data["reason"]
        )
        rows = [(label, (identity or {}).get(name, "")) for name, label in IDENTITY_FIELDS]
        return self.render(
            request, artisan, identity=identity, rows=rows, editing=True,
            edit_form=IdentityForm(initial=identity or {}),
        )


class AuditLogView(CustodianOnly, ListView):
    template_name = "artisans/dashboard/audit.html"
    context_object_name = "entries"
    paginate_by = 100

    def get_queryset(self):
        return IdentityAccessLog.objects.select_related("artisan", "user")


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(choices=Consent.KINDS)
    granted = forms.TypedChoiceField(
        choices=[("1", gettext_lazy("Granted")), ("0", gettext_lazy("Withdrawn"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(required=False, max_length=300)


class ConsentView(View):
    """What a maker agreed to show, and the history of it; custodians (and superusers) record
    grants and withdrawals here. A withdrawal takes effect on the very next page view."""

    template_name = "artisans/dashboard/consent.html"

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_superuser
                or roles.in_group(request.user, roles.IDENTITY_CUSTODIAN)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk, form=None):
        artisan = get_object_or_404(Artisan, pk=pk)
        state = selectors.consent_state(artisan)
        return render(request, self.template_name, {
            "artisan": artisan,
            "state": [(kind, label, state[kind]) for kind, label in Consent.KINDS],
            "history": Consent.objects.filter(artisan=artisan).select_related("recorded_by"),
            "form": form or ConsentForm(),
        })

    def post(self, request, pk):
        artisan = get_object_or_404(Artisan, pk=pk)
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return self.get(request, pk, form=form)
        consent_services.record_consent(
            artisan=artisan, kind=form.cleaned_data["kind"], granted=form.cleaned_data["granted"],
            by=request.user, note=form.cleaned_data["note"],
        )
        messages.success(request, _("Consent recorded; the public pages follow it now."))
        return redirect("artisans-dashboard:artisans-consent", pk=artisan.pk)
