"""The partners' area at /partners/ (a company's CSR contacts, read-only, scoped by
selectors.company_for_user) and the employee verification links (any shopper).

Every page here shows per-visitor data: never served from the anonymous page cache."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_ratelimit.decorators import ratelimit

from . import documents, selectors, services
from .forms import ReportPeriodForm, VerificationForm
from .models import PledgePayment, TieUp
from .templatetags.csr_tags import SESSION_EMAIL_KEY


@method_decorator(never_cache, name="dispatch")
class CompanyMixin(LoginRequiredMixin):
    """A company's CSR contact only; everything below is scoped to ``self.company``."""

    partner_section = "home"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.company = selectors.company_for_user(request.user)
        if self.company is None:
            raise PermissionDenied(_("This area is for the CSR contacts of our partner "
                                     "companies."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(company=self.company, partner_section=self.partner_section)
        return context


def _month(year: int, month: int) -> datetime.date:
    try:
        return datetime.date(year, month, 1)
    except ValueError as exc:
        raise Http404(_("No such month.")) from exc


class PartnerHomeView(CompanyMixin, TemplateView):
    template_name = "csr_partners/partner_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tieups = list(selectors.tieups_for_company(self.company))
        context["tieups"] = [(t, selectors.campaign_figures(t.pk)) for t in tieups]
        context["months"] = selectors.statement_months(self.company)
        context["outstanding"] = services.outstanding_paise(self.company)
        context["payments"] = PledgePayment.objects.filter(company=self.company)[:12]
        return context


class TieUpDetailView(CompanyMixin, TemplateView):
    template_name = "csr_partners/partner_tieup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tieup = get_object_or_404(TieUp, pk=self.kwargs["pk"], company=self.company)
        context.update(
            tieup=tieup, figures=selectors.campaign_figures(tieup.pk),
            products=list(tieup.products.all()), categories=list(tieup.categories.all()),
            pledges=selectors.pledges_for_company(self.company).filter(tieup=tieup)[:200],
        )
        return context


class StatementView(CompanyMixin, TemplateView):
    template_name = "csr_partners/partner_statement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = _month(self.kwargs["year"], self.kwargs["month"])
        context["s"] = documents.statement(self.company, month.year, month.month)
        context["month"] = month
        return context


class StatementPdfView(CompanyMixin, View):
    def get(self, request, year, month):
        day = _month(year, month)
        pdf = documents.statement_pdf(self.company, day.year, day.month)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="pledge-statement-{day:%Y-%m}.pdf"')
        return response


class StatementCsvView(CompanyMixin, View):
    def get(self, request, year, month):
        day = _month(year, month)
        response = HttpResponse(documents.statement_csv(self.company, day.year, day.month),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="pledge-statement-{day:%Y-%m}.csv"')
        return response


class ReportMixin(CompanyMixin):
    partner_section = "report"

    def period(self):
        start, end = ReportPeriodForm.default_period()
        form = ReportPeriodForm(self.request.GET or {"start": start, "end": end})
        if form.is_valid():
            return form, form.cleaned_data["start"], form.cleaned_data["end"]
        return form, None, None


class ReportView(ReportMixin, TemplateView):
    template_name = "csr_partners/partner_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, start, end = self.period()
        context["form"] = form
        if start:
            context["r"] = documents.report(self.company, start, end)
            context["period_query"] = f"start={start:%Y-%m-%d}&end={end:%Y-%m-%d}"
        return context


class ReportPdfView(ReportMixin, View):
    def get(self, request):
        form, start, end = self.period()
        if start is None:
            return redirect(reverse("csr_partners:report") + "?" + request.GET.urlencode())
        response = HttpResponse(documents.report_pdf(self.company, start, end),
                                content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="csr-report-{start:%Y%m%d}-{end:%Y%m%d}.pdf"')
        return response


class ReportCsvView(ReportMixin, View):
    def get(self, request):
        form, start, end = self.period()
        if start is None:
            return redirect(reverse("csr_partners:report") + "?" + request.GET.urlencode())
        response = HttpResponse(documents.report_csv(self.company, start, end),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="csr-report-{start:%Y%m%d}-{end:%Y%m%d}.csv"')
        return response


# --- Employee verification -------------------------------------------------------------------
def _safe_next(request, url, fallback):
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return fallback


def _rate(group, request):
    """The rate of a named limit in settings.HAAT_RATE_LIMITS (None: no limit)."""
    return settings.HAAT_RATE_LIMITS.get(group)


@method_decorator(never_cache, name="dispatch")
# Each POST sends an e-mail: limited per person (or address) and per work e-mail, so the form
# cannot be used to flood someone's inbox (429 past the limit).
@method_decorator(ratelimit(group="verification-email", key="user_or_ip", rate=_rate,
                            method="POST", block=True), name="post")
@method_decorator(ratelimit(group="verification-email", key="post:work_email", rate=_rate,
                            method="POST", block=True), name="post")
class RequestVerificationView(View):
    """POST a work e-mail (from a campaign page or the checkout): the link is e-mailed."""

    def post(self, request, tieup_id):
        tieup = get_object_or_404(TieUp.objects.select_related("company"), pk=tieup_id)
        signed_in = request.user.is_authenticated
        form = VerificationForm(request.POST, signed_in=signed_in)
        page = tieup.campaign_page
        fallback = page.url if page is not None else "/"
        back = _safe_next(request, request.POST.get("next"), fallback)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        try:
            verification = services.request_verification(
                tieup=tieup, work_email=form.cleaned_data["work_email"],
                user=request.user if signed_in else None,
                guest_email=form.cleaned_data.get("guest_email", ""))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(back)
        url = request.build_absolute_uri(reverse(
            "csr_partners:verify-confirm",
            kwargs={"token": services.verification_token(verification)}))
        if back != fallback:
            url += "?next=" + back
        services.send_verification_email(verification, confirm_url=url)
        messages.success(request, _("We have e-mailed a link to %(email)s. Open it to confirm "
                                    "you work at %(company)s.")
                         % {"email": verification.work_email, "company": tieup.company.name})
        return redirect(back)


@method_decorator(never_cache, name="dispatch")
class ConfirmVerificationView(View):
    """The emailed link. GET shows a button (mail scanners that fetch links must not use up a
    single-use link); POST confirms."""

    template_name = "csr_partners/verify_confirm.html"

    def get(self, request, token):
        return render(request, self.template_name, {"token": token,
                                                    "next": request.GET.get("next", "")})

    def post(self, request, token):
        try:
            verification = services.confirm_verification(token, user=request.user)
        except ValidationError as exc:
            return render(request, self.template_name,
                          {"token": token, "errors": exc.messages}, status=400)
        if verification.guest_email:
            request.session[SESSION_EMAIL_KEY] = verification.guest_email
        tieup = verification.tieup
        messages.success(request, _("Thank you: you are verified as an employee of %(company)s "
                                    "until %(day)s. Its gift is added to each eligible bag you "
                                    "buy.") % {"company": tieup.company.name,
                                              "day": tieup.ends_on.strftime("%d %b %Y")})
        page = tieup.campaign_page
        fallback = page.url if page is not None else reverse("basket:summary")
        return redirect(_safe_next(request, request.POST.get("next"), fallback))
