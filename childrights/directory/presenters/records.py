"""A service's versions as its history page shows them: who, when, and each field before and
after in words (names for organisations and needs, labels for statuses, yes or no), so a council
can answer "who changed what a child reads, and when"."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from childrights.directory.models import (
    Contact,
    Location,
    Need,
    OpeningTime,
    Organisation,
    Service,
    ServiceChange,
)
from childrights.directory.service_details import (
    CONTACT,
    CONTACT_FIELDS,
    LOCATION_FIELDS,
    OPENING_TIME,
    PLACE,
)

EMPTY = "–"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str
    # For a place, an opening time or a contact: what happened, in words ("Monday 16:00–18:00
    # added").
    summary: str = ""


@dataclass(frozen=True)
class HistoryRow:
    change: ServiceChange
    who: str
    fields: list[FieldChange]


def _label(name: str) -> str:
    if name == PLACE:
        return _("Places")
    if name == OPENING_TIME:
        return _("Opening times")
    if name == CONTACT:
        return _("Contacts")
    if name == "needs":
        return _("Needs")
    if name == "articles":
        return _("UNCRC articles")
    try:
        field = Service._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name)).capitalize()


class _Words:
    """Values in words, with the organisations and needs the changes name read in one query
    each."""

    def __init__(self, changes: list[ServiceChange]) -> None:
        ids: set[str] = set()
        codes: set[str] = set()
        for change in changes:
            for name, pair in change.changes.items():
                values = [value for value in pair if value is not None]
                if name == "organisation":
                    ids.update(str(value) for value in values)
                elif name == "needs":
                    codes.update(code for value in values for code in value)
        self.organisations = {
            str(pk): name
            for pk, name in Organisation.objects.filter(pk__in=ids).values_list("pk", "name")
        }
        self.needs = dict(Need.objects.filter(code__in=codes).values_list("code", "name_en"))
        self.statuses = dict(Service.Status.choices)

    def of(self, name: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if name == "organisation":
            return self.organisations.get(str(value), _("An organisation since removed"))
        if name == "status":
            return str(self.statuses.get(value, value))
        if name == "needs":
            return ", ".join(self.needs.get(code, code) for code in value)
        if name == "articles":
            return ", ".join(str(number) for number in value)
        return str(value)


def _opening_time_words(value: list[Any]) -> str:
    day, opens, closes = value
    return _("%(day)s %(opens)s–%(closes)s") % {
        "day": OpeningTime.Day(day).label,
        "opens": opens,
        "closes": closes,
    }


def _field_label(model: type[Location] | type[Contact], name: str) -> str:
    if name == "latitude":
        return _("Latitude")
    if name == "longitude":
        return _("Longitude")
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name)).capitalize()


def _record_words(
    model: type[Location] | type[Contact], fields: tuple[str, ...], value: Any
) -> str:
    """A place's or a contact's fields a version holds, one a line, as "Label: value"."""
    lines = []
    for name in fields:
        if name not in value:
            continue
        shown = value[name]
        if isinstance(shown, bool):
            shown = _("Yes") if shown else _("No")
        elif shown is None or shown == "":
            shown = EMPTY
        lines.append(f"{_field_label(model, name)}: {shown}")
    return "\n".join(lines)


def _part_words(name: str, value: Any) -> str:
    if value is None:
        return EMPTY
    if name == OPENING_TIME:
        return _opening_time_words(value)
    if name == PLACE:
        return _record_words(Location, LOCATION_FIELDS, value)
    return _record_words(Contact, CONTACT_FIELDS, value)


def _part_named(name: str, value: dict[str, Any] | list[Any]) -> str:
    """Which opening time, place or contact: "Monday 16:00–18:00", "The Hub, Aberfield"."""
    if isinstance(value, list):
        return _opening_time_words(value)
    if name == PLACE:
        return ", ".join(part for part in (value.get("name"), value.get("town")) if part)
    return str(value.get("name", ""))


def _part_change(name: str, pair: list[Any]) -> FieldChange:
    """A place, an opening time or a contact added, removed or changed."""
    before, after = pair
    if before is None:
        summary = _("%(what)s added") % {"what": _part_named(name, after)}
    elif after is None:
        summary = _("%(what)s removed") % {"what": _part_named(name, before)}
    else:
        summary = _("%(what)s changed") % {"what": _part_named(name, before)}
    return FieldChange(
        label=_label(name),
        before=_part_words(name, before),
        after=_part_words(name, after),
        summary=summary,
    )


PARTS = (PLACE, OPENING_TIME, CONTACT)


def history_rows(changes: Iterable[ServiceChange]) -> list[HistoryRow]:
    found = list(changes)
    words = _Words(found)
    rows = []
    for change in found:
        person = change.changed_by
        who = (
            str(person)
            if person is not None
            else _("Not recorded (an import, or an account since removed)")
        )
        fields = [
            _part_change(name, pair)
            if name in PARTS
            else FieldChange(
                label=_label(name),
                before=words.of(name, pair[0]),
                after=words.of(name, pair[1]),
            )
            for name, pair in change.changes.items()
        ]
        rows.append(HistoryRow(change=change, who=who, fields=fields))
    return rows
