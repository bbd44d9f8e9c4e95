"""The shop's URLs plus one page that fails, for tests/functional/test_error_pages.py."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from storefront.urls import urlpatterns as shop_urlpatterns


def broken_page(request):
    raise RuntimeError("a failure only the server log may show: SECRET-TRACE-MARKER")


# /broken/, /bn/broken/ and /hi/broken/, before Wagtail's catch-all claims them.
urlpatterns = [*i18n_patterns(path("broken/", broken_page), prefix_default_language=False),
               *shop_urlpatterns]
