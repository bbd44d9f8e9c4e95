"""A company's tie-up pledges on its own bulk order too, when the tie-up's rules include bulk
orders (``TieUp.includes_bulk_orders``) and the order is placed in the tie-up's window.

The pledges are csr_partners' ordinary Pledge rows (one per piece, amounts from the one split
function through ``payouts.services.pledge_quotes``, cut exactly at the cap under the tie-up's
row lock, each posted ``[pledge:N]``), so they appear on the company's donation statement and
never on the tax invoice, which covers goods only. Run in a Celery task after the order
commits: placing a 500-piece order stays fast."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from catalogue.money import to_paise
from payouts import fund
from payouts import services as payout_services

from .. import selectors as csr_selectors
from ..models import Pledge, TieUp
from ..models.bulk import BulkOrder
from ..signals import pledges_changed


def pledge_bulk_order(bulk_order_id: int) -> list[Pledge]:
    bulk = BulkOrder.objects.select_related("order", "company").get(pk=bulk_order_id)
    order = bulk.order
    day = timezone.localdate(bulk.placed_at)
    with transaction.atomic():
        if Pledge.objects.filter(order_number=order.number).exists():  # already pledged
            return list(Pledge.objects.filter(order_number=order.number))
        tieups = list(TieUp.objects.filter(
            company=bulk.company, active=True, includes_bulk_orders=True,
            starts_on__lte=day, ends_on__gte=day).order_by("starts_on", "pk"))
        if not tieups:
            return []
        lines = list(order.lines.order_by("pk"))
        by_product = csr_selectors.tieup_for_lines(
            tieups, {line.product_id for line in lines if line.product_id})
        created: list[Pledge] = []
        now = timezone.now()
        for tieup_id in sorted({t.pk for t in by_product.values()}):
            tieup = TieUp.objects.select_for_update().get(pk=tieup_id)
            mine = [line for line in lines if by_product.get(line.product_id)
                    and by_product[line.product_id].pk == tieup_id]
            quotes = payout_services.pledge_quotes(
                [(line.product_id, to_paise(line.unit_price_incl_tax))
                 for line in mine], rate=tieup.rate, basis=tieup.basis, when=bulk.placed_at)
            cap_left = tieup.cap_paise - tieup.pledged_paise
            rows = []
            for line, quote in zip(mine, quotes, strict=True):
                for unit in range(1, line.quantity + 1):
                    amount = min(quote.full, cap_left)
                    if amount <= 0:
                        break
                    cap_left -= amount
                    rows.append(Pledge(
                        tieup=tieup, company_id=tieup.company_id, order_line=line, unit=unit,
                        order_number=order.number, item=line.title[:255],
                        basis_paise=quote.basis, full_paise=quote.full, amount_paise=amount,
                        pledged_at=now))
            created += Pledge.objects.bulk_create(rows)
            tieup.pledged_paise = tieup.cap_paise - cap_left
            if tieup.pledged_paise >= tieup.cap_paise and tieup.cap_reached_at is None:
                tieup.cap_reached_at = now
            tieup.save(update_fields=["pledged_paise", "cap_reached_at"])
        key = bulk.company.ledger_key
        for item in created:
            fund.post_pledge(pledge_id=item.pk, company_key=key, amount_paise=item.amount_paise,
                             memo=f"CSR pledge #{item.pk}: bulk order {order.number}")
        pledges_changed.send(sender=pledge_bulk_order,
                             tieup_ids={item.tieup_id for item in created})
    return created
