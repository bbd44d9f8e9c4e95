"""Pay (or resume paying) an approved payout run from the shell:

    manage.py pay_payout_run RUN_ID --user finance@example.org --reference "HDFC batch 42"

Safe to run any number of times, also while another process pays the same run: each line is paid
exactly once (see payouts/runs.py). ``--throttle`` waits between lines (a bank's rate limit)."""

import time

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from payouts import runs
from payouts.models import PayoutRun


class Command(BaseCommand):
    help = "Pay, or resume paying, an approved payout run; each line is paid exactly once."

    def add_arguments(self, parser):
        parser.add_argument("run_id", type=int)
        parser.add_argument("--user", required=True, help="the paying finance user's email or username")
        parser.add_argument("--reference", required=True)
        parser.add_argument("--throttle", type=float, default=0.0, help="seconds between lines")

    def handle(self, run_id, user, reference, throttle, **options):
        User = get_user_model()
        payer = User.objects.filter(email=user).first() or User.objects.filter(username=user).first()
        if payer is None:
            raise CommandError(f"No user {user!r}.")
        run = PayoutRun.objects.filter(pk=run_id).first()
        if run is None:
            raise CommandError(f"No payout run #{run_id}.")
        real_pay_line = runs.pay_line

        def pay_line(**kwargs):
            paid = real_pay_line(**kwargs)
            if throttle:
                time.sleep(throttle)
            return paid

        runs.pay_line = pay_line
        try:
            paid = runs.pay_run(user=payer, run=run, paid_on=timezone.localdate(), reference=reference)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        finally:
            runs.pay_line = real_pay_line
        self.stdout.write(f"Run #{run_id}: {paid} lines paid by this call.")
