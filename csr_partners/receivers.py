"""csr_partners listens to payouts' money events (sent by storefront's checkout fork): a
captured payment pledges on a verified employee's eligible bags, a refund reverses them. Both
run in the sender's transaction, after the ledger's own receiver posted the sale."""

from django.dispatch import receiver

from payouts.signals import payment_captured, refund_recorded

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
