"""CSV downloads that are safe to open in a spreadsheet and streamed, so big exports stay light.

Every cell of every CSV and workbook the service writes passes ``spreadsheet_safe`` as the very
last step before it is written: the writers here call it themselves, so no caller can forget it
or run something after it that undoes it.
"""

import csv
import re
from collections.abc import Iterable, Iterator, Sequence

from django.http import StreamingHttpResponse
from django.utils import timezone

# Control characters a workbook cannot hold (openpyxl refuses them) and a CSV reader may drop:
# everything below a space except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a spreadsheet may read as the start of a formula, full-width forms included.
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


def spreadsheet_safe(value: object) -> str:
    """A cell's text as it may be written: control characters removed first, then a leading
    quote added wherever the text, past any leading white space, starts like a formula (or
    starts with a tab or carriage return), so a spreadsheet shows it as text and never runs it."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isascii() and text.isprintable():
        # Most cells: no control character to remove, and only spaces to skip.
        first = text.lstrip(" ")[:1]
        return f"'{text}" if first in FORMULA_STARTS else text
    text = CONTROL_CHARACTERS.sub("", text)
    stripped = text.lstrip()
    if text[:1] in {"\t", "\r"} or stripped[:1] in FORMULA_STARTS:
        return f"'{text}"
    return text


# The download is sent in pieces of about this many characters: one piece a row would make
# the server write (and encode) each row on its own.
PIECE = 64 * 1024


class _Lines:
    """A file for ``csv.writer`` that keeps what it is given until it is taken."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def write(self, value: str) -> None:
        self.parts.append(value)
        self.size += len(value)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts, self.size = [], 0
        return text


def csv_stream(
    header: Sequence[object], rows: Iterable[Sequence[object]], *, filename_prefix: str
) -> StreamingHttpResponse:
    """Stream a CSV download; every cell is made ``spreadsheet_safe`` here, as it is written."""
    lines = _Lines()
    writer = csv.writer(lines)

    def pieces() -> Iterator[str]:
        writer.writerow([spreadsheet_safe(cell) for cell in header])
        for row in rows:
            writer.writerow([spreadsheet_safe(cell) for cell in row])
            if lines.size >= PIECE:
                yield lines.take()
        if lines.size:
            yield lines.take()

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(pieces(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename_prefix}-{stamp}.csv"'
    return response
