"""Limits every uploaded table is read within, so no file can tie up a server.

A spreadsheet (XLSX) is a zip of XML: a small file can expand a thousandfold. It is opened only
after its zip directory has been read and found to be a workbook within the size limits. Tables
are read one row at a time, and reading stops at the row and column limits with a message that
says what the limit is.
"""

import contextlib
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _

# What one uploaded table may be.
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_XLSX_MEMBERS = 1000
MAX_CELL_CHARACTERS = 10_000


class UploadRefused(ValueError):
    """The file cannot be read within the limits; the message says why, for the person."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def xlsx_check(file: IO[bytes]) -> None:
    """Refuse, before anything is unpacked, a file that is not a workbook or that would expand
    beyond the limits. Leaves the file at its start."""
    file.seek(0)
    if not zipfile.is_zipfile(file):
        file.seek(0)
        raise UploadRefused(_("The file is not an Excel workbook (XLSX). Save it as XLSX or CSV."))
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_XLSX_MEMBERS:
                raise UploadRefused(_("The workbook has too many parts to be read."))
            expanded = sum(member.file_size for member in members)
            names = {member.filename for member in members}
    except zipfile.BadZipFile as error:
        raise UploadRefused(
            _("The file is not an Excel workbook (XLSX). Save it as XLSX or CSV.")
        ) from error
    finally:
        file.seek(0)
    if "xl/workbook.xml" not in names:
        raise UploadRefused(_("The file is not an Excel workbook (XLSX). Save it as XLSX or CSV."))
    if expanded > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise UploadRefused(
            _("The workbook is too big once unpacked (more than %(limit)s). Save it as CSV.")
            % {"limit": _megabytes(MAX_XLSX_UNCOMPRESSED_BYTES)}
        )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def table_rows(
    file: IO[bytes], name: str, *, max_rows: int, max_columns: int
) -> Iterator[tuple[int, list[str]]]:
    """Each row of a CSV or XLSX file as text cells with its line number (the header is line
    1), read one at a time. Raises UploadRefused for a file it cannot read and at the first row
    past ``max_rows`` or with more than ``max_columns`` cells."""
    rows = _xlsx_rows(file) if name.lower().endswith(".xlsx") else _csv_rows(file)
    for count, (line, cells) in enumerate(rows, start=1):
        if count > max_rows:
            raise UploadRefused(
                _("The file has more than %(count)s rows. Split it into smaller files.")
                % {"count": f"{max_rows:,}"}
            )
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) > max_columns:
            raise UploadRefused(
                _("Line %(line)s has more than %(count)s columns.")
                % {"line": line, "count": max_columns}
            )
        if any(len(cell) > MAX_CELL_CHARACTERS for cell in cells):
            raise UploadRefused(
                _("Line %(line)s has a value longer than %(count)s characters.")
                % {"line": line, "count": f"{MAX_CELL_CHARACTERS:,}"}
            )
        yield line, cells


def _xlsx_rows(file: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    xlsx_check(file)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except (KeyError, ValueError, OSError, zipfile.BadZipFile) as error:
        raise UploadRefused(
            _("The workbook could not be read. Save it again as XLSX or CSV.")
        ) from error
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(value) for value in values]
    finally:
        book.close()


def _csv_rows(file: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        for values in reader:
            yield reader.line_num, [cell.strip() for cell in values]
    except UnicodeDecodeError as error:
        raise UploadRefused(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        ) from error
    except csv.Error as error:
        raise UploadRefused(
            _("Line %(line)s could not be read: %(problem)s")
            % {"line": reader.line_num, "problem": str(error)[:200]}
        ) from error
    finally:
        # Hand the upload back unclosed; if its reader stopped early and the upload has been
        # closed meanwhile, there is nothing left to hand back.
        with contextlib.suppress(ValueError):
            text.detach()
