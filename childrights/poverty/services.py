"""Writes for poverty analyses. Each is audited; a bad upload stores nothing."""

import tempfile
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.poverty.definition import definition_columns
from childrights.poverty.models import Dataset, Measure, Run
from childrights.poverty.tasks import run_measure
from childrights.poverty.uploads import fingerprint, upload_check


class UploadRejected(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the file")
        self.errors = errors


def _format_of(name: str) -> str:
    return "parquet" if name.lower().endswith(".parquet") else "csv"


def dataset_upload(
    *, request: HttpRequest, council: Council, name: str, upload: UploadedFile
) -> Dataset:
    """Check the whole file first; store it only if nothing is wrong (UploadRejected lists all)."""
    fmt = _format_of(upload.name or "")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload.{fmt}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        check = upload_check(path, fmt)
        if check.errors:
            raise UploadRejected(check.errors)
        digest = fingerprint(path)
        dataset = Dataset(
            council=council,
            name=name,
            format=fmt,
            row_count=check.rows,
            columns=check.columns,
            fingerprint=digest,
            uploaded_by=request.user if request.user.is_authenticated else None,
        )
        with path.open("rb") as handle:
            dataset.file.save(f"{digest[:16]}.{fmt}", File(handle), save=False)
    try:
        with transaction.atomic():
            dataset.save()
            audit_record(
                action=AuditEvent.Action.CREATE,
                request=request,
                obj=dataset,
                detail={"rows": check.rows, "format": fmt},
            )
    except Exception:
        dataset.file.delete(save=False)
        raise
    return dataset


@transaction.atomic
def dataset_delete(*, request: HttpRequest, dataset: Dataset) -> None:
    """Remove the data and its file; runs made from it keep their results and fingerprint."""
    audit_record(action=AuditEvent.Action.DELETE, request=request, obj=dataset)
    stored = dataset.file.name
    dataset.delete()
    transaction.on_commit(lambda: dataset.file.storage.delete(stored))


def measure_save(
    *,
    request: HttpRequest,
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
        audit_record(action=action, request=request, obj=measure)
    return measure


class RunRefused(Exception):
    pass


def run_request(
    *,
    request: HttpRequest,
    measure: Measure,
    dataset: Dataset,
    group_columns: list[str],
    bootstrap: int = 0,
) -> Run:
    """Queue a run of the measure on the data, keeping the definition and data fingerprint."""
    available = {column["name"] for column in dataset.columns}
    missing = sorted((definition_columns(measure.definition) | set(group_columns)) - available)
    if missing:
        raise RunRefused(
            _("The data has no column called %(columns)s") % {"columns": ", ".join(missing)}
        )
    options = {
        "group_columns": group_columns,
        "weight_column": "weight" if "weight" in available else None,
        "cluster_column": "household_id" if "household_id" in available else None,
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
            requested_by=request.user if request.user.is_authenticated else None,
        )
        audit_record(action=AuditEvent.Action.CREATE, request=request, obj=run)
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
