"""csr_partners listens to payouts' money events (sent by the checkout in commerce): a captured
payment pledges on a verified employee's eligible bags, a refund reverses them. Both run in the
sender's transaction, after the ledger's own receiver posted the sale.

It also listens to its own announcements (csr_partners/signals.py, bulk/signals.py) and queues
the Celery work they call for once the write commits: campaign figures refreshed, a recipients
file checked, a bulk order's pledges, the buyer's emails."""

from django.db import transaction
from django.dispatch import receiver

from payouts.signals import payment_captured, refund_recorded

from . import services, tasks
from .bulk import tasks as bulk_tasks
from .bulk.signals import bulk_event, emails_wanted, recipients_uploaded
from .signals import pledges_changed


@receiver(payment_captured, dispatch_uid="csr-partners-pledge-on-capture")
def on_payment_captured(sender, order, **kwargs):
    services.pledge_order(order)


@receiver(refund_recorded, dispatch_uid="csr-partners-reverse-on-refund")
def on_refund_recorded(sender, order, lines, refund_id, by_amount=None, amount_paise=0,
                       **kwargs):
    if by_amount is not None:
        from .pledge_reversals import reverse_pledges_pro_rata

        reverse_pledges_pro_rata(order, by_amount[0], amount_paise=amount_paise,
                                 refund_id=refund_id)
        return
    services.reverse_pledges(order, lines, refund_id)


# --- Our own announcements: the Celery work, queued on commit ----------------------------------
@receiver(pledges_changed, dispatch_uid="csr-partners-refresh-figures")
def refresh_figures_on_commit(sender, tieup_ids, **kwargs):
    for tieup_id in tieup_ids:
        transaction.on_commit(lambda t=tieup_id: tasks.refresh_campaign_figures.delay(t))


@receiver(recipients_uploaded, dispatch_uid="csr-partners-check-recipients")
def check_recipients_on_commit(sender, upload_id, **kwargs):
    transaction.on_commit(lambda: bulk_tasks.check_recipient_upload.delay(upload_id))


# Connected before the email receiver: a placed order's pledge task is queued before its emails.
@receiver(bulk_event, dispatch_uid="csr-partners-pledge-bulk-order")
def pledge_bulk_order_on_commit(sender, kind, object_id, **kwargs):
    if kind == "order_placed":
        transaction.on_commit(lambda: bulk_tasks.pledge_bulk_order.delay(object_id))


@receiver(bulk_event, dispatch_uid="csr-partners-bulk-email")
def email_buyer_on_commit(sender, kind, object_id, **kwargs):
    """The buyer's email (Celery; the PDFs attached), unless demo data is being written."""
    if emails_wanted():
        transaction.on_commit(lambda: bulk_tasks.send_bulk_email.delay(kind, object_id))
