"""PIN codes against states (catalogue.india, the table the checkout and bulk recipients share)."""

import pytest
from django.utils import translation

from catalogue.india import PIN_PREFIXES, STATES, pin_not_in_state, states_for_pin

# One real PIN code of each state and union territory (its capital's or main post office).
REAL_PIN_CODES = {
    "Andaman and Nicobar Islands": "744101",  # Port Blair
    "Andhra Pradesh": "520001",  # Vijayawada
    "Arunachal Pradesh": "791111",  # Itanagar
    "Assam": "781001",  # Guwahati
    "Bihar": "800001",  # Patna
    "Chandigarh": "160017",
    "Chhattisgarh": "492001",  # Raipur
    "Dadra and Nagar Haveli and Daman and Diu": "396210",  # Daman
    "Delhi": "110001",
    "Goa": "403001",  # Panaji
    "Gujarat": "380001",  # Ahmedabad
    "Haryana": "122001",  # Gurugram
    "Himachal Pradesh": "171001",  # Shimla
    "Jammu and Kashmir": "190001",  # Srinagar
    "Jharkhand": "834001",  # Ranchi
    "Karnataka": "560001",  # Bengaluru
    "Kerala": "695001",  # Thiruvananthapuram
    "Ladakh": "194101",  # Leh
    "Lakshadweep": "682555",  # Kavaratti
    "Madhya Pradesh": "462001",  # Bhopal
    "Maharashtra": "400001",  # Mumbai
    "Manipur": "795001",  # Imphal
    "Meghalaya": "793001",  # Shillong
    "Mizoram": "796001",  # Aizawl
    "Nagaland": "797001",  # Kohima
    "Odisha": "751001",  # Bhubaneswar
    "Puducherry": "605001",
    "Punjab": "141001",  # Ludhiana
    "Rajasthan": "302001",  # Jaipur
    "Sikkim": "737101",  # Gangtok
    "Tamil Nadu": "600001",  # Chennai
    "Telangana": "500001",  # Hyderabad
    "Tripura": "799001",  # Agartala
    "Uttar Pradesh": "226001",  # Lucknow
    "Uttarakhand": "248001",  # Dehradun
    "West Bengal": "700019",  # Kolkata
}


def test_every_state_has_a_real_pin_code_here_and_the_table_names_only_real_states():
    assert set(REAL_PIN_CODES) == set(STATES)
    assert set().union(*PIN_PREFIXES.values()) == set(STATES)


@pytest.mark.parametrize("state, pin", sorted(REAL_PIN_CODES.items()))
def test_a_real_pin_code_of_each_state_is_accepted(state, pin):
    assert pin_not_in_state(pin, state) is None


def test_a_delhi_pin_code_with_west_bengal_names_both():
    assert pin_not_in_state("110001", "West Bengal") == (
        "PIN code 110001 is in Delhi, not West Bengal."
    )


@pytest.mark.parametrize("pin, state, message", [
    ("700019", "Sikkim", "PIN code 700019 is in West Bengal, not Sikkim."),
    ("737101", "West Bengal", "PIN code 737101 is in Sikkim, not West Bengal."),
    ("403001", "Maharashtra", "PIN code 403001 is in Goa, not Maharashtra."),
    ("751001", "West Bengal", "PIN code 751001 is in Odisha, not West Bengal."),
    ("781001", "Meghalaya", "PIN code 781001 is in Assam, not Meghalaya."),
    ("500001", "Karnataka", "PIN code 500001 is in Telangana or Andhra Pradesh, not Karnataka."),
    ("999001", "Delhi", "PIN code 999001 is not in any state or union territory."),
    ("350001", "Rajasthan", "PIN code 350001 is not in any state or union territory."),
])
def test_a_pin_code_outside_its_state_is_refused_with_where_it_is(pin, state, message):
    assert pin_not_in_state(pin, state) == message


@pytest.mark.parametrize("pin, state", [
    ("160055", "Punjab"),  # Mohali, in Chandigarh's 160
    ("362520", "Dadra and Nagar Haveli and Daman and Diu"),  # Diu
    ("396230", "Dadra and Nagar Haveli and Daman and Diu"),  # Silvassa
    ("396001", "Gujarat"),  # Valsad
    ("533464", "Puducherry"),  # Yanam
    ("609602", "Puducherry"),  # Karaikal
    ("673310", "Puducherry"),  # Mahe
    ("263001", "Uttarakhand"),  # Nainital
    ("262001", "Uttar Pradesh"),  # Pilibhit
    ("831001", "Jharkhand"),  # Jamshedpur
    ("812001", "Bihar"),  # Bhagalpur
    ("194101", "Jammu and Kashmir"),  # Leh, as addresses written before 2019 say
])
def test_the_border_exceptions_the_table_allows(pin, state):
    assert state in states_for_pin(pin)
    assert pin_not_in_state(pin, state) is None


@pytest.mark.parametrize("language, words", [
    ("bn", ["110001", "Delhi", "West Bengal", "পিন কোড"]),
    ("hi", ["110001", "Delhi", "West Bengal", "पिन कोड"]),
])
def test_the_message_is_translated_and_still_names_both(language, words):
    with translation.override(language):
        message = pin_not_in_state("110001", "West Bengal")
        two = pin_not_in_state("500001", "Goa")
    assert "is in" not in message and all(word in message for word in words)
    assert "Telangana" in two and "Andhra Pradesh" in two and " or " not in two
