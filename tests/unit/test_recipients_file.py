"""The recipients file of a bulk order (csr_partners.bulk.recipients): every fault at once."""

import pytest

from catalogue.india import PIN_PREFIXES, STATES, states_for_pin
from csr_partners.bulk.recipients import (
    MAX_ROWS,
    _indian_phone,
    check_recipients,
    csv_safe,
    faults_csv,
)

HEADER = "name,address_line1,address_line2,city,state,pin_code,phone,gift_message\n"
GOOD = "Asha Roy,12 Lake Road,,Kolkata,West Bengal,700019,98300 12345,Happy Women's Day!\n"

TEN_FAULTS = HEADER + (
    GOOD
    + ",5 Park St,,Kolkata,West Bengal,700016,9830012346,\n"               # 3 name missing
    + "Bina Das,,,Kolkata,West Bengal,700016,9830012347,\n"                # 4 address missing
    + "Chitra Sen,1 Mall Rd,,Kolkata,West Bengal,70001,9830012348,\n"       # 5 PIN 5 digits
    + "Dipa Pal,2 MG Road,,Bengaluru,Karnataka,700019,9830012349,\n"        # 6 PIN vs state
    + "Esha Ghosh,3 Hill Rd,,Mumbai,Maharashtra,400050,12345,\n"            # 7 phone
    + "Farah Khan,4 Beach Rd,,Chennai,Tamil Nadu,600001,+44 20 7946 0958,\n"  # 8 UK phone
    + "Gita Jain,5 Fort Rd,,Delhi,Delhi,110001,9810012345," + "x" * 201 + "\n"  # 9 message
    + "Hema Iyer,6 Lake Rd,,Pune,Atlantis,411001,9822012345,\n"             # 10 state
    + "Ira Bose,7 Ring Rd,,,Delhi,110002,9810012346,\n"                     # 11 city missing
    + "Asha Roy,12 Lake Road,,Kolkata,West Bengal,700019,98300 12345,\n"    # 12 duplicate
)


def test_ten_faults_give_ten_row_level_messages_and_no_rows():
    checked = check_recipients(TEN_FAULTS, pieces=300)
    got = [(f.row, f.column) for f in checked.faults]
    assert got == [
        (3, "name"), (4, "address_line1"), (5, "pin_code"), (6, "pin_code"), (7, "phone"),
        (8, "phone"), (9, "gift_message"), (10, "state"), (11, "city"), (12, "name"),
    ]
    messages = {f.row: f.message for f in checked.faults}
    assert messages[6] == "PIN code 700019 is in West Bengal, not Karnataka."
    assert "201 characters" in messages[9]
    assert "row 2" in messages[12]
    assert checked.rows == [] and not checked.ok


def test_a_clean_file_gives_clean_rows():
    data = (HEADER + GOOD + "Bina Das,5 Park St,Flat 2,Gurugram,haryana,122001,+91-98100-12345,\n"
            + ",,,,,,,\n").encode("utf-8-sig")
    checked = check_recipients(data, pieces=2)
    assert checked.ok
    assert [r["phone"] for r in checked.rows] == ["+919830012345", "+919810012345"]
    assert checked.rows[1]["state"] == "Haryana" and checked.rows[1]["row"] == 3


def test_more_recipients_than_pieces_names_the_first_row_too_many():
    checked = check_recipients(HEADER + GOOD + GOOD.replace("Asha", "Bina") + GOOD.replace(
        "Asha", "Chitra"), pieces=2)
    assert [(f.row, f.column) for f in checked.faults] == [(4, "")]
    assert "3 recipients but the order has 2 pieces" in checked.faults[0].message


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe\x00\x00garbage\x00", "not a text"),
    ("", "empty"),
    ("name,city\nAsha,Kolkata\n", "no “address_line1” column"),
    (HEADER, "no recipients"),
])
def test_files_that_are_not_recipient_lists_are_refused_with_a_reason(data, message):
    checked = check_recipients(data, pieces=10)
    assert checked.faults and message in checked.faults[0].message and not checked.rows


def test_header_aliases_from_real_spreadsheets():
    data = "Full name,Address,City,State,PIN code,Mobile\nAsha,1 Road,Kolkata,WB,700019,9830012345\n"
    assert check_recipients(data, pieces=1).ok


def test_every_state_has_a_pin_prefix_and_prefixes_name_real_states():
    covered = set().union(*PIN_PREFIXES.values())
    assert covered == set(STATES)
    assert states_for_pin("737101") == ("Sikkim",) and states_for_pin("999001") == ()


def test_every_row_with_a_pin_outside_its_state_is_reported_at_once():
    """Issue 19: 110001 with West Bengal was accepted. Each such row is named, none is kept."""
    data = HEADER + (
        GOOD
        + "Bina Das,5 Park St,,Kolkata,West Bengal,110001,9830012346,\n"
        + "Chitra Sen,1 Mall Rd,,Mumbai,Maharashtra,700019,9830012348,\n"
        + "Dipa Pal,2 MG Road,,Panaji,Goa,400001,9830012349,\n"
        + "Esha Ghosh,3 Hill Rd,,Kolkata,wb,999001,9830012347,\n"
    )
    checked = check_recipients(data, pieces=10)
    assert [(f.row, f.column, f.message) for f in checked.faults] == [
        (3, "pin_code", "PIN code 110001 is in Delhi, not West Bengal."),
        (4, "pin_code", "PIN code 700019 is in West Bengal, not Maharashtra."),
        (5, "pin_code", "PIN code 400001 is in Maharashtra, not Goa."),
        (6, "pin_code", "PIN code 999001 is not in any state or union territory."),
    ]
    assert checked.rows == [] and not checked.ok


def test_a_file_with_one_real_address_in_every_state_is_clean():
    from tests.unit.test_india_pin_codes import REAL_PIN_CODES

    data = HEADER + "".join(
        f"Recipient {n},{n} Main Road,,Town,{state},{pin},98300 {12345 + n},\n"
        for n, (state, pin) in enumerate(REAL_PIN_CODES.items())
    )
    checked = check_recipients(data, pieces=len(REAL_PIN_CODES))
    assert checked.ok, checked.faults
    assert {row["state"] for row in checked.rows} == set(STATES)


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_formula_cells_are_neutralised_on_export(cell):
    assert csv_safe(cell).startswith("'")
    assert csv_safe("Asha Roy") == "Asha Roy"


def test_the_faults_report_is_a_safe_csv():
    checked = check_recipients(HEADER + "=cmd|' /C calc'!A0,1 Rd,,Kolkata,WB,7000,1,\n", pieces=5)
    report = faults_csv(checked.faults)
    assert report.splitlines()[0] == "row,column,problem"
    assert "\n=" not in report


def test_a_file_of_the_most_recipients_with_blank_lines_at_the_end_is_accepted():
    rows = "".join(f"Staff {i},{i} Lake Road,,Kolkata,West Bengal,700019,98300{i:05d},\n"
                   for i in range(MAX_ROWS))
    checked = check_recipients(HEADER + rows + ",,,,,,,\n\n", pieces=MAX_ROWS)
    assert checked.ok and len(checked.rows) == MAX_ROWS
    one_more = rows + "Staff X,1 Hill Road,,Kolkata,West Bengal,700019,9830099999,\n"
    assert "at most 5000" in check_recipients(HEADER + one_more, pieces=9999).faults[0].message


@pytest.mark.parametrize("written, e164", [
    ("98300 12345", "+919830012345"), ("+91 98300 12345", "+919830012345"),
    ("+91-9830012345", "+919830012345"), ("09830012345", "+919830012345"),
    ("91 9830012345", "+919830012345"), ("033 2212 3456", "+913322123456"),
    ("(033) 2212-3456", "+913322123456"), ("12345", ""), ("0123456789", ""),
    ("+44 20 7946 0958", ""), ("98300", ""),
])
def test_phone_numbers_written_every_way_read_as_phonenumbers_reads_them(written, e164):
    """Plain ten-digit numbers skip phonenumbers.parse (most of a big file's time); the answer
    is the one parse would give."""
    assert _indian_phone(written) == e164
