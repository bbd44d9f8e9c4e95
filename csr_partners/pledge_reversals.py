"""A refund by amount on a pledged line gives back the same fraction of its pledges (issue 18).

Whole bags refunded reverse whole pledges (``services.reverse_pledges``). When the buyer keeps
the bag and gets money back (goodwill, a damaged handle), the company pledged on a price that
was not finally paid: the pledge left on the line is reduced pro rata (``payouts.refund_rules.
pledge_to_reverse``), shared among the line's pledges by largest remainder, each share a
``PledgeReversal`` and a ``[pledge:N:reversed:re_…]`` journal. Idempotent per refund id.
"""

from __future__ import annotations

from django.db.models import Sum
from django.utils import timezone

from payouts import fund
from payouts import refunds as payout_refunds
from payouts.refund_rules import pledge_to_reverse
from payouts.splitting import split_among

from .models import Company, Pledge, PledgeReversal, TieUp
from .signals import pledges_changed


def left_of(pledge: Pledge) -> int:
    given = pledge.part_reversals.aggregate(s=Sum("amount_paise"))["s"] or 0
    return pledge.amount_paise - given


def reverse_pledges_pro_rata(order, line, *, amount_paise: int,
                             refund_id: str) -> list[PledgeReversal]:
    active = list(Pledge.objects.select_for_update().filter(order_line=line,
                                                            status=Pledge.PLEDGED))
    if not active or PledgeReversal.objects.filter(pledge__in=active,
                                                   refund_id=refund_id).exists():
        return []
    lefts = {p.pk: left_of(p) for p in active}
    total = pledge_to_reverse(sum(lefts.values()), amount=amount_paise,
                              paid_left=payout_refunds.paid_before(order, line, refund_id))
    if not total:
        return []
    shares = split_among(total, lefts)
    now, made = timezone.now(), []
    for pledge in active:
        share = shares.get(pledge.pk, 0)
        if not share:
            continue
        made.append(PledgeReversal.objects.create(pledge=pledge, amount_paise=share,
                                                  refund_id=refund_id, reversed_at=now))
        tieup = TieUp.objects.select_for_update().get(pk=pledge.tieup_id)
        tieup.pledged_paise -= share
        if tieup.pledged_paise < tieup.cap_paise:
            tieup.cap_reached_at = None
        tieup.save(update_fields=["pledged_paise", "cap_reached_at"])
        fund.post_pledge_reversed(
            pledge_id=pledge.pk, company_key=Company(pk=pledge.company_id).ledger_key,
            amount_paise=share, refund_id=refund_id,
            memo=f"CSR pledge #{pledge.pk} partly reversed: refund {refund_id} by amount on "
                 f"order {order.number}")
    pledges_changed.send(sender=reverse_pledges_pro_rata, tieup_ids={p.tieup_id for p in active})
    return made
