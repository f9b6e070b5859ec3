"""The file of Welsh official names: one row for each of the 22 Welsh principal councils in the
register, each saying which source it was checked against."""

import csv

from childrights.councils.register import REGISTER_FILE, WELSH_COLUMNS, WELSH_NAMES_FILE

# The Welsh principal councils (GSS entity W06), 1 April 1996 on.
W06_CODES = {
    f"W06{number:06d}" for number in (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19)
} | {f"W060000{number}" for number in (20, 21, 22, 23, 24)}


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_welsh_principal_council_has_one_row():
    rows = _rows(WELSH_NAMES_FILE)
    codes = [row["gss_code"] for row in rows]
    assert len(W06_CODES) == 22
    assert sorted(codes) == sorted(W06_CODES)
    in_register = {
        row["gss_code"] for row in _rows(REGISTER_FILE) if row["type"] == "principal-area"
    }
    assert in_register == W06_CODES


def test_each_row_names_the_source_it_was_checked_against():
    for row in _rows(WELSH_NAMES_FILE):
        assert list(row) == WELSH_COLUMNS
        assert row["official_name_cy"].startswith("Cyngor "), row
        assert row["source"].startswith(("Checked on ", "Not verified")), row
        assert len(row["source"]) <= 300, row  # Council.name_cy_source


def test_the_names_corrected_against_the_welsh_governments_register():
    names = {row["gss_code"]: row["official_name_cy"] for row in _rows(WELSH_NAMES_FILE)}
    assert names["W06000010"] == "Cyngor Sir Gâr"  # Carmarthenshire County Council
    assert names["W06000015"] == "Cyngor Dinas Caerdydd"  # City of Cardiff Council
