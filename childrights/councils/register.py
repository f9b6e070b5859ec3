"""The UK councils register: a CSV in the repository, validated whole before anything is saved."""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from childrights.councils.models import Council, CouncilType, Nation

REGISTER_FILE = Path(__file__).resolve().parent / "data" / "councils.csv"
# The official Welsh names of the Welsh principal councils, each with its source: the Welsh
# Government's register of principal local authorities (official-name-cy and name-cy; a copy is
# in the openregister/local-authority-data repository, data/principal-local-authority), checked
# against Democracy Club's list (DemocracyClub/UK-Polling-Stations,
# polling_stations/settings/constants/councils.py). The English names follow the same register.
WELSH_NAMES_FILE = Path(__file__).resolve().parent / "data" / "welsh_names.csv"
WELSH_COLUMNS = ["gss_code", "official_name_cy", "short_name_cy", "source"]
COLUMNS = [
    "gss_code",
    "official_name",
    "short_name",
    "nation",
    "type",
    "website",
    "start_date",
    "end_date",
    "successor_gss_code",
    "note",
]
# The GSS entity code each type of council has, and the nation it belongs to.
CODE_PREFIX = {
    CouncilType.COUNTY: ("E10", Nation.ENGLAND),
    CouncilType.DISTRICT: ("E07", Nation.ENGLAND),
    CouncilType.UNITARY: ("E06", Nation.ENGLAND),
    CouncilType.METROPOLITAN_BOROUGH: ("E08", Nation.ENGLAND),
    CouncilType.LONDON_BOROUGH: ("E09", Nation.ENGLAND),
    CouncilType.COUNCIL_AREA: ("S12", Nation.SCOTLAND),
    CouncilType.PRINCIPAL_AREA: ("W06", Nation.WALES),
    CouncilType.DISTRICT_NI: ("N09", Nation.NORTHERN_IRELAND),
}
SUI_GENERIS_PREFIXES = ("E06", "E09")
NATION_LETTER = {
    Nation.ENGLAND: "E",
    Nation.SCOTLAND: "S",
    Nation.WALES: "W",
    Nation.NORTHERN_IRELAND: "N",
}
CODE_SHAPE = re.compile(r"^[ENSW]\d{8}$")
# Councils that ended before GSS codes existed keep the older ONS code (e.g. 95A for Derry City).
OLD_CODE_SHAPE = re.compile(r"^\d{2}[A-Z]{1,4}$")


@dataclass
class RegisterRow:
    line: int
    gss_code: str
    official_name: str
    short_name: str
    nation: str
    type: str
    website: str
    start_date: date | None
    end_date: date | None
    successor_gss_code: str
    note: str


@dataclass
class RegisterResult:
    rows: list[RegisterRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class RegisterError(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the councils register")
        self.errors = errors


def _date(value: str, column: str, line: int, errors: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"line {line}: {column} {value!r} is not a date like 2015-04-01")
        return None


def register_parse(lines: Iterable[str]) -> RegisterResult:
    """Read and check every row; collect every problem with its line number."""
    result = RegisterResult()
    reader = csv.DictReader(lines)
    if reader.fieldnames != COLUMNS:
        result.errors.append(
            f"line 1: the columns must be {', '.join(COLUMNS)} (found {reader.fieldnames})"
        )
        return result
    url = URLValidator(schemes=["http", "https"])
    first_line_of: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        if None in record or any(value is None for value in record.values()):
            result.errors.append(f"line {line}: expected {len(COLUMNS)} columns")
            continue
        values = {key: (value or "").strip() for key, value in record.items()}
        errors: list[str] = []
        code = values["gss_code"]
        for column in ("gss_code", "official_name", "short_name", "nation", "type"):
            if not values[column]:
                errors.append(f"line {line}: {column} is empty")
        start = _date(values["start_date"], "start_date", line, errors)
        end = _date(values["end_date"], "end_date", line, errors)
        old_code = end is not None and bool(OLD_CODE_SHAPE.match(code))
        if code and not CODE_SHAPE.match(code) and not old_code:
            errors.append(
                f"line {line}: GSS code {code!r} is not a letter (E, N, S or W) and 8 digits"
            )
        if values["nation"] and values["nation"] not in Nation.values:
            errors.append(f"line {line}: unknown nation {values['nation']!r}")
        if values["type"] and values["type"] not in CouncilType.values:
            errors.append(f"line {line}: unknown type {values['type']!r}")
        if start and end and end < start:
            errors.append(f"line {line}: end_date is before start_date")
        if values["website"]:
            try:
                url(values["website"])
            except ValidationError:
                errors.append(f"line {line}: website {values['website']!r} is not a web address")
        if CODE_SHAPE.match(code) and values["nation"] in Nation.values:
            if code[0] != NATION_LETTER[Nation(values["nation"])]:
                errors.append(f"line {line}: GSS code {code} does not belong to {values['nation']}")
            elif end is None and values["type"] in CouncilType.values:
                council_type = CouncilType(values["type"])
                if council_type == CouncilType.SUI_GENERIS:
                    expected: tuple[str, ...] = SUI_GENERIS_PREFIXES
                else:
                    expected = (CODE_PREFIX[council_type][0],)
                if not code.startswith(expected):
                    errors.append(
                        f"line {line}: a {values['type']} council's GSS code starts with "
                        f"{' or '.join(expected)}, not {code[:3]}"
                    )
        if code in first_line_of:
            errors.append(
                f"line {line}: GSS code {code} is already used on line {first_line_of[code]}"
            )
        elif code:
            first_line_of[code] = line
        result.errors.extend(errors)
        if not errors:
            result.rows.append(
                RegisterRow(
                    line=line,
                    gss_code=code,
                    official_name=values["official_name"],
                    short_name=values["short_name"],
                    nation=values["nation"],
                    type=values["type"],
                    website=values["website"],
                    start_date=start,
                    end_date=end,
                    successor_gss_code=values["successor_gss_code"],
                    note=values["note"],
                )
            )
    known = set(first_line_of)
    for row in result.rows:
        successor = row.successor_gss_code
        if not successor:
            continue
        if successor not in known:
            result.errors.append(f"line {row.line}: successor {successor} is not in the register")
        elif successor == row.gss_code:
            result.errors.append(f"line {row.line}: a council cannot be its own successor")
        if row.end_date is None:
            result.errors.append(f"line {row.line}: a council with a successor needs an end_date")
    if not result.rows and not result.errors:
        result.errors.append("the register has no rows")
    return result


@dataclass(frozen=True)
class WelshName:
    name: str
    short_name: str
    source: str


def welsh_names_parse(
    lines: Iterable[str], *, welsh_codes: set[str]
) -> tuple[dict[str, WelshName], list[str]]:
    """The Welsh names by GSS code, each for a Welsh council in the register and with its source;
    and every problem, by line."""
    names: dict[str, WelshName] = {}
    errors: list[str] = []
    reader = csv.DictReader(lines)
    if reader.fieldnames != WELSH_COLUMNS:
        return names, [f"welsh names line 1: the columns must be {', '.join(WELSH_COLUMNS)}"]
    for record in reader:
        line = reader.line_num
        values = {key: (value or "").strip() for key, value in record.items() if key}
        code = values["gss_code"]
        empty = [column for column in WELSH_COLUMNS if not values[column]]
        if empty:
            errors.append(f"welsh names line {line}: {', '.join(empty)} empty")
        elif code not in welsh_codes:
            errors.append(f"welsh names line {line}: {code} is not a Welsh council in the register")
        elif code in names:
            errors.append(f"welsh names line {line}: {code} is named twice")
        else:
            names[code] = WelshName(
                name=values["official_name_cy"],
                short_name=values["short_name_cy"],
                source=values["source"],
            )
    return names, errors


@transaction.atomic
def register_import(
    *, path: Path = REGISTER_FILE, welsh_names: Path | None = WELSH_NAMES_FILE
) -> str:
    """Import the register, or nothing at all if any row is wrong (RegisterError lists all).
    The Welsh names come from ``welsh_names`` when it is given; a register read from another
    file is imported without them."""
    with path.open(encoding="utf-8", newline="") as handle:
        result = register_parse(handle)
    if result.errors:
        raise RegisterError(result.errors)
    welsh: dict[str, WelshName] = {}
    if welsh_names is not None and path == REGISTER_FILE:
        welsh_codes = {row.gss_code for row in result.rows if row.nation == Nation.WALES}
        with welsh_names.open(encoding="utf-8", newline="") as handle:
            welsh, errors = welsh_names_parse(handle, welsh_codes=welsh_codes)
        if errors:
            raise RegisterError(errors)
    created = 0
    councils: dict[str, Council] = {}
    for row in result.rows:
        in_welsh = welsh.get(row.gss_code)
        council, was_created = Council.objects.update_or_create(
            gss_code=row.gss_code,
            defaults={
                "name": row.official_name,
                "short_name": row.short_name,
                "name_cy": in_welsh.name if in_welsh else "",
                "short_name_cy": in_welsh.short_name if in_welsh else "",
                "name_cy_source": in_welsh.source if in_welsh else "",
                "nation": row.nation,
                "type": row.type,
                "website": row.website,
                "start_date": row.start_date,
                "end_date": row.end_date,
                "note": row.note,
                "is_demo": False,
            },
        )
        councils[row.gss_code] = council
        created += was_created
    for row in result.rows:
        successor = councils.get(row.successor_gss_code) if row.successor_gss_code else None
        if councils[row.gss_code].successor_id != (successor.pk if successor else None):
            councils[row.gss_code].successor = successor
            councils[row.gss_code].save(update_fields=["successor"])
    current = sum(1 for row in result.rows if row.end_date is None)
    return f"{len(result.rows)} councils in the register ({current} current), {created} new"
