"""Outcome indicators: loading the shared library, a council's own indicators, targets and
measurements (by form or imported from a file, all or nothing), and the series for charts.

Writes are audited. An import checks every row first and lists each problem with its line; it
stores nothing unless every row is right.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.charts import Series
from childrights.core.models import AuditEvent
from childrights.core.uploads import UploadRefused, table_rows
from childrights.councils.models import Council
from childrights.framework.models import Article, Principle, Theme
from childrights.outcomes.models import IndicatorTarget, Measurement, OutcomeIndicator
from childrights.programme.models import Pilot

LIBRARY_FILE = Path(__file__).resolve().parent / "data" / "indicators.json"
REQUIRED_COLUMNS = ("indicator", "period_end", "value")
OPTIONAL_COLUMNS = ("breakdown", "note")
MAX_ERRORS = 100
MAX_VALUE = Decimal("1e10")


# Reads ---------------------------------------------------------------------------------------


def indicators(*, council: Council) -> QuerySet[OutcomeIndicator]:
    """The shared library and the council's own indicators."""
    return (
        OutcomeIndicator.objects.filter(Q(council__isnull=True) | Q(council=council))
        .select_related("principle", "theme")
        .order_by("council_id", "name_en", "pk")
    )


def indicator_or_404(*, council: Council, slug: str) -> OutcomeIndicator:
    found = indicators(council=council).prefetch_related("articles").filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def pilots(*, council: Council) -> QuerySet[Pilot]:
    """The council's pilots in the programme: each picks its own indicators and targets."""
    return Pilot.objects.filter(partnership__council=council).order_by("position", "pk")


def targets(*, council: Council, indicator: OutcomeIndicator) -> QuerySet[IndicatorTarget]:
    return (
        IndicatorTarget.objects.filter(council=council, indicator=indicator)
        .select_related("pilot")
        .order_by("pilot__position", "pilot_id")
    )


def measurements(*, council: Council, indicator: OutcomeIndicator) -> QuerySet[Measurement]:
    return Measurement.objects.filter(council=council, indicator=indicator).order_by(
        "period_end", "breakdown", "pk"
    )


@dataclass(frozen=True)
class Tracked:
    indicator: OutcomeIndicator
    latest: Measurement | None
    targets: list[IndicatorTarget]


def overview(*, council: Council) -> list[Tracked]:
    """Every indicator the council can use, with its latest total and its pilots' targets."""
    latest: dict[int, Measurement] = {}
    for measurement in Measurement.objects.filter(council=council, breakdown="").order_by(
        "period_end"
    ):
        latest[measurement.indicator_id] = measurement
    picked: dict[int, list[IndicatorTarget]] = {}
    for found in (
        IndicatorTarget.objects.filter(council=council)
        .select_related("pilot")
        .order_by("pilot__position", "pilot_id")
    ):
        picked.setdefault(found.indicator_id, []).append(found)
    return [
        Tracked(indicator, latest.get(indicator.pk), picked.get(indicator.pk, []))
        for indicator in indicators(council=council)
    ]


def _x(day: date) -> float:
    """A date as a year with a fraction, so periods sit in proportion on the chart."""
    start = date(day.year, 1, 1)
    return day.year + (day - start).days / 365.25


def series(*, council: Council, indicator: OutcomeIndicator) -> list[Series]:
    """One line for the total, then one for each breakdown that has values."""
    lines: dict[str, list[tuple[float, float]]] = {}
    for measurement in measurements(council=council, indicator=indicator):
        lines.setdefault(measurement.breakdown, []).append(
            (_x(measurement.period_end), float(measurement.value))
        )
    ordered = sorted(lines, key=lambda label: (label != "", label))
    return [Series(label or _("Total"), lines[label]) for label in ordered]


# Writes --------------------------------------------------------------------------------------


def _by_slug(model: type[Principle] | type[Theme], slug: str | None) -> Any:
    return model.objects.filter(slug=slug).first() if slug else None


@transaction.atomic
def library_load(*, path: Path = LIBRARY_FILE) -> str:
    """Load the shared library; running it again changes nothing that is already right."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    for entry in data["indicators"]:
        indicator, was_created = OutcomeIndicator.objects.update_or_create(
            council=None,
            slug=entry["slug"],
            defaults={
                "name_en": entry["name_en"],
                "name_cy": entry.get("name_cy", ""),
                "definition_en": entry["definition_en"],
                "definition_cy": entry.get("definition_cy", ""),
                "unit": entry["unit"],
                "better": entry["better"],
                "source": entry.get("source", ""),
                "frequency": entry["frequency"],
                "breakdowns": list(entry.get("breakdowns", [])),
                "principle": _by_slug(Principle, entry.get("principle")),
                "theme": _by_slug(Theme, entry.get("theme")),
                "computed_from": entry.get("computed_from", ""),
            },
        )
        indicator.articles.set(Article.objects.filter(number__in=entry.get("articles", [])))
        created += was_created
    return f"{len(data['indicators'])} outcome indicators ({created} new)"


@transaction.atomic
def indicator_create(
    *, actor: Actor, council: Council, slug: str, **fields: Any
) -> OutcomeIndicator:
    """A council's own indicator, beside the shared library."""
    articles = fields.pop("articles", [])
    created = OutcomeIndicator.objects.create(council=council, slug=slug, **fields)
    if articles:
        created.articles.set(articles)
    audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=created)
    return created


@transaction.atomic
def target_save(
    *,
    actor: Actor,
    council: Council,
    pilot: Pilot,
    indicator: OutcomeIndicator,
    baseline_value: Decimal,
    baseline_on: date,
    target_value: Decimal,
    target_on: date,
) -> IndicatorTarget:
    """The pilot picks the indicator, or moves its baseline and target."""
    if pilot.partnership.council_id != council.pk:
        raise ValueError("A pilot sets targets only for its own council")
    saved, created = IndicatorTarget.objects.update_or_create(
        pilot=pilot,
        indicator=indicator,
        defaults={
            "council": council,
            "baseline_value": baseline_value,
            "baseline_on": baseline_on,
            "target_value": target_value,
            "target_on": target_on,
        },
    )
    audit_record(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        actor=actor,
        obj=saved,
        detail={
            "pilot": pilot.pk,
            "baseline": [str(baseline_value), baseline_on.isoformat()],
            "target": [str(target_value), target_on.isoformat()],
        },
    )
    return saved


@transaction.atomic
def target_remove(*, actor: Actor, target: IndicatorTarget) -> None:
    """The pilot stops tracking the indicator; its measurements stay."""
    audit_record(
        action=AuditEvent.Action.DELETE,
        actor=actor,
        obj=target,
        detail={"pilot": target.pilot_id, "indicator": target.indicator_id},
    )
    target.delete()


class ComputedIndicator(ValueError):
    """Values of a computed indicator come from the platform's records, never by hand."""


def _store(
    *,
    council: Council,
    indicator: OutcomeIndicator,
    period_end: date,
    value: Decimal,
    breakdown: str,
    note: str,
    by: User | None,
) -> tuple[Measurement, bool, str | None]:
    """Create or replace one value; returns it, whether it is new, and the value it replaced."""
    existing = Measurement.objects.filter(
        council=council, indicator=indicator, period_end=period_end, breakdown=breakdown
    ).first()
    if existing is None:
        created = Measurement.objects.create(
            council=council,
            indicator=indicator,
            period_end=period_end,
            value=value,
            breakdown=breakdown,
            note=note,
            entered_by=by,
        )
        return created, True, None
    before = str(existing.value)
    existing.value, existing.note, existing.entered_by = value, note, by
    existing.save(update_fields=["value", "note", "entered_by"])
    return existing, False, before


@transaction.atomic
def measurement_save(
    *,
    actor: Actor,
    council: Council,
    indicator: OutcomeIndicator,
    period_end: date,
    value: Decimal,
    breakdown: str = "",
    note: str = "",
) -> Measurement:
    if indicator.computed_from:
        raise ComputedIndicator(_("This indicator is computed from the platform’s own records"))
    by = actor.person if isinstance(actor.person, User) else None
    saved, created, before = _store(
        council=council,
        indicator=indicator,
        period_end=period_end,
        value=value,
        breakdown=breakdown,
        note=note,
        by=by,
    )
    audit_record(
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        actor=actor,
        obj=saved,
        detail={"value": [before, str(value)]} if before is not None else {"value": str(value)},
    )
    return saved


# Importing a file ----------------------------------------------------------------------------


class MeasurementsRefused(Exception):
    """The file had problems; nothing was stored. ``errors`` lists each with its line."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the file")
        self.errors = errors


@dataclass(frozen=True)
class Row:
    line: int
    indicator: OutcomeIndicator
    period_end: date
    value: Decimal
    breakdown: str
    note: str


@dataclass
class ImportResult:
    created: int = 0
    replaced: int = 0
    rows: list[Row] = field(default_factory=list)


# Measurement files are small: a council's values for a few years. These limits keep a hostile
# or mistaken file from tying up the server.
MAX_IMPORT_ROWS = 50_000
MAX_IMPORT_COLUMNS = 20


def _number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        return None
    return number


def measurements_check(*, council: Council, file: IO[bytes], name: str) -> list[Row]:
    """Every row checked; raises MeasurementsRefused listing every problem with its line."""
    try:
        rows = [
            (line, cells)
            for line, cells in table_rows(
                file, name, max_rows=MAX_IMPORT_ROWS, max_columns=MAX_IMPORT_COLUMNS
            )
            if any(cells)
        ]
    except UploadRefused as refused:
        raise MeasurementsRefused([str(refused)]) from refused
    if not rows:
        raise MeasurementsRefused([_("The file is empty: it needs a header and one row a value")])
    header_line, header = rows[0]
    columns = [cell.strip().lower() for cell in header]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise MeasurementsRefused(
            [
                _("Line %(line)s: the columns must include %(columns)s (missing %(missing)s)")
                % {
                    "line": header_line,
                    "columns": ", ".join(REQUIRED_COLUMNS),
                    "missing": ", ".join(missing),
                }
            ]
        )
    if len(rows) == 1:
        raise MeasurementsRefused([_("The file has a header but no values")])
    position = {
        column: columns.index(column)
        for column in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
        if column in columns
    }
    known = {indicator.slug: indicator for indicator in indicators(council=council)}
    errors: list[str] = []
    checked: list[Row] = []
    first_line: dict[tuple[str, date, str], int] = {}
    for line, cells in rows[1:]:

        def value_of(column: str, cells: list[str] = cells) -> str:
            index = position.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        problems: list[str] = []
        slug = value_of("indicator")
        indicator = known.get(slug)
        if not slug:
            problems.append(_("Line %(line)s: indicator is empty") % {"line": line})
        elif indicator is None:
            problems.append(
                _("Line %(line)s: there is no indicator “%(slug)s”") % {"line": line, "slug": slug}
            )
        elif indicator.computed_from:
            problems.append(
                _(
                    "Line %(line)s: “%(slug)s” is computed from the platform’s own records and "
                    "cannot be imported"
                )
                % {"line": line, "slug": slug}
            )
            indicator = None
        period_end: date | None = None
        try:
            period_end = date.fromisoformat(value_of("period_end"))
        except ValueError:
            problems.append(
                _("Line %(line)s: period_end must be a date like 2026-03-31") % {"line": line}
            )
        value = _number(value_of("value"))
        if value is None:
            problems.append(_("Line %(line)s: value must be a number") % {"line": line})
        breakdown = value_of("breakdown")
        if indicator is not None and breakdown and breakdown not in indicator.breakdowns:
            problems.append(
                _("Line %(line)s: “%(breakdown)s” is not one of this indicator’s breakdowns")
                % {"line": line, "breakdown": breakdown}
            )
        if len(breakdown) > 100:
            problems.append(_("Line %(line)s: the breakdown is too long") % {"line": line})
        note = value_of("note")[:500]
        if not problems and indicator is not None and period_end and value is not None:
            key = (slug, period_end, breakdown)
            if key in first_line:
                problems.append(
                    _("Line %(line)s: the same indicator, period and breakdown as line %(first)s")
                    % {"line": line, "first": first_line[key]}
                )
            else:
                first_line[key] = line
                checked.append(Row(line, indicator, period_end, value, breakdown, note))
        errors.extend(problems)
    if errors:
        if len(errors) > MAX_ERRORS:
            hidden = len(errors) - MAX_ERRORS
            errors = [*errors[:MAX_ERRORS], _("…and %(count)s more") % {"count": hidden}]
        raise MeasurementsRefused(errors)
    return checked


@transaction.atomic
def measurements_import(
    *, council: Council, file: IO[bytes], by: User | None, name: str | None = None
) -> ImportResult:
    """Store every row of a CSV or XLSX file, or none (MeasurementsRefused lists why).
    A row for a value already stored replaces it."""
    file_name = name or str(getattr(file, "name", "") or "")
    rows = measurements_check(council=council, file=file, name=file_name)
    result = ImportResult(rows=rows)
    for row in rows:
        _, created, _before = _store(
            council=council,
            indicator=row.indicator,
            period_end=row.period_end,
            value=row.value,
            breakdown=row.breakdown,
            note=row.note,
            by=by,
        )
        if created:
            result.created += 1
        else:
            result.replaced += 1
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=Actor(person=by),
        council=council,
        detail={
            "import": "outcome measurements",
            "file": file_name[:200],
            "rows": len(rows),
            "created": result.created,
            "replaced": result.replaced,
        },
    )
    return result
