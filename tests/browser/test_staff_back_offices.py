"""Staff sign in to Oscar's dashboard and Wagtail's admin; nothing loads from outside."""

import re

import pytest
from playwright.sync_api import expect

from storefront.management.commands.load_demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_signs_in_to_the_oscar_dashboard(page, shots):
    page.goto("/dashboard/")
    page.wait_for_url(re.compile(r"/dashboard/login/"))
    page.locator("#id_username").fill(f"admin@{DEMO_EMAIL_DOMAIN}")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    shots(page, "login")
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.locator("body")).to_contain_text("Dashboard")
    shots(page, "dashboard")


def test_editor_signs_in_to_the_wagtail_admin(page, shots):
    page.goto("/cms/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cms/$"))
    expect(page.locator("body")).to_contain_text("Haat")
    shots(page, "cms")
