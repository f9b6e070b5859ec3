"""Writes for poverty analyses. Each is audited; a bad upload stores nothing."""

import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest

from childrights.core.audit import audit_record
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.poverty.models import Dataset
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
        with transaction.atomic(), path.open("rb") as handle:
            dataset = Dataset(
                council=council,
                name=name,
                format=fmt,
                row_count=check.rows,
                columns=check.columns,
                fingerprint=fingerprint(path),
                uploaded_by=request.user if request.user.is_authenticated else None,
            )
            dataset.file.save(f"{fingerprint(path)[:16]}.{fmt}", File(handle), save=False)
            dataset.save()
            audit_record(
                action=AuditEvent.Action.CREATE,
                request=request,
                obj=dataset,
                detail={"rows": check.rows, "format": fmt},
            )
    return dataset
