from django.urls import path

from . import views

app_name = "second-factor"

urlpatterns = [
    path("", views.VerifyView.as_view(), name="verify"),
    path("setup/", views.SetupView.as_view(), name="setup"),
    path("backup-codes/", views.BackupCodesView.as_view(), name="backup-codes"),
]
