"""What a visitor sees when an address is wrong or a page fails, with DEBUG off (issue 19).

The demo used to run with DEBUG on: a 404 listed every URL pattern and a 500 returned the whole
traceback. Now a missing address gets the shop's own "Page not found" and a failure the shop's
plain "Something went wrong", in the language of the address (English, /bn/, /hi/).
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

NOT_FOUND = {
    "": ("Page not found", "There is no page at this address", "Go to the home page"),
    "/bn": ("পাতাটি পাওয়া যায়নি", "এই ঠিকানায় কোনো পাতা নেই", "প্রথম পাতায় যান"),
    "/hi": ("पेज नहीं मिला", "इस पते पर कोई पेज नहीं है", "मुखपृष्ठ पर जाएँ"),
}
FAILED = {
    "": ("en-in", "Something went wrong", "Please try again in a few minutes"),
    "/bn": ("bn", "কিছু একটা ভুল হয়েছে", "কয়েক মিনিট পরে আবার চেষ্টা করুন"),
    "/hi": ("hi", "कुछ गड़बड़ हो गई", "कुछ मिनट बाद फिर से कोशिश करें"),
}


@pytest.mark.parametrize("prefix", NOT_FOUND)
@pytest.mark.parametrize("path", ["/no-such-page/", "/shop/catalogue/no-such-piece_99999/"])
@override_settings(DEBUG=False)
def test_a_missing_address_gets_the_shops_own_page_in_its_language(client, prefix, path):
    response = client.get(prefix + path)

    assert response.status_code == 404
    html = response.content.decode()
    heading, message, home = NOT_FOUND[prefix]
    assert heading in html and message in html
    # The shop's page: its button to the home page in the same language, and nothing of
    # Django's debug page.
    assert f'href="{prefix}/">{home}</a>' in html
    for debug_text in ("Using the URLconf", "urlpatterns", "storefront.urls", "Django tried these"):
        assert debug_text not in html


@pytest.mark.parametrize("prefix", FAILED)
@override_settings(DEBUG=False, ROOT_URLCONF="tests.functional.error_urls")
def test_a_failing_page_gets_the_shops_plain_500_without_the_traceback(prefix):
    client = Client(raise_request_exception=False)

    response = client.get(f"{prefix}/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    lang, heading, message = FAILED[prefix]
    assert f'<html lang="{lang}">' in html
    assert heading in html and message in html
    for leak in ("Traceback", "RuntimeError", "SECRET-TRACE-MARKER", "broken_page", "settings"):
        assert leak not in html


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make to read the demo's command")
def test_make_demo_serves_with_debug_off_and_make_dev_keeps_it_for_developers():
    def commands(target):
        return subprocess.run(["make", "-n", "--no-print-directory", target], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout

    demo, dev = commands("demo"), commands("dev")
    serve = demo.splitlines()[-1]
    assert "DJANGO_DEBUG=false" in serve
    assert "gunicorn -c ops/gunicorn.conf.py storefront.wsgi" in serve  # logs scrubbed
    assert "runserver" not in demo
    assert "collectstatic" in demo  # WhiteNoise serves static_root with DEBUG off
    assert "localstripe" in serve
    assert "runserver" in dev and "DJANGO_DEBUG=false" not in dev
