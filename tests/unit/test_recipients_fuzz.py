"""The recipients file (csr_partners.bulk.recipients) fuzzed with hypothesis: whatever a buyer
uploads (any bytes, any text, rows that look like CSV but are not quite), checking it answers
with faults or rows, never a server error, and every row it accepts has a name and a 6-digit
PIN code."""

import csv
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csr_partners.bulk.recipients import COLUMNS, Checked, check_recipients

HEADER = ",".join(COLUMNS)
SIX_DIGITS = re.compile(r"[1-9][0-9]{5}")

# Cells: plausible values mixed with the awkward (quotes, separators, newlines, NUL, long text,
# non-ASCII digits and spaces, formula-looking text).
cells = st.one_of(
    st.sampled_from(["Asha Roy", "12 Lake Road", "Kolkata", "West Bengal", "700019",
                     "98300 12345", "+91 98300 12345", "Karnataka", "560001", "७००० १९",
                     "700 019", "=HYPERLINK(\"x\")", '"', '""', ",", "\n", "\r", "\x00",
                     "\u00a0", "\u2028", "0" * 6, "9" * 40, "wb", ""]),
    st.text(max_size=30),
    st.text(alphabet="0123456789 +-", max_size=14),
)
rows = st.lists(st.lists(cells, max_size=10), max_size=8)
settings_ = settings(max_examples=300, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


def _as_csv(header, body) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(body)
    return out.getvalue()


def _assert_sound(checked):
    assert isinstance(checked, Checked)
    assert checked.faults or checked.rows is not None
    if checked.faults:
        assert checked.rows == []
    for row in checked.rows:
        assert SIX_DIGITS.fullmatch(row["pin_code"]), row
        assert row["name"].strip(), row


@settings_
@given(st.binary(max_size=2000), st.integers(min_value=0, max_value=50))
def test_any_bytes_are_answered_with_faults_or_rows(data, pieces):
    _assert_sound(check_recipients(data, pieces=pieces))


@settings_
@given(st.text(max_size=2000), st.integers(min_value=0, max_value=50))
def test_any_text_is_answered_with_faults_or_rows(text, pieces):
    _assert_sound(check_recipients(text, pieces=pieces))


@settings_
@given(rows, st.integers(min_value=1, max_value=50))
def test_rows_under_the_right_header_are_answered_with_faults_or_rows(body, pieces):
    _assert_sound(check_recipients(_as_csv(COLUMNS, body), pieces=pieces))


@settings_
@given(rows, st.booleans(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_csv_ish_files_in_any_encoding_are_answered(body, crlf, encoding):
    text = HEADER + "\n" + "\n".join(",".join(row) for row in body)
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding, errors="replace")
    _assert_sound(check_recipients(data, pieces=20))


# Rows close to valid, each part either good or fuzzed, so that many are accepted and the
# checks on accepted rows have something to check.
near_rows = st.lists(st.tuples(
    st.one_of(st.just("Asha Roy"), cells),
    st.one_of(st.just("12 Lake Road"), cells),
    st.one_of(st.just(""), cells),
    st.one_of(st.just("Kolkata"), cells),
    st.one_of(st.sampled_from(["West Bengal", "west bengal", " WB ", "Bengal"]), cells),
    st.one_of(st.sampled_from(["700019", "700 019", " 700019 ", "7000 19"]), cells),
    st.one_of(st.sampled_from(["98300 12345", "+919830012345", "09830012345"]), cells),
    st.one_of(st.just(""), cells),
).map(list), min_size=1, max_size=6)


@settings_
@given(near_rows)
def test_nearly_valid_rows_are_accepted_only_with_a_name_and_a_pin(body):
    _assert_sound(check_recipients(_as_csv(COLUMNS, body), pieces=10))


def test_a_good_row_among_fuzzed_ones_is_accepted():
    """The fuzzing above can fail: a clean file is accepted, so "never raises" is not all."""
    checked = check_recipients(
        HEADER + "\nAsha Roy,12 Lake Road,,Kolkata,West Bengal,700019,98300 12345,\n", pieces=1)
    assert checked.ok and checked.rows[0]["pin_code"] == "700019"
