"""The groups the payouts app checks (DESIGN.md section 6). storefront/roles.py lists every role
with the same names; payouts cannot import storefront."""

from artisans.roles import IDENTITY_CUSTODIAN, in_group

FINANCE = "Finance"

__all__ = ["FINANCE", "IDENTITY_CUSTODIAN", "in_group", "is_finance", "is_custodian"]


def is_finance(user) -> bool:
    return in_group(user, FINANCE)


def is_custodian(user) -> bool:
    return in_group(user, IDENTITY_CUSTODIAN)
