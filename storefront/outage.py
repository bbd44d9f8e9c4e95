"""What a visitor sees when the database drops away under a request (issue 19).

A restarted or failed-over PostgreSQL breaks the connections of the requests in flight. Django
then answers with its 500 page, which tells a shopper nothing about the one thing she needs to
know in the middle of a checkout: whether she has paid. This handler (``handler500`` in
storefront/urls.py) answers such a request with 503 and the outage page instead, and every
other error with Django's own 500 page (templates/500.html).

The page may say "no money is taken for an order we could not record" because the checkout
only captures a payment after the order is committed (commerce/checkout/services.py),
and the payment sweep places or releases every authorisation left behind
(tests/faults/test_database_restart.py). It is rendered with no request context and no query:
the database is the part that is down.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger("storefront.outage")

DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    exc = sys.exc_info()[1]
    if not isinstance(exc, DATABASE_DOWN):
        return defaults.server_error(request, template_name)
    logger.error("The database could not be reached: %s", exc.__class__.__name__)
    response = HttpResponse(render_to_string("503_database.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
