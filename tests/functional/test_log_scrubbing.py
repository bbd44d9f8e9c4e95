"""Issue 19: no vault value reaches any log, whichever logger or handler writes the line.

A maker's fake identity is planted in the vault; then URLs holding her legal name, phone and UPI
id are requested (a 404 and a 500), and runserver's and gunicorn's request lines are written
for them. Every handler the project's logging configuration installs (found by walking
logging's loggers, not only caplog) must have the filter, and none may print a planted value,
while the rest of each line is still there.
"""

import io
import logging
import runpy
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import path
from django.utils.log import configure_logging

from artisans import identity_services, log_filters, services, vault
from artisans.log_filters import ScrubVaultValues
from artisans.models import Artisan

pytestmark = pytest.mark.django_db

GUNICORN_CONF = Path(settings.BASE_DIR) / "ops" / "gunicorn.conf.py"
LEGAL_NAME = "Perpetua Ombrivale"
PHONE = "+91 70012 55498"
UPI = "perpetua.ombri@okfake"
PLANTED = [LEGAL_NAME, "Perpetua", "Ombrivale", PHONE, "70012 55498", "7001255498", UPI,
           "perpetua.ombri"]
# The name, phone and UPI id as a browser sends them: in the path and in a search.
TYPED = (f"/makers/{quote(LEGAL_NAME)}/{quote(PHONE)}/"
         f"?q={quote(UPI)}&who={LEGAL_NAME.replace(' ', '+')}")


def boom(request, rest):
    raise ValueError(f"could not handle {rest}")


urlpatterns = [path("boom/<path:rest>", boom)]


def leaked(text):
    return [value for value in PLANTED if value.lower() in text.lower()]


@pytest.fixture
def planted_maker():
    custodian = get_user_model().objects.get(username="identity-custodian")
    shelter = Artisan.objects.get(pseudonym="Juhi").shelter
    artisan = services.register_artisan(shelter=shelter, pseudonym="Log-scrub maker")
    identity_services.save_identity(user=custodian, artisan=artisan, reason="Checking the log filter",
                           data={"legal_name": LEGAL_NAME, "phone": PHONE, "upi_id": UPI})
    return artisan


def every_handler():
    """Each handler of each logger (and the root), as the project's configuration left them."""
    loggers = [logging.getLogger()] + [logger for logger in logging.root.manager.loggerDict.values()
                                       if isinstance(logger, logging.Logger)]
    found = {}
    for logger in loggers:
        for handler in logger.handlers:
            # pytest's own capture, and libraries' NullHandler (writes nothing) are not ours.
            if not type(handler).__module__.startswith("_pytest") and not isinstance(
                    handler, logging.NullHandler):
                found.setdefault(id(handler), (logger.name, handler))
    return list(found.values())


@pytest.fixture
def project_logging():
    """Logging configured exactly as at start-up (Django's defaults, then settings.LOGGING),
    with every handler writing into one buffer."""
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    buffer = io.StringIO()
    streams = []
    for _name, handler in every_handler():
        if isinstance(handler, logging.StreamHandler):
            streams.append((handler, handler.setStream(buffer)))
    yield buffer
    for handler, old in streams:
        handler.setStream(old)


def test_every_configured_handler_has_the_filter(project_logging):
    handlers = every_handler()
    assert logging.getLogger().handlers and logging.getLogger("django.server").handlers
    for name, handler in handlers:
        assert any(isinstance(f, ScrubVaultValues) for f in handler.filters), (name, handler)
    # Django's own, unfiltered handlers for "django" (console, error emails) are gone.
    assert logging.getLogger("django").handlers == []


def test_not_found_and_server_error_lines_hold_no_planted_value(client, planted_maker,
                                                               project_logging):
    assert client.get(TYPED).status_code == 404
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=__name__):
        assert client.get(f"/boom/{quote(LEGAL_NAME)}/{quote(UPI)}/").status_code == 500
    # runserver's request line, as django.core.servers.basehttp writes it.
    logging.getLogger("django.server").info('"%s" %s %s', f"GET {TYPED} HTTP/1.1", "404", "179")

    text = project_logging.getvalue()
    assert leaked(text) == [], text
    assert "Not Found: /makers/[redacted]/[redacted]/" in text
    assert "Internal Server Error: /boom/[redacted]/[redacted]/" in text
    assert "ValueError: could not handle [redacted]/[redacted]/" in text
    assert '"GET /makers/[redacted]/[redacted]/?q=[redacted]&who=[redacted] HTTP/1.1" 404' in text


def test_a_fresh_process_learns_the_vault_before_it_logs(client, planted_maker, project_logging,
                                                         monkeypatch):
    # A new gunicorn worker has read no identity yet: only the patterns would catch anything.
    monkeypatch.setattr(vault, "_known_values", set())
    monkeypatch.setattr(log_filters, "_learned_at", None)
    logging.getLogger("storefront").warning("asked for %s", f"/makers/{LEGAL_NAME}/")
    assert LEGAL_NAME in project_logging.getvalue()  # the gap the worker hook closes

    log_filters.learn_vault_values()
    client.get(TYPED)
    after = project_logging.getvalue().split("asked for", 1)[1]
    assert leaked(after.split("\n", 1)[1]) == []


class _Response:
    status, sent, headers = "404 Not Found", 179, [("Content-Type", "text/html")]


@pytest.fixture
def gunicorn_logger():
    """gunicorn's own logger class, set up from ops/gunicorn.conf.py, writing into a buffer."""
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    conf = runpy.run_path(str(GUNICORN_CONF))
    cfg = Config()
    for name in ("accesslog", "errorlog", "logconfig_dict"):
        cfg.set(name, conf[name])
    logger = Logger(cfg)
    buffer = io.StringIO()
    for log in (logger.access_log, logger.error_log, logging.getLogger()):
        for handler in log.handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(buffer)
    yield logger, buffer
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)  # back to the project's own


def test_gunicorns_access_and_error_logs_hold_no_planted_value(planted_maker, gunicorn_logger):
    logger, buffer = gunicorn_logger
    for log in (logger.access_log, logger.error_log):
        handlers = [h for h in log.handlers if not type(h).__module__.startswith("_pytest")]
        assert handlers and all(
            any(isinstance(f, ScrubVaultValues) for f in h.filters) for h in handlers)
    raw_path, _, query = TYPED.partition("?")
    environ = {"REQUEST_METHOD": "GET", "RAW_URI": TYPED, "PATH_INFO": raw_path,
               "QUERY_STRING": query, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "10.4.4.4",
               "HTTP_USER_AGENT": "Mozilla/5.0"}
    logger.access(_Response(), [("User-Agent", "Mozilla/5.0")], environ, timedelta(seconds=0.1))
    logger.error("Error handling request %s", f"/makers/{LEGAL_NAME}/")

    text = buffer.getvalue()
    assert leaked(text) == [], text
    assert '10.4.4.4 - - [' in text
    assert '"GET /makers/[redacted]/[redacted]/?q=[redacted]&who=[redacted] HTTP/1.1" 404 179' in text
    assert "Error handling request /makers/[redacted]/" in text

