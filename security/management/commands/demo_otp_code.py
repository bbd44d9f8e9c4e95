from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.services import DEMO_TOTP_KEY_HEX


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo staff accounts (dev and test only)."

    def handle(self, *args, **options):
        if settings.DJANGO_ENV == "prod":
            raise CommandError("There are no demo accounts in production.")
        device = TOTPDevice(key=DEMO_TOTP_KEY_HEX)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
