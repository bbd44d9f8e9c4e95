from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class CsrDashboardConfig(OscarDashboardConfig):
    """Staff's pages for CSR partners: companies and their contacts, tie-ups, pledges,
    statements and the companies' payments. Mounted at /dashboard/csr/ by storefront.urls;
    listed in the menu through OSCAR_DASHBOARD_NAVIGATION."""

    label = "csr_dashboard"
    name = "csr_partners.dashboard"
    verbose_name = _("CSR dashboard")
    namespace = "csr-dashboard"
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        urls = [
            path("", views.CompanyListView.as_view(), name="csr-company-list"),
            path("companies/new/", views.CompanyEditView.as_view(), name="csr-company-create"),
            path("companies/<int:pk>/", views.CompanyDetailView.as_view(),
                 name="csr-company-detail"),
            path("companies/<int:pk>/edit/", views.CompanyEditView.as_view(),
                 name="csr-company-edit"),
            path("companies/<int:pk>/statements/<int:year>-<int:month>.<str:fmt>",
                 views.StatementDownloadView.as_view(), name="csr-statement"),
            path("tie-ups/", views.TieUpListView.as_view(), name="csr-tieup-list"),
            path("tie-ups/new/", views.TieUpEditView.as_view(), name="csr-tieup-create"),
            path("tie-ups/<int:pk>/edit/", views.TieUpEditView.as_view(), name="csr-tieup-edit"),
            path("pledges/", views.PledgeListView.as_view(), name="csr-pledge-list"),
        ]
        return self.post_process_urls(urls)
