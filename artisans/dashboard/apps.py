from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class ArtisansDashboardConfig(OscarDashboardConfig):
    """Oscar dashboard pages for makers and production: batches per shelter and maker, pieces
    per month, capacity per week, and the identity custodian's audited vault page.

    Mounted at /dashboard/makers/ by storefront.urls (Oscar's DashboardConfig only mounts its
    own sub-apps); listed in the menu through OSCAR_DASHBOARD_NAVIGATION.
    """

    label = "artisans_dashboard"
    name = "artisans.dashboard"
    verbose_name = _("Makers dashboard")
    namespace = "artisans-dashboard"
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        urls = [
            path("batches/", views.BatchListView.as_view(), name="artisans-batch-list"),
            path("production/", views.ProductionView.as_view(), name="artisans-production"),
            path("", views.MakerListView.as_view(), name="artisans-maker-list"),
            path("<int:pk>/identity/", views.IdentityView.as_view(), name="artisans-identity"),
            path("<int:pk>/consent/", views.ConsentView.as_view(), name="artisans-consent"),
            path("audit/", views.AuditLogView.as_view(), name="artisans-audit"),
        ]
        return self.post_process_urls(urls)
