"""Several people editing one record: nobody silently reverts a colleague.

An editing page carries, in a signed hidden field, the values as they were when it was opened.
On saving, each field is compared three ways: what the page opened with, what is stored now,
and what the person sent. A field the person did not change keeps whatever is stored now (a
colleague's change survives); a field the person changed is saved unless a colleague changed it
too, to something else, since the page was opened: that is a conflict, and nothing is saved.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.core import signing
from django.db import models
from django.utils.translation import gettext as _

OPENED_FIELD = "opened"


def comparable(value: Any) -> Any:
    """A value as a page's opened values keep it (JSON): a record as its id, a date as text."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [comparable(each) for each in value]
    if isinstance(value, Mapping):
        return {str(key): comparable(each) for key, each in value.items()}
    return value


def opened_token(values: Mapping[str, Any], *, salt: str) -> str:
    """The values a page opened with, signed, for its hidden ``opened`` field."""
    return signing.dumps(comparable(dict(values)), salt=salt, compress=True)


def opened_values(token: str | None, *, salt: str) -> dict[str, Any] | None:
    """The values a page opened with; None when the token is missing or not ours."""
    if not token:
        return None
    try:
        found = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return found if isinstance(found, dict) else None


@dataclass(frozen=True)
class Conflict:
    key: str
    theirs: Any
    yours: Any


class EditConflict(Exception):
    """Someone else changed what this person changed too since the page was opened; nothing was
    saved. ``conflicts`` holds each such field: the colleague's value and this person's."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__(", ".join(conflict.key for conflict in conflicts))
        self.conflicts = conflicts


@dataclass(frozen=True)
class Merge:
    changes: dict[str, Any]
    conflicts: list[Conflict]


def merge_edit(
    *,
    keys: Iterable[str],
    opened: Mapping[str, Any],
    current: Mapping[str, Any],
    submitted: Mapping[str, Any],
) -> Merge:
    """What to save of ``submitted`` over ``current``, given what the page ``opened`` with."""
    changes: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for key in keys:
        if key not in submitted:
            continue
        was, now = comparable(opened.get(key)), comparable(current.get(key))
        sent = comparable(submitted[key])
        if sent in (was, now):
            continue  # not changed by this person, or already what they want
        if now != was:
            conflicts.append(Conflict(key=key, theirs=current.get(key), yours=submitted[key]))
        else:
            changes[key] = submitted[key]
    return Merge(changes=changes, conflicts=conflicts)


def changes_or_conflict(
    *,
    keys: Iterable[str],
    opened: Mapping[str, Any] | None,
    current: Mapping[str, Any],
    submitted: Mapping[str, Any],
) -> Mapping[str, Any]:
    """What of ``submitted`` to save: everything when the page's opened values are unknown,
    else only what this person changed (``merge_edit``); raises EditConflict on a conflict."""
    if opened is None:
        return submitted
    merge = merge_edit(keys=keys, opened=opened, current=current, submitted=submitted)
    if merge.conflicts:
        raise EditConflict(merge.conflicts)
    return merge.changes


def current_values(record: models.Model, keys: Iterable[str]) -> dict[str, Any]:
    return {key: getattr(record, key) for key in keys}


def add_conflict_errors(form: forms.Form, conflict: EditConflict, *, fresh_token: str) -> None:
    """Show each conflict on the form, at its field, saying what it is now; and give the form
    the values as they are now, so saving again puts this person's over them knowingly."""
    data = form.data.copy()  # type: ignore[attr-defined]
    data[OPENED_FIELD] = fresh_token
    form.data = data
    for each in conflict.conflicts:
        field = form.fields.get(each.key)
        theirs = each.theirs
        shown = ", ".join(map(str, theirs)) if isinstance(theirs, list | tuple) else theirs
        form.add_error(
            each.key if field is not None else None,
            _(
                "Someone else changed “%(field)s” since you opened this page; it now "
                "says: %(theirs)s. Nothing was saved: check it, then save again."
            )
            % {
                "field": field.label if field is not None else each.key,
                "theirs": shown if shown not in (None, "") else "–",
            },
        )
