from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..validators import parse_domains, validate_domains, validate_gstin


class Company(models.Model):
    """A company that funds the training fund (tie-ups) and buys in bulk.

    Its CSR contacts are the users in ``contacts_group`` (one group per company, created with
    it), so "who may see company A's statements" is a group membership an admin can read in
    the dashboard, and ``selectors.company_for_user`` is the one place that decides it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    gstin = models.CharField(_("GSTIN"), max_length=15, unique=True, validators=[validate_gstin])
    billing_address = models.TextField(_("billing address"),
                                       help_text=_("Street, city and PIN code, as invoiced."))
    billing_state = models.CharField(_("billing state"), max_length=60,
                                     help_text=_("The state of the billing address (place of "
                                                 "supply on tax invoices)."))
    billing_pin_code = models.CharField(_("billing PIN code"), max_length=6, blank=True)
    email_domains = models.TextField(
        _("e-mail domains"), validators=[validate_domains],
        help_text=_("Domains of the company's work addresses, one per line (e.g. acme.example). "
                    "Employees verify an address at one of them."))
    contacts_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="csr_company", editable=False,
        help_text=_("Users in this group are the company's CSR contacts."))
    created_at = models.DateTimeField(auto_now_add=True)
    # Bulk orders (issue 8): staff may let a company pay invoices 30 days after, by transfer.
    allows_net_terms = models.BooleanField(
        _("net terms allowed"), default=False,
        help_text=_("Bulk orders may be paid by bank transfer within 30 days of the invoice."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.contacts_group_id is None:
            self.contacts_group, _created = Group.objects.get_or_create(
                name=f"CSR contacts: {self.name}"[:150])
        super().save(*args, **kwargs)

    def clean(self):
        self.gstin = (self.gstin or "").strip().upper()
        self.email_domains = "\n".join(parse_domains(self.email_domains))
        taken = set()
        for other in Company.objects.exclude(pk=self.pk).only("email_domains"):
            taken |= set(other.domains) & set(self.domains)
        if taken:
            raise ValidationError({"email_domains": _(
                "Another company already uses %(d)s.") % {"d": ", ".join(sorted(taken))}})

    @property
    def domains(self) -> list[str]:
        return parse_domains(self.email_domains)

    @property
    def ledger_key(self) -> str:
        """The key of the company's CSR receivable in payouts' ledger (no FK upwards)."""
        return f"company:{self.pk}"

    def contacts(self):
        return self.contacts_group.user_set.filter(is_active=True).order_by("email")
