"""The public API: every dataset paged and filtered, open to any origin, throttled across
processes, and never showing anything unpublished, a draft or a record of a council not asked
for."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from childrights.api import datasets
from childrights.assessments.models import AssessmentVersion
from childrights.core.models import RateEvent
from childrights.outcomes.models import Report
from childrights.outcomes.reports.figures import partner_figures
from childrights.participation.models import Commitment, Consultation, FeedbackTheme
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_partnership
from childrights.testing.participation import make_consultation

API = "/api/v1"


@pytest.fixture(autouse=True)
def _many_requests_allowed(settings):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 10_000


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


def listed(client, path, **params):
    response = get(client, path, **params)
    assert response.status_code == 200, response.content
    return response.json()


def publish(assessment, *, number=1, at=None):
    version = assessment.versions.get(number=number)
    version.published_at = at or timezone.now()
    version.save()
    return version


def test_the_index_names_every_dataset_the_openapi_document_and_the_open_referral_uk_api(
    db, client
):
    index = listed(client, "/")
    assert [each["slug"] for each in index["datasets"]] == [d.slug for d in datasets.DATASETS]
    assert index["open_referral_uk_url"] == "http://testserver/api/oruk/"
    assert index["openapi_url"] == "http://testserver/api/v1/openapi.json"
    document = get(client, "/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for dataset in datasets.DATASETS:
        operation = document["paths"][f"/api/v1/{dataset.slug}"]["get"]
        assert {"200", "422", "429"} <= set(operation["responses"])


def test_every_dataset_answers_with_the_fields_it_defines(db, client, world):
    make_partnership(council=world.council_a)
    for dataset in datasets.DATASETS:
        page = listed(client, f"/{dataset.slug}")
        assert set(page) == {"count", "page", "page_size", "next", "previous", "results"}
        for row in page["results"]:
            assert list(row) == [field.name for field in dataset.fields]


def test_the_councils_register_is_paged_and_leaves_out_the_demonstration_council(client, world):
    make_council(gss_code="E99999999", name="Demo", short_name="Demo", is_demo=True)
    page = listed(client, "/councils", page_size=1)
    assert page["count"] >= 2
    assert len(page["results"]) == 1
    assert page["next"].endswith("page=2&page_size=1") or "page=2" in page["next"]
    assert page["previous"] is None
    everything = listed(client, "/councils", page_size=200)
    codes = {row["gss_code"] for row in everything["results"]}
    assert "E99999999" not in codes
    one = listed(client, "/councils", council=world.council_a.gss_code.lower())
    assert [row["gss_code"] for row in one["results"]] == [world.council_a.gss_code]
    second = listed(client, "/councils", page=2, page_size=1)
    assert second["previous"] is not None
    beyond = listed(client, "/councils", page=10_000, page_size=200)
    assert beyond["results"] == []
    assert beyond["next"] is None


def test_impact_assessments_show_only_the_newest_published_version(client, world):
    draft = make_assessment(council=world.council_a, title="Never published")
    amended = make_assessment(council=world.council_a, title="Published, then amended")
    publish(amended, at=timezone.now() - datetime.timedelta(days=3))
    AssessmentVersion.objects.create(
        assessment=amended, number=2, answers={}, created_by=amended.created_by
    )
    republished = make_assessment(council=world.council_a, title="Republished")
    publish(republished, at=timezone.now() - datetime.timedelta(days=10))
    AssessmentVersion.objects.create(
        assessment=republished,
        number=2,
        answers={},
        created_by=republished.created_by,
        summary_for_children_en="The second version",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    elsewhere = make_assessment(council=world.council_b, title="Another council's")
    publish(elsewhere)

    everything = listed(client, "/impact-assessments")["results"]
    by_title = {row["title"]: row for row in everything}
    assert draft.title not in by_title
    assert by_title[amended.title]["version"] == 1
    assert by_title[republished.title]["version"] == 2
    assert by_title[republished.title]["summary_for_children_en"] == "The second version"
    assert len([row for row in everything if row["title"] == republished.title]) == 1

    council_a = listed(client, "/impact-assessments", council=world.council_a.gss_code)
    assert {row["title"] for row in council_a["results"]} == {amended.title, republished.title}
    recent = listed(
        client,
        "/impact-assessments",
        council=world.council_a.gss_code,
        published_from=(timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
    )
    assert [row["title"] for row in recent["results"]] == [republished.title]
    older = listed(
        client,
        "/impact-assessments",
        published_to=(timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
    )
    assert [row["title"] for row in older["results"]] == [amended.title]


def _feedback(consultation, *, published):
    at = timezone.now() if published else None
    theme = FeedbackTheme.objects.create(
        consultation=consultation,
        title_en=f"Theme of {consultation.title_en}, published {published}",
        summary_en="What children said",
        published_at=at,
    )
    commitment = Commitment.objects.create(
        consultation=consultation,
        theme=theme,
        text_en=f"Commitment of {consultation.title_en}, published {published}",
        published_at=at,
    )
    return theme, commitment


def test_you_said_we_did_shows_only_what_was_published(client, world):
    open_one = make_consultation(council=world.council_a, title_en="Parks", questions=False)
    shown_theme, shown_commitment = _feedback(open_one, published=True)
    _feedback(open_one, published=False)
    draft = make_consultation(
        council=world.council_a,
        title_en="Draft",
        questions=False,
        status=Consultation.Status.DRAFT,
    )
    _feedback(draft, published=True)
    other = make_consultation(council=world.council_b, title_en="Elsewhere", questions=False)
    _feedback(other, published=True)

    said = listed(client, "/you-said", council=world.council_a.gss_code)["results"]
    assert [row["id"] for row in said] == [shown_theme.pk]
    assert said[0]["took_part"] is None  # nobody answered: too few to show
    did = listed(client, "/we-did", council=world.council_a.gss_code)["results"]
    assert [row["id"] for row in did] == [shown_commitment.pk]
    assert did[0]["theme_id"] == shown_theme.pk
    assert did[0]["page_url"].endswith(f"/have-your-say/{open_one.link_key}/you-said-we-did/")
    everywhere = listed(client, "/we-did")["results"]
    assert {row["consultation_title_en"] for row in everywhere} == {"Parks", "Elsewhere"}


def test_progress_summaries_show_each_councils_latest_published_summary(client, world):
    make_partnership(council=world.council_a)
    start, end = datetime.date(2026, 4, 1), datetime.date(2026, 9, 30)
    figures = partner_figures(council=world.council_a, period_start=start, period_end=end)

    def report(*, published, status=Report.Status.DONE, days_ago=0, council=world.council_a):
        return Report.objects.create(
            kind=Report.Kind.PARTNER,
            council=council,
            period_start=start,
            period_end=end,
            status=status,
            figures=figures,
            published_at=timezone.now() - datetime.timedelta(days=days_ago) if published else None,
        )

    report(published=True, days_ago=5)
    latest = report(published=True, days_ago=1)
    report(published=False)
    report(published=True, status=Report.Status.FAILED)
    summaries = listed(client, "/progress-summaries")["results"]
    assert [row["id"] for row in summaries] == [latest.pk]
    assert summaries[0]["council_gss_code"] == world.council_a.gss_code
    assert summaries[0]["period_start"] == "2026-04-01"
    assert summaries[0]["page_url"].endswith("/progress/")
    assert listed(client, "/progress-summaries", council=world.council_b.gss_code)["count"] == 0


def test_progress_summaries_read_the_same_rows_for_2_or_20_summaries(client, world):
    start, end = datetime.date(2026, 4, 1), datetime.date(2026, 9, 30)
    figures = partner_figures(council=world.council_a, period_start=start, period_end=end)

    def summaries(count):
        for _ in range(count):
            council = make_council()
            make_partnership(council=council)
            Report.objects.create(
                kind=Report.Kind.PARTNER,
                council=council,
                period_start=start,
                period_end=end,
                status=Report.Status.DONE,
                figures=figures,
                published_at=timezone.now(),
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            found = listed(client, "/progress-summaries", page_size=50)["results"]
        assert all(row["page_url"].endswith("/progress/") for row in found)
        return len(captured), len(found)

    summaries(2)
    queries()  # the first request reads what is cached after it
    few, shown = queries()
    assert shown == 2
    summaries(18)
    assert queries() == (few, 20)


def test_partners_leave_out_the_demonstration_council(client, world):
    make_partnership(council=world.council_a, slug="aberfield")
    demo = make_council(gss_code="E99999998", short_name="Demo", name="Demo", is_demo=True)
    make_partnership(council=demo, slug="demo")
    slugs = [row["slug"] for row in listed(client, "/partners")["results"]]
    assert slugs == ["aberfield"]


def test_the_framework_lists_every_article(db, client):
    articles = listed(client, "/articles", page_size=100)
    assert articles["count"] == 54
    first = articles["results"][0]
    assert first["number"] == 1
    assert isinstance(first["principles"], list)
    items = listed(client, "/nation-frameworks", page_size=200)
    assert items["count"] > 0
    assert all(isinstance(number, int) for row in items["results"] for number in row["articles"])


@pytest.mark.parametrize(
    "query",
    [
        {"page": "0"},
        {"page_size": "201"},
        {"page": "two"},
        {"published_from": "2026-02-30"},
        {"council": "W0600001500"},
    ],
)
def test_a_bad_parameter_is_answered_422_with_what_was_wrong(db, client, query):
    response = get(client, "/impact-assessments", **query)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_requests_beyond_the_limit_are_refused_with_429_counted_in_the_database(
    db, client, settings
):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 2
    assert get(client, "/themes").status_code == 200
    assert get(client, "/councils").status_code == 200
    refused = get(client, "/themes")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Counted where every app server sees it, not in one process's memory; the refused request
    # is not recorded.
    assert RateEvent.objects.filter(scope="api:public").count() == 2
    other_address = client.get(f"{API}/themes", REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 200
