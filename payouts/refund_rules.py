"""Who gives back a refund by amount (issue 18): the rule, written once, pure Python.

Finance refunds an amount rather than whole pieces when the buyer keeps the piece: a goodwill
gesture for a late parcel, or money back for a damaged handle. The amount is split across the
line's parts by ``splitting.split``, the function the capture used, so the refund is the same
kind of split as the sale; only the shares differ with the reason:

* ``goodwill`` (late delivery, a gesture): split with the maker's and the training fund's shares
  at zero, so it comes out of the GST inside the amount (the price really paid went down, so the
  tax on it does too) and the shop's own margin (platform). The maker made a sound piece and was
  credited for it; the training fund is restricted money for survivors' training. Neither pays
  for the shop's delay or its kindness.
* ``faulty`` (the piece itself was faulty): split at the capture's own shares, so the maker's
  share, the fund's share, GST and platform are each reduced pro rata, as if the piece had been
  sold for less.

Never more than what is left of each part of the line (what was captured less earlier refunds):
a goodwill refund can give back at most the line's GST and platform left; a paisa of rounding
that would overshoot a part moves to another part the reason may draw on. The parts always sum
exactly to the amount.
"""

from __future__ import annotations

from .splitting import PART_NAMES, Split, SplitError, split

GOODWILL, FAULTY = "goodwill", "faulty"
REASONS = (GOODWILL, FAULTY)
# Which parts each reason may draw on, in the order a rounding paisa moves to.
DRAWS_ON = {
    GOODWILL: ("platform", "gst"),
    FAULTY: ("platform", "gst", "training_fund", "maker"),
}


class RefundRuleError(SplitError):
    """An amount the rule refuses (more than the reason may give back, zero, an unknown reason)."""


def refundable(left: Split, reason: str) -> int:
    """The most a refund for ``reason`` can give back from a line whose parts left are ``left``."""
    if reason not in DRAWS_ON:
        raise RefundRuleError(f"unknown refund reason {reason!r}")
    return sum(getattr(left, name) for name in DRAWS_ON[reason])


def refund_parts(amount: int, *, left: Split, gst_rate, maker_share, fund_share,
                 reason: str) -> Split:
    """The parts of a refund of ``amount`` paise on a line whose parts left are ``left``, split
    at the capture's ``gst_rate`` and shares (see the module docstring for the reasons)."""
    most = refundable(left, reason)
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise RefundRuleError("a refund is a whole, positive number of paise")
    if amount > most:
        raise RefundRuleError(f"at most {most} paise can be refunded for {reason}")
    drawn = DRAWS_ON[reason]
    if amount == most:  # everything the reason may take: exactly what is left, no rounding
        return Split(**{n: getattr(left, n) if n in drawn else 0 for n in PART_NAMES})
    if reason == GOODWILL:
        parts = split(amount, gst_rate, 0, 0).as_dict()
    else:
        parts = split(amount, gst_rate, maker_share, fund_share).as_dict()
    # Rounding may ask a part for a paisa more than it has left: move it where there is room.
    excess = 0
    for name in PART_NAMES:
        cap = getattr(left, name) if name in drawn else 0
        if parts[name] > cap:
            excess += parts[name] - cap
            parts[name] = cap
    for name in drawn:
        room = getattr(left, name) - parts[name]
        moved = min(room, excess)
        parts[name] += moved
        excess -= moved
    return Split(**parts)


def pledge_to_reverse(pledged_left: int, *, amount: int, paid_left: int) -> int:
    """The pledge given back for a refund of ``amount`` out of ``paid_left`` paise still paid on
    the line: the same fraction of the pledge left, rounded half up, never more than is left."""
    if paid_left <= 0 or amount <= 0 or pledged_left <= 0:
        return 0
    return min(pledged_left, (2 * pledged_left * amount + paid_left) // (2 * paid_left))
