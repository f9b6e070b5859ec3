"""A service's versions as its history page shows them: who, when, and each field before and
after in words (names for organisations and needs, labels for statuses, yes or no), so a council
can answer "who changed what a child reads, and when"."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from childrights.directory.models import Need, Organisation, Service, ServiceChange

EMPTY = "–"


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    change: ServiceChange
    who: str
    fields: list[FieldChange]


def _label(name: str) -> str:
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
            FieldChange(
                label=_label(name),
                before=words.of(name, pair[0]),
                after=words.of(name, pair[1]),
            )
            for name, pair in change.changes.items()
        ]
        rows.append(HistoryRow(change=change, who=who, fields=fields))
    return rows
