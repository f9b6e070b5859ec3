"""A published assessment's public page: the summary for children first, then the assessment, who
signed it off, its published versions, its PDF; and only for published assessments."""

import datetime

import pytest
from django.utils import timezone

from childrights.assessments.models import Assessment, Review
from childrights.assessments.tests.test_register import WHEN, amend, publish, published
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_user

SUMMARY = "We are opening one new youth club. You asked for it to stay open late."


def _url(assessment: Assessment) -> str:
    return f"/published-assessments/{assessment.council.gss_code}/{assessment.public_key}/"


@pytest.fixture
def shown(world):
    return published(world.council_a, title="Youth clubs: one new hub", summary=SUMMARY)


def test_the_summary_for_children_comes_first_then_the_assessment(client, shown):
    page = client.get(_url(shown)).content.decode()
    summary = page.index(SUMMARY)
    assert summary < page.index("Stage 1: screening") < page.index("Stage 2: full assessment")
    for answer in (
        "Close two youth clubs and open one larger hub",  # what is proposed
        "A consultation with 240 young people",  # how children's views were sought
        "A free accessible minibus from each closed club",  # a mitigation
        "Young people&#x27;s views shaped the hours and transport",  # best interests
        "A short video and a poster at each club",  # shared with children
        "Attendance by group every quarter",  # monitoring
        "1 September 2027",  # review date
        "Children living in poverty",  # a group of children affected
    ):
        assert answer in page, answer


def test_impacts_are_tables_with_a_caption_and_header_cells(client, shown):
    page = client.get(_url(shown)).content.decode()
    caption = "The impact on each UNCRC article, and how a negative impact is reduced</caption>"
    table = page.split(caption, 1)[1].split("</table>", 1)[0]
    assert '<th scope="col" class="govuk-table__header">Mitigation</th>' in table
    assert "Article 2: " in table
    assert "Article 31: " in table
    # Article 2 comes before article 31, whatever order they were answered in.
    assert table.index("Article 2: ") < table.index("Article 31: ")
    assert "Negative" in table


def test_the_page_names_who_signed_it_off_and_their_role_but_not_their_email(client, shown):
    signer = shown.versions.get().signed_off_by
    page = client.get(_url(shown)).content.decode()
    assert "Dana Officer" in page
    assert "Accountable officer" in page
    assert signer.email not in page
    assert "30 September 2026" in page  # signed off the day before publication


def test_earlier_published_versions_are_listed_with_why_they_were_amended(client, shown):
    amend(
        shown,
        answers={"conclusion": "One hub, with a later bus"},
        reason="The bus timetable changed",
    )
    publish(shown.versions.get(number=2), when=WHEN + datetime.timedelta(days=7))
    page = client.get(_url(shown)).content.decode()
    assert "One hub, with a later bus" in page
    assert "The bus timetable changed" in page
    assert "First version" in page
    for number in (1, 2):
        assert f"{_url(shown)}versions/{number}/pdf/" in page


def test_the_page_shows_the_newest_published_version_not_an_unpublished_amendment(client, shown):
    amend(shown, answers={"conclusion": "Close both clubs"}, reason="Money ran out")
    page = client.get(_url(shown)).content.decode()
    assert "One hub, with transport" in page
    assert "Close both clubs" not in page
    assert "Money ran out" not in page
    assert f"{_url(shown)}versions/2/pdf/" not in page


def test_drafts_and_signed_off_but_unpublished_assessments_have_no_public_page(client, world):
    draft = make_assessment(council=world.council_a)
    signed = make_assessment(council=world.council_a)
    version = signed.versions.get()
    version.signed_off_at = timezone.now()
    version.signed_off_by = make_user(role="accountable-officer", council=world.council_a)
    version.save()
    assert client.get(_url(draft)).status_code == 404
    assert client.get(_url(signed)).status_code == 404


def test_a_completed_review_is_shown_and_one_under_way_is_not(client, world, shown):
    review = Review.objects.create(
        assessment=shown,
        answers={"actual_impact": "Attendance went up by a third", "unintended": "", "learnt": ""},
    )
    assert "Attendance went up by a third" not in client.get(_url(shown)).content.decode()
    review.completed_at = timezone.now()
    review.completed_by = world.member
    review.save()
    page = client.get(_url(shown)).content.decode()
    assert "Stage 3: review after implementation" in page
    assert "Attendance went up by a third" in page


def test_the_page_is_in_welsh_with_welsh_answers_where_they_were_given(client, db):
    council = make_council(nation="wales", name="Cyngor Bro Morgannwg", short_name="Bro")
    assessment = make_assessment(council=council)
    version = assessment.versions.get()
    version.answers["proposal"] = {"en": "One new hub", "cy": "Un ganolfan newydd"}
    version.save()
    publish(version, summary="One club, open late", summary_cy="Un clwb, ar agor yn hwyr")
    client.cookies["language"] = "cy"
    page = client.get(_url(assessment)).content.decode()
    assert '<html lang="cy"' in page
    assert "Un clwb, ar agor yn hwyr" in page
    assert "Un ganolfan newydd" in page
    assert "One new hub" not in page
    assert "Cam 1: sgrinio" in page
    # Written only in English: marked as English for screen readers.
    assert '<p class="govuk-body" lang="en">Director of Children&#x27;s Services</p>' in page


def test_a_screening_that_found_no_full_assessment_needed_says_so(client, world):
    assessment = make_assessment(council=world.council_a, full_needed=False)
    publish(assessment.versions.get(), articles=(), principles=())
    page = client.get(_url(assessment)).content.decode()
    assert "The screening found that a full assessment was not needed." in page


def test_a_demo_councils_assessment_is_labelled_as_demonstration_data(client, db):
    demo = make_council(name="Demoshire Council", short_name="Demoshire", is_demo=True)
    assessment = published(demo)
    page = client.get(_url(assessment)).content.decode()
    assert "Demonstration data" in page
