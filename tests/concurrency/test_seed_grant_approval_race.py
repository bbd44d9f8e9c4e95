"""A seed grant's money approved by two finance users at the same moment (issue 21): it leaves
the fund once, posted once as fund:N, and one of them is told it was already approved
(PostgreSQL; two threads, two connections)."""

import io
import threading

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from artisans.models import Artisan
from payouts import fund, grants, ledger
from payouts.grant_models import SeedGrant
from payouts.models import Journal

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="SQLite serialises every write: real concurrency needs PostgreSQL",
    ),
]


def finance(name):
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.test", password="pw-for-tests", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Finance")[0])
    return user


def test_two_approvers_at_once_post_once():
    call_command("load_demo", stdout=io.StringIO())
    ledger.post("race:fund-in", "fund inflow",
                [(ledger.BANK, 5_000_000), (ledger.TRAINING_FUND, -5_000_000)],
                event=Journal.OTHER)
    preparer, first, second = finance("grant-prep"), finance("grant-a"), finance("grant-b")
    grant = grants.apply(user=preparer, artisan=Artisan.objects.get(pseudonym="Juhi"),
                         business="Two goats", where_to_sell="Haat",
                         amount_asked_paise=1_500_000)
    grants.save_assessment(user=preparer, grant=grant, handled={"debts": "None"})
    grant = grants.decide(user=preparer, grant=grant, outcome=SeedGrant.NOW,
                          amount_paise=1_500_000)
    balance = fund.fund_balance()
    barrier, refused, errors = threading.Barrier(2), [], []

    def approve(user):
        try:
            barrier.wait()
            grants.approve(user=user, grant=grant)
        except ValidationError as exc:
            refused.append(exc)
        except Exception as exc:  # noqa: BLE001 - reported below, not swallowed
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(refused) == 1 and "already been approved" in refused[0].messages[0]
    assert Journal.objects.filter(idempotency_key=f"fund:{grant.disbursement_id}").count() == 1
    assert fund.fund_balance() == balance - 1_500_000
