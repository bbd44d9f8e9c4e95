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


# The month's statements as one zip (issue 22): the makers cut into chunks rendered side by side
# (a chord of render_statement_part), then one task writes the zip (finish_statement_batch).
# Progress is in the StatementBatch row; every step is safe to run twice (statement_batches).
@shared_task(acks_late=True, reject_on_worker_lost=True)
def make_statement_batch(batch_id: int) -> None:
    from celery import chord

    from . import statement_batches

    parts = statement_batches.plan_batch(batch_id)
    if parts is None:
        return
    todo = [render_statement_part.si(p.pk) for p in parts if p.made_at is None]
    if todo:
        chord(todo)(finish_statement_batch.si(batch_id))
    else:
        finish_statement_batch.delay(batch_id)


# Its result (how many makers it counted) is kept: the chord's body waits for every part's.
@shared_task(ignore_result=False, acks_late=True, reject_on_worker_lost=True)
def render_statement_part(part_id: int) -> int:
    from . import statement_batches

    return statement_batches.render_part(part_id)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=120)
def finish_statement_batch(self, batch_id: int) -> None:
    from . import statement_batches

    try:
        statement_batches.finish_batch(batch_id)
    except statement_batches.PartsMissing as exc:
        # A chunk delivered twice can count twice in the chord's counter and start this early:
        # wait for the last part (its task is still at work or queued), four minutes at most.
        if self.request.retries >= self.max_retries:
            statement_batches.fail_batch(batch_id)
            raise
        raise self.retry(exc=exc, countdown=2) from exc
    except Exception:
        statement_batches.fail_batch(batch_id)
        raise
