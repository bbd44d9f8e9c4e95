"""Privacy rule 1 (DESIGN.md section 7): a maker's legal identity and her shelter's address
reach no public page, email or log line.

A unique fake identity is planted in the vault, the flows that touch makers run (a batch recorded
and accepted, consent changed, the custodian reading the record, a shopper registering and
resetting a password), and then every public page reachable from the home page, the sitemap,
the catalogue, every product and every maker page is fetched. Neither the name, the phone nor
the address may appear in any of them, in any email sent, or in the log output.
"""

import io
import logging
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from artisans import consent_services, identity_services
from artisans.log_filters import ScrubVaultValues
from artisans.models import Artisan, Consent
from tests.support.auth import sign_in
from tests.workshop_support import checker, jpeg, recorder

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")

pytestmark = pytest.mark.django_db

LEGAL_NAME = "Quillonia Brackenwhistle"
PHONE = "+91 70012 34987"
SECRETS = [LEGAL_NAME, "Quillonia", "Brackenwhistle", PHONE, "70012 34987", "7001234987",
           "Plot 41 Hidden Lane", "UTIB0999999", "quillonia@okfake", "5550001112223"]
# Areas that are not public: staff back offices and actions that change state.
NOT_PUBLIC = ("/dashboard", "/cms", "/admin", "/workshop", "/i18n", "/shop/accounts/logout",
              "/shop/basket/add", "/documents", "/media")
MAX_PAGES = 400


def find_secret(text):
    return [s for s in SECRETS if s.lower() in text.lower()]


def links(html):
    for href in re.findall(r'(?:href|src|action)="([^"]+)"', html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.hostname not in ("testserver", "localhost"):
            continue
        if href.startswith(("mailto:", "tel:", "javascript:", "data:")) or not href:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and not path.startswith(NOT_PUBLIC) and "/static/" not in path:
            yield path


def resolver_paths(patterns=None, prefix=""):
    """Every path in the URL configuration that takes no argument (including /partners/ pages
    other issues add), so pages no link reaches are fetched too."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or "\\" in route:
            continue
        route = route.lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(entry, URLResolver):
            yield from resolver_paths(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            path = "/" + prefix + route
            if not path.startswith(NOT_PUBLIC) and "*" not in path and "\\" not in path:
                yield path


@pytest.fixture
def log_output():
    """Everything the configured console handler writes during the test."""
    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, ScrubVaultValues) for f in h.filters))
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_no_legal_identity_reaches_any_public_page_email_or_log(client, caplog, log_output):
    caplog.set_level(logging.DEBUG)
    juhi = Artisan.objects.get(pseudonym="Juhi")
    custodian = get_user_model().objects.get(username="identity-custodian")
    identity_services.save_identity(user=custodian, artisan=juhi, reason="Planting the crawl identity", data={
        "legal_name": LEGAL_NAME, "phone": PHONE, "bank_account": "5550001112223",
        "ifsc": "UTIB0999999", "upi_id": "quillonia@okfake", "id_number": "DL-0420-FAKE",
        "emergency_contact": "Quillonia's sister, +91 70012 34987",
    })
    shelter = juhi.shelter
    shelter.private_address = "Plot 41 Hidden Lane, somewhere in West Bengal"
    shelter.save()

    # The custodian reads the record through her page (the only place it may show).
    sign_in(client, custodian)
    url = reverse("artisans-dashboard:artisans-identity", kwargs={"pk": juhi.pk})
    page = client.post(url, {"action": "view", "reason": "Checking the bank details for payout"})
    assert LEGAL_NAME in page.content.decode()

    # A one-off batch by the planted maker is recorded, checked and stocked.
    kind = ProductClass.objects.get(is_one_off=True)
    sign_in(client, recorder())
    response = client.post(
        reverse("workshop:batch-new", kwargs={"shelter_pk": shelter.pk}),
        {"what": f"c:{kind.pk}", "made_on": "2026-11-20", "piece_rate": "60", "price": "1200",
         f"maker_{juhi.pk}": "1", "notes": "Red border", "action": "submit", "photos": [jpeg()]},
    )
    assert response.status_code == 302
    batch_url = response["Location"]
    sign_in(client, checker())
    client.post(batch_url, {f"accept_{juhi.pk}": "1"})
    # Consent for the quote is withdrawn and granted again.
    consent_services.record_consent(artisan=juhi, kind=Consent.QUOTE, granted=False, by=custodian)
    consent_services.record_consent(artisan=juhi, kind=Consent.QUOTE, granted=True, by=custodian)
    client.logout()

    # A shopper registers and asks for a password reset: emails go out.
    registered = client.post(reverse("customer:login"), {
        "registration-email": "crawl-shopper@example.in",
        "registration-password1": "a-long-passphrase-2026",
        "registration-password2": "a-long-passphrase-2026",
        "registration_submit": "Register",
    })
    assert registered.status_code == 302, "the shopper is registered"
    client.logout()
    client.post(reverse("password-reset"), {"email": "crawl-shopper@example.in"})
    assert mail.outbox, "the flows above send email"

    # The crawl.
    # Search does not find the maker by her legal name or phone (the page echoes the query).
    for query in (LEGAL_NAME, "Brackenwhistle", "7001234987", PHONE):
        found = client.get(reverse("search:search"), {"q": query})
        assert found.context["paginator"].count == 0

    seeds = ["/", "/sitemap.xml", reverse("catalogue:index"), reverse("artisans:makers")]
    seeds += [p.get_absolute_url() for p in Product.objects.browsable()]
    seeds += [a.get_absolute_url() for a in Artisan.objects.all()]
    seeds += [c.get_absolute_url() for c in Category.objects.all()]
    queue, seen, fetched, leaks = deque(seeds), set(), 0, []
    saw_maker = False
    while queue and fetched < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        fetched += 1
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        # 405: a form's action (add to basket) is followed like a link but only takes a POST.
        assert response.status_code in (200, 404, 405), (path, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        if find_secret(text) or find_secret(path):
            leaks.append((path, find_secret(text + path)))
        saw_maker = saw_maker or "Made by" in text and "Juhi" in text
        if path == "/sitemap.xml":
            queue.extend(urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", text))
        elif "html" in response.get("Content-Type", ""):
            queue.extend(links(text))
    # Every argument-free URL of the resolver, anonymously and as a CSR buyer (partner pages),
    # and the error pages.
    from tests.support.auth import demo_user

    for who in (None, "csr-buyer"):
        if who:
            sign_in(client, demo_user(who))
        for path in sorted(set(resolver_paths())):
            response = client.get(path)
            fetched += 1
            assert response.status_code < 500, (who, path, response.status_code)
            if response.streaming:
                continue
            text = response.content.decode("utf-8", "replace")
            if response.get("Content-Type", "").startswith("application/pdf"):
                import subprocess

                text = subprocess.run(["pdftotext", "-", "-"], input=response.content,
                                      capture_output=True, timeout=60).stdout.decode()
                assert text.strip(), path  # the PDF's text was really read
            if find_secret(text):
                leaks.append((who, path, find_secret(text)))
        client.logout()
    print(f"privacy crawl: {fetched} pages fetched, {len(mail.outbox)} emails")
    assert leaks == []
    assert fetched > 40, f"the crawl reached only {fetched} pages"
    assert saw_maker, "the crawl saw the maker's public pages"

    # Every email sent.
    for message in mail.outbox:
        parts = [message.subject, message.body, *message.to]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        assert find_secret("\n".join(map(str, parts))) == [], message.subject

    # The log: nothing logged these values at all, and the configured handler wrote none.
    logging.getLogger("haat.crawl").warning("crawl done; payout to %s", LEGAL_NAME)
    assert find_secret("\n".join(r.getMessage() for r in caplog.records[:-1])) == []
    assert find_secret(log_output.getvalue()) == []
    assert "crawl done; payout to [redacted]" in log_output.getvalue()
