"""The shop: email, Oscar (currency, order statuses, the dashboard's menu), the stalls' UPI, the
payouts' floors and ranges, the supplier on tax invoices and thumbnails."""

from oscar.defaults import OSCAR_DASHBOARD_NAVIGATION

from .environment import env

# --- Email -------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Haat <hello@haat.example>")

# --- Oscar -------------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "Haat"
OSCAR_SHOP_TAGLINE = "Handmade by survivors, paid fairly"
OSCAR_DEFAULT_CURRENCY = "INR"
# ₹1,23,456.00 in every language: Oscar's currency filter makes catalogue.money's babel call.
OSCAR_CURRENCY_FORMAT = {"INR": {"locale": "en_IN", "format": "¤#,##,##0.00",
                                 "currency_digits": False}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_REQUIRED_ADDRESS_FIELDS = (
    "first_name", "last_name", "line1", "line4", "state", "postcode", "country", "phone_number",
)
# An order is placed once its payment is authorised and is paid once captured (DESIGN.md 5).
OSCAR_INITIAL_ORDER_STATUS = "Authorised"
OSCAR_INITIAL_LINE_STATUS = "Authorised"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Authorised": ("Paid", "Payment failed", "Cancelled"),
    "Paid": ("Shipped", "Refunded"),
    "Shipped": ("Delivered", "Refunded"),
    "Delivered": ("Refunded",),
    "Payment failed": ("Paid", "Cancelled"),
    "Cancelled": (),
    "Refunded": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
# Nobody browses through Haystack (see commerce/search); the simple backend stays
# configured only because Oscar's search app imports Haystack at start-up.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
# Makers and production (artisans.dashboard, mounted at /dashboard/makers/ by storefront.urls).
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405
    {
        "label": "Makers",
        "icon": "fas fa-hands",
        "children": [
            {"label": "Makers", "url_name": "artisans-dashboard:artisans-maker-list"},
            {"label": "Production batches", "url_name": "artisans-dashboard:artisans-batch-list"},
            {"label": "Production and capacity", "url_name": "artisans-dashboard:artisans-production"},
        ],
    },
    # Payouts, ledger and the training fund (payouts.dashboard, at /dashboard/payouts/).
    {
        "label": "Payouts",
        "icon": "fas fa-rupee-sign",
        "children": [
            {"label": "Payout runs", "url_name": "payouts-dashboard:payouts-run-list"},
            {"label": "Statements of a month",
             "url_name": "payouts-dashboard:payouts-statement-batches"},
            {"label": "Training fund", "url_name": "payouts-dashboard:payouts-fund"},
            {"label": "Seed grants", "url_name": "payouts-dashboard:payouts-grant-list"},
            {"label": "Split settings", "url_name": "payouts-dashboard:payouts-split"},
        ],
    },
    # CSR partners: companies, tie-ups, pledges, payments (csr_partners.dashboard, /dashboard/csr/).
    {
        "label": "CSR partners",
        "icon": "fas fa-handshake",
        "children": [
            {"label": "Companies", "url_name": "csr-dashboard:csr-company-list"},
            {"label": "Tie-ups", "url_name": "csr-dashboard:csr-tieup-list"},
            {"label": "Pledges", "url_name": "csr-dashboard:csr-pledge-list"},
        ],
    },
    # Companies' bulk orders (csr_partners.bulk_dashboard, at /dashboard/bulk-orders/).
    {
        "label": "Bulk orders",
        "icon": "fas fa-boxes",
        "children": [
            {"label": "Quotes", "url_name": "bulk-dashboard:bulk-quote-list"},
            {"label": "Orders and parcels", "url_name": "bulk-dashboard:bulk-order-list"},
            {"label": "Price tiers", "url_name": "bulk-dashboard:bulk-tiers"},
            {"label": "GST rates", "url_name": "bulk-dashboard:bulk-gst-rates"},
        ],
    },
]
# Exhibitions and pop-up stalls (exhibitions, at /dashboard/exhibitions/).
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [
    {
        "label": "Exhibitions",
        "icon": "fas fa-store",
        "children": [
            {"label": "Events", "url_name": "exhibitions-dashboard:event-list"},
        ],
    },
]
# UPI at the stall: the organisation's VPA and payee name put in the QR code for the amount.
EXHIBITIONS_UPI_VPA = env.str("EXHIBITIONS_UPI_VPA", default="haat.collective@upi")
EXHIBITIONS_UPI_PAYEE = env.str("EXHIBITIONS_UPI_PAYEE", default="Haat Collective")
# Payouts (DESIGN.md section 4): the living-income floor a maker's monthly earnings are checked
# against, and the range of a micro-business seed grant, in paise.
PAYOUTS_LIVING_INCOME_FLOOR_PAISE = env.int("PAYOUTS_LIVING_INCOME_FLOOR_PAISE", default=300_000)
# The supplier on GST tax invoices (bulk orders): legal name, GSTIN, state (place of supply
# is compared with it: CGST+SGST within it, IGST outside), address.
HAAT_SUPPLIER = {
    "legal_name": env.str("HAAT_SUPPLIER_NAME", default="Haat Livelihoods Foundation"),
    "gstin": env.str("HAAT_SUPPLIER_GSTIN", default="19AAATH1234K1Z5"),
    "state": env.str("HAAT_SUPPLIER_STATE", default="West Bengal"),
    "address": env.str("HAAT_SUPPLIER_ADDRESS",
                       default="Hub: 14 College Street, Kolkata 700073, West Bengal"),
    "location": env.str("HAAT_SUPPLIER_LOCATION", default="Kolkata"),
    "pin_code": env.str("HAAT_SUPPLIER_PIN", default="700073"),
    # Where a net-terms buyer pays: the organisation's own current account (no maker's).
    "bank_name": env.str("HAAT_SUPPLIER_BANK_NAME", default="Demo Bank, College Street branch"),
    "bank_account": env.str("HAAT_SUPPLIER_BANK_ACCOUNT", default="000123456789"),
    "ifsc": env.str("HAAT_SUPPLIER_IFSC", default="DEMO0001234"),
    "upi_id": env.str("HAAT_SUPPLIER_UPI", default="haat.collective@upi"),
    # Delivery is a service: its SAC code (9968 courier, or 9965 goods transport) and GST rate
    # (used when the dated rate table has no row for that code).
    "delivery_sac": env.str("HAAT_DELIVERY_SAC", default="9968"),
    "delivery_gst_rate": env.str("HAAT_DELIVERY_GST_RATE", default="0.18"),
    # HSN digits printed on goods lines: 6, or 8 for sellers whose turnover requires it.
    "hsn_digits": env.int("HAAT_HSN_DIGITS", default=6),
}
PAYOUTS_SEED_GRANT_RANGE_PAISE = (
    env.int("PAYOUTS_SEED_GRANT_MIN_PAISE", default=800_000),
    env.int("PAYOUTS_SEED_GRANT_MAX_PAISE", default=2_000_000),
)
THUMBNAIL_DEBUG = False
THUMBNAIL_PRESERVE_FORMAT = True
