"""The people who use the shop, as Django groups (DESIGN.md section 6)."""

from artisans.roles import IDENTITY_CUSTODIAN, SHELTER_STAFF

SHOPPER = "Shopper"
CSR_BUYER = "CSR buyer"
FINANCE = "Finance"
EDITOR = "Editor"
ADMIN = "Admin"

ALL = [SHOPPER, CSR_BUYER, SHELTER_STAFF, FINANCE, IDENTITY_CUSTODIAN, EDITOR, ADMIN]

# Roles that work in the back office (Oscar's dashboard lets in staff users only).
STAFF_ROLES = {FINANCE, IDENTITY_CUSTODIAN, EDITOR, ADMIN}
