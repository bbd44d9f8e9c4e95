"""csr_partners models: companies and tie-ups (issue 7), pledges and payments (issue 7),
the campaign page (issue 7); bulk orders (issue 8) in bulk.py; credited parcels (issue 18)."""

from . import bulk, parcels  # noqa: F401  (bulk orders, issue 8; parcels credited, issue 18)
from .campaigns import CampaignPage
from .companies import Company
from .pledges import Pledge, PledgePayment, PledgeReversal
from .tieups import EmployeeVerification, TieUp

__all__ = ["CampaignPage", "Company", "EmployeeVerification", "Pledge", "PledgePayment",
           "PledgeReversal", "TieUp"]
