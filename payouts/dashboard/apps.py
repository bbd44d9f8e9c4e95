from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class PayoutsDashboardConfig(OscarDashboardConfig):
    """Finance's pages: payout runs (maker-checker), statements, exports for the custodian, the
    dated split settings and the training fund. Mounted at /dashboard/payouts/ by
    storefront.urls; listed in the menu through OSCAR_DASHBOARD_NAVIGATION."""

    label = "payouts_dashboard"
    name = "payouts.dashboard"
    verbose_name = _("Payouts dashboard")
    namespace = "payouts-dashboard"
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import job_views, views
        from .grant_views import urls as grant_urls

        urls = [
            path("", views.RunListView.as_view(), name="payouts-run-list"),
            path("runs/<int:pk>/", views.RunDetailView.as_view(), name="payouts-run-detail"),
            path("runs/<int:pk>/progress/", job_views.RunProgressView.as_view(),
                 name="payouts-run-progress"),
            path("statements/batches/", job_views.StatementBatchView.as_view(),
                 name="payouts-statement-batches"),
            path("statements/batches/<int:pk>/status/", job_views.StatementBatchStatusView.as_view(),
                 name="payouts-statement-batch-status"),
            path("statements/batches/<int:pk>/zip/", job_views.StatementBatchZipView.as_view(),
                 name="payouts-statement-batch-zip"),
            path("runs/<int:pk>/export/<str:method>/", views.RunExportView.as_view(),
                 name="payouts-run-export"),
            path("runs/<int:pk>/files/<int:number>/", views.BankFileView.as_view(),
                 name="payouts-bank-file"),
            path("statements/<int:artisan>/<int:year>-<int:month>/", views.StatementView.as_view(),
                 name="payouts-statement"),
            path("split/", views.SplitSettingsView.as_view(), name="payouts-split"),
            path("fund/", views.FundView.as_view(), name="payouts-fund"),
            *grant_urls(),
        ]
        return self.post_process_urls(urls)
