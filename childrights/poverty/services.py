"""Writes for poverty analyses. Each is audited; a bad upload stores nothing."""

import tempfile
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.poverty.definition import column_needs
from childrights.poverty.models import Dataset, Measure, Run
from childrights.poverty.tasks import run_measure
from childrights.poverty.uploads import (
    EMPTY,
    HOUSEHOLD,
    KIND_LABELS,
    NUMBER,
    WEIGHT,
    WHOLE,
    YES_NO,
    fingerprint,
    normal_name,
    upload_check,
)


class UploadRejected(Exception):
    def __init__(self, errors: list[str], columns: list[dict[str, Any]], rows: int) -> None:
        super().__init__(f"{len(errors)} problem(s) in the file")
        self.errors = errors
        # What could be read of the file, to show beside the errors.
        self.columns = columns
        self.rows = rows


def dataset_upload(*, actor: Actor, council: Council, name: str, upload: UploadedFile) -> Dataset:
    """Check the whole file first; store it only if nothing is wrong (UploadRejected lists all).
    Whether it is CSV or Parquet is read from the file itself, not its name."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        check = upload_check(path)
        if check.errors:
            raise UploadRejected(check.errors, check.columns, check.rows)
        fmt = check.format
        digest = fingerprint(path)
        dataset = Dataset(
            council=council,
            name=name,
            format=fmt,
            separator=check.separator,
            row_count=check.rows,
            columns=check.columns,
            fingerprint=digest,
            uploaded_by=actor.person if isinstance(actor.person, User) else None,
        )
        with path.open("rb") as handle:
            dataset.file.save(f"{digest[:16]}.{fmt}", File(handle), save=False)
    try:
        with transaction.atomic():
            dataset.save()
            audit_record(
                action=AuditEvent.Action.CREATE,
                actor=actor,
                obj=dataset,
                detail={"rows": check.rows, "format": fmt},
            )
    except Exception:
        dataset.file.delete(save=False)
        raise
    return dataset


@transaction.atomic
def dataset_delete(*, actor: Actor, dataset: Dataset) -> None:
    """Remove the data and its file; runs made from it keep their results and fingerprint."""
    audit_record(action=AuditEvent.Action.DELETE, actor=actor, obj=dataset)
    stored = dataset.file.name
    dataset.delete()
    transaction.on_commit(lambda: dataset.file.storage.delete(stored))


def measure_save(
    *,
    actor: Actor,
    council: Council,
    measure: Measure | None,
    name: str,
    definition: dict[str, Any],
) -> Measure:
    with transaction.atomic():
        if measure is None:
            measure = Measure.objects.create(council=council, name=name, definition=definition)
            action = AuditEvent.Action.CREATE
        else:
            measure.name, measure.definition = name, definition
            measure.save()
            action = AuditEvent.Action.UPDATE
        audit_record(action=action, actor=actor, obj=measure)
    return measure


class RunRefused(Exception):
    pass


FITS = {"number": {NUMBER, WHOLE, EMPTY}, "yes/no": {NUMBER, WHOLE, YES_NO, EMPTY}}
NEED_LABELS = {"number": _lazy("numbers"), "yes/no": _lazy("yes or no (1 or 0)")}


def run_request(
    *,
    actor: Actor,
    measure: Measure,
    dataset: Dataset,
    group_columns: list[str],
    bootstrap: int = 0,
) -> Run:
    """Queue a run of the measure on the data, keeping the definition and data fingerprint.

    Columns are matched without regard to case or surrounding spaces. RunRefused, in words, if
    the data lacks a column or a column's type cannot serve the rule that reads it.
    """
    kinds = {normal_name(column["name"]): column.get("type") for column in dataset.columns}
    needs = column_needs(measure.definition)
    needs += [(column, "any", _("the breakdown")) for column in group_columns]
    missing = sorted({column for column, _need, _user in needs if normal_name(column) not in kinds})
    if missing:
        raise RunRefused(
            _("The data has no column called %(columns)s") % {"columns": ", ".join(missing)}
        )
    for column, need, user in needs:
        kind = kinds[normal_name(column)]
        if kind in FITS.get(need, {kind}) or kind not in KIND_LABELS:
            continue  # fits, or data checked before column types were recorded
        raise RunRefused(
            _(
                "%(user)s reads the column “%(column)s” as %(need)s, but in this data it holds "
                "%(kind)s. Change the measure or the data."
            )
            % {
                "user": user,
                "column": column,
                "need": NEED_LABELS[need],
                "kind": str(KIND_LABELS[kind]).lower(),
            }
        )
    options = {
        "group_columns": group_columns,
        "weight_column": WEIGHT if WEIGHT in kinds else None,
        "cluster_column": HOUSEHOLD if HOUSEHOLD in kinds else None,
        "bootstrap": bootstrap,
    }
    with transaction.atomic():
        Measure.objects.select_for_update().filter(pk=measure.pk).first()
        waiting = Run.objects.filter(
            measure=measure,
            dataset=dataset,
            definition=measure.definition,
            status__in=[Run.Status.QUEUED, Run.Status.RUNNING],
        ).first()
        if waiting is not None and waiting.options == options:
            return waiting  # the same request sent twice: one run
        run = Run.objects.create(
            council=measure.council,
            measure=measure,
            dataset=dataset,
            measure_name=measure.name,
            definition=measure.definition,
            data_fingerprint=dataset.fingerprint,
            options=options,
            requested_by=actor.person if isinstance(actor.person, User) else None,
        )
        audit_record(action=AuditEvent.Action.CREATE, actor=actor, obj=run)
        transaction.on_commit(lambda: _enqueue(run))
    return run


def _enqueue(run: Run) -> None:
    try:
        run_measure.enqueue(run_id=run.pk)
    except Exception:
        Run.objects.filter(pk=run.pk).update(
            status=Run.Status.FAILED, progress=100, error=_("The run could not be started.")
        )
        raise
