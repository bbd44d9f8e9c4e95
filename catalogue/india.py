"""India's states and union territories, and which of them a PIN code can be in.

Every form that takes an Indian address checks its PIN code against its state here: the
checkout's shipping address (commerce.checkout.forms) and a bulk order's recipients
file (csr_partners.bulk.recipients). It lives in the lowest app so that any app may use it.

``PIN_CIRCLES`` follows India Post's allocation of PIN codes to postal circles (Department of
Posts, indiapost.gov.in; its All India Pincode Directory on data.gov.in gives each PIN code's
state): the first digit is
the postal region (1 Delhi, Haryana, Punjab, Himachal Pradesh, Jammu and Kashmir, Ladakh,
Chandigarh; 2 Uttar Pradesh, Uttarakhand; 3 Rajasthan, Gujarat, Dadra and Nagar Haveli and
Daman and Diu; 4 Maharashtra, Goa, Madhya Pradesh, Chhattisgarh; 5 Andhra Pradesh, Telangana,
Karnataka; 6 Tamil Nadu, Kerala, Puducherry, Lakshadweep; 7 West Bengal, Odisha, Assam, the
North-East, Sikkim, Andaman and Nicobar; 8 Bihar, Jharkhand; 9 the Army Postal Service), the
first two the circle. A row is a range of two-digit prefixes, or a three-digit prefix, and
the states it may be in; the longest prefix wins (so 403 is Goa inside Maharashtra's 40-44).

Border exceptions allowed, where one prefix serves two states (an address is refused only
when the PIN code cannot be in its state):

* 160: Chandigarh, and Mohali (Punjab) which shares its sorting office.
* 194: Ladakh (Leh, Kargil), a union territory since 2019; older addresses say Jammu and
  Kashmir.
* 24 and 26: Uttar Pradesh and Uttarakhand share them (Moradabad and Kashipur, Bijnor and
  Pauri, Pilibhit and Pithoragarh).
* 362 and 396: Gujarat, and Diu (362520), Daman (396210) and Silvassa (396230).
* 50: Telangana, and the mandals moved to Andhra Pradesh in 2014 (Bhadrachalam's 507).
* 533, 605, 607, 609 and 673: Puducherry's Yanam, Puducherry and Bahour, Karaikal and Mahe,
  inside Andhra Pradesh, Tamil Nadu and Kerala.
* 682: Kerala, and Lakshadweep, served from Kochi.
* 80-85: Bihar and Jharkhand, one circle before 2000 and still interleaved.

PIN codes starting 9 (the Army Postal Service) and the unallocated prefixes (35, 54-55,
65-66, 86-89) belong to no state.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

STATES = [
    "Andaman and Nicobar Islands", "Andhra Pradesh", "Arunachal Pradesh", "Assam", "Bihar",
    "Chandigarh", "Chhattisgarh", "Dadra and Nagar Haveli and Daman and Diu", "Delhi", "Goa",
    "Gujarat", "Haryana", "Himachal Pradesh", "Jammu and Kashmir", "Jharkhand", "Karnataka",
    "Kerala", "Ladakh", "Lakshadweep", "Madhya Pradesh", "Maharashtra", "Manipur", "Meghalaya",
    "Mizoram", "Nagaland", "Odisha", "Puducherry", "Punjab", "Rajasthan", "Sikkim",
    "Tamil Nadu", "Telangana", "Tripura", "Uttar Pradesh", "Uttarakhand", "West Bengal",
]

# Common spellings buyers type, to the name above.
ALIASES = {
    "orissa": "Odisha", "pondicherry": "Puducherry", "new delhi": "Delhi",
    "nct of delhi": "Delhi", "j&k": "Jammu and Kashmir", "jammu & kashmir": "Jammu and Kashmir",
    "andaman & nicobar islands": "Andaman and Nicobar Islands", "uttaranchal": "Uttarakhand",
    "daman and diu": "Dadra and Nagar Haveli and Daman and Diu",
    "dadra and nagar haveli": "Dadra and Nagar Haveli and Daman and Diu",
    "wb": "West Bengal", "up": "Uttar Pradesh", "mp": "Madhya Pradesh", "tn": "Tamil Nadu",
}

_DNHDD = "Dadra and Nagar Haveli and Daman and Diu"

PIN_CIRCLES: list[tuple[str, tuple[str, ...]]] = [
    # 1
    ("11", ("Delhi",)),
    ("12-13", ("Haryana",)),
    ("14-16", ("Punjab",)),
    ("160", ("Chandigarh", "Punjab")),
    ("17", ("Himachal Pradesh",)),
    ("18-19", ("Jammu and Kashmir",)),
    ("194", ("Ladakh", "Jammu and Kashmir")),
    # 2
    ("20-23", ("Uttar Pradesh",)),
    ("24", ("Uttar Pradesh", "Uttarakhand")),
    ("25", ("Uttar Pradesh",)),
    ("26", ("Uttar Pradesh", "Uttarakhand")),
    ("27-28", ("Uttar Pradesh",)),
    # 3
    ("30-34", ("Rajasthan",)),
    ("36-39", ("Gujarat",)),
    ("362", ("Gujarat", _DNHDD)),
    ("396", ("Gujarat", _DNHDD)),
    # 4
    ("40-44", ("Maharashtra",)),
    ("403", ("Goa",)),
    ("45-48", ("Madhya Pradesh",)),
    ("49", ("Chhattisgarh",)),
    # 5
    ("50", ("Telangana", "Andhra Pradesh")),
    ("51-53", ("Andhra Pradesh",)),
    ("533", ("Andhra Pradesh", "Puducherry")),
    ("56-59", ("Karnataka",)),
    # 6
    ("60-64", ("Tamil Nadu",)),
    ("605", ("Puducherry", "Tamil Nadu")),
    ("607", ("Tamil Nadu", "Puducherry")),
    ("609", ("Tamil Nadu", "Puducherry")),
    ("67-69", ("Kerala",)),
    ("673", ("Kerala", "Puducherry")),
    ("682", ("Kerala", "Lakshadweep")),
    # 7
    ("70-74", ("West Bengal",)),
    ("737", ("Sikkim",)),
    ("744", ("Andaman and Nicobar Islands",)),
    ("75-77", ("Odisha",)),
    ("78", ("Assam",)),
    ("790-792", ("Arunachal Pradesh",)),
    ("793-794", ("Meghalaya",)),
    ("795", ("Manipur",)),
    ("796", ("Mizoram",)),
    ("797-798", ("Nagaland",)),
    ("799", ("Tripura",)),
    # 8
    ("80-85", ("Bihar", "Jharkhand")),
]


def _prefixes(circles) -> dict[str, tuple[str, ...]]:
    table = {}
    for span, states in circles:
        first, _sep, last = span.partition("-")
        for number in range(int(first), int(last or first) + 1):
            prefix = str(number).zfill(len(first))
            if prefix in table:
                raise ValueError(f"PIN prefix {prefix} is in PIN_CIRCLES twice")
            table[prefix] = states
    return table


PIN_PREFIXES: dict[str, tuple[str, ...]] = _prefixes(PIN_CIRCLES)


def canonical_state(value: str) -> str | None:
    """The state's name as in STATES, from what a buyer typed (any case, common aliases)."""
    key = " ".join((value or "").split()).lower()
    for state in STATES:
        if state.lower() == key:
            return state
    return ALIASES.get(key)


def states_for_pin(pin: str) -> tuple[str, ...]:
    """The states a PIN code can be in, most likely first (empty: none, e.g. the Army Postal
    Service)."""
    for length in (3, 2):
        if pin[:length] in PIN_PREFIXES:
            return PIN_PREFIXES[pin[:length]]
    return ()


def pin_not_in_state(pin: str, state: str) -> str | None:
    """What to tell the buyer when the 6-digit ``pin`` cannot be in ``state`` (a name from
    STATES), e.g. "PIN code 110001 is in Delhi, not West Bengal."; None when it can."""
    states = states_for_pin(pin)
    if state in states:
        return None
    if not states:
        return _("PIN code %(pin)s is not in any state or union territory.") % {"pin": pin}
    where = states[0]
    for other in states[1:]:
        where = _("%(one)s or %(other)s") % {"one": where, "other": other}
    return _("PIN code %(pin)s is in %(states)s, not %(state)s.") % {
        "pin": pin, "states": where, "state": state,
    }
