"""Celery tasks of csr_partners."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import selectors
from .bulk.tasks import (  # noqa: F401  (bulk orders)
    check_recipient_upload,
    pledge_bulk_order,
    send_bulk_email,
)
from .models import TieUp


@shared_task
def refresh_campaign_figures(tieup_id: int | None = None) -> int:
    """Recompute the cached campaign figures: of one tie-up (after a pledge commits), or every
    tie-up open now or ended in the last week (beat, every minute). Returns how many."""
    if tieup_id is not None:
        selectors.refresh_campaign_figures(tieup_id)
        return 1
    today = timezone.localdate()
    ids = list(TieUp.objects.filter(
        starts_on__lte=today, ends_on__gte=today - datetime.timedelta(days=7))
        .values_list("pk", flat=True))
    for pk in ids:
        selectors.refresh_campaign_figures(pk)
    return len(ids)


@shared_task(acks_late=True)
def send_monthly_statements(year: int | None = None, month: int | None = None) -> int:
    """E-mail each company's CSR contacts last month's pledge statement (PDF and CSV), for
    companies that pledged or paid in it (beat, the 1st of each month). Returns how many."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    from . import documents
    from .models import Company, Pledge, PledgePayment

    if year is None or month is None:
        first = timezone.localdate().replace(day=1)
        last_month = first - datetime.timedelta(days=1)
        year, month = last_month.year, last_month.month
    start, end = documents.month_bounds(year, month)
    ids = set(Pledge.objects.filter(pledged_at__date__gte=start, pledged_at__date__lte=end)
              .values_list("company_id", flat=True))
    ids |= set(PledgePayment.objects.filter(received_on__gte=start, received_on__lte=end)
               .values_list("company_id", flat=True))
    sent = 0
    for company in Company.objects.filter(pk__in=ids):
        to = [u.email for u in company.contacts() if u.email]
        if not to:
            continue
        context = {"company": company, "month": start}
        message = EmailMessage(
            render_to_string("csr_partners/email/statement_subject.txt", context).strip(),
            render_to_string("csr_partners/email/statement_body.txt", context),
            settings.DEFAULT_FROM_EMAIL, to)
        name = f"pledge-statement-{start:%Y-%m}"
        message.attach(f"{name}.pdf", documents.statement_pdf(company, year, month),
                       "application/pdf")
        message.attach(f"{name}.csv", documents.statement_csv(company, year, month), "text/csv")
        message.send()
        sent += 1
    return sent
