"""The ledger: post() is the only way in, journals balance, and nothing is edited or deleted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from payouts import ledger
from payouts.models import AppendOnlyError, Entry, Journal

pytestmark = pytest.mark.django_db


def _post(key="test:1", amount=1000):
    return ledger.post(key, "test", [(ledger.BANK, amount), (ledger.SALES_REVENUE, -amount)])


def test_a_balanced_journal_is_posted_and_read_back():
    journal = _post()
    assert journal.entries.count() == 2
    assert ledger.balances([ledger.BANK, ledger.SALES_REVENUE]) == {
        ledger.BANK: 1000, ledger.SALES_REVENUE: -1000,
    }


def test_posting_a_key_again_returns_the_first_journal_unchanged():
    first = _post(amount=1000)
    again = _post(amount=9999)
    assert again.pk == first.pk
    assert ledger.balance(ledger.BANK) == 1000
    assert Journal.objects.filter(idempotency_key="test:1").count() == 1


@pytest.mark.parametrize(
    "entries, message",
    [
        ([(ledger.BANK, 1000), (ledger.SALES_REVENUE, -999)], "Unbalanced"),
        ([(ledger.BANK, 10.0), (ledger.SALES_REVENUE, -10.0)], "whole paise"),
        ([(ledger.BANK, 0), (ledger.SALES_REVENUE, 0)], "two non-zero"),
        ([(ledger.BANK, 5), (ledger.BANK, -5)], "two non-zero"),
        ([("no-such-account", 5), (ledger.BANK, -5)], "Unknown ledger account"),
    ],
)
def test_bad_journals_are_refused_and_nothing_is_written(entries, message):
    before = Journal.objects.count(), Entry.objects.count()
    with pytest.raises(ValidationError, match=message):
        ledger.post("bad:1", "bad", entries)
    assert (Journal.objects.count(), Entry.objects.count()) == before


def test_a_posted_race_loser_gets_the_winners_journal(monkeypatch):
    """The key is checked first; if another transaction inserts it meanwhile, the unique
    violation is caught and the winner's journal returned."""
    winner = _post("race:1")
    real_filter = Journal.objects.filter
    calls = {"n": 0}

    def first_lookup_misses(*args, **kwargs):
        calls["n"] += 1
        qs = real_filter(*args, **kwargs)
        return qs.none() if calls["n"] == 1 else qs

    monkeypatch.setattr(Journal.objects, "filter", first_lookup_misses)
    assert _post("race:1", amount=5).pk == winner.pk
    assert ledger.balance(ledger.BANK) == 1000


def test_the_model_refuses_edits_and_deletes():
    journal = _post()
    journal.memo = "changed"
    with pytest.raises(AppendOnlyError):
        journal.save()
    with pytest.raises(AppendOnlyError):
        journal.delete()
    with pytest.raises(AppendOnlyError):
        Entry.objects.filter(journal=journal).update(amount=1)
    with pytest.raises(AppendOnlyError):
        Journal.objects.filter(pk=journal.pk).delete()


def test_the_database_refuses_updates_of_entries_and_journals():
    journal = _post()
    for sql in (
        "UPDATE payouts_entry SET amount = amount + 1 WHERE journal_id = %s",
        "UPDATE payouts_journal SET memo = 'x' WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, [journal.pk])


def test_the_database_refuses_deletes_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's trigger refuses UPDATE only: Django's test flush deletes rows")
    journal = _post()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM payouts_entry WHERE journal_id = %s", [journal.pk])


def test_balances_are_one_query(django_assert_num_queries):
    for n in range(5):
        _post(f"q:{n}", 100 + n)
    with django_assert_num_queries(1):
        result = ledger.balances()
    assert result[ledger.BANK] == sum(100 + n for n in range(5))


def test_the_whole_ledger_sums_to_zero():
    _post("a", 10)
    _post("b", 20)
    assert ledger.total_of_all_accounts() == 0
    assert ledger.unbalanced_journals() == []


def test_with_no_split_settings_the_opening_row_is_written_again():
    """A flushed database (transactional tests on PostgreSQL) must not stop a capture."""
    from payouts import services
    from payouts.models import SplitSetting

    SplitSetting.objects.all().delete()
    setting = services.split_setting_at()
    assert setting.valid_from == services.OPENING_VALID_FROM
    assert (setting.gst_rate, setting.maker_share, setting.fund_share) == (
        Decimal("0.05"), Decimal("0.30"), Decimal("0.10"))
