"""The staff pages' JavaScript still works under their policies (issue 19): the dashboard's menus,
dialogs and date pickers, the identity vault and a payout run (the strictest policy), and
Wagtail's page editor. The `page` fixture fails a test on any Content Security Policy refusal,
so each visit below also checks that nothing the page needs is refused."""

import pytest
from playwright.sync_api import expect

from artisans.models import Artisan
from tests.support.auth import browser_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
desktop = pytest.mark.parametrize("page", ["desktop"], indirect=True)


def policy_of(page, url):
    """The page's policy as {directive: [sources]}, after opening it."""
    response = page.goto(url)
    assert response.status == 200, url
    parts = response.headers["content-security-policy"].split(";")
    return {p.split()[0]: p.split()[1:] for p in parts if p.strip()}


@desktop
def test_the_dashboards_menus_dialogs_and_date_pickers_work_without_inline_script(page, shots):
    browser_sign_in(page, "admin", next_url="/dashboard/")
    assert policy_of(page, "/dashboard/")["script-src"] == ["'self'"]
    menu = page.locator(".navbar-primary .dropdown").first
    menu.locator(".dropdown-toggle").click()
    expect(menu.locator(".dropdown-menu")).to_be_visible()
    shots(page, "dashboard-menu-open")

    policy_of(page, "/dashboard/orders/")
    page.get_by_role("link", name="Advanced Search").click()
    dialog = page.locator("#SearchModal")
    expect(dialog).to_be_visible()
    # Oscar's dashboard.init() (oscar-init.js now) turned the date fields into date pickers.
    dialog.locator('[data-target="#wrapper_for_id_date_from"]').click()
    expect(page.locator(".bootstrap-datetimepicker-widget")).to_be_visible()
    shots(page, "orders-date-picker")


@desktop
def test_the_vault_and_a_payout_run_work_under_the_strictest_policy(page, shots):
    from tests.functional.test_payouts_dashboard import approved_run_for

    juhi = Artisan.objects.get(pseudonym="Juhi")
    browser_sign_in(page, "identity-custodian", next_url="/dashboard/makers/")
    policy = policy_of(page, f"/dashboard/makers/{juhi.pk}/identity/")
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    page.fill('[name="reason"]', "Checking the page's scripts")
    page.get_by_test_id("open-identity").click()
    expect(page.get_by_test_id("identity-values")).to_be_visible()
    shots(page, "vault-opened")
    page.locator(".navbar-primary .dropdown .dropdown-toggle").first.click()
    expect(page.locator(".navbar-primary .dropdown-menu").first).to_be_visible()

    run = approved_run_for(list(Artisan.objects.order_by("pk")[:2]))
    page.context.clear_cookies()
    browser_sign_in(page, "finance", next_url="/dashboard/payouts/")
    assert policy_of(page, f"/dashboard/payouts/runs/{run.pk}/")["script-src"] == ["'self'"]
    expect(page.locator("h1")).to_be_visible()
    shots(page, "payout-run")
    # Finance's other pages under the same policy, with their forms' selects and date fields.
    for url in ("/dashboard/payouts/split/", "/dashboard/payouts/", "/dashboard/payouts/fund/"):
        assert policy_of(page, url)["style-src"] == ["'self'"]
        expect(page.locator("h1")).to_be_visible()
    shots(page, "payout-fund")


@desktop
def test_wagtails_page_editor_loads_with_only_its_documented_exception(page, shots):
    from wagtail.models import Page

    home = Page.objects.get(depth=2, slug="home")
    browser_sign_in(page, "editor", next_url="/cms/")
    policy = policy_of(page, f"/cms/pages/{home.pk}/edit/")
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    # The editor's scripts ran: its sidebar is drawn by JavaScript.
    expect(page.get_by_role("button", name="Toggle sidebar")).to_be_visible()
    shots(page, "cms-editor")
    # Its preview panel frames the page's preview (frame-ancestors 'self' there only).
    page.locator('[data-side-panel-toggle="preview"]').click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("body")).to_contain_text("Haat", timeout=20_000)
    shots(page, "cms-preview")
