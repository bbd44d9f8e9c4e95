"""Money events. They live here, in the lowest app that cares, so that payouts and
csr_partners can listen without importing storefront, whose checkout fork sends them.
"""

from django.dispatch import Signal

# Sent once an order's PaymentIntent has been captured.
# Arguments: order (Oscar Order), intent_id (str, "pi_..."), amount_paise (int).
payment_captured = Signal()

# Sent once a refund has been recorded with Stripe.
# Arguments: order, lines (list of (order line, quantity) refunded), amount_paise (int),
# refund_id (str, "re_..."), by_amount (None, or (order line, reason) for a refund by amount on
# one line with no pieces back: payouts.refund_rules says which parts give it back).
refund_recorded = Signal()
