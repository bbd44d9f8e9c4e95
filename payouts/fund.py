"""The training fund (DESIGN.md section 4): inflows from every sale (the split) and every CSR
pledge; disbursements to training programmes and seed grants, each approved by a second
finance user and posted to the ledger as ``fund:<id>``."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import format_count, format_paise_figure

from . import ledger
from .models import FundDisbursement, Journal, Programme
from .roles import is_finance


def seed_grant_range_paise() -> tuple[int, int]:
    low, high = getattr(settings, "PAYOUTS_SEED_GRANT_RANGE_PAISE", (800_000, 2_000_000))
    return int(low), int(high)


def _require_finance(user):
    if not is_finance(user):
        raise PermissionDenied(_("Only finance staff may record or approve fund disbursements."))


def fund_balance() -> int:
    """What the fund holds, in paise (positive)."""
    return -ledger.balance(ledger.TRAINING_FUND)


def request_disbursement(*, user, head, amount_paise, description, programme=None,
                         artisan=None) -> FundDisbursement:
    _require_finance(user)
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("The amount must be a positive number of rupees."))
    description = " ".join((description or "").split())
    if not description:
        raise ValidationError(_("Say what the money is for."))
    if head == FundDisbursement.SEED_GRANT:
        if artisan is None or programme is not None:
            raise ValidationError(_("A seed grant goes to one maker, not to a programme."))
        low, high = seed_grant_range_paise()
        if not low <= amount_paise <= high:
            raise ValidationError(
                _("A seed grant is between INR %(low)s and INR %(high)s.")
                % {"low": format_count(low // 100), "high": format_count(high // 100)}
            )
    elif head in (FundDisbursement.TRAINER_FEES, FundDisbursement.MATERIALS):
        if programme is None or artisan is not None:
            raise ValidationError(_("Trainer fees and materials belong to a training programme."))
    else:
        raise ValidationError(_("Choose what the money is for."))
    if amount_paise > fund_balance():
        raise ValidationError(
            _("The fund holds INR %(b)s: it cannot pay INR %(a)s.")
            % {"b": format_paise_figure(fund_balance()),
               "a": format_paise_figure(amount_paise)}
        )
    return FundDisbursement.objects.create(
        head=head, amount_paise=amount_paise, description=description, programme=programme,
        artisan=artisan, requested_by=user,
    )


@transaction.atomic
def approve_disbursement(*, user, disbursement: FundDisbursement) -> FundDisbursement:
    """The second finance user approves; the money leaves the fund (posted once)."""
    _require_finance(user)
    item = FundDisbursement.objects.select_for_update().get(pk=disbursement.pk)
    if item.status != FundDisbursement.REQUESTED:
        raise ValidationError(_("This disbursement has already been approved."))
    if item.requested_by_id == user.pk:
        raise ValidationError(_("You recorded this disbursement: another finance user must approve it."))
    # Hold the fund steady while checking its balance (serialises approvals on PostgreSQL).
    ledger.account(ledger.TRAINING_FUND)
    from .models import Account

    Account.objects.select_for_update().get(code=ledger.TRAINING_FUND)
    if item.amount_paise > fund_balance():
        raise ValidationError(
            _("The fund holds INR %(b)s: it cannot pay INR %(a)s.")
            % {"b": format_paise_figure(fund_balance()),
               "a": format_paise_figure(item.amount_paise)}
        )
    journal = ledger.post(
        f"fund:{item.pk}", f"Training fund: {item.get_head_display()} - {item.description}",
        [(ledger.TRAINING_FUND, item.amount_paise), (ledger.BANK, -item.amount_paise)],
        event=Journal.FUND, reference=f"fund:{item.pk}", user=user,
    )
    item.status, item.approved_by, item.approved_at = FundDisbursement.PAID, user, timezone.now()
    item.journal = journal
    item.save(update_fields=["status", "approved_by", "approved_at", "journal"])
    return item


def add_programme(*, user, name, schedule_vii_head, description="", trainees=0) -> Programme:
    _require_finance(user)
    programme = Programme(name=" ".join((name or "").split()), schedule_vii_head=schedule_vii_head,
                          description=description, trainees=trainees or 0)
    programme.full_clean()
    programme.save()
    return programme


# --- CSR pledges (for csr_partners, which sits above payouts) ---------------------------------
def post_pledge(*, pledge_id: int, company_key: str, amount_paise: int, memo: str = "") -> Journal:
    """A company pledged to the fund: its receivable up, the fund credited. ``[pledge:N]``."""
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("A pledge must be a positive amount."))
    return ledger.post(
        f"pledge:{pledge_id}", memo or f"CSR pledge #{pledge_id}",
        [(ledger.csr_receivable_code(company_key), amount_paise),
         (ledger.TRAINING_FUND, -amount_paise)],
        event=Journal.PLEDGE, reference=company_key,
    )


def post_pledge_reversed(*, pledge_id: int, company_key: str, amount_paise: int,
                         memo: str = "", refund_id: str = "") -> Journal:
    """A pledged bag was refunded: the exact reverse of ``[pledge:N]``, as
    ``[pledge:N:reversed]`` (journals are append-only; corrections are new journals). A part
    given back for a refund by amount (``refund_id``) is ``[pledge:N:reversed:re_…]``."""
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("A pledge must be a positive amount."))
    return ledger.post(
        f"pledge:{pledge_id}:reversed" + (f":{refund_id}" if refund_id else ""), memo or f"CSR pledge #{pledge_id} reversed (refund)",
        [(ledger.TRAINING_FUND, amount_paise),
         (ledger.csr_receivable_code(company_key), -amount_paise)],
        event=Journal.PLEDGE, reference=company_key,
    )


def csr_receivable(company_key: str) -> int:
    """What a company still owes of its pledges, in paise (its CSR receivable's balance)."""
    return ledger.balance(ledger.csr_receivable_code(company_key))


def post_pledge_received(*, payment_id: int, company_key: str, amount_paise: int,
                         memo: str = "") -> Journal:
    """A company's payment of its pledges reached the bank. ``[csrpay:N]``."""
    if not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("A payment must be a positive amount."))
    return ledger.post(
        f"csrpay:{payment_id}", memo or f"CSR payment #{payment_id}",
        [(ledger.BANK, amount_paise), (ledger.csr_receivable_code(company_key), -amount_paise)],
        event=Journal.PLEDGE_PAID, reference=company_key,
    )
