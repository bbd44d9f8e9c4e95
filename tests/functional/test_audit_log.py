"""The audit log (django-auditlog, security): each audited action leaves an entry with
who did it and what changed; admins read it; nobody edits or deletes it.

Identity reads stay in the vault's own log (artisans.IdentityAccessLog), which also records the
reason typed in; admins read that one too.
"""

import datetime
from decimal import Decimal

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from oscar.core.loading import get_model

from artisans import identity_services
from artisans.models import Artisan, IdentityAccessLog
from commerce.checkout.models import StripeRefund
from payouts import fund, ledger, runs
from payouts.models import Disbursement, FundDisbursement, Journal, PayoutRun, SplitSetting
from tests.integration.test_payout_runs import TODAY, make_finance, makers_owed
from tests.support.auth import demo_user, sign_in
from tests.support.checkout import add_to_basket, place_order, to_preview

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def entries_for(obj, since=0):
    """The audit entries about `obj`, after entry number `since` (the demo data has its own)."""
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk), pk__gt=since
    ).order_by("pk")


def last_entry():
    return LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_a_role_change_is_logged_with_who_made_it(client):
    admin = demo_user("Admin")
    shopper = demo_user("Shopper")
    since = last_entry()
    with set_actor(admin):
        shopper.groups.add(Group.objects.get(name="Finance"))
        shopper.is_staff = True
        shopper.save()
    changes = [entry.changes_dict for entry in entries_for(shopper, since)]
    assert any(c.get("groups", {}).get("objects") == ["Finance"] for c in changes), changes
    assert any(c.get("is_staff") == ["False", "True"] for c in changes), changes
    assert set(entries_for(shopper, since).values_list("actor", flat=True)) == {admin.pk}


def test_a_role_change_in_the_admin_records_the_admin_as_actor(client):
    admin = demo_user("Admin")
    editor = demo_user("Editor")
    sign_in(client, admin)
    response = client.post("/admin/auth/group/", {
        "action": "delete_selected", "_selected_action": [], "index": 0})
    assert response.status_code in (200, 302)
    before = entries_for(editor).count()
    client.get("/admin/")  # a request in which the middleware knows the actor
    with set_actor(admin):
        editor.groups.remove(Group.objects.get(name="Editor"))
    entry = entries_for(editor)[before]
    assert entry.actor == admin
    assert entry.changes_dict["groups"]["operation"] == "delete"


def test_payout_approval_and_each_disbursement_are_logged():
    preparer, approver = make_finance("audit-prep"), make_finance("audit-appr")
    makers_owed(2, prefix="Audited")
    run = runs.create_run(user=preparer, period=TODAY)
    with set_actor(approver):
        run = runs.approve_run(user=approver, run=run)
    approval = [e for e in entries_for(run).filter(action=LogEntry.Action.UPDATE)
                if "approved_by" in e.changes_dict]
    assert approval and approval[0].changes_dict["status"] == ["draft", "approved"]
    assert approval[0].actor == approver

    runs.pay_run(user=preparer, run=run, paid_on=TODAY, reference="bank batch 7")
    disbursements = Disbursement.objects.filter(line__run=run)
    assert disbursements.count() == 2
    for item in disbursements:
        created = entries_for(item).filter(action=LogEntry.Action.CREATE)
        assert created.count() == 1
    assert entries_for(PayoutRun.objects.get(pk=run.pk)).filter(
        changes__status=["paying", "paid"]).exists()


def test_a_fund_disbursement_approval_is_logged():
    requester, approver = make_finance("fund-req"), make_finance("fund-appr")
    ledger.post("seed:audit-fund", "fund inflow", [(ledger.STRIPE_CLEARING, 3_000_000),
                                                    (ledger.TRAINING_FUND, -3_000_000)],
                event=Journal.CAPTURE)
    programme = fund.add_programme(user=requester, name="Audit course", schedule_vii_head="ii")
    item = fund.request_disbursement(user=requester, head="trainer_fees", amount_paise=1_000_000,
                                     programme=programme, description="Trainer, March")
    with set_actor(approver):
        fund.approve_disbursement(user=approver, disbursement=item)
    statuses = [e.changes_dict.get("status") for e in entries_for(item)]
    assert [FundDisbursement.REQUESTED, FundDisbursement.PAID] in statuses
    assert entries_for(item).last().actor == approver


def test_a_split_change_from_the_dashboard_is_logged_with_its_author(client):
    finance = demo_user("Finance")
    sign_in(client, finance)
    response = client.post("/dashboard/payouts/split/", {
        "valid_from": "2030-01-01 00:00", "gst_rate": "5", "maker_share": "32",
        "fund_share": "10", "note": "Makers' share up two points"})
    assert response.status_code == 302
    row = SplitSetting.objects.get(note="Makers' share up two points")
    created = entries_for(row).get()
    assert created.actor == finance
    assert Decimal(created.changes_dict["maker_share"][1]) == Decimal("0.32")


def test_a_price_change_is_logged_and_a_stock_change_is_not():
    record = StockRecord.objects.order_by("pk").first()
    admin = demo_user("Admin")
    since = last_entry()
    with set_actor(admin):
        record.price = record.price + Decimal("10.00")
        record.save()
        record.num_in_stock = (record.num_in_stock or 0) + 1
        record.save()
    entries = list(entries_for(record, since))
    assert len(entries) == 1
    assert list(entries[0].changes_dict) == ["price"]
    assert entries[0].actor == admin


def test_a_refund_is_logged_with_who_refunded(client, stripe_server, eager_celery):
    buyer = type(client)()
    add_to_basket(buyer, "HAAT-POUCH-01")
    _preview, token = to_preview(buyer, stripe_server)
    assert place_order(buyer, token).status_code == 302
    order = get_model("order", "Order").objects.get()
    admin = demo_user("Admin")
    sign_in(client, admin)
    response = client.post(f"/dashboard/orders/{order.number}/refund/", {"whole_order": "1"})
    assert response.status_code == 302
    refund = StripeRefund.objects.get()
    created = entries_for(refund).filter(action=LogEntry.Action.CREATE).get()
    assert created.action == LogEntry.Action.CREATE and created.actor == admin


def test_identity_reads_are_in_the_vault_log_which_admins_can_read(client):
    juhi = Artisan.objects.get(pseudonym="Juhi")
    custodian = demo_user("Identity custodian")
    identity_services.read_identity(user=custodian, artisan=juhi, reason="Payout file for May")
    row = IdentityAccessLog.objects.filter(artisan=juhi, user=custodian).latest("id")
    assert row.reason == "Payout file for May"

    sign_in(client, demo_user("Admin"))
    page = client.get("/admin/artisans/identityaccesslog/")
    assert page.status_code == 200
    assert "Payout file for May" in page.content.decode()
    assert client.get(f"/admin/artisans/identityaccesslog/{row.pk}/delete/").status_code == 403


def test_admins_read_the_audit_log_and_cannot_change_or_delete_it(client):
    with set_actor(demo_user("Admin")):
        SplitSetting.objects.create(
            valid_from=datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC),
            gst_rate=Decimal("0.05"), maker_share=Decimal("0.3"), fund_share=Decimal("0.1"),
            note="audit visibility")
    entry = LogEntry.objects.latest("pk")
    sign_in(client, demo_user("Admin"))
    assert client.get("/admin/auditlog/logentry/").status_code == 200
    assert client.get(f"/admin/auditlog/logentry/{entry.pk}/change/").status_code == 200  # read
    assert client.get(f"/admin/auditlog/logentry/{entry.pk}/delete/").status_code == 403
    sign_in(client, demo_user("Finance"))
    assert client.get("/admin/auditlog/logentry/").status_code == 403


def test_the_database_refuses_to_edit_an_audit_entry():
    with set_actor(demo_user("Admin")):
        demo_user("Shopper").groups.add(Group.objects.get(name="Editor"))
    entry = LogEntry.objects.latest("pk")
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(changes_text="nothing happened")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            LogEntry.objects.filter(pk=entry.pk).delete()
    assert LogEntry.objects.filter(pk=entry.pk).exists()
