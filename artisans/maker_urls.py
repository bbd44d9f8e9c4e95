"""A maker's own sign-in and consent pages, under /me/ (outside the language prefixes: her page
speaks the language she chose on it). Her page itself, with her money, is payouts.maker_urls."""

from django.urls import path

from . import maker_views

app_name = "maker"

urlpatterns = [
    path("sign-in/", maker_views.sign_in, name="sign-in"),
    path("sign-out/", maker_views.sign_out, name="sign-out"),
    path("language/", maker_views.choose_language, name="language"),
    path("pin/", maker_views.set_pin, name="set-pin"),
    path("consent/", maker_views.consent, name="consent"),
]
