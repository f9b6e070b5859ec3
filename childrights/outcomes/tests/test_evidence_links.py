"""Evidence of a rating links to the platform's own records of the same council."""

import pytest
from django.conf import settings

from childrights.framework.models import Principle
from childrights.outcomes.models import Rating, Round
from childrights.testing.assessments import make_assessment
from childrights.testing.dates import date_parts


@pytest.fixture
def rating_page(world, signed_in):
    client = signed_in(world.member)
    client.post(
        f"/councils/{world.council_a.pk}/self-assessment/new/",
        {"name": "Baseline 2026", "kind": "baseline", **date_parts("held_on", "2026-11-23")},
    )
    found = Round.objects.get()
    indicator = Principle.objects.get(slug="dignity").indicators.filter(is_active=True).first()
    url = f"/self-assessment/{found.pk}/principles/dignity/"

    def rate(links):
        return client.post(
            url,
            {
                f"level_{indicator.pk}": "2",
                f"evidence_{indicator.pk}": "Records are written for the child.",
                f"links_{indicator.pk}": links,
            },
        )

    return client, found, rate


def test_a_link_to_the_councils_own_assessment_is_shown_as_that_record(world, rating_page):
    client, found, rate = rating_page
    assessment = make_assessment(council=world.council_a, title="Closing the Eastside centre")
    rate(f"{settings.SITE_URL}/impact-assessments/{assessment.pk}/\nhttps://example.org/plan.pdf")
    page = client.get(f"/self-assessment/{found.pk}/").content.decode()
    assert "Impact assessment: Closing the Eastside centre" in page
    assert f'href="/impact-assessments/{assessment.pk}/"' in page
    assert 'href="https://example.org/plan.pdf"' in page


def test_a_link_to_another_councils_record_is_refused_and_nothing_saved(world, rating_page):
    _client, _found, rate = rating_page
    theirs = make_assessment(council=world.council_b, title="Their assessment")
    page = rate(f"/impact-assessments/{theirs.pk}/").content.decode()
    assert (
        f"Indicator 1: “/impact-assessments/{theirs.pk}/” is not one of this council’s records "
        "on the platform"
    ) in page
    assert "Their assessment" not in page
    assert not Rating.objects.exists()


def test_a_link_into_the_platform_that_names_no_record_is_refused(world, rating_page):
    _client, _found, rate = rating_page
    page = rate("/councils/").content.decode()
    assert "is not one of this council’s records on the platform" in page
    assert not Rating.objects.exists()


def test_the_round_page_reads_every_linked_record_in_a_query_a_kind(world, rating_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, found, _rate = rating_page
    assessments = [
        make_assessment(council=world.council_a, title=f"Assessment {number}")
        for number in range(6)
    ]
    indicators = Principle.objects.get(slug="dignity").indicators.filter(is_active=True)
    for indicator, assessment in zip(indicators, assessments, strict=False):
        Rating.objects.create(
            round=found, indicator=indicator, level=1, links=f"/impact-assessments/{assessment.pk}/"
        )
    with CaptureQueriesContext(connection) as few:
        client.get(f"/self-assessment/{found.pk}/")
    Rating.objects.filter(round=found).update(links="")
    with CaptureQueriesContext(connection) as none:
        client.get(f"/self-assessment/{found.pk}/")
    assert len(few.captured_queries) == len(none.captured_queries) + 1
