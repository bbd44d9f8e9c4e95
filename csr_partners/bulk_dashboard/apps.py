from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig


class BulkDashboardConfig(OscarDashboardConfig):
    """Staff's bulk-order pages: review, adjust and send quotes; price tiers; the dated GST
    rates; shipments; credit notes; finance records bank transfers. Mounted at
    /dashboard/bulk-orders/ by storefront.urls; in the menu through OSCAR_DASHBOARD_NAVIGATION."""

    label = "csr_bulk_dashboard"
    name = "csr_partners.bulk_dashboard"
    verbose_name = _("Bulk orders dashboard")
    namespace = "bulk-dashboard"
    default_permissions = ["is_staff"]

    def get_urls(self):
        from . import views

        urls = [
            path("", views.QuoteListView.as_view(), name="bulk-quote-list"),
            path("quotes/<int:pk>/", views.QuoteDetailView.as_view(), name="bulk-quote"),
            path("orders/", views.OrderListView.as_view(), name="bulk-order-list"),
            path("orders/<int:pk>/", views.OrderDetailView.as_view(), name="bulk-order"),
            path("invoices/<int:pk>/", views.InvoicePdfView.as_view(), name="bulk-invoice-pdf"),
            path("invoices/<int:pk>/einvoice.json", views.InvoiceJsonView.as_view(),
                 name="bulk-invoice-json"),
            path("tiers/", views.TiersView.as_view(), name="bulk-tiers"),
            path("gst-rates/", views.GstRatesView.as_view(), name="bulk-gst-rates"),
        ]
        return self.post_process_urls(urls)
