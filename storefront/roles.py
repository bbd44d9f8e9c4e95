"""The people who use the shop, as Django groups (DESIGN.md section 6)."""

SHOPPER = "Shopper"
CSR_BUYER = "CSR buyer"
SHELTER_STAFF = "Shelter staff"
FINANCE = "Finance"
IDENTITY_CUSTODIAN = "Identity custodian"
EDITOR = "Editor"
ADMIN = "Admin"

ALL = [SHOPPER, CSR_BUYER, SHELTER_STAFF, FINANCE, IDENTITY_CUSTODIAN, EDITOR, ADMIN]

# Roles that work in the back office (Oscar's dashboard lets in staff users only).
STAFF_ROLES = {FINANCE, IDENTITY_CUSTODIAN, EDITOR, ADMIN}
