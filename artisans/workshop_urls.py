"""The workshop: /workshop/, phone-first pages for shelter staff."""

from django.urls import path

from . import maker_views, views

app_name = "workshop"

urlpatterns = [
    path("", views.workshop_index, name="index"),
    path("shelter/<int:shelter_pk>/new/", views.batch_new, name="batch-new"),
    path("batch/<int:pk>/", views.batch_detail, name="batch"),
    path("batch/<int:pk>/edit/", views.batch_edit, name="batch-edit"),
    path("batch/<int:pk>/submit/", views.batch_submit, name="batch-submit"),
    path("makers/codes/", maker_views.maker_codes, name="maker-codes"),
    path("batch/<int:pk>/photos/<int:photo_pk>/", views.batch_photo, name="batch-photo"),
]
