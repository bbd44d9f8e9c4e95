"""Staff reach their back offices; shoppers do not."""

import pytest

from storefront.management.commands.load_demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_editor_signs_in_to_the_wagtail_admin(client):
    response = client.post(
        "/cms/login/",
        {"username": "editor", "password": DEMO_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/cms/"
    pages = client.get("/cms/pages/", follow=True)
    assert pages.status_code == 200
    assert "Haat" in pages.content.decode()  # the home page the editor may edit


def test_wrong_password_keeps_the_cms_closed(client):
    response = client.post("/cms/login/", {"username": "editor", "password": "nope"})
    assert response.status_code == 200
    assert client.get("/cms/").status_code == 302


def test_shopper_cannot_open_the_cms(demo_login):
    client = demo_login("Shopper")
    response = client.get("/cms/")
    assert response.status_code in (302, 403)


def test_admin_signs_in_to_the_oscar_dashboard(client):
    response = client.post(
        "/shop/accounts/login/",
        {
            "login-username": f"admin@{DEMO_EMAIL_DOMAIN}",
            "login-password": DEMO_PASSWORD,
            "login_submit": "Log In",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 200
    assert "Dashboard" in dashboard.content.decode()


def test_visitor_is_sent_to_login_from_the_dashboard(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_shopper_is_refused_the_dashboard(demo_login):
    assert demo_login("Shopper").get("/dashboard/").status_code == 403


def test_the_dashboard_is_not_also_under_the_shop(demo_login):
    client = demo_login("Admin")
    assert client.get("/shop/dashboard/").status_code == 404
