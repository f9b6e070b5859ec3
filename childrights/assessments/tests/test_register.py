"""The public register lists only published assessments, only on their own council's pages, and
finds them by theme, article, principle, date published and words."""

import datetime
from typing import Any

import pytest

from childrights.assessments import register
from childrights.assessments.models import Assessment, AssessmentVersion
from childrights.framework.models import Article, Principle, Theme
from childrights.testing.assessments import make_assessment
from childrights.testing.factories import make_council, make_user

WHEN = datetime.datetime(2026, 10, 1, 11, 0, tzinfo=datetime.UTC)


def publish(
    version: AssessmentVersion,
    *,
    when: datetime.datetime = WHEN,
    articles: tuple[int, ...] = (2, 31),
    principles: tuple[str, ...] = ("participation",),
    summary: str = "We are opening one new youth club. You asked for it to stay open late.",
    summary_cy: str = "",
    signer=None,
) -> AssessmentVersion:
    """Sign the version off and publish it, as the workflow would."""
    assessment = version.assessment
    version.signed_off_by = signer or make_user(
        role="accountable-officer", council=assessment.council, full_name="Dana Officer"
    )
    version.signed_off_at = when - datetime.timedelta(days=1)
    version.published_at = when
    version.summary_for_children_en = summary
    version.summary_for_children_cy = summary_cy
    version.save()
    version.articles.set(Article.objects.filter(number__in=articles))
    version.principles.set(Principle.objects.filter(slug__in=principles))
    assessment.state = Assessment.State.PUBLISHED
    assessment.save()
    return version


def published(council, **overrides) -> Assessment:
    options = {
        key: overrides.pop(key)
        for key in ("when", "articles", "principles", "summary", "summary_cy")
        if key in overrides
    }
    assessment = make_assessment(council=council, **overrides)
    publish(assessment.versions.get(), **options)
    return assessment


def amend(assessment: Assessment, *, answers: dict[str, Any], reason: str) -> AssessmentVersion:
    """A new, not yet published version of a published assessment."""
    newest = assessment.versions.order_by("-number").first()
    return AssessmentVersion.objects.create(
        assessment=assessment,
        number=newest.number + 1,
        answers=newest.answers | answers,
        amendment_reason=reason,
        created_by=assessment.created_by,
        summary_for_children_en="A summary nobody has signed off",
    )


def titles(council, **filters) -> set[str]:
    found = register.published_in_council(
        council=council, filters=register.RegisterFilter(**filters)
    )
    return {version.assessment.title for version in found}


@pytest.fixture
def four(world):
    """In council A: one published, one draft, one signed off but not published, and one
    published then amended (the amendment not yet republished)."""
    council = world.council_a
    shown = published(council, title="Library opening hours")
    make_assessment(council=council, title="A draft about parks")
    signed = make_assessment(council=council, title="Signed but not published")
    version = signed.versions.get()
    version.signed_off_by = make_user(role="accountable-officer", council=council)
    version.signed_off_at = WHEN
    version.save()
    signed.state = Assessment.State.SIGNED_OFF
    signed.save()
    amended = published(council, title="Bus passes for care leavers")
    amend(
        amended,
        answers={"proposal": "Withdraw the zebra crossing budget"},
        reason="The budget changed",
    )
    return shown, amended


def test_the_register_lists_only_published_assessments(client, world, four):
    page = client.get(f"/published-assessments/{world.council_a.gss_code}/").content.decode()
    assert "Library opening hours" in page
    assert "Bus passes for care leavers" in page
    assert "A draft about parks" not in page
    assert "Signed but not published" not in page
    assert "2 published assessments" in page
    assert "A summary nobody has signed off" not in page


def test_an_amendment_not_yet_republished_is_not_what_the_register_shows(world, four):
    _, amended = four
    shown = register.published_in_council(council=world.council_a).get(assessment=amended)
    assert shown.number == 1
    assert titles(world.council_a, words="zebra") == set()


def test_a_republished_amendment_replaces_the_earlier_version(world, four):
    _, amended = four
    publish(amended.versions.get(number=2), when=WHEN + datetime.timedelta(days=3))
    shown = register.published_in_council(council=world.council_a).filter(assessment=amended)
    assert [version.number for version in shown] == [2]
    assert titles(world.council_a, words="zebra") == {"Bus passes for care leavers"}


def test_another_councils_register_never_lists_these_assessments(client, world, four):
    page = client.get(f"/published-assessments/{world.council_b.gss_code}/").content.decode()
    assert "Library opening hours" not in page
    assert "has not published any assessments yet" in page
    assert not register.published_in_council(council=world.council_b).exists()


def test_an_assessment_asked_for_under_another_councils_code_is_not_found(client, world, four):
    shown, _ = four
    right = f"/published-assessments/{world.council_a.gss_code}/{shown.public_key}/"
    wrong = f"/published-assessments/{world.council_b.gss_code}/{shown.public_key}/"
    assert client.get(right).status_code == 200
    assert client.get(wrong).status_code == 404


def test_an_unknown_council_code_is_not_found(client, db):
    assert client.get("/published-assessments/X99999999/").status_code == 404
    assert client.get("/published-assessments/?council=X99999999").status_code == 404


def test_the_first_page_lists_councils_that_have_published_with_their_counts(client, world, four):
    demo = make_council(name="Demoshire Council", short_name="Demoshire", is_demo=True)
    published(demo, title="A made-up decision")
    page = client.get("/published-assessments/").content.decode()
    assert world.council_a.name in page
    assert world.council_b.name not in page
    assert [(c.name, c.published_count) for c in register.councils_with_published()] == [
        (world.council_a.name, 2),
        ("Demoshire Council", 1),
    ]
    assert "Demonstration" in page.split("Demoshire Council", 2)[2][:200]


def test_choosing_a_council_goes_to_its_register_with_the_words_searched(client, world, four):
    response = client.get(
        "/published-assessments/", {"council": world.council_a.gss_code, "words": "library"}
    )
    assert response.status_code == 302
    assert (
        response["Location"] == f"/published-assessments/{world.council_a.gss_code}/?words=library"
    )
    page = client.get(response["Location"]).content.decode()
    assert "1 published assessment" in page
    assert "Library opening hours" in page


def test_not_choosing_a_council_is_explained(client, world, four):
    page = client.get("/published-assessments/", {"council": ""}).content.decode()
    assert "Choose a council" in page
    assert "govuk-error-summary" in page


def test_the_register_filters_by_theme(world):
    published(world.council_a, title="Commissioned")
    poverty = published(world.council_a, title="Poverty plan")
    poverty.themes.set(Theme.objects.filter(slug="child-poverty"))
    assert titles(world.council_a, theme="child-poverty") == {"Poverty plan"}


def test_the_register_filters_by_article_and_principle_of_the_published_version(world):
    published(world.council_a, title="Play", articles=(31,), principles=("participation",))
    published(world.council_a, title="Equality", articles=(2,), principles=("dignity",))
    assert titles(world.council_a, article=31) == {"Play"}
    assert titles(world.council_a, article=2) == {"Equality"}
    assert titles(world.council_a, article=12) == set()
    assert titles(world.council_a, principle="dignity") == {"Equality"}
    assert titles(world.council_a, article=31, principle="dignity") == set()


def test_the_register_filters_by_date_published(world):
    published(world.council_a, title="September", when=WHEN - datetime.timedelta(days=20))
    published(world.council_a, title="October", when=WHEN)
    day = WHEN.date()
    assert titles(world.council_a, published_from=day) == {"October"}
    assert titles(world.council_a, published_to=day - datetime.timedelta(days=1)) == {"September"}
    assert titles(world.council_a, published_from=day, published_to=day) == {"October"}


def test_the_search_finds_words_in_the_title_or_the_proposal_whatever_their_case(world):
    published(world.council_a, title="Skate park")
    published(world.council_a, title="Libraries")
    bilingual = make_assessment(council=world.council_a, title="Leisure centre")
    version = bilingual.versions.get()
    version.answers["proposal"] = {
        "en": "Cheaper swimming for families",
        "cy": "Nofio rhatach i deuluoedd",
    }
    version.save()
    publish(version)
    assert titles(world.council_a, words="SKATE") == {"Skate park"}
    # "Close two youth clubs and open one larger hub" is every factory assessment's proposal.
    assert titles(world.council_a, words="Larger HUB") == {"Skate park", "Libraries"}
    assert titles(world.council_a, words="swimming") == {"Leisure centre"}
    assert titles(world.council_a, words="nofio") == {"Leisure centre"}
    assert titles(world.council_a, words="swimming skate") == set()
    assert titles(world.council_a, words='"cy"') == set()


def test_the_register_page_filters_and_keeps_the_filters_when_paging(client, world, monkeypatch):
    monkeypatch.setattr(register, "PAGE_SIZE", 2)
    for n in range(3):
        published(world.council_a, title=f"Play area {n}", articles=(31,))
    published(world.council_a, title="Equality plan", articles=(2,))
    url = f"/published-assessments/{world.council_a.gss_code}/"
    page = client.get(url, {"article": "31"}).content.decode()
    assert "3 published assessments" in page
    assert "Equality plan" not in page
    assert "?article=31&amp;page=2" in page
    second = client.get(url, {"article": "31", "page": "2"}).content.decode()
    assert second.count("Play area") == 1


def test_a_date_that_is_not_real_is_explained_and_nothing_is_listed(client, world):
    published(world.council_a, title="Youth hub")
    page = client.get(
        f"/published-assessments/{world.council_a.gss_code}/",
        {"published_from_day": "45", "published_from_month": "13", "published_from_year": "2026"},
    ).content.decode()
    assert "The ‘on or after’ date must be a real date, like 27 3 2027" in page
    assert "Youth hub" not in page


def test_a_demo_councils_register_is_labelled_as_demonstration_data(client, db):
    demo = make_council(name="Demoshire Council", short_name="Demoshire", is_demo=True)
    published(demo, title="A made-up decision")
    page = client.get(f"/published-assessments/{demo.gss_code}/").content.decode()
    assert "Demonstration data" in page
    assert "A made-up decision" in page
