"""Indian states and union territories, and which of them each PIN code prefix belongs to.

India Post's first digits of a PIN code name the postal circle; a circle can span a state and a
union territory (Chandigarh in Punjab's 160, Puducherry's Yanam, Karaikal and Mahe inside
Andhra Pradesh, Tamil Nadu and Kerala), so a prefix maps to the set of states it may be in, and
the longest prefix wins. Army Postal Service PIN codes (9xxxxx) belong to no state.
"""

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

# State codes of GSTINs (the first two digits), for checking a buyer's GSTIN against its state.
GST_STATE_CODES = {
    "01": "Jammu and Kashmir", "02": "Himachal Pradesh", "03": "Punjab", "04": "Chandigarh",
    "05": "Uttarakhand", "06": "Haryana", "07": "Delhi", "08": "Rajasthan", "09": "Uttar Pradesh",
    "10": "Bihar", "11": "Sikkim", "12": "Arunachal Pradesh", "13": "Nagaland", "14": "Manipur",
    "15": "Mizoram", "16": "Tripura", "17": "Meghalaya", "18": "Assam", "19": "West Bengal",
    "20": "Jharkhand", "21": "Odisha", "22": "Chhattisgarh", "23": "Madhya Pradesh",
    "24": "Gujarat", "26": "Dadra and Nagar Haveli and Daman and Diu", "27": "Maharashtra",
    "29": "Karnataka", "30": "Goa", "31": "Lakshadweep", "32": "Kerala", "33": "Tamil Nadu",
    "34": "Puducherry", "35": "Andaman and Nicobar Islands", "36": "Telangana",
    "37": "Andhra Pradesh", "38": "Ladakh",
}

_UP_UK = {"Uttar Pradesh", "Uttarakhand"}
_BIHAR_JH = {"Bihar", "Jharkhand"}

PIN_PREFIXES: dict[str, set[str]] = {
    "11": {"Delhi"},
    "12": {"Haryana"}, "13": {"Haryana", "Punjab"},
    "14": {"Punjab"}, "15": {"Punjab"}, "16": {"Punjab", "Haryana"}, "160": {"Chandigarh", "Punjab"},
    "17": {"Himachal Pradesh"},
    "18": {"Jammu and Kashmir"}, "19": {"Jammu and Kashmir"}, "194": {"Ladakh"},
    "20": {"Uttar Pradesh"}, "21": {"Uttar Pradesh"}, "22": {"Uttar Pradesh"},
    "23": {"Uttar Pradesh"}, "24": _UP_UK, "25": {"Uttar Pradesh"}, "26": _UP_UK,
    "27": {"Uttar Pradesh"}, "28": {"Uttar Pradesh"},
    "30": {"Rajasthan"}, "31": {"Rajasthan"}, "32": {"Rajasthan"}, "33": {"Rajasthan"},
    "34": {"Rajasthan"},
    "36": {"Gujarat"}, "37": {"Gujarat"}, "38": {"Gujarat"},
    "39": {"Gujarat", "Dadra and Nagar Haveli and Daman and Diu"},
    "40": {"Maharashtra"}, "403": {"Goa"}, "41": {"Maharashtra"}, "42": {"Maharashtra"},
    "43": {"Maharashtra"}, "44": {"Maharashtra"},
    "45": {"Madhya Pradesh"}, "46": {"Madhya Pradesh"}, "47": {"Madhya Pradesh"},
    "48": {"Madhya Pradesh"}, "49": {"Chhattisgarh"},
    "50": {"Telangana", "Andhra Pradesh"}, "51": {"Andhra Pradesh", "Telangana"},
    "52": {"Andhra Pradesh"}, "53": {"Andhra Pradesh"}, "533": {"Andhra Pradesh", "Puducherry"},
    "56": {"Karnataka"}, "57": {"Karnataka"}, "58": {"Karnataka"}, "59": {"Karnataka"},
    "60": {"Tamil Nadu"}, "605": {"Tamil Nadu", "Puducherry"}, "609": {"Tamil Nadu", "Puducherry"},
    "61": {"Tamil Nadu"}, "62": {"Tamil Nadu"}, "63": {"Tamil Nadu"}, "64": {"Tamil Nadu"},
    "67": {"Kerala"}, "673": {"Kerala", "Puducherry"}, "68": {"Kerala"},
    "682": {"Kerala", "Lakshadweep"}, "69": {"Kerala"},
    "70": {"West Bengal"}, "71": {"West Bengal"}, "72": {"West Bengal"}, "73": {"West Bengal"},
    "737": {"Sikkim"}, "74": {"West Bengal"}, "744": {"Andaman and Nicobar Islands"},
    "75": {"Odisha"}, "76": {"Odisha"}, "77": {"Odisha"},
    "78": {"Assam"},
    "790": {"Arunachal Pradesh"}, "791": {"Arunachal Pradesh"}, "792": {"Arunachal Pradesh"},
    "793": {"Meghalaya"}, "794": {"Meghalaya"}, "795": {"Manipur"}, "796": {"Mizoram"},
    "797": {"Nagaland"}, "798": {"Nagaland"}, "799": {"Tripura"},
    "80": _BIHAR_JH, "81": _BIHAR_JH, "82": _BIHAR_JH, "83": _BIHAR_JH, "84": _BIHAR_JH,
    "85": _BIHAR_JH,
}


def canonical_state(value: str) -> str | None:
    """The state's name as in STATES, from what a buyer typed (any case, common aliases)."""
    key = " ".join((value or "").split()).lower()
    for state in STATES:
        if state.lower() == key:
            return state
    return ALIASES.get(key)


def states_for_pin(pin: str) -> set[str]:
    """The states a PIN code can be in (empty: none, e.g. the Army Postal Service)."""
    for length in (3, 2):
        if pin[:length] in PIN_PREFIXES:
            return PIN_PREFIXES[pin[:length]]
    return set()
