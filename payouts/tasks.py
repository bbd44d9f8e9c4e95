"""Celery tasks of the payouts app."""

import datetime

from celery import shared_task
from django.contrib.auth import get_user_model

from . import runs
from .models import PayoutRun


# acks_late + reject_on_worker_lost: a worker killed midway leaves the task queued, and the
# next worker resumes the run (each line is paid exactly once whatever reruns).
@shared_task(ignore_result=False, acks_late=True, reject_on_worker_lost=True)
def pay_payout_run(run_id: int, user_id: int, paid_on: str, reference: str) -> int:
    run = PayoutRun.objects.get(pk=run_id)
    user = get_user_model().objects.get(pk=user_id)
    return runs.pay_run(user=user, run=run, paid_on=datetime.date.fromisoformat(paid_on),
                        reference=reference)


# A run being drafted for thousands of makers (issue 22): the view opens the run, this writes
# its lines with progress. Rerunning it is harmless (runs.fill_draft adds only missing lines).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def draft_payout_run(run_id: int) -> None:
    runs.fill_draft(run_id)


# The month's statements as one zip (issue 22): progress in the StatementBatch row.
@shared_task(acks_late=True, reject_on_worker_lost=True)
def make_statement_batch(batch_id: int) -> None:
    from . import statement_batches

    statement_batches.build_batch(batch_id)
