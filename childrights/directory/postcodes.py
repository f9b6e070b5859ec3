"""Postcodes and distances: the table of postcodes a council loads (an extract of the ONS
Postcode Directory), where a postcode is, and how far apart two places are.

A child's search by postcode is answered from these tables alone: nothing here, or in the finder,
asks another site where a postcode is. A council's table is loaded all or nothing, every row
checked first and each problem said by its line; a new table replaces the council's previous one
in one transaction, in bulk (a council has up to some 40,000 postcodes).
"""

import datetime
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.core.uploads import UploadRefused, table_rows
from childrights.councils.models import Council
from childrights.directory.import_drafts import ImportRefused
from childrights.directory.models import Location, Postcode

# A council's postcodes are some tens of thousands; an ONS extract carries many more columns than
# the three read here, which are left alone.
MAX_POSTCODES = 50_000
MAX_COLUMNS = 100
BATCH_SIZE = 2_000

# Each column read, by the names it may have (ours first, then the ONS Postcode Directory's).
POSTCODE_COLUMNS = ("postcode", "pcds", "pcd")
LATITUDE_COLUMNS = ("latitude", "lat")
LONGITUDE_COLUMNS = ("longitude", "long", "lon")

# The United Kingdom with the Channel Islands and the Isle of Man, generously: anything outside
# is a mistake (the ONS Postcode Directory writes 99.999999 for a postcode without a place).
LATITUDE_RANGE = (Decimal("49"), Decimal("61"))
LONGITUDE_RANGE = (Decimal("-9"), Decimal("2"))

# An outward code (area letters, district) and an inward code (sector digit, unit letters).
POSTCODE_FORMAT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_OF_LATITUDE = EARTH_RADIUS_MILES * math.pi / 180


def normalised(text: str) -> str | None:
    """A postcode in capitals with one space before its last three characters ("CF10 1AA"), or
    None for text that is not a postcode's shape."""
    squeezed = "".join(text.split()).upper()
    if not POSTCODE_FORMAT.match(squeezed):
        return None
    return f"{squeezed[:-3]} {squeezed[-3:]}"


# --- distances ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def miles_between(one: Point, other: Point) -> float:
    """The great-circle distance (haversine) in miles."""
    lat1, lat2 = math.radians(one.latitude), math.radians(other.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(other.longitude - one.longitude)
    a = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Box:
    """The latitudes and longitudes that hold every point within some miles of a centre, and a
    little more: a filter an index can serve, before the exact distance is worked out."""

    south: Decimal
    north: Decimal
    west: Decimal
    east: Decimal


def box_around(centre: Point, miles: float) -> Box:
    margin = 1.01
    dlat = margin * miles / MILES_PER_DEGREE_OF_LATITUDE
    # Across the UK (latitudes 49 to 61) a degree of longitude is never under a third of one of
    # latitude, so the cosine is bounded well away from zero.
    dlon = dlat / max(math.cos(math.radians(centre.latitude)), 0.1)

    def degrees(value: float) -> Decimal:
        return Decimal(f"{value:.6f}")

    return Box(
        south=degrees(centre.latitude - dlat),
        north=degrees(centre.latitude + dlat),
        west=degrees(centre.longitude - dlon),
        east=degrees(centre.longitude + dlon),
    )


# --- where a postcode is -----------------------------------------------------------------------


def postcode_point(*, postcode: str, council: Council | None = None) -> Point | None:
    """Where a normalised postcode is, from ``council``'s table (from any council's table when
    None), or None where no table has it."""
    found = Postcode.objects.filter(postcode=postcode)
    if council is not None:
        found = found.filter(council=council)
    row = found.order_by("council_id").values_list("latitude", "longitude").first()
    return Point(float(row[0]), float(row[1])) if row else None


@dataclass(frozen=True)
class TableSummary:
    count: int
    loaded_at: datetime.datetime | None  # None before the first table
    places: int
    places_with_coordinates: int


def council_postcode_summary(*, council: Council) -> TableSummary:
    """How many postcodes the council has loaded and when, and how many of its places have a
    latitude and longitude (only those are found by distance)."""
    table = Postcode.objects.filter(council=council).aggregate(
        count=Count("pk"), loaded_at=Max("loaded_at")
    )
    places: QuerySet[Location] = Location.objects.filter(council=council)
    return TableSummary(
        count=table["count"],
        loaded_at=table["loaded_at"],
        places=places.count(),
        places_with_coordinates=places.filter(
            latitude__isnull=False, longitude__isnull=False
        ).count(),
    )


# --- loading a council's table -----------------------------------------------------------------


def _column(columns: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in columns:
            return columns.index(name)
    return None


def _degrees(text: str, low: Decimal, high: Decimal) -> tuple[Decimal | None, str]:
    """The value as a Decimal of six places and no problem, or None and the problem's kind."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, "not a number"
    if not value.is_finite():
        return None, "not a number"
    if not low <= value <= high:
        return None, "outside"
    return value.quantize(Decimal("0.000001")), ""


def _read(file: IO[bytes], name: str) -> list[tuple[str, Decimal, Decimal]]:
    """Every row of the file, checked; ImportRefused lists every problem by its line."""
    try:
        rows = [
            (line, cells)
            for line, cells in table_rows(
                file, name, max_rows=MAX_POSTCODES + 1, max_columns=MAX_COLUMNS
            )
            if any(cells)
        ]
    except UploadRefused as refused:
        raise ImportRefused([str(refused)]) from refused
    if not rows:
        raise ImportRefused([_("The file is empty: it needs a header and one row a postcode.")])
    header_line, header = rows[0]
    columns = [cell.strip().lower() for cell in header]
    where = [_column(columns, names) for names in (POSTCODE_COLUMNS, LATITUDE_COLUMNS)]
    where.append(_column(columns, LONGITUDE_COLUMNS))
    if None in where:
        raise ImportRefused(
            [
                _(
                    "Line %(line)s: the columns must include postcode (or pcds), latitude (or "
                    "lat) and longitude (or long)."
                )
                % {"line": header_line}
            ]
        )
    if len(rows) == 1:
        raise ImportRefused([_("The file has a header but no postcodes.")])
    at_postcode, at_latitude, at_longitude = (index for index in where if index is not None)
    problems: list[str] = []
    first_line: dict[str, int] = {}
    read: list[tuple[str, Decimal, Decimal]] = []
    for line, cells in rows[1:]:
        text, latitude_text, longitude_text = (
            cells[index].strip() if index < len(cells) else ""
            for index in (at_postcode, at_latitude, at_longitude)
        )
        postcode = normalised(text)
        if postcode is None:
            problems.append(
                _(
                    "Line %(line)s: “%(postcode)s” is not a postcode in the right format, "
                    "like CF10 1AA."
                )
                % {"line": line, "postcode": text[:20]}
            )
        elif postcode in first_line:
            problems.append(
                _("Line %(line)s: %(postcode)s is already on line %(first)s.")
                % {"line": line, "postcode": postcode, "first": first_line[postcode]}
            )
            postcode = None
        else:
            first_line[postcode] = line
        latitude, problem = _degrees(latitude_text, *LATITUDE_RANGE)
        if problem == "not a number":
            problems.append(
                _("Line %(line)s: the latitude must be a number, such as 51.481600.")
                % {"line": line}
            )
        elif problem:
            problems.append(
                _("Line %(line)s: the latitude %(value)s is outside the UK (49 to 61).")
                % {"line": line, "value": latitude_text[:20]}
            )
        longitude, problem = _degrees(longitude_text, *LONGITUDE_RANGE)
        if problem == "not a number":
            problems.append(
                _("Line %(line)s: the longitude must be a number, such as -3.179100.")
                % {"line": line}
            )
        elif problem:
            problems.append(
                _("Line %(line)s: the longitude %(value)s is outside the UK (-9 to 2).")
                % {"line": line, "value": longitude_text[:20]}
            )
        if postcode is not None and latitude is not None and longitude is not None:
            read.append((postcode, latitude, longitude))
    if problems:
        raise ImportRefused(problems)
    return read


def postcodes_load(*, actor: Actor, council: Council, file: IO[bytes], name: str) -> int:
    """Replace the council's postcode table with the file's, or change nothing (ImportRefused
    lists every problem by line). Returns how many postcodes the council now has."""
    rows = _read(file, name)
    now = timezone.now()
    with transaction.atomic():
        replaced, _deleted = Postcode.objects.filter(council=council).delete()
        Postcode.objects.bulk_create(
            (
                Postcode(
                    council=council,
                    postcode=postcode,
                    latitude=latitude,
                    longitude=longitude,
                    loaded_at=now,
                )
                for postcode, latitude, longitude in rows
            ),
            batch_size=BATCH_SIZE,
        )
        audit_record(
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            council=council,
            detail={
                "import": "directory postcodes",
                "file": name[:200],
                "postcodes": len(rows),
                "replaced": replaced,
            },
        )
    return len(rows)
