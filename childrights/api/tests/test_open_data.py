"""The open data packages: each dataset as CSV at a stable address, described by one Frictionless
data package, all validated with the ``frictionless`` library on the bytes the site serves (written
to a temporary folder, without the network)."""

import csv
import io
import json
import socket

import pytest
from django.utils import timezone
from frictionless import Package, Resource, Schema, validate

from childrights.api import datasets, open_data
from childrights.participation.models import Commitment, FeedbackTheme
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_partnership
from childrights.testing.participation import make_consultation


@pytest.fixture
def no_network(monkeypatch):
    """Any connection except to this machine fails the test."""
    connect = socket.socket.connect

    def loopback_only(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"}:
            raise AssertionError(f"the test tried to reach {address}")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)


@pytest.fixture
def published(world):
    """Something published in every dataset, and something unpublished beside it."""
    make_partnership(council=world.council_a)
    shown = make_assessment(council=world.council_a, title="=Youth clubs: one hub")
    version = shown.versions.get()
    version.published_at = timezone.now()
    version.save()
    make_assessment(council=world.council_a, title="A draft nobody may see")
    consultation = make_consultation(council=world.council_a, questions=False)
    theme = FeedbackTheme.objects.create(
        consultation=consultation,
        title_en="Parks",
        summary_en="More benches",
        published_at=timezone.now(),
    )
    Commitment.objects.create(
        consultation=consultation, theme=theme, text_en="Ten benches", published_at=timezone.now()
    )
    Commitment.objects.create(consultation=consultation, theme=theme, text_en="Not yet public")
    return world


def download(client, tmp_path):
    """The package and every CSV, as the site serves them, into one folder."""
    response = client.get("/open-data/datapackage.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    (tmp_path / "datapackage.json").write_bytes(response.content)
    for dataset in datasets.DATASETS:
        response = client.get(f"/open-data/{dataset.slug}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Access-Control-Allow-Origin"] == "*"
        (tmp_path / f"{dataset.slug}.csv").write_bytes(b"".join(response.streaming_content))
    return json.loads((tmp_path / "datapackage.json").read_text())


def test_the_package_and_every_resource_validate(client, published, tmp_path, no_network):
    descriptor = download(client, tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "note"])
    package = Package(source=str(tmp_path / "datapackage.json"))
    assert [resource.name for resource in package.resources] == [
        dataset.slug for dataset in datasets.DATASETS
    ]
    for dataset in datasets.DATASETS:
        resource = Resource(
            path=f"{dataset.slug}.csv",
            basepath=str(tmp_path),
            schema=Schema.from_descriptor(open_data.table_schema(dataset)),
        )
        each = validate(resource)
        assert each.valid, each.flatten(["rowNumber", "fieldName", "note"])
    assert {licence["name"] for licence in descriptor["licenses"]} == {"OGL-UK-3.0", "MIT"}


def test_every_csv_has_the_fields_of_its_dataset_and_the_same_records_as_the_api(
    client, published, settings
):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 10_000
    for dataset in datasets.DATASETS:
        text = b"".join(client.get(f"/open-data/{dataset.slug}.csv").streaming_content).decode()
        assert next(csv.reader(io.StringIO(text))) == [field.name for field in dataset.fields]
        rows = list(csv.DictReader(io.StringIO(text)))
        api = client.get(f"/api/v1/{dataset.slug}", {"page_size": 200}).json()
        assert len(rows) == api["count"]
        for row, record in zip(rows, api["results"], strict=False):
            for field in dataset.fields:
                expected = record[field.name]
                if field.type == "string" and expected:
                    # A text starting like a formula is made safe to open in a spreadsheet.
                    assert row[field.name].lstrip("'") == expected
                elif field.type == "array":
                    assert json.loads(row[field.name]) == expected
                elif expected is None:
                    assert row[field.name] == ""
                elif field.type == "boolean":
                    assert row[field.name] == ("true" if expected else "false")
                elif field.type == "number":
                    assert float(row[field.name]) == expected
                else:
                    assert row[field.name] == str(expected)


def test_nothing_unpublished_is_in_the_downloads(client, published):
    assessments = b"".join(client.get("/open-data/impact-assessments.csv").streaming_content)
    assert b"Youth clubs" in assessments
    assert b"A draft nobody may see" not in assessments
    we_did = b"".join(client.get("/open-data/we-did.csv").streaming_content)
    assert b"Ten benches" in we_did
    assert b"Not yet public" not in we_did


def test_text_that_starts_like_a_formula_is_made_safe(client, published):
    text = b"".join(client.get("/open-data/impact-assessments.csv").streaming_content).decode()
    assert "'=Youth clubs: one hub" in text
    api = client.get("/api/v1/impact-assessments").json()
    assert api["results"][0]["title"] == "=Youth clubs: one hub"


def test_an_unknown_dataset_is_not_found(db, client):
    assert client.get("/open-data/secrets.csv").status_code == 404


def test_the_table_schema_types_each_field_as_the_api_documents_it(db, client):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    for dataset in datasets.DATASETS:
        name = "".join(part.capitalize() for part in dataset.slug.split("-"))
        properties = schemas[name]["properties"]
        table = {field["name"]: field for field in open_data.table_schema(dataset)["fields"]}
        assert list(properties) == list(table)
        for field_name, field in table.items():
            assert properties[field_name]["description"] == field["description"]
