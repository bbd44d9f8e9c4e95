"""Who may do what with bulk orders. Company scoping is decided here, never in templates:
a buyer sees and acts on their own company's quotes only."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from artisans.roles import in_group

CSR_BUYER = "CSR buyer"
FINANCE = "Finance"
ADMIN = "Admin"


def company_of(user):
    """The company a signed-in buyer belongs to, or None (issue 7's scoping selector)."""
    from csr_partners import selectors

    if not (user and user.is_authenticated):
        return None
    return selectors.company_for_user(user)


def require_buyer(user, company):
    if company is None or company_of(user) != company:
        raise PermissionDenied(_("Only the company's own buyers may do this."))


def is_sales(user) -> bool:
    """Staff who review, price and send quotes and mark shipments: admins and finance."""
    return bool(user and user.is_authenticated and user.is_staff and (
        user.is_superuser or in_group(user, ADMIN) or in_group(user, FINANCE)))


def require_sales(user):
    if not is_sales(user):
        raise PermissionDenied(_("Only the shop's staff may do this."))


def require_finance(user):
    if not in_group(user, FINANCE):
        raise PermissionDenied(_("Only finance staff may record payments."))
