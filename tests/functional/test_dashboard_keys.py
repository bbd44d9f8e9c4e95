"""Oscar's dashboard pages answer "not found" for an id in the URL that is not a number.

Options, attribute option groups and flat pages took their id as any text, so a mistyped or
tampered URL such as /dashboard/pages/update/abc/ answered a server error (500) instead of a
404 (commerce.dashboard.keys). Every parameterised dashboard page is tried here with
words for its parameters, so a page added later with the same gap shows up by itself.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.support.auth import demo_user, sign_in
from tests.support.url_matrix import routes

pytestmark = pytest.mark.django_db

# The pages that answered 500 for a word before (issue 11).
ONCE_500 = (
    "/dashboard/catalogue/attribute-option-group/abc/update/",
    "/dashboard/catalogue/attribute-option-group/abc/delete/",
    "/dashboard/catalogue/option/abc/update/",
    "/dashboard/catalogue/option/abc/delete/",
    "/dashboard/pages/update/abc/",
    "/dashboard/pages/delete/abc/",
)


def _with_words(route: str) -> str:
    """The route with "abc" for every parameter (path converters and regex groups)."""
    path = re.sub(r"(?<!\?P)<(?:\w+:)?\w+>", "abc", route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "abc", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def _parameterised_dashboard_urls():
    return sorted({_with_words(route) for route, _name in routes()
                   if route.startswith("dashboard/") and ("<" in route or "(?P" in route)})


@pytest.fixture
def admin_client():
    client = Client(raise_request_exception=False)
    return sign_in(client, demo_user("Admin"))


def test_every_dashboard_page_answers_not_found_for_a_word_as_its_key(admin_client):
    urls = _parameterised_dashboard_urls()
    assert set(ONCE_500) <= set(urls)
    answers = {url: admin_client.get(url).status_code for url in urls}
    assert {url: code for url, code in answers.items() if code != 404} == {}


def test_options_and_pages_still_open_by_their_number(admin_client):
    Option = get_model("catalogue", "Option")
    option = Option.objects.create(name="Gift wrap")
    page = get_model("flatpages", "FlatPage").objects.create(url="/care/", title="Caring for jute")
    for name, pk in (("catalogue-option-update", option.pk), ("catalogue-option-delete", option.pk),
                     ("page-update", page.pk), ("page-delete", page.pk)):
        response = admin_client.get(reverse(f"dashboard:{name}", kwargs={"pk": pk}))
        assert response.status_code == 200, name
    # The product type form links each attribute's option group to its page through a "__fk__"
    # placeholder, filled in by Oscar's script.
    response = admin_client.get(reverse("dashboard:catalogue-class-create"))
    assert response.status_code == 200
    assert "/dashboard/catalogue/attribute-option-group/__fk__/update/" in response.content.decode()
