"""The groups the artisans app itself checks (DESIGN.md section 6).

storefront/roles.py lists every role and reuses these names; artisans cannot import storefront.
"""

SHELTER_STAFF = "Shelter staff"
IDENTITY_CUSTODIAN = "Identity custodian"


def in_group(user, name: str) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.groups.filter(name=name).exists()
