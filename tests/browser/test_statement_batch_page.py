"""Finance's long jobs on a phone and a desktop (issue 22): a payout run being drafted shows its
progress, then the draft; the month's statements show their progress, then the zip downloads
and holds one PDF per maker under her pseudonym."""

import io
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from artisans.models import Artisan
from payouts import ledger, runs, statement_batches
from payouts.models import Journal
from tests.support.auth import browser_sign_in, demo_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
MONTH = timezone.localdate().replace(day=1)


def owe_every_maker():
    makers = list(Artisan.objects.order_by("pk"))
    ledger.post("seed:browser-jobs", "piece rates", [
        (ledger.PIECE_RATE_COST, 120_000 * len(makers)),
        *[(ledger.maker_payable_code(a.pk), -120_000) for a in makers],
    ], event=Journal.BATCH)
    return makers


def test_the_long_jobs_read_on_a_phone_and_a_desktop(browser, demo_site, shots):
    makers = owe_every_maker()
    finance = demo_user("Finance")
    run = runs.start_draft(user=finance, period=MONTH)  # its task not run yet: in progress
    batch = statement_batches.start_batch(user=finance, month=MONTH)
    for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=size, base_url=demo_site.url,
                                      accept_downloads=True, java_script_enabled=True)
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            browser_sign_in(page, "finance", next_url="/dashboard/payouts/")
            if name == "phone":
                # The jobs are under way only in this first pass: it ends them (below), so the
                # desktop pass sees the finished run and zip.
                page.goto(f"/dashboard/payouts/runs/{run.pk}/")
                expect(page.get_by_text("Drafting the run").first).to_be_visible()
                expect(page.locator("progress")).to_be_visible()
                shots(page, f"run-drafting-{name}")
                page.goto("/dashboard/payouts/statements/batches/")
                expect(page.locator("progress")).to_be_visible()
                shots(page, f"statements-running-{name}")
                runs.fill_draft(run.pk)
                statement_batches.build_batch(batch.pk)
                # the page polls and reloads itself when the job is over
                expect(page.get_by_role("link", name="Download the zip")).to_be_visible()
            page.goto(f"/dashboard/payouts/runs/{run.pk}/")
            expect(page.get_by_text(makers[0].pseudonym).first).to_be_visible()
            page.goto("/dashboard/payouts/statements/batches/")
            assert page.evaluate("document.scrollingElement.scrollWidth") <= size["width"]
            shots(page, f"statements-done-{name}")
            if name == "desktop":
                with page.expect_download() as download:
                    page.get_by_role("link", name="Download the zip").click()
                data = open(download.value.path(), "rb").read()
                archive = zipfile.ZipFile(io.BytesIO(data))
                names = archive.namelist()
                assert f"statement-{makers[0].slug}-{MONTH:%Y-%m}.pdf" in names
                folder = shots(page, "after-download").parent
                (folder / names[0]).write_bytes(archive.read(names[0]))
        finally:
            context.close()
