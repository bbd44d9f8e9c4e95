"""A company's buyer accepts a bulk quote, uploads a recipients file with mistakes, reads every
fault, uploads the corrected file, places the order and downloads the GST tax invoice; the
invoice PDF is rendered to PNG and read back as text (GSTINs, IGST split, amount in words)."""

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from csr_partners.bulk import quoting
from csr_partners.models import Company
from csr_partners.models.bulk import BulkOrder, TaxInvoice
from tests.support.bulk import bag_product, recipients_csv, staff
from tests.unit.test_recipients_file import TEN_FAULTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sent_quote(demo_site):
    """Acme (the demo company, billed in Maharashtra) asked for 40 totes; staff sent the quote."""
    from django.contrib.auth import get_user_model

    company = Company.objects.get(name="Acme")
    Company.objects.filter(pk=company.pk).update(allows_net_terms=True)
    company.refresh_from_db()
    buyer = get_user_model().objects.get(username="csr-buyer")
    product = bag_product(in_stock=30, capacity=40, title="Women's Day jute tote")
    quote = quoting.request_quote(
        user=buyer, company=company, lines=[(product, 40)], delivery="many",
        wanted_by=timezone.localdate() + datetime.timedelta(days=60))
    quoting.send_quote(user=staff("bulk-browser-sales", "Admin"), quote=quote)
    return quote


# The file is checked by a Celery worker (PostgreSQL runs) and the page reloads when the
# check is done; its polling backs off to 4 s, so a loaded machine needs more than 5 s.
CHECK_WAIT_MS = 30_000


def test_buyer_fixes_the_file_places_the_order_and_gets_the_invoice(
        page, shots, sent_quote, tmp_path, request):
    from tests.support.auth import browser_sign_in

    quote_url = reverse("csr_partners:bulk:quote", args=[sent_quote.pk])
    browser_sign_in(page, "csr-buyer", next_url=quote_url)
    page.goto(quote_url)
    expect(page.locator("h1")).to_contain_text(sent_quote.reference)
    expect(page.get_by_text("IGST").first).to_be_visible()
    shots(page, "quote")

    page.get_by_label("Your purchase order (PO) number").fill("ACME/PO/2027/118")
    page.get_by_label("Net 30 days, bank transfer").check()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_text("Quote accepted")).to_be_visible()

    bad, good = tmp_path / "staff.csv", tmp_path / "staff-fixed.csv"
    bad.write_text(TEN_FAULTS, encoding="utf-8")
    good.write_text(recipients_csv(40), encoding="utf-8")
    page.get_by_label("Recipients file (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("has 10 problems")).to_be_visible(timeout=CHECK_WAIT_MS)
    faults = page.locator(".bulk-faults tbody tr")
    expect(faults).to_have_count(10)
    expect(page.get_by_text("PIN code 700019 is in West Bengal, not Karnataka.")).to_be_visible()
    shots(page, "file-faults")

    page.get_by_label("Recipients file (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_text("40 recipients saved.")).to_be_visible(timeout=CHECK_WAIT_MS)
    shots(page, "recipients-saved")
    page.get_by_role("button", name="Place the order").click()
    page.wait_for_url("**/partners/bulk/orders/**")
    expect(page.locator(".bulk-status--waiting")).to_have_count(40)
    shots(page, "order")

    bulk = BulkOrder.objects.get(quote=sent_quote)
    assert bulk.shipments.count() == 40 and bulk.pieces_to_make == 10
    invoice = TaxInvoice.objects.get(bulk_order=bulk)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Tax invoice {invoice.number}").click()
    pdf = tmp_path / "invoice.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if request.node.callspec.params.get("page") != "desktop":
        return  # the PDF is the same file on both viewports: read it once
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm, pdftotext) is not installed")
    folder = Path(shots(page, "after-download")).parent
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf),
                    str(folder / "invoice")], check=True)
    assert (folder / "invoice.png").stat().st_size > 10_000
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "TAX INVOICE" in text and invoice.number in text
    assert "GSTIN: 19AAATH1234K1Z5" in text          # the supplier (West Bengal)
    assert "GSTIN: 27AABCA1234F1Z9" in text          # Acme (Maharashtra)
    assert "IGST" in text and "SGST" not in text      # another state: IGST only
    assert "Place of supply" in text and "Maharashtra" in text
    assert "ACME/PO/2027/118" in text and "Payment due by" in text
    assert "Rupees" in text and "Only" in text
