"""The ledger listens to the money events (DESIGN.md section 2: signals are defined in the lower
layer and received here). Each posting runs in the sender's transaction and is idempotent."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from artisans.signals import batch_accepted

from . import services
from .models import SplitSetting
from .signals import payment_captured, refund_recorded


@receiver(batch_accepted, dispatch_uid="payouts-batch-accepted")
def on_batch_accepted(sender, batch, **kwargs):
    services.post_batch_accepted(batch)


@receiver(payment_captured, dispatch_uid="payouts-payment-captured")
def on_payment_captured(sender, order, intent_id, amount_paise, **kwargs):
    services.post_payment_captured(order=order, intent_id=intent_id, amount_paise=amount_paise)


@receiver(refund_recorded, dispatch_uid="payouts-refund-recorded")
def on_refund_recorded(sender, order, lines, amount_paise, refund_id, by_amount=None, **kwargs):
    if by_amount is not None:
        from .refunds import post_amount_refund

        line, reason = by_amount
        post_amount_refund(order=order, line=line, reason=reason, amount_paise=amount_paise,
                           refund_id=refund_id)
        return
    services.post_refund(order=order, lines=lines, amount_paise=amount_paise, refund_id=refund_id)


@receiver([post_save, post_delete], sender=SplitSetting, dispatch_uid="payouts-split-cache")
def on_split_setting_changed(sender, **kwargs):
    cache.delete(services.CURRENT_SPLIT_CACHE_KEY)
