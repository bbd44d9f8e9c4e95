"""What the exhibitions app tells payouts when asked: which sales on a maker's statement were
made at a stall, and the event's name to call them by ("Stall sale, College fest"). Registered
with payouts.statement_lines in ExhibitionsConfig.ready."""

from .models import EventSale


def stall_sale_names(references) -> dict[str, str]:
    return dict(
        EventSale.objects.filter(order__number__in=list(references))
        .values_list("order__number", "event__name")
    )
