"""No cell the service writes, in a CSV or a workbook, is ever read as a formula: whatever comes
before the formula (control characters, white space, tabs, carriage returns, full-width signs),
making it safe is the last thing done to it."""

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from childrights.core.csv_export import FORMULA_STARTS, csv_stream, spreadsheet_safe
from childrights.participation.exports import xlsx_cell

CONTROL = [chr(code) for code in range(0x20)] + ["\x7f"]
WHITE = [" ", "\t", "\r", "\n", "\u00a0", "\u2003", "\u3000"]
SIGNS = ["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"]

prefixes = st.lists(st.sampled_from(CONTROL + WHITE), max_size=6).map("".join)
formulas = st.tuples(
    prefixes,
    st.sampled_from(SIGNS),
    st.sampled_from(['HYPERLINK("http://x")', "1+1", "cmd|' /C calc'!A0", ""]),
).map("".join)


def _looks_like_a_formula(text: str) -> bool:
    return text.lstrip()[:1] in FORMULA_STARTS or text[:1] in {"\t", "\r"}


@settings(max_examples=300, deadline=None)
@given(formulas)
def test_a_workbook_cell_is_never_a_formula(value):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    sheet.append([xlsx_cell(value)])
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    cell = load_workbook(stream)["Responses"]["A1"]
    assert cell.data_type != "f"
    assert not _looks_like_a_formula(str(cell.value or ""))


@settings(max_examples=300, deadline=None)
@given(formulas)
def test_a_csv_cell_is_never_a_formula(value):
    response = csv_stream(["answer"], [[value]], filename_prefix="test")
    body = response.getvalue().decode()
    rows = list(csv.reader(io.StringIO(body)))
    cell = rows[1][0]
    assert not _looks_like_a_formula(cell)
    # A spreadsheet may drop control characters as it reads: still not a formula then.
    assert not _looks_like_a_formula("".join(ch for ch in cell if ch not in CONTROL))


@given(st.text())
def test_making_a_cell_safe_twice_changes_nothing_more(value):
    once = spreadsheet_safe(value)
    assert spreadsheet_safe(once) == once


def test_ordinary_words_are_left_as_they_are():
    assert spreadsheet_safe("More swings please") == "More swings please"
    assert spreadsheet_safe("=SUM(A1)") == "'=SUM(A1)"
    assert spreadsheet_safe('\x01=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert spreadsheet_safe("  ＋44 20") == "'  ＋44 20"
    assert spreadsheet_safe(None) == ""
