"""/partners/: the CSR contacts' area (read-only tie-ups, pledges, statements, CSR reports) and
the employee verification links (any shopper). Mounted in storefront/urls.py."""

from django.urls import include, path  # noqa: F401  (include: the bulk orders' line below)

from . import views

app_name = "csr_partners"

urlpatterns = [
    path("", views.PartnerHomeView.as_view(), name="home"),
    path("tie-ups/<int:pk>/", views.TieUpDetailView.as_view(), name="tieup"),
    path("statements/<int:year>-<int:month>/", views.StatementView.as_view(), name="statement"),
    path("statements/<int:year>-<int:month>/statement.pdf", views.StatementPdfView.as_view(),
         name="statement-pdf"),
    path("statements/<int:year>-<int:month>/statement.csv", views.StatementCsvView.as_view(),
         name="statement-csv"),
    path("report/", views.ReportView.as_view(), name="report"),
    path("report/csr-report.pdf", views.ReportPdfView.as_view(), name="report-pdf"),
    path("report/csr-report.csv", views.ReportCsvView.as_view(), name="report-csv"),
    # Employee verification: asked on a campaign page or at checkout, confirmed by the link.
    path("verify/<int:tieup_id>/", views.RequestVerificationView.as_view(), name="verify"),
    path("verify/confirm/<str:token>/", views.ConfirmVerificationView.as_view(),
         name="verify-confirm"),
    # Bulk orders (issue 8) include their own urls here.
    path("bulk/", include("csr_partners.bulk.urls")),
]
