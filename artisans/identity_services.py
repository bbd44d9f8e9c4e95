"""The identity vault: a maker's legal identity read and written by the identity custodians only,
each access written to the audit log first; and the key rotation."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from . import roles, vault
from .models import IDENTITY_FIELDS, Artisan, ArtisanIdentity, IdentityAccessLog

MIN_REASON_LENGTH = 10


def _require_custodian(user):
    if not roles.in_group(user, roles.IDENTITY_CUSTODIAN):
        raise PermissionDenied(_("Only the identity custodians may open the identity vault."))


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            _("Say why you need this record (at least %(n)d characters).")
            % {"n": MIN_REASON_LENGTH},
            code="reason",
        )
    return reason


@sensitive_variables("identity", "data")
def read_identity(*, user, artisan: Artisan, reason: str) -> dict | None:
    """The decrypted identity of a maker, for a custodian, written to the audit log first.

    Returns None when no identity has been recorded. Raises PermissionDenied for anyone but an
    identity custodian and ValidationError without a reason.
    """
    _require_custodian(user)
    reason = _clean_reason(reason)
    identity = ArtisanIdentity.objects.filter(artisan=artisan).first()
    IdentityAccessLog.objects.create(
        artisan=artisan, user=user, action=IdentityAccessLog.VIEW, reason=reason
    )
    if identity is None:
        return None
    data = vault.decrypt(identity.ciphertext)
    return {name: data.get(name, "") for name, _label in IDENTITY_FIELDS}


@sensitive_variables("data", "clean", "identity")
@transaction.atomic
def save_identity(*, user, artisan: Artisan, data: dict, reason: str) -> ArtisanIdentity:
    """Create or replace a maker's identity record (custodians only, audited)."""
    _require_custodian(user)
    reason = _clean_reason(reason)
    clean = {name: str(data.get(name, "") or "").strip() for name, _label in IDENTITY_FIELDS}
    if not clean["legal_name"]:
        raise ValidationError(_("The legal name is required."), code="legal_name")
    identity, created = ArtisanIdentity.objects.select_for_update().get_or_create(
        artisan=artisan, defaults={"ciphertext": vault.encrypt(clean), "updated_by": user}
    )
    if not created:
        identity.ciphertext = vault.encrypt(clean)
        identity.updated_by = user
        identity.save(update_fields=["ciphertext", "updated_by", "updated_at"])
    IdentityAccessLog.objects.create(
        artisan=artisan,
        user=user,
        action=IdentityAccessLog.CREATE if created else IdentityAccessLog.CHANGE,
        reason=reason,
    )
    return identity


def rotate_identity_keys(*, batch_size: int = 200) -> int:
    """Re-encrypt every identity record under the newest key. Returns how many changed.

    Safe to run again or to interrupt: each row is rewritten in its own short transaction
    and a row already under the newest key is left alone. Raises vault.VaultError, after
    rotating every record it can, if some record is opened by none of the configured keys.
    """
    rotated, unopened = 0, 0
    for pk in ArtisanIdentity.objects.order_by("pk").values_list("pk", flat=True).iterator(
        chunk_size=batch_size
    ):
        with transaction.atomic():
            identity = ArtisanIdentity.objects.select_for_update().get(pk=pk)
            if vault.encrypted_with_newest_key(identity.ciphertext):
                continue
            try:
                identity.ciphertext = vault.rotate(identity.ciphertext)
            except vault.VaultError:
                unopened += 1
                continue
            # updated_at stays: rotation changes no content.
            ArtisanIdentity.objects.filter(pk=pk).update(ciphertext=identity.ciphertext)
            rotated += 1
    if unopened:
        raise vault.VaultError(
            f"Re-encrypted {rotated} record(s); {unopened} record(s) are opened by none of the "
            "keys in IDENTITY_KEYS. Put the old key back (after the new one) and run again."
        )
    return rotated
