"""Every kind of question is answered on the stage pages, saved, and read back into the form."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from childrights.assessments.editor import assessment_create, council_settings_save
from childrights.assessments.forms.editor.stage import StageForm
from childrights.assessments.models import Assessment, AssessmentVersion, Change
from childrights.assessments.selectors import current_version
from childrights.councils.models import Nation
from childrights.testing.actors import actor_for
from childrights.testing.assessments import current_template, make_assessment
from childrights.testing.factories import make_council, make_user
from childrights.testing.participation import make_consultation


def stage_url(assessment: Assessment, stage: str) -> str:
    return reverse("assessments:stage", kwargs={"assessment_id": assessment.pk, "stage": stage})


def page_data(assessment: Assessment, stage: str, **changes: Any) -> dict[str, Any]:
    """What the stage page would post back untouched, with ``changes`` made by the person."""
    form = StageForm(
        template=assessment.template,
        stage=stage,
        council=assessment.council,
        answers=current_version(assessment).answers,
    )
    data = {
        name: value for name, value in form.initial.items() if value not in (None, "", False, [])
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def saved(assessment: Assessment):
    return AssessmentVersion.objects.get(assessment=assessment, number=1).answers


def empty_assessment(council, author, **overrides: Any) -> Assessment:
    return make_assessment(council=council, author=author, answers={}, **overrides)


@pytest.fixture
def member(world, signed_in):
    return signed_in(world.member)


def test_text_yes_no_date_and_groups_are_saved_and_read_back(world, member):
    council_settings_save(
        council=world.council_a,
        template_slug="default",
        extra_groups=["Young parents"],
        actor=actor_for(world.owner),
    )
    assessment = empty_assessment(world.council_a, world.member)
    data = page_data(
        assessment,
        "screening",
        proposal="One youth hub instead of two clubs",
        drafting_began__day="1",
        drafting_began__month="9",
        drafting_began__year="2026",
        groups=["disabled", "Young parents"],
        groups__other="Children who live on the estate",
        full_needed="yes",
        full_needed__reasons="Children use the clubs every week",
    )
    response = member.post(stage_url(assessment, "screening"), data, follow=True)
    assert "Your answers have been saved." in response.content.decode()
    answers = saved(assessment)
    assert answers["proposal"] == "One youth hub instead of two clubs"
    assert answers["drafting_began"] == "2026-09-01"
    assert answers["groups"] == {
        "selected": ["disabled", "Young parents"],
        "other": "Children who live on the estate",
    }
    assert answers["full_needed"] == {
        "answer": "yes",
        "reasons": "Children use the clubs every week",
    }
    assert "decision_owner" not in answers  # never answered: nothing to keep
    page = response.content.decode()
    assert 'name="drafting_began__month" type="text" inputmode="numeric" value="9"' in page
    assert 'value="Young parents" checked' in page
    assert "Children who live on the estate" in page


def test_a_councils_own_group_is_offered_beside_the_shipped_ones(world, member):
    council_settings_save(
        council=world.council_a,
        template_slug="default",
        extra_groups=["Children of armed forces families"],
        actor=actor_for(world.owner),
    )
    assessment = empty_assessment(world.council_a, world.member)
    page = member.get(stage_url(assessment, "screening")).content.decode()
    assert "Young carers" in page
    assert "Children of armed forces families" in page


@pytest.mark.parametrize(
    ("parts", "message", "field"),
    [
        (("31", "2", "2027"), "must be a real date", "drafting_began__day"),
        (("1", "", "2027"), "must include a month", "drafting_began__month"),
        (("1", "2", "27"), "must have 4 numbers", "drafting_began__year"),
    ],
)
def test_a_date_that_is_not_real_is_refused_at_its_field(world, member, parts, message, field):
    assessment = empty_assessment(world.council_a, world.member)
    day, month, year = parts
    data = page_data(
        assessment,
        "screening",
        proposal="Changed",
        drafting_began__day=day,
        drafting_began__month=month,
        drafting_began__year=year,
    )
    response = member.post(stage_url(assessment, "screening"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert f'href="#id_{field}"' in page
    assert saved(assessment) == {}
    assert not Change.objects.exists()


def test_a_yes_or_no_needs_its_reasons(world, member):
    assessment = empty_assessment(world.council_a, world.member)
    data = page_data(assessment, "screening", full_needed="no")
    page = member.post(stage_url(assessment, "screening"), data).content.decode()
    assert "Give your reasons for" in page
    assert 'href="#id_full_needed__reasons"' in page


def test_evidence_rows_are_added_linked_to_a_consultation_and_removed(world, member):
    assessment = make_assessment(council=world.council_a, author=world.member)
    consultation = make_consultation(council=world.council_a)
    data = page_data(
        assessment,
        "full",
        evidence__1__kind="qualitative",
        evidence__1__description="What young people said at the clubs",
        evidence__1__consultation=str(consultation.pk),
        evidence__2__kind="quantitative",
        evidence__2__description="Bus routes",
        evidence__2__link="https://www.example.org/buses",
    )
    member.post(stage_url(assessment, "full"), data)
    evidence = saved(assessment)["evidence"]
    assert [item["description"] for item in evidence] == [
        "Attendance figures 2024-2026",
        "What young people said at the clubs",
        "Bus routes",
    ]
    assert evidence[1]["consultation_id"] == consultation.pk
    assert evidence[2] == {
        "kind": "quantitative",
        "description": "Bus routes",
        "link": "https://www.example.org/buses",
        "consultation_id": None,
    }
    # Three rows given: the page offers them and two blank ones.
    page = member.get(stage_url(assessment, "full")).content.decode()
    assert 'name="evidence__4__description"' in page
    assert 'name="evidence__5__description"' not in page

    member.post(
        stage_url(assessment, "full"), page_data(assessment, "full", evidence__0__remove="on")
    )
    assert [item["description"] for item in saved(assessment)["evidence"]] == [
        "What young people said at the clubs",
        "Bus routes",
    ]


def test_evidence_needs_a_description_and_a_real_link(world, member):
    assessment = make_assessment(council=world.council_a, author=world.member)
    data = page_data(
        assessment, "full", evidence__1__kind="quantitative", evidence__1__link="not a link"
    )
    page = member.post(stage_url(assessment, "full"), data).content.decode()
    assert "Describe the evidence (Evidence 2)" in page
    assert "Enter the link as a full web address" in page
    assert 'href="#id_evidence__1__description"' in page


def test_evidence_cannot_link_another_councils_consultation(world, member):
    assessment = make_assessment(council=world.council_a, author=world.member)
    theirs = make_consultation(council=world.council_b)
    data = page_data(
        assessment,
        "full",
        evidence__1__kind="qualitative",
        evidence__1__description="Their views",
        evidence__1__consultation=str(theirs.pk),
    )
    page = member.post(stage_url(assessment, "full"), data).content.decode()
    assert "Choose a consultation from the list" in page
    assert len(saved(assessment)["evidence"]) == 1


def test_an_article_is_added_with_its_impact_and_the_principles_are_rated(world, member):
    assessment = make_assessment(council=world.council_a, author=world.member)
    data = page_data(
        assessment,
        "full",
        articles__new__article="12",
        articles__new__impact="negative",
        articles__new__directness="direct",
        articles__new__term="short",
        articles__new__explanation="Fewer chances to be heard while the clubs move",
        articles__new__mitigation="A youth forum meets monthly during the move",
        principles__dignity__impact="none",
    )
    data["principles__best-interests__impact"] = "positive"
    data["principles__best-interests__directness"] = "indirect"
    data["principles__best-interests__term"] = "long"
    data["principles__best-interests__explanation"] = "Better-used services"
    response = member.post(stage_url(assessment, "full"), data)
    assert response.status_code == 302
    answers = saved(assessment)
    assert list(answers["articles"]) == ["2", "12", "31"]
    assert answers["articles"]["12"] == {
        "impact": "negative",
        "directness": "direct",
        "term": "short",
        "explanation": "Fewer chances to be heard while the clubs move",
        "mitigation": "A youth forum meets monthly during the move",
    }
    assert answers["principles"]["best-interests"]["impact"] == "positive"
    assert answers["principles"]["dignity"]["impact"] == "none"
    version = current_version(assessment)
    assert sorted(version.articles.values_list("number", flat=True)) == [2, 12, 31]
    assert sorted(version.principles.values_list("slug", flat=True)) == [
        "best-interests",
        "participation",
    ]
    # The page now lists article 12 as a row, and offers it no more in the select.
    page = member.get(stage_url(assessment, "full")).content.decode()
    assert 'name="articles__12__impact"' in page
    assert '<option value="12">' not in page


def test_an_article_is_removed(world, member):
    assessment = make_assessment(council=world.council_a, author=world.member)
    member.post(
        stage_url(assessment, "full"), page_data(assessment, "full", articles__31__remove="on")
    )
    assert list(saved(assessment)["articles"]) == ["2"]
    assert list(current_version(assessment).articles.values_list("number", flat=True)) == [2]


def test_only_the_relevant_articles_are_listed_for_the_assessor(world, member):
    assessment = make_assessment(council=world.council_a, author=world.member)
    page = member.get(stage_url(assessment, "full")).content.decode()
    assert 'name="articles__2__impact"' in page
    assert 'name="articles__3__impact"' not in page
    assert page.count('name="principles__') > 0
    assert 'name="principles__participation__impact"' in page
    assert 'name="principles__dignity__impact"' in page


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        (
            {"articles__new__impact": "positive"},
            "Choose the article this impact is on",
            "articles__new__article",
        ),
        (
            {"articles__new__article": "12"},
            "Choose the impact on article 12",
            "articles__new__impact",
        ),
        (
            {"articles__new__article": "12", "articles__new__impact": "negative"},
            "Explain the impact on article 12",
            "articles__new__explanation",
        ),
        (
            {"principles__dignity__explanation": "Some"},
            "Choose the impact on Dignity",
            "principles__dignity__impact",
        ),
    ],
)
def test_an_impact_that_is_not_complete_is_refused_at_its_field(
    world, member, changes, message, field
):
    assessment = make_assessment(council=world.council_a, author=world.member)
    before = saved(assessment)
    page = member.post(stage_url(assessment, "full"), page_data(assessment, "full", **changes))
    text = page.content.decode()
    assert message in text
    assert f'href="#id_{field}"' in text
    assert saved(assessment) == before


def test_a_negative_impact_without_a_mitigation_can_be_saved_in_a_draft(world, member):
    assessment = make_assessment(council=world.council_a, author=world.member)
    member.post(
        stage_url(assessment, "full"), page_data(assessment, "full", articles__2__mitigation="")
    )
    assert saved(assessment)["articles"]["2"]["mitigation"] == ""
    overview = member.get(reverse("assessments:assessment", args=[assessment.pk]))
    assert "1 negative impacts have no mitigation yet" in overview.content.decode()


def test_welsh_councils_answer_in_both_languages_and_choose_the_language_of_consultation(world):
    council = make_council(nation=Nation.WALES, short_name="Castell")
    author = make_user(role="council-staff", council=council)
    assessment = assessment_create(
        council=council,
        title="Hyb ieuenctid",
        kind="service_change",
        themes=[],
        actor=actor_for(author),
    )
    assert assessment.template.slug == "wales"
    answers = current_version(assessment).answers
    answers_full = {"full_needed": {"answer": "yes", "reasons": "Ie"}}
    AssessmentVersion.objects.filter(pk=current_version(assessment).pk).update(
        answers=answers | answers_full
    )
    client = Client()
    client.force_login(author)
    page = client.get(stage_url(assessment, "screening")).content.decode()
    assert 'name="proposal__en"' in page
    assert 'name="proposal__cy"' in page
    assert 'lang="cy"' in page
    client.post(
        stage_url(assessment, "screening"),
        page_data(assessment, "screening", proposal__en="One youth hub", proposal__cy="Un hyb"),
    )
    assert saved(assessment)["proposal"] == {"en": "One youth hub", "cy": "Un hyb"}
    client.post(
        stage_url(assessment, "full"),
        page_data(
            assessment,
            "full",
            consultation_language="both",
            welsh_language__en="More Welsh-medium sessions",
            welsh_language__cy="Mwy o sesiynau cyfrwng Cymraeg",
        ),
    )
    answers = saved(assessment)
    assert answers["consultation_language"] == "both"
    assert answers["welsh_language"] == {
        "en": "More Welsh-medium sessions",
        "cy": "Mwy o sesiynau cyfrwng Cymraeg",
    }
    page = client.get(stage_url(assessment, "full")).content.decode()
    assert 'value="both" checked' in page
    assert "Mwy o sesiynau cyfrwng Cymraeg" in page


def test_a_choice_that_is_not_an_option_is_refused(world):
    council = make_council(nation=Nation.WALES)
    author = make_user(role="council-staff", council=council)
    assessment = make_assessment(
        council=council,
        author=author,
        answers={"full_needed": {"answer": "yes", "reasons": "Ie"}},
        template=current_template("wales"),
    )
    client = Client()
    client.force_login(author)
    page = client.post(
        stage_url(assessment, "full"), page_data(assessment, "full", consultation_language="latin")
    ).content.decode()
    assert "There is a problem" in page
    assert "consultation_language" not in saved(assessment)


def test_scottish_councils_rate_wellbeing_against_shanarri(world):
    council = make_council(nation=Nation.SCOTLAND)
    author = make_user(role="council-staff", council=council)
    assessment = assessment_create(
        council=council, title="Play parks", kind="budget", themes=[], actor=actor_for(author)
    )
    AssessmentVersion.objects.filter(assessment=assessment).update(
        answers={"full_needed": {"answer": "yes", "reasons": "Yes"}}
    )
    client = Client()
    client.force_login(author)
    page = client.get(stage_url(assessment, "full")).content.decode()
    for strand in ("safe", "healthy", "achieving", "nurtured", "active", "respected", "included"):
        assert f'name="wellbeing__{strand}__impact"' in page
    client.post(
        stage_url(assessment, "full"),
        page_data(
            assessment,
            "full",
            wellbeing__active__impact="positive",
            wellbeing__active__directness="direct",
            wellbeing__active__term="medium",
            wellbeing__active__explanation="More places to play",
        ),
    )
    assert saved(assessment)["wellbeing"] == {
        "active": {
            "impact": "positive",
            "directness": "direct",
            "term": "medium",
            "explanation": "More places to play",
            "mitigation": "",
        }
    }


def test_northern_irish_councils_see_the_section_75_groups_and_the_eight_outcomes(world):
    council = make_council(nation=Nation.NORTHERN_IRELAND)
    author = make_user(role="council-staff", council=council)
    assessment = assessment_create(
        council=council,
        title="Leisure centre hours",
        kind="service_change",
        themes=[],
        actor=actor_for(author),
    )
    client = Client()
    client.force_login(author)
    page = client.get(stage_url(assessment, "screening")).content.decode()
    for group in ("Religious belief", "Political opinion", "People with dependants"):
        assert group in page
    client.post(
        stage_url(assessment, "screening"),
        page_data(assessment, "screening", groups=["s75-religious-belief", "young-carers"]),
    )
    assert saved(assessment)["groups"]["selected"] == ["young-carers", "s75-religious-belief"]
    AssessmentVersion.objects.filter(assessment=assessment).update(
        answers={"full_needed": {"answer": "yes", "reasons": "Yes"}}
    )
    page = client.get(stage_url(assessment, "full")).content.decode()
    assert 'name="wellbeing__play__impact"' in page
    assert 'name="wellbeing__equality__impact"' in page
