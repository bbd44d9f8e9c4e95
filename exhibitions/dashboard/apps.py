from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class ExhibitionsDashboardConfig(OscarDashboardConfig):
    """Staff pages for exhibitions: events, their staff and concessions, stock transfers to the
    event and back, QR labels, the days' reconciliations and the sales report. Mounted at
    /dashboard/exhibitions/ by storefront.urls; in the menu through OSCAR_DASHBOARD_NAVIGATION."""

    label = "exhibitions_dashboard"
    name = "exhibitions.dashboard"
    verbose_name = _("Exhibitions dashboard")
    namespace = "exhibitions-dashboard"
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        urls = [
            path("", views.EventListView.as_view(), name="event-list"),
            path("new/", views.EventEditView.as_view(), name="event-create"),
            path("<int:pk>/", views.EventDetailView.as_view(), name="event-detail"),
            path("<int:pk>/edit/", views.EventEditView.as_view(), name="event-edit"),
            path("<int:pk>/transfer/<str:direction>/", views.TransferView.as_view(),
                 name="event-transfer"),
            path("<int:pk>/labels/", views.LabelsView.as_view(), name="event-labels"),
            path("<int:pk>/report/", views.ReportView.as_view(), name="event-report"),
        ]
        return self.post_process_urls(urls)
