"""The open data packages: each public dataset (``api.datasets``) as a CSV file, and one
Frictionless data package (``datapackage.json``) describing them all, with a table schema and a
licence for each, made from the same definitions as the API.

Text cells pass ``core.csv_export.spreadsheet_safe`` (a text starting like a formula gets a
leading quote); numbers, dates and true/false are written as the table schema types them.
"""

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from childrights.api import datasets
from childrights.api.datasets import Dataset
from childrights.core.csv_export import spreadsheet_safe

PACKAGE_NAME = "rights-at-the-heart"
CHUNK = 500


def table_schema(dataset: Dataset) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    for each in dataset.fields:
        described: dict[str, Any] = {
            "name": each.name,
            "type": each.type,
            "description": each.description,
        }
        if each.format:
            described["format"] = each.format
        fields.append(described)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if dataset.key:
        schema["primaryKey"] = list(dataset.key)
    return schema


def licence(dataset: Dataset) -> dict[str, str]:
    return {
        "name": dataset.licence.name,
        "title": dataset.licence.title,
        "path": dataset.licence.path,
    }


def csv_name(dataset: Dataset) -> str:
    return f"{dataset.slug}.csv"


def data_package(*, homepage: str) -> dict[str, Any]:
    """The package: every dataset as a resource beside it (paths relative to the package)."""
    licences = {dataset.licence.name: licence(dataset) for dataset in datasets.DATASETS}
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Rights at the Heart open data",
        "description": (
            "What UK councils in the Rights at the Heart programme have published about "
            "children's rights, and the reference data it rests on. Nothing unpublished is here."
        ),
        "homepage": homepage,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": list(licences.values()),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": dataset.slug,
                "path": csv_name(dataset),
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [licence(dataset)],
                "schema": table_schema(dataset),
            }
            for dataset in datasets.DATASETS
        ],
    }


def csv_cell(field: datasets.Field, value: Any) -> str:
    written = datasets.csv_value(value)
    return spreadsheet_safe(written) if field.type == "string" else written


def csv_lines(dataset: Dataset, *, base_url: str) -> Iterator[str]:
    """The dataset as CSV text, a header and then a line a record, read a chunk at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([each.name for each in dataset.fields])
    yield flush()
    context = datasets.Context(base_url=base_url)
    found = dataset.found()
    total = found.count()
    for start in range(0, total, CHUNK):
        records = list(found[start : start + CHUNK])
        for row in datasets.rows(dataset, records, context):
            writer.writerow([csv_cell(each, row[each.name]) for each in dataset.fields])
        yield flush()
