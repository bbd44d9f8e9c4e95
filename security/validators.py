from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class StaffMinimumLengthValidator:
    """Staff passwords (is_staff, superusers, back-office groups) need `min_length` characters;
    Django's own MinimumLengthValidator keeps its 8 for shoppers."""

    def __init__(self, min_length=12):
        self.min_length = min_length

    def validate(self, password, user=None):
        from .policy import is_staff_member

        if user is None or len(password) >= self.min_length:
            return
        staff = user.is_staff or user.is_superuser or (user.pk and is_staff_member(user))
        if staff:
            raise ValidationError(
                ngettext(
                    "A staff password must contain at least %(min_length)d character.",
                    "A staff password must contain at least %(min_length)d characters.",
                    self.min_length,
                ),
                code="password_too_short_for_staff",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return _("Staff passwords must contain at least %(min_length)d characters.") % {
            "min_length": self.min_length
        }
