"""The exhibitions app answers payouts: which sales on a maker's statement were made at a stall,
and the event's name to call them by ("Stall sale, College fest")."""

from django.dispatch import receiver

from payouts.statement_lines import stall_sale_names

from .models import EventSale


@receiver(stall_sale_names, dispatch_uid="exhibitions-stall-sale-names")
def name_stall_sales(sender, references, **kwargs):
    return dict(
        EventSale.objects.filter(order__number__in=list(references))
        .values_list("order__number", "event__name")
    )
