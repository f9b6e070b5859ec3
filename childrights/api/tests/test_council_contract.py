"""The council API keeps to its OpenAPI document: schemathesis reads the document as the site
serves it, generates requests from it (with a token of a council that has a consultation with
answers, a service and indicators to import into) and checks every answer against it, in process
through Django's WSGI application."""

from unittest import mock

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from childrights.api import tokens
from childrights.directory.models import Organisation, Service
from childrights.participation import tallies
from childrights.participation.models import Consultation
from childrights.testing.api_tokens import make_api_token
from childrights.testing.participation import make_consultation, make_response

APP = get_wsgi_application()
BOUNDED = settings(
    max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)

# Read as the site serves it, while tests are collected: before there is a test database to
# count the request against the per-client limit in.
with mock.patch("childrights.api.public.api.public_refusal", return_value=None):
    council_api = schemathesis.openapi.from_wsgi("/api/v1/council/openapi.json", APP)


@pytest.fixture(autouse=True)
def _one_connection():
    """Requests go through the WSGI application, whose end closes the database connection; the
    test's transaction lives on that connection, so keep it open as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _requests_without_a_token_not_limited(monkeypatch):
    """schemathesis also sends requests without the token, more than a client may send in a
    minute before its good token is refused too; here each request is checked for itself."""
    monkeypatch.setattr(tokens, "FAILED_TOKENS_PER_MINUTE", 100_000)


@pytest.fixture
def secret(world) -> str:
    consultation = make_consultation(council=world.council_a)
    for _ in range(10):
        make_response(consultation=consultation)
    tallies.fold(consultation)
    consultation.status = Consultation.Status.CLOSED  # its results are answered once closed
    consultation.save(update_fields=["status"])
    organisation = Organisation.objects.create(council=world.council_a, name="Youth Trust")
    Service.objects.create(
        council=world.council_a,
        organisation=organisation,
        name_en="Drop-in",
        description_en="A place to go.",
        is_published=True,
    )
    return make_api_token(council=world.council_a).secret


@council_api.parametrize()
@BOUNDED
def test_the_council_api_keeps_to_its_openapi_document(case, secret):
    # Rows the document allows can still be wrong (an indicator that does not exist): the import
    # refuses them with 400, listing each, which is the contract rather than a breach of it.
    excluded = [positive_data_acceptance] if case.operation.path.endswith("/measurements") else []
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, excluded_checks=excluded)
