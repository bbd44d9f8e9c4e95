"""Re-encrypt the identity vault under the newest key of IDENTITY_KEYS.

Rotation: put a new key first in IDENTITY_KEYS (keep the old ones after it), restart, run this
command, then remove the old keys. Safe to run again: records already under the newest key are
left alone.
"""

from django.core.management.base import BaseCommand, CommandError

from artisans import identity_services, vault


class Command(BaseCommand):
    help = "Re-encrypt every identity record with the newest key in IDENTITY_KEYS."

    def handle(self, *args, **options):
        try:
            rotated = identity_services.rotate_identity_keys()
        except vault.VaultError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {rotated} identity record(s)."))
