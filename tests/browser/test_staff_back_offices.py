"""Staff sign in to Oscar's dashboard and Wagtail's admin, through the second factor; nothing
loads from outside. These fill the login forms by hand on purpose: they test sign-in itself."""

import re

import pytest
from playwright.sync_api import expect

from storefront.demo.accounts import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from tests.support.auth import backup_code_for, demo_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def enter_code(page, shots, email):
    page.wait_for_url(re.compile(r"/accounts/second-factor/"))
    expect(page.locator("h1")).to_contain_text("Enter your code")
    shots(page, "code")
    page.locator('[name="token"]').fill(backup_code_for(demo_user(email)))
    page.locator('[name="verify"]').click()


def test_admin_signs_in_to_the_oscar_dashboard(page, shots):
    page.goto("/dashboard/")
    page.wait_for_url(re.compile(r"/dashboard/login/"))
    page.locator("#id_username").fill(f"admin@{DEMO_EMAIL_DOMAIN}")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    shots(page, "login")
    page.locator("input[type=submit]").click()
    enter_code(page, shots, f"admin@{DEMO_EMAIL_DOMAIN}")
    page.wait_for_url(re.compile(r"/dashboard/$"))
    expect(page.locator("body")).to_contain_text("Dashboard")
    # Every section of the top menu (Exhibitions last) on a 1280 px screen, none off the edge.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(page.locator(".navbar-primary").get_by_text("Exhibitions")).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    shots(page, "dashboard")


def test_editor_signs_in_to_the_wagtail_admin(page, shots):
    page.goto("/cms/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("button[type=submit]").click()
    enter_code(page, shots, f"editor@{DEMO_EMAIL_DOMAIN}")
    page.wait_for_url(re.compile(r"/cms/$"))
    expect(page.locator("body")).to_contain_text("Haat")
    shots(page, "cms")


def test_a_new_member_of_staff_enrols_with_the_qr_code(page, shots):
    from django.contrib.auth.models import Group
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = demo_user("Finance")
    TOTPDevice.objects.filter(user=user).delete()  # as if new: no device yet
    user.groups.add(Group.objects.get(name="Finance"))
    page.goto("/dashboard/login/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/second-factor/setup/"))
    expect(page.locator(".second-factor__qr svg")).to_be_visible()
    shots(page, "enrol")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    page.locator('[name="token"]').fill(f"{code:06d}")
    page.locator('[name="confirm"]').click()
    expect(page.locator("#backup-codes li")).to_have_count(10)
    shots(page, "backup-codes")
    page.get_by_role("link", name="I have saved them, continue").click()
    page.wait_for_url(re.compile(r"/dashboard/"))
