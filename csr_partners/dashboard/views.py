"""Staff's CSR pages in Oscar's dashboard. Companies and tie-ups: admins and finance; recording
a company's payment: finance (the service checks it too)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from artisans.roles import in_group
from catalogue.money import to_paise
from payouts.roles import is_finance

from .. import documents, selectors, services
from ..models import Company, Pledge, PledgePayment, TieUp
from .forms import CompanyForm, ContactForm, PaymentForm, TieUpForm


def is_csr_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff and (
        user.is_superuser or in_group(user, "Admin") or is_finance(user)))


@method_decorator(never_cache, name="dispatch")
class StaffMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_csr_staff(request.user):
            raise PermissionDenied(_("Admins and finance staff only."))
        return super().dispatch(request, *args, **kwargs)


def _errors(target, exc):
    for message in getattr(exc, "messages", [str(exc)]):
        target.add_error(None, message)


class CompanyListView(StaffMixin, View):
    def get(self, request):
        companies = list(Company.objects.all())
        for company in companies:
            company.outstanding = services.outstanding_paise(company)
        return render(request, "csr_partners/dashboard/company_list.html",
                      {"companies": companies})


class CompanyEditView(StaffMixin, View):
    template_name = "csr_partners/dashboard/company_form.html"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(Company, pk=pk) if pk else None

    def get(self, request, pk=None):
        return render(request, self.template_name,
                      {"form": CompanyForm(instance=self.get_object()), "company": self.get_object()})

    def post(self, request, pk=None):
        company = self.get_object()
        form = CompanyForm(request.POST, instance=company)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "company": company})
        company = form.save()
        messages.success(request, _("Saved %(c)s.") % {"c": company.name})
        return redirect("csr-dashboard:csr-company-detail", pk=company.pk)


class CompanyDetailView(StaffMixin, View):
    template_name = "csr_partners/dashboard/company_detail.html"

    def context(self, company, **forms):
        return {
            "company": company, "contacts": company.contacts(),
            "tieups": selectors.tieups_for_company(company),
            "outstanding": services.outstanding_paise(company),
            "payments": PledgePayment.objects.filter(company=company).select_related(
                "recorded_by")[:50],
            "months": selectors.statement_months(company),
            "contact_form": forms.get("contact_form") or ContactForm(),
            "payment_form": forms.get("payment_form") or PaymentForm(),
            "can_record_payment": is_finance(self.request.user),
        }

    def get(self, request, pk):
        company = get_object_or_404(Company, pk=pk)
        return render(request, self.template_name, self.context(company))

    def post(self, request, pk):
        company = get_object_or_404(Company, pk=pk)
        action = request.POST.get("action")
        if action == "contact":
            form = ContactForm(request.POST)
            if form.is_valid():
                try:
                    services.add_contact(company=company, user=form.user)
                    messages.success(request, _("%(e)s is now a CSR contact.")
                                     % {"e": form.user.email})
                    return redirect(request.path)
                except ValidationError as exc:
                    _errors(form, exc)
            return render(request, self.template_name, self.context(company, contact_form=form),
                          status=400)
        if action == "payment":
            form = PaymentForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.record_payment(
                        user=request.user, company=company, amount_paise=to_paise(data["amount"]),
                        bank_reference=data["bank_reference"], received_on=data["received_on"])
                    messages.success(request, _("Payment recorded: CSR receivable moved to the "
                                                "bank."))
                    return redirect(request.path)
                except ValidationError as exc:
                    _errors(form, exc)
            return render(request, self.template_name, self.context(company, payment_form=form),
                          status=400)
        raise Http404


class StatementDownloadView(StaffMixin, View):
    def get(self, request, pk, year, month, fmt):
        company = get_object_or_404(Company, pk=pk)
        try:
            day = datetime.date(year, month, 1)
        except ValueError as exc:
            raise Http404 from exc
        if fmt == "pdf":
            response = HttpResponse(documents.statement_pdf(company, year, month),
                                    content_type="application/pdf")
        elif fmt == "csv":
            response = HttpResponse(documents.statement_csv(company, year, month),
                                    content_type="text/csv; charset=utf-8")
        else:
            raise Http404
        response["Content-Disposition"] = (
            f'attachment; filename="pledge-statement-{company.pk}-{day:%Y-%m}.{fmt}"')
        return response


class TieUpListView(StaffMixin, View):
    def get(self, request):
        tieups = TieUp.objects.select_related("company").order_by("-starts_on")
        return render(request, "csr_partners/dashboard/tieup_list.html", {"tieups": tieups})


class TieUpEditView(StaffMixin, View):
    template_name = "csr_partners/dashboard/tieup_form.html"

    def get_object(self):
        pk = self.kwargs.get("pk")
        return get_object_or_404(TieUp, pk=pk) if pk else None

    def get(self, request, pk=None):
        tieup = self.get_object()
        initial = {"company": request.GET.get("company")} if tieup is None else {}
        return render(request, self.template_name,
                      {"form": TieUpForm(instance=tieup, initial=initial), "tieup": tieup})

    def post(self, request, pk=None):
        tieup = self.get_object()
        with transaction.atomic():
            # Lock the company: two staff saving overlapping tie-ups at once see each other.
            company_id = request.POST.get("company")
            if company_id and company_id.isdigit():
                list(Company.objects.select_for_update().filter(pk=company_id))
            if tieup is not None:
                tieup = TieUp.objects.select_for_update().get(pk=tieup.pk)
            form = TieUpForm(request.POST, instance=tieup)
            if not form.is_valid():
                return render(request, self.template_name, {"form": form, "tieup": tieup},
                              status=400)
            tieup = form.save()
        transaction.on_commit(lambda: selectors.refresh_campaign_figures(tieup.pk))
        messages.success(request, _("Saved the tie-up “%(t)s”.") % {"t": tieup.name})
        return redirect(reverse("csr-dashboard:csr-tieup-list"))


class PledgeListView(StaffMixin, View):
    def get(self, request):
        pledges = Pledge.objects.select_related("company", "tieup").order_by("-pledged_at", "-id")
        company = request.GET.get("company")
        if company and company.isdigit():
            pledges = pledges.filter(company_id=company)
        return render(request, "csr_partners/dashboard/pledge_list.html",
                      {"pledges": pledges[:500], "companies": Company.objects.all(),
                       "company": company})
