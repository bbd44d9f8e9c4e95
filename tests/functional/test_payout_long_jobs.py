"""Finance's long jobs (issue 22): a payout run drafted in a Celery task with its progress on the
page, and the month's statements made as one zip (private, finance only). Queries are counted
at two sizes: they must not grow with the number of makers."""

import io
import zipfile

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from artisans.models import Artisan, Shelter
from payouts import ledger, runs, statement_batches
from payouts.models import Journal, PayoutLine, PayoutRun, StatementBatch
from storefront.demo.accounts import DEMO_EMAIL_DOMAIN
from tests.support.auth import sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

TODAY = timezone.localdate()
MONTH = TODAY.replace(day=1)


def user(role):
    return get_user_model().objects.get(
        email=f"{role.lower().replace(' ', '-')}@{DEMO_EMAIL_DOMAIN}")


def finance():
    return user("Finance")


def makers_with_a_month(n, prefix="Long job maker"):
    """n makers, each with piece rates and a sale share this month."""
    shelter = Shelter.objects.first()
    makers = Artisan.objects.bulk_create(
        Artisan(pseudonym=f"{prefix} {i}", slug=f"{prefix} {i}".lower().replace(" ", "-"),
                shelter=shelter, joined_on="2026-01-01")
        for i in range(n)
    )
    for i, maker in enumerate(makers):
        code = ledger.maker_payable_code(maker.pk)
        ledger.post(f"batch:{80000 + maker.pk}:accepted", "piece rates",
                    [(ledger.PIECE_RATE_COST, 40_000 + i), (code, -40_000 - i)],
                    event=Journal.BATCH, reference=f"batch:{80000 + maker.pk}")
        ledger.post(f"pi_long_{maker.pk}:captured", "sale",
                    [(ledger.STRIPE_CLEARING, 25_000), (code, -25_000)],
                    event=Journal.CAPTURE, reference=f"1{maker.pk:05d}")
    return makers


# --- A payout run drafted in a task ------------------------------------------------------------
def test_finance_clicks_draft_run_sees_progress_and_lands_on_the_draft(
        django_capture_on_commit_callbacks):
    makers = makers_with_a_month(3)
    client = sign_in(Client(), finance())
    response = client.post(reverse("payouts-dashboard:payouts-run-list"),
                           {"period": TODAY.isoformat()})  # the task not run yet
    run = PayoutRun.objects.get(is_open=True)
    assert response.url == reverse("payouts-dashboard:payouts-run-detail", kwargs={"pk": run.pk})
    assert run.status == PayoutRun.DRAFTING and not run.lines.exists()
    page = client.get(response.url).content.decode()
    assert "Drafting the run" in page and "<progress" in page
    assert 'http-equiv="refresh"' in page and "Refresh this page" in page  # without JavaScript
    status = client.get(reverse("payouts-dashboard:payouts-run-progress", kwargs={"pk": run.pk}))
    assert status.json()["running"] is True

    runs.fill_draft(run.pk)  # what the task does
    status = client.get(reverse("payouts-dashboard:payouts-run-progress", kwargs={"pk": run.pk}))
    owed = sum(1 for v in ledger.maker_payables().values() if v > 0)
    assert status.json() == {"running": False, "status": "draft", "done": owed, "total": owed,
                             "text": f"{owed} of {owed} makers done"}
    page = client.get(response.url).content.decode()
    assert "Another finance user must approve this run." in page
    assert all(m.pseudonym in page for m in makers)


def test_a_run_drafted_twice_for_the_same_period_is_never_doubled(
        django_capture_on_commit_callbacks):
    makers_with_a_month(4)
    client = sign_in(Client(), finance())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("payouts-dashboard:payouts-run-list"), {"period": TODAY.isoformat()})
        client.post(reverse("payouts-dashboard:payouts-run-list"), {"period": TODAY.isoformat()})
    run = PayoutRun.objects.get()  # the second click found the run open
    lines = run.lines.count()
    runs.fill_draft(run.pk)  # the task delivered again: nothing added
    run.refresh_from_db()
    assert run.lines.count() == lines and run.status == PayoutRun.DRAFT
    # a task delivered twice while drafting (a worker restarted midway) adds only what is missing
    PayoutRun.objects.filter(pk=run.pk).update(status=PayoutRun.DRAFTING)
    run.lines.filter(pk=run.lines.order_by("pk").last().pk).delete()
    runs.fill_draft(run.pk)
    runs.fill_draft(run.pk)
    assert run.lines.count() == lines
    assert sum(run.lines.values_list("amount_paise", flat=True)) == sum(
        v for v in ledger.maker_payables().values() if v > 0)
    with pytest.raises(ValidationError):
        runs.start_draft(user=finance(), period=TODAY)


def test_a_run_being_drafted_cannot_be_approved_and_only_finance_drafts():
    makers_with_a_month(2)
    run = runs.start_draft(user=finance(), period=TODAY)
    approver = get_user_model().objects.create_user(username="fin-b", password="x",
                                                    is_staff=True)
    approver.groups.add(Group.objects.get(name="Finance"))
    with pytest.raises(ValidationError):
        runs.approve_run(user=approver, run=run)
    with pytest.raises(PermissionDenied):
        runs.start_draft(user=user("Identity custodian"), period=TODAY)


def test_a_draft_discarded_while_being_drafted_gets_no_lines():
    makers_with_a_month(2)
    run = runs.start_draft(user=finance(), period=TODAY)
    runs.discard_draft(user=finance(), run=run)
    assert runs.fill_draft(run.pk) is None
    assert not PayoutLine.objects.filter(run_id=run.pk).exists()


def draft_queries(n):
    makers_with_a_month(n, prefix=f"Draft size {n}")
    run = runs.start_draft(user=finance(), period=TODAY)
    with CaptureQueriesContext(connection) as ctx:
        runs.fill_draft(run.pk)
    assert run.lines.count() >= n
    runs.discard_draft(user=finance(), run=run)
    return len(ctx)


def test_drafting_a_run_takes_the_same_queries_for_2_and_20_makers():
    assert draft_queries(2) == draft_queries(20)


# --- The month's statements as one zip ---------------------------------------------------------
def batch_page():
    return reverse("payouts-dashboard:payouts-statement-batches")


def test_finance_makes_the_months_statements_and_downloads_the_zip(
        django_capture_on_commit_callbacks):
    makers = makers_with_a_month(3)
    client = sign_in(Client(), finance())
    assert "Make the statements" in client.get(batch_page()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(batch_page(), {"month": TODAY.isoformat(), "language": "en"})
    assert response.status_code == 302
    batch = StatementBatch.objects.get()
    assert batch.status == StatementBatch.DONE and batch.done == batch.total >= 3
    # The zip is in the private storage, outside MEDIA_ROOT, with no URL of its own.
    assert batch.zip_file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not batch.zip_file.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        batch.zip_file.url  # noqa: B018
    page = client.get(batch_page()).content.decode()
    zip_url = reverse("payouts-dashboard:payouts-statement-batch-zip", kwargs={"pk": batch.pk})
    assert zip_url in page
    response = client.get(zip_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    for maker in makers:
        assert f"statement-{maker.slug}-{MONTH:%Y-%m}.pdf" in names
    assert len(names) == batch.total
    pdf = archive.read(f"statement-{makers[0].slug}-{MONTH:%Y-%m}.pdf")
    assert pdf.startswith(b"%PDF")


def test_the_zip_holds_pseudonyms_only(django_capture_on_commit_callbacks):
    from artisans import identity_services

    maker = makers_with_a_month(1, prefix="Quiet river")[0]
    identity_services.save_identity(user=user("Identity custodian"), artisan=maker,
                                   data={"legal_name": "Sunita Legalname"},
                                   reason="Recording her identity for the test")
    batch = statement_batches.start_batch(user=finance(), month=MONTH)
    statement_batches.build_batch(batch.pk)
    batch.refresh_from_db()
    with batch.zip_file.open("rb") as fh:
        archive = zipfile.ZipFile(io.BytesIO(fh.read()))
    names = " ".join(archive.namelist())
    assert "quiet-river-0" in names and "Legalname" not in names
    text = pdf_text(archive.read(f"statement-{maker.slug}-{MONTH:%Y-%m}.pdf"))
    assert "Quiet river 0" in text and "Legalname" not in text


def pdf_text(pdf: bytes) -> str:
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


@pytest.mark.parametrize("role", ["Identity custodian", "Shelter staff", "Editor"])
def test_other_staff_can_neither_start_nor_download_a_batch(role):
    staff = user(role)
    batch = statement_batches.start_batch(user=finance(), month=MONTH)
    statement_batches.build_batch(batch.pk)
    client = sign_in(Client(), staff)
    assert client.get(batch_page()).status_code == 403
    assert client.post(batch_page(), {"month": TODAY.isoformat(), "language": "en"}
                       ).status_code == 403
    for name in ("payouts-statement-batch-zip", "payouts-statement-batch-status"):
        assert client.get(reverse(f"payouts-dashboard:{name}", kwargs={"pk": batch.pk})
                          ).status_code == 403
    with pytest.raises(PermissionDenied):
        statement_batches.start_batch(user=staff, month=MONTH)
    assert StatementBatch.objects.count() == 1


def test_a_shopper_is_sent_to_sign_in():
    response = Client().get(batch_page())
    assert response.status_code == 302 and "login" in response.url


def test_a_batch_being_made_shows_progress_and_a_second_one_waits(
        django_capture_on_commit_callbacks):
    makers_with_a_month(2)
    client = sign_in(Client(), finance())
    client.post(batch_page(), {"month": TODAY.isoformat(), "language": "en"})  # not run yet
    batch = StatementBatch.objects.get()
    page = client.get(batch_page()).content.decode()
    assert "<progress" in page and 'http-equiv="refresh"' in page and "Refresh this page" in page
    page = client.post(batch_page(), {"month": TODAY.isoformat(), "language": "en"}
                       ).content.decode()
    assert StatementBatch.objects.count() == 1
    status = client.get(reverse("payouts-dashboard:payouts-statement-batch-status",
                                kwargs={"pk": batch.pk})).json()
    assert status["running"] is True
    statement_batches.build_batch(batch.pk)
    status = client.get(reverse("payouts-dashboard:payouts-statement-batch-status",
                                kwargs={"pk": batch.pk})).json()
    assert status["running"] is False and status["done"] == status["total"]


def batch_queries(n, monkeypatch):
    monkeypatch.setattr(statement_batches, "CHUNK_SIZE", 10)  # one chunk for both sizes
    makers_with_a_month(n, prefix=f"Batch size {n}")
    batch = statement_batches.start_batch(user=finance(), month=MONTH)
    with CaptureQueriesContext(connection) as ctx:
        statement_batches.build_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.total >= n
    batch.delete()
    return len(ctx)


def test_a_batch_of_statements_takes_the_same_queries_for_2_and_8_makers(monkeypatch):
    assert batch_queries(2, monkeypatch) == batch_queries(8, monkeypatch)


def test_the_statement_read_in_a_batch_is_the_one_read_alone():
    from payouts import selectors

    makers = makers_with_a_month(3)
    together = selectors.statements(makers, MONTH)
    for maker in makers:
        alone = selectors.statement(maker, MONTH)
        assert [(x.label, x.paise) for x in alone["lines"]] == [
            (x.label, x.paise) for x in together[maker.pk]["lines"]]
        assert {k: v for k, v in alone.items() if k != "lines" and not k.endswith("_lines")} == {
            k: v for k, v in together[maker.pk].items()
            if k != "lines" and not k.endswith("_lines")}


# --- The batch in chunks (a chord of chunk tasks, then the zip) --------------------------------
def zip_names(batch):
    with batch.zip_file.open("rb") as fh:
        return zipfile.ZipFile(io.BytesIO(fh.read())).namelist()


def test_a_batch_in_several_chunks_makes_one_zip_with_each_makers_statement_once(
        monkeypatch, django_capture_on_commit_callbacks):
    import os

    from artisans.storage import private_storage
    from payouts.models import StatementBatchPart
    from payouts.tasks import make_statement_batch

    monkeypatch.setattr(statement_batches, "CHUNK_SIZE", 2)
    makers = makers_with_a_month(5, prefix="Chunked maker")
    batch = statement_batches.start_batch(user=finance(), month=MONTH)
    with django_capture_on_commit_callbacks(execute=True):  # the parts' files removed after
        make_statement_batch.delay(batch.pk)  # eager: the chord's chunks, then its body
    batch.refresh_from_db()
    assert batch.status == StatementBatch.DONE
    assert batch.total >= 5 and batch.chunks == -(-batch.total // 2) >= 3
    assert batch.done == batch.total
    names = zip_names(batch)
    assert len(names) == len(set(names)) == batch.total
    for maker in makers:
        assert f"statement-{maker.slug}-{MONTH:%Y-%m}.pdf" in names
    # The chunks' files and rows are gone once the zip is written; the zip is private.
    assert not StatementBatchPart.objects.exists()
    assert not os.path.exists(private_storage.path(statement_batches.parts_folder(batch.pk)))
    assert batch.zip_file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_a_chunk_delivered_twice_counts_its_makers_once(monkeypatch):
    import os

    from payouts.tasks import make_statement_batch

    monkeypatch.setattr(statement_batches, "CHUNK_SIZE", 2)
    makers_with_a_month(5, prefix="Twice maker")
    batch = statement_batches.start_batch(user=finance(), month=MONTH)
    parts = statement_batches.plan_batch(batch.pk)
    assert len(parts) >= 3
    # A second plan (the first task redelivered) cuts nothing new.
    assert [p.pk for p in statement_batches.plan_batch(batch.pk)] == [p.pk for p in parts]

    # The first part: two deliveries at once (the second finishes while the first renders),
    # then a third after both.
    render = statement_batches._render
    calls = []

    def render_with_a_twin(batch_, maker_ids):
        calls.append(maker_ids)
        if len(calls) == 1:
            assert statement_batches.render_part(parts[0].pk) == 2  # the twin counts
        return render(batch_, maker_ids)

    monkeypatch.setattr(statement_batches, "_render", render_with_a_twin)
    assert statement_batches.render_part(parts[0].pk) == 0  # rendered, but counted already
    monkeypatch.setattr(statement_batches, "_render", render)
    assert statement_batches.render_part(parts[0].pk) == 0  # made: not even rendered again
    assert len(calls) == 2
    batch.refresh_from_db()
    assert batch.done == 2 and batch.status == StatementBatch.RUNNING
    parts[0].refresh_from_db()
    assert len(parts[0].files) == 2

    # The task, delivered again, sends only the parts not made; the zip has each maker once.
    make_statement_batch.delay(batch.pk)
    batch.refresh_from_db()
    assert batch.status == StatementBatch.DONE and batch.done == batch.total
    names = zip_names(batch)
    assert len(names) == len(set(names)) == batch.total
    # Finishing again, or a late chunk, changes nothing and writes no second zip.
    zip_name = batch.zip_file.name
    folder = os.path.dirname(batch.zip_file.path)
    files_before = sorted(os.listdir(folder))
    statement_batches.finish_batch(batch.pk)
    assert statement_batches.render_part(parts[1].pk) == 0
    batch.refresh_from_db()
    assert batch.zip_file.name == zip_name and batch.done == batch.total
    assert sorted(os.listdir(folder)) == files_before


def test_the_finishing_step_waits_for_every_part(monkeypatch):
    monkeypatch.setattr(statement_batches, "CHUNK_SIZE", 2)
    makers_with_a_month(3, prefix="Waiting maker")
    batch = statement_batches.start_batch(user=finance(), month=MONTH)
    parts = statement_batches.plan_batch(batch.pk)
    statement_batches.render_part(parts[0].pk)
    with pytest.raises(statement_batches.PartsMissing):
        statement_batches.finish_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == StatementBatch.RUNNING and not batch.zip_file
