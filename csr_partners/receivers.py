"""csr_partners listens to payouts' money events (sent by storefront's checkout fork): a
captured payment pledges on a verified employee's eligible bags, a refund reverses them. Both
run in the sender's transaction, after the ledger's own receiver posted the sale."""

from django.dispatch import receiver

from payouts.signals import payment_captured, refund_recorded
from payouts.statement_lines import bulk_order_numbers

from . import services


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


@receiver(bulk_order_numbers, dispatch_uid="csr-partners-bulk-order-numbers")
def number_bulk_orders(sender, references, **kwargs):
    """For a maker's statement: the bulk order each tax invoice is about ("Bulk order B000007
    share"), by its order number only."""
    from .models.bulk import TaxInvoice

    return dict(
        TaxInvoice.objects.filter(number__in=list(references))
        .values_list("number", "bulk_order__order__number")
    )
