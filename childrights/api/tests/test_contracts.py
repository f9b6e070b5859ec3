"""Contract tests of every API: schemathesis reads each OpenAPI document as the site serves it,
generates requests from it and checks every answer against it (status codes, content types,
headers and response schemas), in process through Django's WSGI application, a bounded number
of examples an operation.

The Open Referral UK API's document names the UK profile's JSON Schemas by their published
address; here those are resolved from the copies kept with the directory's tests
(``directory/tests/oruk_schema``), never fetched. Nothing here opens a connection beyond this
machine.
"""

import json
import socket
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings

from childrights.directory.oruk_openapi import SCHEMAS
from childrights.participation.models import Commitment, FeedbackTheme
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_partnership
from childrights.testing.participation import make_consultation

APP = get_wsgi_application()
ORUK_COPIES = Path(__file__).resolve().parents[2] / "directory" / "tests" / "oruk_schema"
# Examples an operation: about 20 operations, so a few hundred requests in all.
EXAMPLES = 6
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch):
    connect = socket.socket.connect

    def loopback(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in {"127.0.0.1", "::1", "localhost"}:
            raise AssertionError(f"a contract test tried to reach {address}")
        return connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", loopback)


@pytest.fixture(autouse=True)
def _connection_kept_through_requests():
    """Django closes the database connection as each request ends; the test's transaction needs
    it open, so, as Django's test client does, that is turned off while a test sends requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def published_records(world, settings):
    """Something published in each dataset, so responses carry records to check."""
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 1_000_000
    make_partnership(council=world.council_a)
    assessment = make_assessment(council=world.council_a)
    assessment.versions.update(published_at=timezone.now())
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
    return world


def _local_oruk_schemas() -> tuple[dict[str, str], dict[str, Any]]:
    """Where each of the profile's addresses points in the local copies, and those schemas as
    OpenAPI components: the compiled schemas as they are, and the definitions gathered in
    service_with_definitions (taxonomy and taxonomy_term have no compiled schema of their own)."""
    components: dict[str, Any] = {}
    refs: dict[str, str] = {}
    for path in sorted(ORUK_COPIES.glob("service*.json")):
        if path.stem == "service_with_definitions":
            continue
        components[f"oruk_{path.stem}"] = json.loads(path.read_text(encoding="utf-8"))
        refs[f"{SCHEMAS}/compiled/{path.name}"] = f"#/components/schemas/oruk_{path.stem}"
    gathered = json.loads((ORUK_COPIES / "service_with_definitions.json").read_text("utf-8"))
    text = json.dumps(gathered["definitions"]).replace(
        '"#/definitions/', '"#/components/schemas/oruk_definition_'
    )
    for name, schema in json.loads(text).items():
        components[f"oruk_definition_{name}"] = schema
        refs[f"{SCHEMAS}/{name}.json"] = f"#/components/schemas/oruk_definition_{name}"
    return refs, components


def _resolved_locally(document: dict[str, Any]) -> dict[str, Any]:
    refs, components = _local_oruk_schemas()
    unresolved: set[str] = set()

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                if ref not in refs:
                    unresolved.add(ref)
                return {**node, "$ref": refs.get(ref, ref)}
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(value) for value in node]
        return node

    resolved: dict[str, Any] = walk(document)
    assert not unresolved, f"no local copy of {sorted(unresolved)}"
    resolved["components"]["schemas"].update(components)
    return resolved


def _served(path: str) -> dict[str, Any]:
    """A document as the site serves it, through the WSGI application."""
    found: dict[str, Any] = json.loads(Client(SERVER_NAME="localhost").get(path).content)
    return found


# Read as the site serves it, while tests are collected: before there is a test database to
# count the request against the per-client limit in.
with mock.patch("childrights.api.public.api.public_refusal", return_value=None):
    public = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
oruk = schemathesis.openapi.from_dict(_resolved_locally(_served("/api/oruk/openapi.json")))
oruk.app = APP


@public.parametrize()
@BOUNDED
def test_the_public_api_keeps_to_its_openapi_document(case, published_records):
    case.call_and_validate()


@oruk.parametrize()
@BOUNDED
def test_the_open_referral_uk_api_keeps_to_its_openapi_document(case, published_records):
    case.call_and_validate()


def test_the_oruk_document_names_only_schemas_kept_here(db):
    resolved = _resolved_locally(_served("/api/oruk/openapi.json"))
    assert SCHEMAS not in json.dumps(resolved)
    assert resolved["paths"]["/services"]["get"]["responses"]["200"]


def test_an_open_referral_uk_time_with_an_offset_is_read_as_a_clock_time(published_records, client):
    response = client.get("/api/oruk/services", {"start_time": "00:00:00Z", "end_time": "23:59Z"})
    assert response.status_code == 200


def test_an_open_referral_uk_address_answers_another_method_with_405(db, client):
    assert client.post("/api/oruk/services").status_code == 405
    assert client.generic("QUERY", "/api/oruk/").status_code == 405
