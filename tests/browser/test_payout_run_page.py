"""The payout run page on a phone and a desktop, as finance and as the identity custodian: every
column of a line (Paid / bank, the named statement copy) is on screen without sideways
scrolling, and the custodian's new bank file downloads, then shows as file 1 of the run."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from artisans.models import Artisan
from payouts import ledger, runs
from payouts.models import Journal
from storefront.demo.accounts import SECOND_FINANCE
from tests.support.auth import browser_sign_in, demo_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def approved_demo_run():
    makers = list(Artisan.objects.order_by("pk"))
    ledger.post("seed:browser-run", "piece rates", [
        (ledger.PIECE_RATE_COST, 120_000 * len(makers)),
        *[(ledger.maker_payable_code(a.pk), -120_000) for a in makers],
    ], event=Journal.BATCH)
    run = runs.create_run(user=demo_user("Finance"), period=timezone.localdate())
    return runs.approve_run(user=get_user_model().objects.get(username=SECOND_FINANCE), run=run)


def no_sideways_scroll(page, width):
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    for cell in page.locator("table.run-lines td").all():
        box = cell.bounding_box()
        if box:  # hidden empty cells have none
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, cell.inner_text()


@pytest.mark.parametrize("who", ["finance", "identity-custodian"])
def test_the_run_page_reads_on_a_phone_and_a_desktop(browser, demo_site, shots, who):
    run = approved_demo_run()
    url = f"/dashboard/payouts/runs/{run.pk}/"
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=size, base_url=demo_site.url, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            browser_sign_in(page, who, next_url=url)
            page.goto(url)
            expect(page.get_by_role("heading", name="Files for the bank")).to_be_visible()
            if name == "phone":
                no_sideways_scroll(page, size["width"])
                expect(page.get_by_text("Paid / bank").first).to_be_visible()
            if who == "identity-custodian":
                expect(page.get_by_role("button", name="Named copy").first).to_be_visible()
                if name == "phone":
                    with page.expect_download() as download:
                        page.get_by_role("button", name="New bank bulk-upload file").click()
                    assert download.value.suggested_filename.startswith(
                        f"haat-run-{run.pk}-bank-F1-")
                    page.goto(url)
                    expect(page.get_by_text(f"HAAT-R{run.pk}-F1").first).to_be_visible()
                    expect(page.get_by_role("button", name=f"Download HAAT-R{run.pk}-F1 again")
                           ).to_be_visible()
                    no_sideways_scroll(page, size["width"])
            shots(page, f"{who}-{name}")
        finally:
            context.close()
