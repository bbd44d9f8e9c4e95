"""The identity custodian opens and corrects a record in a real browser (the page's headers and
forms must work together: an earlier no-referrer policy made every save fail CSRF)."""

import pytest
from playwright.sync_api import expect

from artisans.models import Artisan, IdentityAccessLog
from tests.support.auth import browser_sign_in

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_custodian_opens_a_record_with_a_reason_and_corrects_it(browser, demo_site, shots):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    context = browser.new_context(viewport=DESKTOP, base_url=demo_site.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        browser_sign_in(page, "identity-custodian", next_url="/dashboard/makers/")
        page.get_by_role("row", name="Juhi").get_by_role("link", name="Identity record").click()
        # On the record's page: the makers' list has no values either, so the check below would
        # pass there.
        page.wait_for_url(f"**/dashboard/makers/{juhi.pk}/identity/")
        expect(page.get_by_test_id("identity-values")).to_have_count(0)
        page.fill('[name="reason"]', "Preparing this month's payout file")
        page.get_by_test_id("open-identity").click()
        expect(page.get_by_test_id("identity-values")).to_contain_text("DEMO-ONLY Not A Real Name")
        shots(page, "identity-opened")
        page.fill('[name="legal_name"]', "DEMO-ONLY Corrected Name")
        page.fill('form:has([name=legal_name]) [name="reason"]', "Correcting the spelling")
        page.get_by_role("button", name="Save the record").click()
        expect(page.get_by_text("The identity record was saved.")).to_be_visible()
        shots(page, "identity-saved")
    finally:
        context.close()
    actions = list(IdentityAccessLog.objects.filter(artisan=juhi, user__username="identity-custodian")
                   .order_by("-id").values_list("action", "reason")[:2])
    assert actions == [("change", "Correcting the spelling"),
                       ("view", "Preparing this month's payout file")]
