"""/partners/bulk/: included once by csr_partners/urls.py (namespace "bulk")."""

from django.urls import path

from . import card_payments, views

app_name = "bulk"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("quote/", views.RequestQuoteView.as_view(), name="request"),
    path("recipients-template.csv", views.TemplateCsvView.as_view(), name="template-csv"),
    path("quotes/<int:pk>/", views.QuoteView.as_view(), name="quote"),
    path("quotes/<int:pk>/quote.pdf", views.QuotePdfView.as_view(), name="quote-pdf"),
    path("quotes/<int:pk>/accept/", views.AcceptView.as_view(), name="accept"),
    path("quotes/<int:pk>/recipients/", views.UploadView.as_view(), name="upload"),
    path("quotes/<int:pk>/address/", views.AddressView.as_view(), name="address"),
    path("quotes/<int:pk>/place/", views.PlaceOrderView.as_view(), name="place"),
    path("uploads/<int:pk>/status/", views.UploadStatusView.as_view(), name="upload-status"),
    path("uploads/<int:pk>/faults.csv", views.UploadFaultsView.as_view(), name="upload-faults"),
    path("orders/<int:pk>/", views.OrderView.as_view(), name="order"),
    path("orders/<int:pk>/shipments.csv", views.ShipmentsCsvView.as_view(), name="shipments-csv"),
    path("invoices/<int:pk>/", views.InvoicePdfView.as_view(), name="invoice-pdf"),
    path("invoices/<int:pk>/einvoice.json", views.InvoiceJsonView.as_view(), name="invoice-json"),
    # Card payment of an invoice (the Stripe calls through commerce.payments).
    path("invoices/<int:pk>/pay/", card_payments.PayInvoiceView.as_view(), name="pay"),
    path("invoices/<int:pk>/pay/return/", card_payments.PayInvoiceReturnView.as_view(),
         name="pay-return"),
]
