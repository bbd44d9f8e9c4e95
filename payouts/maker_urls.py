"""A maker's own page under /me/ (issue 21): her work, her money, her statement, her ratings.
Sign-in and consent are artisans.maker_urls, at the same prefix."""

from django.urls import path

from . import maker_page

app_name = "maker-page"

urlpatterns = [
    path("", maker_page.home, name="home"),
    path("statement/<int:year>-<int:month>.pdf", maker_page.statement_pdf, name="statement"),
    path("rate/", maker_page.rate, name="rate"),
]
