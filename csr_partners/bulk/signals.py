"""What happened to a bulk order, announced (never asked for a result). Each is sent inside the
writer's transaction; csr_partners/receivers.py queues the Celery work on commit, so a
rolled-back write queues nothing.

* ``bulk_event`` (``kind``, ``object_id``): ``quote_sent``, ``quote_accepted`` (a Quote);
  ``order_placed``, ``dispatched`` (a BulkOrder); ``invoice_issued`` (a TaxInvoice);
  ``payment_received`` (an InvoicePayment). The buyer is emailed (with the PDFs attached), and
  a placed order pledges on its company's tie-up.
* ``recipients_uploaded`` (``upload_id``): a recipients file was kept; it is checked.

``without_emails`` writes demo data without emailing anyone (load_demo): the announcements are
sent all the same, the email receiver stays silent.
"""

import contextlib
import contextvars

from django.dispatch import Signal

bulk_event = Signal()
recipients_uploaded = Signal()

_quiet = contextvars.ContextVar("bulk_emails_quiet", default=False)


@contextlib.contextmanager
def without_emails():
    """Write demo data without emailing anyone (load_demo)."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def emails_wanted() -> bool:
    return not _quiet.get()


def announce(kind: str, object_id: int):
    """``bulk_event`` for one object (see above)."""
    bulk_event.send(sender=announce, kind=kind, object_id=object_id)
