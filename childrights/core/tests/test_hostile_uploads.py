"""A corpus of hostile and broken files for every upload: each gets a clear message, stores
nothing, and is answered in a few seconds, never with a server error."""

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from childrights.outcomes.models import Measurement
from childrights.poverty.models import Dataset

HEADER = "indicator,period_end,value\n"


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """A small file that unpacks to a workbook of hundreds of megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<row>" + "0" * (200 * 1024 * 1024) + "</row>")
    return buffer.getvalue()


def _many_parts() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for n in range(1500):
            archive.writestr(f"xl/part{n}.xml", "")
    return buffer.getvalue()


def _plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return buffer.getvalue()


INDICATOR_FILES = {
    "not a zip, named .xlsx": (
        "values.xlsx",
        b"indicator,period_end,value\n",
        "not an Excel workbook",
    ),
    "a zip that is not a workbook": ("values.xlsx", _plain_zip(), "not an Excel workbook"),
    "a workbook that unpacks huge": ("values.xlsx", _zip_bomb(), "too big once unpacked"),
    "a workbook of too many parts": ("values.xlsx", _many_parts(), "too many parts"),
    "a truncated workbook": ("values.xlsx", _xlsx([["indicator"]])[:200], "not an Excel workbook"),
    "windows-1252 text": (
        "values.csv",
        (HEADER + "caf\xe9,2025-03-31,1\n").encode("cp1252"),
        "not UTF-8",
    ),
    "a 200 KB header field": (
        "values.csv",
        ("x" * 200_000 + ",period_end,value\n").encode(),
        "could not be read",
    ),
    "an unterminated quote": (
        "values.csv",
        (HEADER + '"care-leavers-in-eet,2025-03-31,1\n').encode(),
        "line",
    ),
    "too many columns": (
        "values.csv",
        (",".join(f"c{n}" for n in range(500)) + "\n").encode(),
        "more than 20 columns",
    ),
    "too many rows": (
        "values.csv",
        (HEADER + "a,2025-03-31,1\n" * 60_000).encode(),
        "more than 50,000 rows",
    ),
    "a NUL byte": ("values.csv", (HEADER + "a\x00b,2025-03-31,1\n").encode(), "line"),
    "an empty file": ("values.csv", b"", "empty"),
    "only blank lines": ("values.csv", b"\n\n\n", "empty"),
    "binary junk": ("values.csv", bytes(range(256)) * 100, "not UTF-8"),
}


@pytest.mark.parametrize("case", INDICATOR_FILES, ids=list(INDICATOR_FILES))
def test_indicator_imports_refuse_hostile_files_clearly(world, signed_in, case):
    name, content, words = INDICATOR_FILES[case]
    started = time.monotonic()
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/indicators/import/",
        {"file": SimpleUploadedFile(name, content)},
    )
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert words in page, page[page.find("govuk-error-summary") :][:800]
    assert not Measurement.objects.exists()


def test_an_indicator_file_over_the_size_cap_is_refused(world, signed_in):
    content = (HEADER + "a,2025-03-31,1\n" * 400_000).encode()
    page = (
        signed_in(world.member)
        .post(
            f"/councils/{world.council_a.pk}/indicators/import/",
            {"file": SimpleUploadedFile("values.csv", content)},
        )
        .content.decode()
    )
    assert "The file must be smaller than 5 MB" in page
    assert not Measurement.objects.exists()


POVERTY_FILES = {
    "40,000 column names": (",".join(f"c{n}" for n in range(40_000)) + "\n1\n").encode(),
    "a 200 KB header field": ("x" * 200_000 + ",age\n1,2\n").encode(),
    "a header past 64 KB": (",".join("c" * 100 + str(n) for n in range(1000)) + "\n").encode(),
}


@pytest.mark.parametrize("case", POVERTY_FILES, ids=list(POVERTY_FILES))
def test_poverty_uploads_refuse_hostile_headers_quickly(world, signed_in, case):
    started = time.monotonic()
    response = signed_in(world.member).post(
        f"/councils/{world.council_a.pk}/poverty/upload/",
        {"name": "Census", "file": SimpleUploadedFile("children.csv", POVERTY_FILES[case])},
    )
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Dataset.objects.exists()
