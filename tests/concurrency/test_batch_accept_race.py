"""Two checkers accept the same batch at the same moment on PostgreSQL: stock is added once.

Each checker runs in its own thread with its own database connection; the batch row lock and
the conditional status update in artisans.batch_services.check_batch must let exactly one through.
"""

import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connections
from oscar.core.loading import get_model

from artisans import batch_services
from artisans.models import Artisan, ProductionBatch
from artisans.signals import batch_accepted
from tests.workshop_support import checker, recorder, shelter_a, staffer_of

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.IS_POSTGRES,
        reason="SQLite serialises every write: real concurrency needs PostgreSQL",
    ),
]

ROUNDS = 5


def test_a_batch_accepted_by_two_checkers_at_once_is_stocked_once(media_root):
    call_command("load_demo", stdout=io.StringIO())
    product = Product.objects.get(upc="HAAT-TOTE-03")
    shelter = shelter_a()
    stock = StockRecord.objects.filter(product=product, partner=shelter.partner)
    juhi = Artisan.objects.get(pseudonym="Juhi")
    checkers = [checker(), staffer_of(shelter, "race-checker")]
    sent = []
    batch_accepted.connect(lambda sender, batch, **kw: sent.append(batch.pk), weak=False,
                           dispatch_uid="race")
    try:
        for _round in range(ROUNDS):
            batch = batch_services.save_batch(
                user=recorder(), shelter=shelter, made_on=datetime.date.today(),
                piece_rate=Decimal("50"), pieces={juhi: 3}, product=product, submit=True,
            )
            before = stock.first().num_in_stock if stock.exists() else 0
            start = threading.Barrier(len(checkers))
            outcomes = []

            def accept(user, batch=batch, start=start, outcomes=outcomes):
                try:
                    start.wait()
                    batch_services.check_batch(user=user, batch=batch, accepted={})
                    outcomes.append("accepted")
                except ValidationError:
                    outcomes.append("refused")
                finally:
                    connections.close_all()

            threads = [threading.Thread(target=accept, args=(u,)) for u in checkers]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=30)
            assert sorted(outcomes) == ["accepted", "refused"]
            assert stock.get().num_in_stock == before + 3
            assert ProductionBatch.objects.get(pk=batch.pk).status == ProductionBatch.STOCKED
            assert sent.count(batch.pk) == 1
    finally:
        batch_accepted.disconnect(dispatch_uid="race")
