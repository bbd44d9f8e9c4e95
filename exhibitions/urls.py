"""The point of sale for event staff, under the workshop area: /workshop/events/."""

from django.urls import path

from . import views

app_name = "exhibitions"

urlpatterns = [
    path("", views.event_list, name="index"),
    path("pos-sw.js", views.service_worker, name="service-worker"),
    path("<int:pk>/sell/", views.sell, name="sell"),
    path("<int:pk>/sell/sales/", views.sale_api, name="sale-api"),
    path("<int:pk>/sell/upi.svg", views.upi_qr, name="upi-qr"),
    path("<int:pk>/days/<str:date>/close/", views.close_day, name="close-day"),
    path("sales/<uuid:sale>/receipt/", views.receipt, name="receipt"),
    path("sales/<uuid:sale>/email/", views.receipt_email, name="receipt-email"),
    path("receipt/<str:token>/", views.public_receipt, name="public-receipt"),
]
