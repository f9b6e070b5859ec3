"""The public API and the open data under load: one count a client (an IPv6 /64 counted as one)
covers the open data files, the reference page and the OpenAPI documents too; a refused request
leaves no row; a page of "you said, we did" costs the same few queries however many
consultations it names, and takes no lock; demonstration councils' records are left out."""

import datetime

import pytest
from django.utils import timezone

from childrights.api.public import api as public_api
from childrights.core.models import RateEvent
from childrights.outcomes.models import Report
from childrights.outcomes.reports.figures import partner_figures
from childrights.participation.models import Commitment, Consultation, FeedbackTheme, Response
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_partnership
from childrights.testing.participation import make_consultation, make_response


def _feedback(consultation):
    at = timezone.now()
    theme = FeedbackTheme.objects.create(
        consultation=consultation, title_en="Parks", summary_en="More swings", published_at=at
    )
    Commitment.objects.create(
        consultation=consultation, theme=theme, text_en="New swings", published_at=at
    )


def _closed(council, **overrides):
    today = timezone.localdate()
    return make_consultation(
        council=council,
        questions=overrides.pop("questions", False),
        status=Consultation.Status.CLOSED,
        opens_on=today - datetime.timedelta(days=40),
        closes_on=today - datetime.timedelta(days=10),
        **overrides,
    )


# --- one count a client, for everything public -------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/datapackage.json",
        "/open-data/councils.csv",
        "/api/",
        "/api/v1/openapi.json",
        "/api/v1/council/openapi.json",
    ],
)
def test_open_data_the_reference_page_and_the_openapi_documents_share_the_api_s_limit(
    db, client, settings, path
):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 2
    assert client.get("/api/v1/themes").status_code == 200
    assert client.get(path).status_code == 200
    refused = client.get(path)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "wait" in refused.json()["detail"]
    assert client.get("/api/v1/themes").status_code == 429
    assert client.get(path, REMOTE_ADDR="192.0.2.99").status_code == 200


def test_an_ipv6_client_is_counted_by_its_64(db, client, settings):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 2
    assert client.get("/api/v1/themes", REMOTE_ADDR="2001:db8:5:6::1").status_code == 200
    assert client.get("/api/v1/themes", REMOTE_ADDR="2001:db8:5:6::2").status_code == 200
    assert client.get("/api/v1/themes", REMOTE_ADDR="2001:db8:5:6:aaaa::3").status_code == 429
    assert client.get("/api/v1/themes", REMOTE_ADDR="2001:db8:5:7::1").status_code == 200


def test_a_client_that_keeps_asking_adds_no_rows(db, client, settings):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 3
    statuses = [client.get("/api/v1/themes").status_code for _ in range(25)]
    assert statuses == [200] * 3 + [429] * 22
    assert RateEvent.objects.filter(scope="api:public").count() == 3


def test_each_openapi_document_is_built_once_a_process(db, client, settings, monkeypatch):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 100
    from ninja.openapi import get_schema

    builds = []

    def counted(**kwargs):
        builds.append(kwargs["api"])
        return get_schema(**kwargs)

    monkeypatch.setattr("ninja.main.get_schema", counted)
    monkeypatch.setattr(public_api.public_api, "_documents", {})
    for _ in range(3):
        assert client.get("/api/v1/openapi.json").json()["info"]["version"] == "1"
    assert builds == [public_api.public_api]


# --- "you said, we did": a page costs the same few queries -------------------------------------


def _took_part_page(client, count, django_assert_max_num_queries):
    with django_assert_max_num_queries(count):
        response = client.get("/api/v1/you-said", {"page_size": 200})
    assert response.status_code == 200
    return response.json()


def test_a_page_of_you_said_costs_the_same_few_queries_and_takes_no_lock(
    client, world, settings, django_assert_max_num_queries
):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 100
    counted = make_consultation(council=world.council_a)
    for _ in range(12):
        make_response(consultation=counted)
    Consultation.objects.filter(pk=counted.pk).update(status=Consultation.Status.CLOSED)
    for number in range(30):
        _feedback(_closed(world.council_a, title_en=f"Consultation {number}"))
    _feedback(counted)
    page = _took_part_page(client, 12, django_assert_max_num_queries)
    assert page["count"] == 31
    took_part = {row["consultation_title_en"]: row["took_part"] for row in page["results"]}
    # Responses not yet folded into the kept counts are counted as they stand, without folding.
    assert took_part["Our parks"] == 10
    assert took_part["Consultation 0"] is None
    assert not Response.objects.filter(consultation=counted, tallied=True).exists()


def test_a_page_of_we_did_costs_the_same_few_queries(
    client, world, settings, django_assert_max_num_queries
):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 100
    for number in range(30):
        _feedback(_closed(world.council_a, title_en=f"Consultation {number}"))
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/we-did", {"page_size": 200})
    assert response.json()["count"] == 30


# --- demonstration councils are not open data --------------------------------------------------


def test_a_demonstration_council_s_records_are_in_no_dataset(client, world, settings):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 100
    demo = make_council(name="Demoshire Council", short_name="Demoshire", is_demo=True)
    for council in (world.council_a, demo):
        assessment = make_assessment(council=council, title=f"Assessment of {council.short_name}")
        version = assessment.versions.get(number=1)
        version.published_at = timezone.now()
        version.save()
        _feedback(_closed(council, title_en=f"Consultation of {council.short_name}"))
        make_partnership(council=council)
        start, end = datetime.date(2026, 4, 1), datetime.date(2026, 9, 30)
        Report.objects.create(
            kind=Report.Kind.PARTNER,
            council=council,
            period_start=start,
            period_end=end,
            status=Report.Status.DONE,
            figures=partner_figures(council=council, period_start=start, period_end=end),
            published_at=timezone.now(),
        )
    for slug in ("impact-assessments", "you-said", "we-did", "progress-summaries"):
        rows = client.get(f"/api/v1/{slug}", {"page_size": 200}).json()["results"]
        codes = {row["council_gss_code"] for row in rows}
        assert codes == {world.council_a.gss_code}, slug
        csv_text = b"".join(client.get(f"/open-data/{slug}.csv").streaming_content).decode()
        assert demo.gss_code not in csv_text, slug
        assert world.council_a.gss_code in csv_text, slug
