"""CSR settings, read from Django settings with the shop's defaults."""

import datetime

from django.conf import settings

# How long an emailed verification link works.
VERIFICATION_MAX_AGE = datetime.timedelta(
    seconds=getattr(settings, "CSR_VERIFICATION_MAX_AGE_SECONDS", 2 * 24 * 3600))

# The implementing organisation on CSR reports and utilisation certificates (Companies (CSR
# Policy) Rules 2014, rule 4(1): registered with the Registrar, CSR-1 number; 12A/80G under the
# Income-tax Act). Production sets CSR_IMPLEMENTING_AGENCY from the environment.
DEFAULT_AGENCY = {
    "legal_name": "Haat Livelihoods Foundation",
    "registration": "Section 8 company, CIN U85300WB2019NPL000000",
    "csr1_number": "CSR00000000",
    "pan": "AAATH1234K",
    "reg_12a": "AAATH1234KE20210",
    "reg_80g": "AAATH1234KF20210",
    "address": "14 College Street, Kolkata 700073, West Bengal",
    "signatory": "Chief Executive",
}


def agency() -> dict:
    return {**DEFAULT_AGENCY, **getattr(settings, "CSR_IMPLEMENTING_AGENCY", {})}
