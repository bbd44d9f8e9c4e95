"""Writes of csr_partners: employee verification, pledges at capture and their reversal on
refund, the companies' payments. Bad input raises ValidationError before anything is written.

Money is integer paise; every pledge amount comes from payouts.splitting (through
payouts.services.pledge_quotes) and is posted to the ledger by payouts.fund. Which tie-ups a
shopper is verified for and which bags they cover are reads (selectors); a change to pledges is
announced (signals.pledges_changed) and the campaign figures refreshed on commit."""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.money import format_paise_figure, to_paise
from payouts import fund
from payouts import services as payout_services
from payouts.roles import is_finance

from . import conf, selectors
from .models import Company, EmployeeVerification, Pledge, PledgePayment, TieUp
from .signals import pledges_changed

logger = logging.getLogger("csr_partners.services")

SIGNING_SALT = "csr_partners.employee-verification"


# --- Employee verification -----------------------------------------------------------------------
def _signer():
    return signing.TimestampSigner(salt=SIGNING_SALT)


def email_domain(email: str) -> str:
    return (email or "").rsplit("@", 1)[-1].strip().lower()


def request_verification(*, tieup: TieUp, work_email: str, user=None,
                         guest_email: str = "") -> EmployeeVerification:
    """Record a shopper's claim to work at the tie-up's company and return the row; the caller
    sends the link with ``send_verification_email``. A signed-in shopper is linked by account,
    a guest by the e-mail the order will be placed with."""
    work_email = (work_email or "").strip().lower()
    if "@" not in work_email:
        raise ValidationError(_("Enter your work e-mail address."))
    today = timezone.localdate()
    if not tieup.active or tieup.ends_on < today:
        raise ValidationError(_("This tie-up has ended: there is nothing to verify for."))
    company = tieup.company
    if email_domain(work_email) not in company.domains:
        raise ValidationError(
            _("%(email)s is not an address at %(company)s. Use your work address at %(domains)s.")
            % {"email": work_email, "company": company.name,
               "domains": ", ".join("@" + d for d in company.domains)})
    is_user = bool(user and user.is_authenticated)
    guest_email = "" if is_user else (guest_email or "").strip().lower()
    if not is_user and not guest_email:
        raise ValidationError(_("Sign in, or give the e-mail you are checking out with."))
    return EmployeeVerification.objects.create(
        tieup=tieup, work_email=work_email, user=user if is_user else None,
        guest_email=guest_email, nonce=secrets.token_urlsafe(24), valid_until=tieup.ends_on,
    )


def verification_token(verification: EmployeeVerification) -> str:
    return _signer().sign(verification.nonce)


def send_verification_email(verification: EmployeeVerification, *, confirm_url: str) -> None:
    """The e-mail with the signed link, to the work address only (it proves the address).
    One small function so that a rate limit can wrap it (issue 11)."""
    context = {"verification": verification, "company": verification.tieup.company,
               "tieup": verification.tieup, "url": confirm_url,
               "hours": int(conf.VERIFICATION_MAX_AGE.total_seconds() // 3600)}
    send_mail(
        render_to_string("csr_partners/email/verify_subject.txt", context).strip(),
        render_to_string("csr_partners/email/verify_body.txt", context),
        settings.DEFAULT_FROM_EMAIL, [verification.work_email],
    )
    logger.info("Verification #%s sent for tie-up %s", verification.pk, verification.tieup_id)


@transaction.atomic
def confirm_verification(token: str, *, user=None) -> EmployeeVerification:
    """Check the link (signature, age, not used) and mark it used. A link requested for an
    account works only for that account: a forwarded link signs nobody else in as staff."""
    try:
        nonce = _signer().unsign(token, max_age=conf.VERIFICATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(_("This link has expired. Ask for a new one on the tie-up page "
                                "or at checkout."), code="expired") from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("This link is not valid. Copy the whole link from the e-mail, "
                                "or ask for a new one."), code="forged") from exc
    verification = (EmployeeVerification.objects.select_for_update()
                    .select_related("tieup__company").filter(nonce=nonce).first())
    if verification is None:
        raise ValidationError(_("This link is not valid."), code="forged")
    if verification.confirmed_at is not None:
        raise ValidationError(_("This link has already been used."), code="used")
    if verification.user_id and user is not None and user.is_authenticated \
            and user.pk != verification.user_id:
        raise ValidationError(_("This link was asked for from another account: sign in with "
                                "that account and open it again."), code="other_account")
    verification.confirmed_at = timezone.now()
    verification.save(update_fields=["confirmed_at"])
    return verification


# --- Pledges at capture, reversed on refund ------------------------------------------------------
def pledge_order(order) -> list[Pledge]:
    """Called at payment capture (in its transaction): one pledge per eligible bag of a
    verified employee's order, in line order, cut exactly at each tie-up's cap. Idempotent."""
    email = order.guest_email if not order.user_id else (order.user.email if order.user else "")
    tieups = selectors.verified_tieups(user=order.user if order.user_id else None, email=email)
    if not tieups:
        return []
    if Pledge.objects.filter(order_number=order.number).exists():
        return list(Pledge.objects.filter(order_number=order.number))
    lines = list(order.lines.order_by("pk"))
    by_product = selectors.tieup_for_lines(
        tieups, {line.product_id for line in lines if line.product_id})
    created: list[Pledge] = []
    now = timezone.now()
    for tieup_id in sorted({t.pk for t in by_product.values()}):
        # The row lock serialises every capture pledging on this tie-up: the cap check and the
        # running total cannot interleave (tests/concurrency).
        tieup = TieUp.objects.select_for_update().get(pk=tieup_id)
        mine = [line for line in lines if by_product.get(line.product_id) and
                by_product[line.product_id].pk == tieup_id]
        quotes = payout_services.pledge_quotes(
            [(line.product_id, to_paise(line.unit_price_incl_tax))
             for line in mine], rate=tieup.rate, basis=tieup.basis)
        cap_left = tieup.cap_paise - tieup.pledged_paise
        for line, quote in zip(mine, quotes, strict=True):
            for unit in range(1, line.quantity + 1):
                amount = min(quote.full, cap_left)
                if amount <= 0:
                    break
                cap_left -= amount
                created.append(Pledge.objects.create(
                    tieup=tieup, company_id=tieup.company_id, order_line=line, unit=unit,
                    order_number=order.number, item=line.title[:255], basis_paise=quote.basis,
                    full_paise=quote.full, amount_paise=amount, pledged_at=now))
        tieup.pledged_paise = tieup.cap_paise - cap_left
        if tieup.pledged_paise >= tieup.cap_paise and tieup.cap_reached_at is None:
            tieup.cap_reached_at = now
        tieup.save(update_fields=["pledged_paise", "cap_reached_at"])
    company_keys = {}
    for item in created:
        key = company_keys.setdefault(item.company_id, Company(pk=item.company_id).ledger_key)
        fund.post_pledge(pledge_id=item.pk, company_key=key, amount_paise=item.amount_paise,
                         memo=f"CSR pledge #{item.pk}: order {order.number}")
    pledges_changed.send(sender=pledge_order, tieup_ids={item.tieup_id for item in created})
    return created


def reverse_pledges(order, lines, refund_id: str) -> list[Pledge]:
    """A refund of ``lines`` [(order line, quantity)]: the pledges of the refunded bags are
    reversed, from the highest unit down (the bags kept keep theirs), and the cap's room is
    given back. Idempotent per refund."""
    reversed_: list[Pledge] = []
    now = timezone.now()
    touched = set()
    from oscar.core.loading import get_model

    PaymentEventQuantity = get_model("order", "PaymentEventQuantity")  # noqa: N806
    for line, _quantity in lines:
        active = list(Pledge.objects.select_for_update()
                      .filter(order_line=line, status=Pledge.PLEDGED).order_by("-unit"))
        if not active:
            continue
        # Bags refunded so far on this line, this refund included (the checkout records the
        # refund's payment event before it sends refund_recorded): the bags kept are units
        # 1..kept, so running this twice reverses nothing more.
        refunded = sum(PaymentEventQuantity.objects.filter(
            line=line, event__event_type__name="Refunded").values_list("quantity", flat=True))
        kept = line.quantity - refunded
        for item in active:
            if item.unit <= kept:
                break
            tieup = TieUp.objects.select_for_update().get(pk=item.tieup_id)
            item.status, item.reversed_at, item.refund_id = Pledge.REVERSED, now, refund_id
            item.save(update_fields=["status", "reversed_at", "refund_id"])
            # Only what is left of it: a part already given back on a refund by amount
            # (PledgeReversal) was taken off the tie-up and the ledger then.
            left = item.amount_paise - (item.part_reversals.aggregate(
                s=Sum("amount_paise"))["s"] or 0)
            tieup.pledged_paise -= left
            if tieup.pledged_paise < tieup.cap_paise:
                tieup.cap_reached_at = None
            tieup.save(update_fields=["pledged_paise", "cap_reached_at"])
            if left <= 0:
                reversed_.append(item)
                touched.add(item.tieup_id)
                continue
            fund.post_pledge_reversed(
                pledge_id=item.pk, company_key=Company(pk=item.company_id).ledger_key,
                amount_paise=left,
                memo=f"CSR pledge #{item.pk} reversed: refund {refund_id} on order {order.number}")
            reversed_.append(item)
            touched.add(item.tieup_id)
    pledges_changed.send(sender=reverse_pledges, tieup_ids=touched)
    return reversed_


# --- Payments of pledges (finance) ---------------------------------------------------------------
def outstanding_paise(company: Company) -> int:
    return fund.csr_receivable(company.ledger_key)


@transaction.atomic
def record_payment(*, user, company: Company, amount_paise: int, bank_reference: str,
                   received_on) -> PledgePayment:
    """Finance records a company's bank transfer: CSR receivable to bank (``[csrpay:N]``).
    A payment larger than what is outstanding is refused (the company row locked meanwhile,
    so two clerks cannot both record the last amount)."""
    if not is_finance(user):
        raise PermissionDenied(_("Only finance staff may record payments."))
    if isinstance(amount_paise, bool) or not isinstance(amount_paise, int) or amount_paise <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    bank_reference = " ".join((bank_reference or "").split())
    if not bank_reference:
        raise ValidationError(_("Give the bank transfer's reference (UTR)."))
    if received_on is None or received_on > timezone.localdate():
        raise ValidationError(_("The date the money reached the bank cannot be in the future."))
    Company.objects.select_for_update().get(pk=company.pk)
    if PledgePayment.objects.filter(company=company, bank_reference=bank_reference).exists():
        raise ValidationError(_("A payment with reference %(r)s is already recorded.")
                              % {"r": bank_reference})
    outstanding = outstanding_paise(company)
    if amount_paise > outstanding:
        raise ValidationError(
            _("%(c)s owes INR %(o)s of its pledges: a payment of INR %(a)s is larger than that.")
            % {"c": company.name, "o": format_paise_figure(outstanding),
               "a": format_paise_figure(amount_paise)})
    payment = PledgePayment.objects.create(
        company=company, amount_paise=amount_paise, bank_reference=bank_reference,
        received_on=received_on, recorded_by=user)
    fund.post_pledge_received(payment_id=payment.pk, company_key=company.ledger_key,
                              amount_paise=amount_paise,
                              memo=f"CSR payment from {company.name}: {bank_reference}")
    return payment


# --- Companies and tie-ups (staff, from the dashboard) ---------------------------------------
def add_contact(*, company: Company, user) -> None:
    """Make ``user`` a CSR contact of ``company``; a user is a contact of one company only."""
    other = Company.objects.filter(contacts_group__user=user).exclude(pk=company.pk).first()
    if other is not None:
        raise ValidationError(_("%(u)s is already a contact of %(c)s.")
                              % {"u": user.email, "c": other.name})
    from django.contrib.auth.models import Group

    user.groups.add(company.contacts_group, Group.objects.get_or_create(name="CSR buyer")[0])


def overlapping_tieups(tieup: TieUp, product_ids, category_ids):
    """Tie-ups of the same company whose dates overlap ``tieup``'s and which cover any of the
    same products or categories (a bag must never be pledged on twice)."""
    others = TieUp.objects.filter(company_id=tieup.company_id, starts_on__lte=tieup.ends_on,
                                  ends_on__gte=tieup.starts_on)
    if tieup.pk:
        others = others.exclude(pk=tieup.pk)
    from catalogue.selectors import products_in_categories

    mine = set(product_ids)
    if category_ids:
        mine |= products_in_categories(category_ids, None)
    clashes = []
    for other in others.prefetch_related("products", "categories"):
        theirs = {p.pk for p in other.products.all()}
        cats = [c.pk for c in other.categories.all()]
        if cats:
            theirs |= products_in_categories(cats, None)
        if mine & theirs or set(category_ids) & set(cats):
            clashes.append(other)
    return clashes
