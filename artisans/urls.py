from django.urls import path

from . import views

app_name = "artisans"

urlpatterns = [
    path("", views.maker_list, name="makers"),
    path("<slug:slug>/", views.maker_detail, name="maker"),
]
