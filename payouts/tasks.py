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
