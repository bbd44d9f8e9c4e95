"""Playwright driving Debian's chromium against pytest-django's live server."""

import io
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def shots(request):
    """Saves numbered screenshots under test-results/<test name>/."""
    folder = ROOT / "test-results" / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def shot(page, name):
        path = folder / f"{next(counter):02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shot


@pytest.fixture
def demo_site(live_server, media_root):
    """The live server with demo data (an earlier transactional test may have flushed it)."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server


@pytest.fixture(params=["phone", "desktop"])
def page(request, browser, demo_site):
    size = PHONE if request.param == "phone" else DESKTOP
    context = browser.new_context(viewport=size, base_url=demo_site.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    outside = []
    # Nothing may be fetched from outside our own server (no CDN; DESIGN.md section 10), except
    # Stripe (localstripe here): its Stripe.js and the card Element's calls.
    allowed = (demo_site.url, "data:", settings.STRIPE_API_BASE)
    page.on(
        "request",
        lambda req: None if req.url.startswith(allowed) else outside.append(req.url),
    )
    # The Content Security Policy refuses all inline code: any refusal on any page visited fails
    # the test (console "Refused to ..." and securitypolicyviolation events, init script below).
    refused = []
    page.on("console", lambda msg: refused.append(f"{page.url}: {msg.text}")
            if "Refused to" in msg.text else None)
    page.expose_function("haatCspViolation", lambda text: refused.append(text))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => window.haatCspViolation("
        "location.pathname + ': ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline') +"
        " ' ' + e.sourceFile + ':' + e.lineNumber));"
    )
    yield page
    context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert refused == [], f"the Content Security Policy refused: {refused}"
