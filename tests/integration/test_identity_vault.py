"""The identity vault: encrypted at rest, rotated, read only by custodians, every read audited."""

import io
import logging

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

from artisans import identity_services, roles, services, vault
from artisans.log_filters import ScrubVaultValues, scrub
from artisans.models import Artisan, ArtisanIdentity, IdentityAccessLog

pytestmark = pytest.mark.django_db

FAKE = {
    "legal_name": "Zorbalina Quixthwaite-Test",
    "phone": "+91 98765 43210",
    "bank_account": "001122334455",
    "ifsc": "FAKE0TEST01",
    "upi_id": "zorbalina.fake@oktest",
    "id_number": "9999 8888 7777",
    "emergency_contact": "Fakeperson Emergencyson, +91 91234 56789",
}
REASON = "Preparing the monthly bank payout file"


@pytest.fixture
def custodian():
    return get_user_model().objects.get(username="identity-custodian")


@pytest.fixture
def artisan():
    """A maker with no identity recorded yet (the demo makers have fake ones)."""
    shelter = Artisan.objects.get(pseudonym="Juhi").shelter
    return services.register_artisan(shelter=shelter, pseudonym="Vault-test maker")


def raw_ciphertext(identity):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ciphertext FROM {ArtisanIdentity._meta.db_table} WHERE id = %s",
            [identity.pk],
        )
        return cursor.fetchone()[0]


def test_identity_is_stored_encrypted_and_read_back_by_a_custodian(custodian, artisan):
    identity = identity_services.save_identity(user=custodian, artisan=artisan, data=FAKE, reason=REASON)
    stored = raw_ciphertext(identity)
    for value in FAKE.values():
        assert value not in stored
    assert "Zorbalina" not in stored and "98765" not in stored
    assert identity_services.read_identity(user=custodian, artisan=artisan, reason=REASON) == FAKE


def test_nothing_from_the_vault_is_in_str_or_repr(custodian, artisan):
    identity = identity_services.save_identity(user=custodian, artisan=artisan, data=FAKE, reason=REASON)
    for text in (str(identity), repr(identity), str(artisan)):
        assert "Zorbalina" not in text and "98765" not in text


def test_every_read_and_write_is_audited_with_who_when_and_why(custodian, artisan):
    identity_services.save_identity(user=custodian, artisan=artisan, data=FAKE, reason=REASON)
    identity_services.read_identity(user=custodian, artisan=artisan, reason="Checking the UPI id for a payout")
    rows = list(IdentityAccessLog.objects.filter(artisan=artisan).order_by("id"))
    assert [(r.action, r.user, r.reason) for r in rows] == [
        ("create", custodian, REASON),
        ("view", custodian, "Checking the UPI id for a payout"),
    ]
    assert all(r.at is not None for r in rows)


def test_a_read_needs_a_reason(custodian, artisan):
    before = IdentityAccessLog.objects.count()
    with pytest.raises(ValidationError):
        identity_services.read_identity(user=custodian, artisan=artisan, reason="  why ")
    assert IdentityAccessLog.objects.count() == before


@pytest.mark.parametrize("username", ["shelter-staff", "finance", "admin", "editor", "shopper"])
def test_nobody_but_a_custodian_may_read_or_write(custodian, artisan, username):
    identity_services.save_identity(user=custodian, artisan=artisan, data=FAKE, reason=REASON)
    other = get_user_model().objects.get(username=username)
    with pytest.raises(PermissionDenied):
        identity_services.read_identity(user=other, artisan=artisan, reason=REASON)
    with pytest.raises(PermissionDenied):
        identity_services.save_identity(user=other, artisan=artisan, data=FAKE, reason=REASON)
    assert IdentityAccessLog.objects.filter(user=other).count() == 0


def test_an_inactive_custodian_is_refused(custodian, artisan):
    custodian.is_active = False
    with pytest.raises(PermissionDenied):
        identity_services.read_identity(user=custodian, artisan=artisan, reason=REASON)


def test_rotation_re_encrypts_under_the_new_key_and_old_keys_can_then_go(
    custodian, artisan, settings
):
    old = Fernet.generate_key().decode()
    new = Fernet.generate_key().decode()
    settings.IDENTITY_KEYS = [old]
    identity = identity_services.save_identity(user=custodian, artisan=artisan, data=FAKE, reason=REASON)
    before = raw_ciphertext(identity)

    # The demo records are under the development key: it stays readable until rotated too.
    settings.IDENTITY_KEYS = [new, old, vault.DEV_ONLY_KEY]
    out = io.StringIO()
    call_command("rotate_identity_keys", stdout=out)
    assert f"Re-encrypted {ArtisanIdentity.objects.count()} identity record" in out.getvalue()
    after = raw_ciphertext(identity)
    assert after != before
    # A second run has nothing left to do.
    assert identity_services.rotate_identity_keys() == 0

    settings.IDENTITY_KEYS = [new]
    assert identity_services.read_identity(user=custodian, artisan=artisan, reason=REASON) == FAKE
    settings.IDENTITY_KEYS = [old]
    with pytest.raises(vault.VaultError):
        identity_services.read_identity(user=custodian, artisan=artisan, reason=REASON)


def test_rotation_says_which_records_no_key_opens(custodian, artisan, settings):
    from django.core.management import CommandError

    settings.IDENTITY_KEYS = [Fernet.generate_key().decode()]  # the dev key is gone
    with pytest.raises(CommandError, match="opened by none of the keys"):
        call_command("rotate_identity_keys", stdout=io.StringIO())


def test_the_dev_key_is_used_only_outside_production(settings):
    settings.IDENTITY_KEYS = []
    assert vault.decrypt(vault.encrypt({"a": "b"})) == {"a": "b"}
    settings.DJANGO_ENV = "prod"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        vault.encrypt({"a": "b"})


def test_the_log_filter_scrubs_vault_values_and_things_shaped_like_them(custodian, artisan):
    identity_services.save_identity(user=custodian, artisan=artisan, data=FAKE, reason=REASON)
    text = scrub(f"payout to {FAKE['legal_name']} ({FAKE['phone']}) acct 123456789012 "
                 f"ifsc SBIN0001234 upi someone@okicici mail ok@haat.example")
    assert "Zorbalina" not in text and "98765" not in text
    assert "123456789012" not in text and "SBIN0001234" not in text
    assert "someone@okicici" not in text
    assert "ok@haat.example" in text  # an email address is not a UPI id


def test_the_configured_log_handler_never_writes_a_vault_value(custodian, artisan):
    identity_services.save_identity(user=custodian, artisan=artisan, data=FAKE, reason=REASON)
    handlers = [h for h in logging.getLogger().handlers
                if any(isinstance(f, ScrubVaultValues) for f in h.filters)]
    assert handlers, "settings.LOGGING installs the vault filter on the console handler"
    stream = io.StringIO()
    old = handlers[0].setStream(stream)
    try:
        log = logging.getLogger("haat.test")
        log.warning("Payout for %s failed", FAKE["legal_name"])
        try:
            raise ValueError(f"bad phone {FAKE['phone']}")
        except ValueError:
            log.exception("crash")
    finally:
        handlers[0].setStream(old)
    output = stream.getvalue()
    assert "Payout for [redacted] failed" in output
    assert "Zorbalina" not in output and "98765" not in output
    assert "ValueError" in output  # the traceback is kept, minus the secret


def test_roles_module_is_the_one_the_project_uses():
    from storefront import roles as project_roles

    assert project_roles.IDENTITY_CUSTODIAN == roles.IDENTITY_CUSTODIAN
    assert project_roles.SHELTER_STAFF == roles.SHELTER_STAFF


def test_error_reports_hide_what_was_typed_into_the_vault_form(rf, custodian, artisan):
    """A crash on the identity page must not mail the legal name to the admins."""
    from django.views.debug import ExceptionReporter

    from artisans.dashboard.views import IdentityView

    request = rf.post("/dashboard/makers/1/identity/", {"action": "save", **FAKE, "reason": REASON})
    request.user = custodian

    def crash(self, request, pk):
        raise RuntimeError("boom")

    view = IdentityView.as_view()
    original = IdentityView.post
    IdentityView.post = crash
    try:
        try:
            view(request, pk=artisan.pk)
        except RuntimeError:
            import sys

            report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    finally:
        IdentityView.post = original
    assert "Zorbalina" not in report and "98765" not in report
    assert "boom" in report
