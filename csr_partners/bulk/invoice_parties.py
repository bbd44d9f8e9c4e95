"""Who an invoice is from, billed to and shipped to, as a tax invoice and its e-invoice print
them: the buyer's address with its PIN once, GST state codes, and the ship-to (the order's
recipients) kept apart from the bill-to (the company's billing address)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .india import GST_STATE_CODES, canonical_state

_PIN = re.compile(r"\b(\d{6})\b")
CODE_OF_STATE = {state: code for code, state in GST_STATE_CODES.items()}


def state_code(state: str) -> str:
    """The two-digit GST code of a state ("27" for Maharashtra), "" when unknown."""
    return CODE_OF_STATE.get(canonical_state(state) or "", "")


@dataclass(frozen=True)
class Address:
    name: str
    lines: list[str]
    location: str
    state: str
    pin: str
    gstin: str = ""

    @property
    def state_code(self) -> str:
        return state_code(self.state)


@dataclass(frozen=True)
class ShipTo:
    """One address, or several (a parcel per recipient): then ``address`` is None and the
    invoice names how many addresses in which states."""

    address: Address | None
    addresses: int = 0
    parcels: int = 0
    states: list[str] = field(default_factory=list)


def buyer(invoice) -> Address:
    """The bill-to frozen on the invoice, its PIN taken out of the text and kept once."""
    text = invoice.buyer_address or ""
    pins = _PIN.findall(text)
    pin = pins[-1] if pins else ""
    state = invoice.place_of_supply
    lines = []
    for raw in text.splitlines():
        line = " ".join(_PIN.sub("", raw).split()).replace(" ,", ",").strip(" ,")
        if line and canonical_state(line) != canonical_state(state):
            lines.append(line)
    parts = [p.strip() for p in (lines[-1] if lines else "").split(",") if p.strip()]
    return Address(name=invoice.buyer_name, lines=lines, location=parts[-1] if parts else state,
                   state=state, pin=pin, gstin=invoice.buyer_gstin)


def supplier(invoice) -> Address:
    s = invoice.supplier
    address = " ".join(_PIN.sub("", s.get("address", "")).split()).replace(" ,", ",")
    lines = [address.strip(" ,")]
    return Address(name=s.get("legal_name", ""), lines=lines, location=s.get("location", ""),
                   state=s.get("state", ""), pin=s.get("pin_code", ""), gstin=s.get("gstin", ""))


def ship_to(invoice) -> ShipTo:
    """Where the goods go: the order's recipients (several parcels) or its one address."""
    recipients = list(invoice.bulk_order.quote.recipients.order_by("row"))
    distinct = {(r.address_line1, r.address_line2, r.city, r.pin_code): r for r in recipients}
    if len(distinct) == 1:
        r = recipients[0]
        return ShipTo(address=Address(
            name=r.name, lines=[x for x in (r.address_line1, r.address_line2) if x],
            location=r.city, state=canonical_state(r.state) or r.state, pin=r.pin_code),
            addresses=1, parcels=len(recipients))
    states = sorted({canonical_state(r.state) or r.state for r in recipients})
    return ShipTo(address=None, addresses=len(distinct), parcels=len(recipients), states=states)


def billing_block(company) -> str:
    """The bill-to address as the invoice prints it."""
    lines = [company.billing_address.strip()]
    tail = " ".join(x for x in (company.billing_state, company.billing_pin_code) if x)
    if tail and tail not in lines[0]:
        lines.append(tail)
    return "\n".join(x for x in lines if x)
