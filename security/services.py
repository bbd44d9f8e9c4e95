"""Devices for the second factor: enrolment, backup codes, and the demo's known secret."""

import base64
import binascii

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10

# The demo's (dev and test only) TOTP secret, so anyone trying the demo can add it to an
# authenticator app; load_demo refuses to run in production, so no real account has it.
DEMO_TOTP_KEY_HEX = binascii.hexlify(b"haat-demo-2026-totp!").decode()


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def pending_app_device(user) -> TOTPDevice:
    """The authenticator-app device being enrolled (one per person, kept across reloads)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_app_device(device: TOTPDevice) -> None:
    """A code matched: this device becomes the person's only authenticator app."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replaces the person's backup codes with fresh ones, returned to be shown once; each code
    works once (django-otp's static device)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def give_demo_device(user) -> TOTPDevice:
    """The demo's known authenticator secret for a demo staff account (load_demo, dev/test)."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name=APP_DEVICE_NAME,
        defaults={"key": DEMO_TOTP_KEY_HEX, "confirmed": True},
    )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device
