"""Lead time of a bulk order, from stock on hand and the shelters' recorded weekly capacity.

Pure Python: the service reads stock and capacity and hands them here. Pieces in stock are
packed at once; the rest are made by the shelters whose makers make each product, in
proportion to each shelter's recorded pieces a week. A shelter that makes several of the
ordered products carries all their shares, so two products from one shelter take longer than
either alone.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class LineNeed:
    product_id: int
    title: str
    quantity: int
    in_stock: int
    capacity: dict[int, int]  # shelter id -> pieces a week

    @property
    def to_make(self) -> int:
        return max(0, self.quantity - max(0, self.in_stock))


@dataclass
class Plan:
    ready_on: datetime.date | None  # None: some product cannot be made by any shelter
    delivery_on: datetime.date | None
    weeks_of_making: int
    reasons: list[str] = field(default_factory=list)
    unmakeable: list[str] = field(default_factory=list)

    def meets(self, wanted: datetime.date | None) -> bool:
        return self.delivery_on is not None and (wanted is None or self.delivery_on <= wanted)


def plan(needs: list[LineNeed], *, today: datetime.date, packing_days: int,
         transit_days: int) -> Plan:
    load: dict[int, float] = {}
    capacity: dict[int, int] = {}
    unmakeable, reasons = [], []
    for need in needs:
        if not need.to_make:
            continue
        shelters = {s: c for s, c in need.capacity.items() if c > 0}
        total = sum(shelters.values())
        if not total:
            unmakeable.append(need.title)
            continue
        for shelter, cap in shelters.items():
            load[shelter] = load.get(shelter, 0) + need.to_make * cap / total
            capacity[shelter] = cap
        reasons.append(_(
            "%(make)d of the %(qty)d “%(title)s” must still be made (%(stock)d in stock); the "
            "shelters that make them record %(cap)d pieces a week between them."
        ) % {"make": need.to_make, "qty": need.quantity, "title": need.title,
             "stock": max(0, need.in_stock), "cap": total})
    weeks = max((math.ceil(load[s] / capacity[s] - 1e-9) for s in load), default=0)
    if unmakeable:
        return Plan(None, None, weeks, reasons, unmakeable)
    ready = today + datetime.timedelta(weeks=weeks, days=packing_days)
    if not reasons:
        reasons.append(_("Every piece is in stock: packing takes %(d)d days.") % {"d": packing_days})
    return Plan(ready, ready + datetime.timedelta(days=transit_days), weeks, reasons)
