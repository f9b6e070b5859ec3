"""What kind of file an upload is, and the shape of a CSV, read straight from its bytes.

Polars parses CSV values quickly but cannot tell a short row from one whose last values are
empty, turns a blank line into a child with every value missing, and reports neither line
numbers nor encodings. So before Polars reads the values, :func:`csv_layout` walks the raw bytes
once, in blocks, with NumPy: it follows quotes (a quoted separator or line break belongs to its
value), counts the values on every record, finds blank lines, checks the text is UTF-8 and
remembers which records span several lines, so that any row can later be given the line of the
file it starts on. Nothing here makes a Python object per row.
"""

import bisect
import codecs
import csv
import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.utils.translation import gettext as _

# Blocks of 4 MB keep a block of very short lines (a line break each) within a few hundred MB.
BLOCK_BYTES = 4 * 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024
SNIFF_BYTES = MAX_HEADER_BYTES + 1
MAX_PROBLEMS = 50
# Rows spanning several lines are remembered one by one, to give later rows their line.
MAX_LONG_ROWS = 100_000
SEPARATORS = (",", ";", "\t", "|")  # commas first: a header with any is comma-separated
QUOTE, NEWLINE, RETURN = ord('"'), ord("\n"), ord("\r")
SPACE = ord(" ")  # this and every byte below it (tab, line endings) is no value on its own
UTF8_BOM = codecs.BOM_UTF8


class FileRefused(ValueError):
    """The file cannot be read as data at all; the message says why, in words."""


def file_format(path: Path) -> str:
    """ "parquet" or "csv", from what the file holds rather than its name; FileRefused for a
    workbook, a compressed file or text that is not UTF-8."""
    with path.open("rb") as handle:
        start = handle.read(MAX_HEADER_BYTES)
    if start.startswith(b"PAR1"):
        return "parquet"
    if start.startswith(b"PK\x03\x04"):
        raise FileRefused(
            _(
                "This is an Excel workbook (or a zip file), not a CSV file. In Excel, choose "
                "Save As and “CSV UTF-8 (comma delimited)”, then upload that file."
            )
        )
    if start.startswith(b"\x1f\x8b"):
        raise FileRefused(_("This file is compressed (gzip). Uncompress it, then upload it."))
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        raise FileRefused(
            _(
                "The file is saved as UTF-16 text. Save it again as “CSV UTF-8” and upload "
                "that file."
            )
        )
    if b"\x00" in start:
        raise FileRefused(
            _(
                "The file holds NUL characters, so it is not plain text: it may be saved as "
                "UTF-16 or be a different kind of file. Save it as “CSV UTF-8”."
            )
        )
    if b"\n" not in start and b"\r" in start:
        raise FileRefused(
            _(
                "The lines of this file end with a carriage return alone (an old Mac format). "
                "Save it again as “CSV UTF-8”."
            )
        )
    return "csv"


def _start(path: Path) -> str:
    """The first part of the file as text, the header whole within it; FileRefused if the
    header is too long or the text is not UTF-8."""
    with path.open("rb") as handle:
        start = handle.read(len(UTF8_BOM) + SNIFF_BYTES)
    start = start.removeprefix(UTF8_BOM)
    header_end = _first_record_end(start[: MAX_HEADER_BYTES + 1])
    if header_end is None and len(start) > MAX_HEADER_BYTES:
        raise FileRefused(
            _("line 1: the header is longer than %(count)s characters")
            % {"count": MAX_HEADER_BYTES}
        )
    try:
        start[: header_end or len(start)].decode("utf-8")
    except UnicodeDecodeError as error:
        line = 1 + start.count(b"\n", 0, error.start)
        raise FileRefused(_not_utf8(line, start[error.start])) from error
    # Past the header, text that is not UTF-8 is found (with its line) by the walk.
    return start.decode("utf-8", errors="replace")


def _first_record_end(data: bytes) -> int | None:
    """Where the first record ends (its line break outside quotes), if it does in ``data``."""
    inside = False
    for position, byte in enumerate(data):
        if byte == QUOTE:
            inside = not inside
        elif byte == NEWLINE and not inside:
            return position
    return None


def _not_utf8(line: int, byte: int) -> str:
    return _(
        "line %(line)s is not UTF-8 text (it has the byte %(byte)s). The file may be saved as "
        "Windows-1252 or “ANSI”: save it again as “CSV UTF-8” and upload that file."
    ) % {"line": line, "byte": f"0x{byte:02X}"}


def separator_of(start: str) -> str:
    """The separator that splits the first lines into the same number of values, the most
    values if several do; commas when none does."""
    complete = start[: start.rfind("\n") + 1] or start
    steady: dict[str, int] = {}
    header: dict[str, int] = {}
    for separator in SEPARATORS:
        try:
            reader = csv.reader(io.StringIO(complete), delimiter=separator)
            rows = [row for row in itertools.islice(reader, 20) if row]
        except csv.Error:
            continue
        widths = {len(row) for row in rows}
        header[separator] = len(rows[0]) if rows else 0
        if len(widths) == 1:
            steady[separator] = widths.pop()
    # With no steady separator (a ragged row early on), the one that splits the header most.
    counts = steady if any(width > 1 for width in steady.values()) else header
    return max(
        SEPARATORS, key=lambda separator: (counts.get(separator, 0), -SEPARATORS.index(separator))
    )


def header_names(start: str, separator: str) -> list[str]:
    try:
        return next(csv.reader(io.StringIO(start), delimiter=separator), [])
    except csv.Error as error:
        raise FileRefused(
            _("line 1 could not be read: %(problem)s") % {"problem": error}
        ) from error


@dataclass
class CsvLayout:
    separator: str
    names: list[str]
    rows: int = 0
    problems: list[str] = field(default_factory=list)
    hidden_problems: int = 0
    # Rows already reported (blank, empty or short); Polars still reads each of them as one
    # row, so the values of every other row can be checked too.
    problem_rows: set[int] = field(default_factory=set)
    # A row with too many values or an unclosed quote: Polars cannot read the values at all.
    unreadable: bool = False
    header_extra_lines: int = 0
    # Data rows that span more than one line (a line break inside quotes) and the extra lines
    # taken by them and every such row before: sparse, as almost no microdata has them.
    long_rows: list[int] = field(default_factory=list)
    extra_lines_to: list[int] = field(default_factory=list)

    def line_of(self, row: int) -> int:
        """The line of the file that data row ``row`` (0 for the first child) starts on."""
        position = bisect.bisect_left(self.long_rows, row)
        extra = self.extra_lines_to[position - 1] if position else 0
        return row + 2 + self.header_extra_lines + extra

    def problem(self, text: str, *, row: int | None = None, unreadable: bool = False) -> None:
        if row is not None and len(self.problem_rows) <= MAX_PROBLEMS:
            self.problem_rows.add(row)
        self.unreadable = self.unreadable or unreadable
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)
        else:
            self.hidden_problems += 1


def csv_layout(path: Path) -> CsvLayout:
    """Separator, header, row count and every structural problem, each with its line."""
    start = _start(path)
    separator = separator_of(start)
    layout = CsvLayout(separator=separator, names=header_names(start, separator))
    _Walker(layout, ord(separator)).walk(path)
    return layout


class _Walker:
    """One pass over the bytes. A "record" is what a CSV reader sees as one row: it ends at a
    line break outside quotes. Record 0 is the header."""

    def __init__(self, layout: CsvLayout, separator: int) -> None:
        self.layout = layout
        self.separator = separator
        self.expected = len(layout.names) - 1  # separators on a whole record
        self.in_quotes = False
        self.line = 1  # the line the current block starts on
        self.ended_with_return = False
        self.record = 0
        # The record in progress: its first line, separators, bytes (line endings aside) and
        # line breaks inside quotes, so far.
        self.record_line = 1
        self.record_separators = 0
        self.record_bytes = 0
        self.record_breaks = 0
        self.record_has_value = False
        self.extra_lines = 0
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.last_byte = NEWLINE  # the byte before the block: the start of the file is a new line
        self.stray_quote = False

    def walk(self, path: Path) -> None:
        with path.open("rb") as handle:
            first = True
            while not self.stray_quote and (block := handle.read(BLOCK_BYTES)):
                if first:
                    block, first = block.removeprefix(UTF8_BOM), False
                self._check_text(block)
                if block:
                    self._block(np.frombuffer(block, dtype=np.uint8))
        if self.stray_quote:
            return  # what follows a misplaced quote cannot be read as its author meant
        self._check_text(b"", final=True)
        if self.in_quotes:
            self.layout.problem(
                _('line %(line)s: a quote (") opens a value and is never closed')
                % {"line": self.record_line},
                unreadable=True,
            )
        elif self.record_bytes or self.record_separators:
            self._last_record(self.record_separators, self.record_bytes)
        self.layout.rows = max(self.record - 1, 0)

    def _check_text(self, block: bytes, *, final: bool = False) -> None:
        if block and block.isascii() and not self.decoder.getstate()[0]:
            return  # ASCII is UTF-8, unless a character begun in the block before is cut off
        try:
            self.decoder.decode(block, final)
        except UnicodeDecodeError as error:
            # What failed to decode may begin with the last bytes of the block before (never a
            # line break, which is ASCII).
            line = self.line + error.object.count(b"\n", 0, error.start)
            raise FileRefused(_not_utf8(line, error.object[error.start])) from error

    def _block(self, data: np.ndarray) -> None:
        newlines = np.flatnonzero(data == NEWLINE)
        is_separator = data == self.separator
        quotes = data == QUOTE
        if quotes.any():
            if self._stray_quotes(data, np.flatnonzero(quotes), newlines):
                return
            # Inside quotes wherever an odd number of quotes has been seen (a doubled quote
            # inside a value toggles twice); the running count is kept modulo 2 in a byte.
            parity = np.cumsum(quotes, dtype=np.uint8)
            parity += np.uint8(self.in_quotes)
            outside = (parity & 1) == 0
            self.in_quotes = not bool(outside[-1])
            ends = newlines[outside[newlines]]
            is_separator &= outside
        elif self.in_quotes:  # the whole block is inside one quoted value
            ends = newlines[:0]
            is_separator[:] = False
        else:
            ends = newlines
        starts = np.concatenate(([0], ends + 1))
        bounds = np.append(starts, len(data))
        # For each piece (the records ending in this block, then the start of the next):
        # separators, line breaks before it in the block, and bytes.
        # Counted in 16 bits, which is fast; a piece long enough to hold more separators than
        # that is counted again exactly.
        if starts[-1] < len(data):
            seps = np.add.reduceat(is_separator, starts, dtype=np.uint16).astype(np.int64)
        else:  # the block ends with a record: the piece after it is empty
            seps = np.append(np.add.reduceat(is_separator, starts[:-1], dtype=np.uint16), 0)
            seps = seps.astype(np.int64)
        for piece in np.flatnonzero(np.diff(bounds) > np.iinfo(np.uint16).max).tolist():
            seps[piece] = np.count_nonzero(is_separator[bounds[piece] : bounds[piece + 1]])
        # Whether each piece has anything but separators, quotes and spaces: a row of "" or of
        # spaces is a child with no values.
        value = (data > SPACE) & ~is_separator & ~quotes
        if starts[-1] < len(data):
            has_value = np.logical_or.reduceat(value, starts)
        else:
            has_value = np.append(np.logical_or.reduceat(value, starts[:-1]), False)
        if len(ends) == len(newlines):  # every line break ends a record
            breaks_before = np.minimum(np.arange(len(bounds)), len(ends))
        else:
            breaks_before = np.searchsorted(newlines, bounds)
        lengths = np.diff(bounds)
        count = len(ends)
        if count:
            # The records ending in this block, all at once; the first carries on the record in
            # progress from the block before.
            separators_in = seps[:count].copy()
            separators_in[0] += self.record_separators
            returns = np.zeros(count, dtype=bool)
            inside = ends > 0
            returns[inside] = data[ends[inside] - 1] == RETURN
            if ends[0] == 0:
                returns[0] = self.ended_with_return
            lengths_in = lengths[:count] - 1 - returns  # less the line ending
            lengths_in[0] += self.record_bytes
            breaks_in = np.diff(breaks_before[: count + 1]) - 1
            breaks_in[0] += self.record_breaks
            lines_in = self.line + breaks_before[:count]
            lines_in[0] = self.record_line
            values_in = has_value[:count].copy()
            values_in[0] |= self.record_has_value
            self._records(separators_in, lengths_in, breaks_in, lines_in, values_in)
            self.record_separators = self.record_bytes = self.record_breaks = 0
            self.record_has_value = False
        if len(ends):
            self.record_line = self.line + int(breaks_before[-2])
        self.record_separators += int(seps[-1])
        self.record_has_value |= bool(has_value[-1])
        self.record_bytes += int(lengths[-1])
        self.record_breaks += len(newlines) - int(breaks_before[-2])
        self.line += len(newlines)
        self.ended_with_return = bool(data[-1] == RETURN)
        self.last_byte = int(data[-1])

    def _last_record(self, separators: int, length: int) -> None:
        """The last record, when the file does not end with a line break."""
        self._records(
            np.array([separators]),
            np.array([length]),
            np.array([self.record_breaks]),
            np.array([self.record_line]),
            np.array([self.record_has_value]),
        )

    def _stray_quotes(self, data: np.ndarray, quotes: np.ndarray, newlines: np.ndarray) -> bool:
        """Report quotes where a CSV reader takes them as part of a value rather than around
        one: opening in the middle of a value (5'10"), or closing with more after it ("x"y).
        A quote that opens must follow a separator, a line break or the quote closing the
        value before (a doubled quote); one that closes must be followed by one of those."""
        opens = ((np.arange(len(quotes)) + self.in_quotes) & 1) == 0
        before = np.where(quotes > 0, data[np.maximum(quotes - 1, 0)], self.last_byte)
        after_index = np.minimum(quotes + 1, len(data) - 1)
        after = np.where(quotes + 1 < len(data), data[after_index], NEWLINE)
        allowed = np.array([self.separator, NEWLINE, RETURN, QUOTE], dtype=np.uint8)
        wrong = np.where(opens, ~np.isin(before, allowed), ~np.isin(after, allowed))
        found = quotes[wrong]
        if not len(found):
            return False
        self.stray_quote = True
        # Only the first: after it, where values start and end is anyone's guess.
        for line in (self.line + int(np.searchsorted(newlines, found[0])),):
            self.layout.problem(
                _(
                    'line %(line)s: a quote (") is in the middle of a value. Put the whole '
                    'value in quotes and write the quote inside it twice (""), or remove it'
                )
                % {"line": line},
                unreadable=True,
            )
        return True

    def _records(
        self,
        separators: np.ndarray,
        lengths: np.ndarray,
        breaks: np.ndarray,
        lines: np.ndarray,
        values: np.ndarray,
    ) -> None:
        """Check whole records: their separators, bytes (line endings aside), line breaks
        inside quotes, first lines and whether they hold any value. Only the few with something
        to report reach Python."""
        layout = self.layout
        rows = np.arange(self.record - 1, self.record - 1 + len(separators))
        if self.record == 0:
            layout.header_extra_lines = int(breaks[0])
            separators, lengths, breaks, lines, values, rows = (
                separators[1:],
                lengths[1:],
                breaks[1:],
                lines[1:],
                values[1:],
                rows[1:],
            )
            self.record = 1
        long = np.flatnonzero(breaks)
        if len(long):
            if len(layout.long_rows) + len(long) > MAX_LONG_ROWS:
                raise FileRefused(
                    _(
                        "More than %(count)s rows have line breaks inside their values. Remove "
                        "the line breaks from the values and upload the file again."
                    )
                    % {"count": f"{MAX_LONG_ROWS:,}"}
                )
            extra = self.extra_lines + np.cumsum(breaks[long])
            self.extra_lines = int(extra[-1])
            layout.long_rows.extend(rows[long].tolist())
            layout.extra_lines_to.extend(extra.tolist())
        blank = lengths == 0
        empty = ~blank & ~values
        wrong = ~blank & ~empty & (separators != self.expected)
        layout.unreadable = layout.unreadable or bool((separators > self.expected).any())
        found = np.flatnonzero(blank | empty | wrong)
        room = max(MAX_PROBLEMS + 1 - len(layout.problems), 0)
        layout.hidden_problems += max(len(found) - room, 0)
        for index in found[:room].tolist():
            line, row = int(lines[index]), int(rows[index])
            if blank[index]:
                text = _("line %(line)s is blank: remove blank lines, as each line is a child")
            elif empty[index]:
                text = _("line %(line)s has no values: remove it, as each line is a child")
            elif separators[index] < self.expected:
                text = _(
                    "line %(line)s has %(values)s values but the header has %(columns)s "
                    "columns: a row may have been cut short"
                )
            else:
                text = _(
                    "line %(line)s has %(values)s values but the header has %(columns)s "
                    "columns: check for extra separators"
                )
            found_values = int(separators[index]) + 1
            layout.problem(
                text % {"line": line, "values": found_values, "columns": self.expected + 1},
                row=row,
            )
        self.record += len(separators)
