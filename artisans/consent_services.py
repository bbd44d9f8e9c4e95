"""A maker's consents (to her story, her hands photo...): granted or withdrawn by staff, or
withdrawn by the maker herself; consent_changed is sent once the change is committed."""

import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Artisan, Consent
from .signals import consent_changed


def record_consent(*, artisan: Artisan, kind: str, granted: bool, by, note: str = "",
                   by_maker: bool = False) -> Consent:
    """Grant or withdraw one kind of consent. Takes effect on the next page view."""
    if kind not in dict(Consent.KINDS):
        raise ValidationError(_("Unknown kind of consent."))
    if by is None and not (by_maker and not granted):
        raise ValidationError(_("Only staff record a consent given; they note how it was asked."))
    consent = Consent.objects.create(
        artisan=artisan, kind=kind, granted=granted, recorded_by=by, note=note, by_maker=by_maker
    )
    if kind == Consent.HANDS_PHOTO and not granted and artisan.hands_photo:
        _move_out_of_reach(artisan)
    transaction.on_commit(
        lambda: consent_changed.send(sender=Consent, artisan=artisan, kind=kind, granted=granted)
    )
    return consent


@transaction.atomic
def withdraw_consent_by_maker(*, artisan: Artisan, kind: str) -> Consent:
    """The maker withdraws a consent herself, on her own page: the same path as staff's
    withdrawal (the photo moved out of reach, consent_changed sent after commit, so the story
    pages are unpublished and the cached pages retired)."""
    return record_consent(artisan=artisan, kind=kind, granted=False, by=None, by_maker=True,
                          note="Withdrawn by the maker on her own page")


def _move_out_of_reach(artisan: Artisan) -> None:
    """The photo's public address stops working: it is kept (for a renewed consent) under a
    new random name, and the file at the old address is deleted once the change is committed."""
    old = artisan.hands_photo
    old_name, storage = old.name, old.storage
    with old.open("rb") as fh:
        content = ContentFile(fh.read(), name=f"{uuid.uuid4().hex}{Path(old_name).suffix}")
    artisan.hands_photo.save(content.name, content, save=False)
    Artisan.objects.filter(pk=artisan.pk).update(hands_photo=artisan.hands_photo.name)
    transaction.on_commit(lambda: storage.delete(old_name))
