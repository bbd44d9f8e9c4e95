"""A tax invoice or credit note as GST e-invoice JSON (schema version 1.1, the INV-01 form the
Invoice Registration Portal takes), from the same frozen lines the PDF prints.

Every amount comes from the invoice's own lines (``TaxInvoiceLine``: taxable value and each
head's tax, computed once by ``invoicing``), so the JSON's totals are the PDF's and the
ledger's to the paisa; ``ValDtls.RndOffAmt`` carries the invoice's round-off, so
``TotInvVal`` is the total agreed (AssVal + CgstVal + SgstVal + IgstVal + RndOffAmt). Amounts
are JSON numbers with two decimals (the unit price three, as the schema allows), written from
Decimal without passing through float. GST rates are percents (5, not 0.05). The shop does not call the portal: finance uploads the file (or hands it to a
GST suvidha provider) and receives the IRN and signed QR code back.
"""

from __future__ import annotations

import json
from decimal import Decimal

from .invoice_parties import Address, buyer, ship_to, state_code, supplier
from .invoicing import is_service

VERSION = "1.1"
TWO = Decimal("0.01")
THREE = Decimal("0.001")


def _amount(paise: int) -> Decimal:
    return (Decimal(paise) / 100).quantize(TWO)


def _party(address: Address, *, with_gstin: bool = True) -> dict:
    party = {"Gstin": address.gstin} if with_gstin else {}
    party.update({
        "LglNm": address.name[:100],
        "Addr1": (address.lines[0] if address.lines else address.location)[:100],
        "Loc": address.location[:50],
        "Pin": int(address.pin) if address.pin.isdigit() else None,
        "Stcd": address.state_code,
    })
    rest = [x for x in address.lines[1:] if x != address.location]  # Loc says the town
    if rest:
        party["Addr2"] = ", ".join(rest)[:100]
    return party


def _item(n: int, line) -> dict:
    service = is_service(line.hsn_code)
    taxable = _amount(line.taxable_paise)
    return {
        "SlNo": str(n),
        "PrdDesc": line.description[:300],
        "IsServc": "Y" if service else "N",
        "HsnCd": line.hsn_code,
        "Qty": Decimal(line.quantity).quantize(TWO),
        "Unit": "OTH" if service else "PCS",
        "UnitPrice": (taxable / line.quantity).quantize(THREE) if line.quantity else taxable,
        "TotAmt": taxable,
        "AssAmt": taxable,
        "GstRt": (Decimal(line.gst_rate) * 100).quantize(TWO),
        "IgstAmt": _amount(line.igst_paise),
        "CgstAmt": _amount(line.cgst_paise),
        "SgstAmt": _amount(line.sgst_paise),
        "TotItemVal": _amount(line.total_paise),
    }


def document(invoice) -> dict:
    """The e-invoice of ``invoice`` (a TaxInvoice of either kind) as a dict of Decimals."""
    credit = invoice.kind == invoice.CREDIT_NOTE
    bill_to = buyer(invoice)  # a credit note copies its invoice's parties
    doc = {
        "Version": VERSION,
        "TranDtls": {"TaxSch": "GST", "SupTyp": "B2B", "RegRev": "N", "IgstOnIntra": "N"},
        "DocDtls": {"Typ": "CRN" if credit else "INV", "No": invoice.number,
                    "Dt": invoice.issued_on.strftime("%d/%m/%Y")},
        "SellerDtls": _party(supplier(invoice)),
        "BuyerDtls": {**_party(bill_to), "Pos": state_code(invoice.place_of_supply)},
    }
    if invoice.buyer_gstin[:2].isdigit():
        doc["BuyerDtls"]["Stcd"] = invoice.buyer_gstin[:2]  # the portal checks it against the GSTIN
    dest = ship_to(invoice)
    if dest.address is not None:
        doc["ShipDtls"] = _party(dest.address, with_gstin=False)
    doc["ItemList"] = [_item(n, line) for n, line in enumerate(invoice.lines.all(), start=1)]
    doc["ValDtls"] = {
        "AssVal": _amount(invoice.taxable_paise),
        "CgstVal": _amount(invoice.cgst_paise),
        "SgstVal": _amount(invoice.sgst_paise),
        "IgstVal": _amount(invoice.igst_paise),
        "RndOffAmt": _amount(invoice.round_off_paise),  # TotInvVal = AssVal + taxes + this
        "TotInvVal": _amount(invoice.total_paise),
    }
    if credit:
        doc["RefDtls"] = {"PrecDocDtls": [{
            "InvNo": invoice.against.number,
            "InvDt": invoice.against.issued_on.strftime("%d/%m/%Y"),
        }]}
    elif invoice.due_on and invoice.due_on != invoice.issued_on:
        s = invoice.supplier
        doc["PayDtls"] = {
            "Nm": s.get("legal_name", "")[:100], "AccDet": s.get("bank_account", ""),
            "Mode": "Credit Transfer", "FinInsBr": s.get("ifsc", ""),
            "PayTerm": "Net terms, by bank transfer or UPI to " + s.get("upi_id", ""),
            "CrDay": (invoice.due_on - invoice.issued_on).days,
            "PaymtDue": _amount(invoice.total_paise),
        }
    return doc


def dumps(doc) -> str:
    """JSON text with Decimals written as numbers, exactly as they are (no float)."""
    if isinstance(doc, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {dumps(v)}" for k, v in doc.items()) + "}"
    if isinstance(doc, list):
        return "[" + ", ".join(dumps(v) for v in doc) + "]"
    if isinstance(doc, Decimal):
        return format(doc, "f")
    return json.dumps(doc, ensure_ascii=False)


def einvoice_json(invoice) -> str:
    return dumps(document(invoice))
