"""The well-being pages: a council's own staff see its indicators; only members who may edit
start the year's survey, which is an anonymous draft consultation that needs its safeguarding
lead and deputy before it opens."""

from django.utils import timezone

from childrights.core.models import AuditEvent
from childrights.parenting.models import WellbeingQuestion, WellbeingSurvey
from childrights.parenting.survey import survey_create, survey_definition
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.models import Consultation, Wording
from childrights.testing.actors import actor_for
from childrights.testing.factories import make_user
from childrights.testing.participation import make_safeguarding_lead
from childrights.testing.wellbeing import answer_many, make_wellbeing_survey

THIS_YEAR = timezone.localdate().year


def _page(council):
    return f"/councils/{council.pk}/wellbeing/"


def _new(council):
    return f"/councils/{council.pk}/wellbeing/new/"


def test_staff_who_may_edit_start_the_survey_as_a_draft_consultation(world, signed_in):
    response = signed_in(world.member).post(_new(world.council_a))
    survey = WellbeingSurvey.objects.get(council=world.council_a, year=THIS_YEAR)
    assert response["Location"] == f"/consultations/{survey.consultation_id}/"
    consultation = survey.consultation
    assert consultation.status == Consultation.Status.DRAFT
    assert consultation.council == world.council_a
    assert consultation.identified is False
    assert consultation.age_bands == ["4-7", "8-11", "12-15", "16-17", "18-25"]
    assert survey.version == survey_definition().version
    assert [link.slug for link in WellbeingQuestion.objects.filter(survey=survey)] == [
        question.slug for question in survey_definition().questions
    ]
    made = AuditEvent.objects.get(object_id=str(survey.pk), detail__year=THIS_YEAR)
    assert made.actor_email == world.member.email


def test_each_age_band_is_asked_in_its_own_words(world):
    survey = survey_create(actor=actor_for(world.owner), council=world.council_a, year=2026)
    question = survey.questions.get(slug="knows-worker").question
    assert question.text_en == "Do you know who your social worker is?"
    leavers = Wording.objects.get(question=question, audience="18-25")
    assert leavers.text_en == "Do you know who your personal adviser is?"
    assert leavers.text_cy == "Wyt ti'n gwybod pwy yw dy gynghorydd personol?"
    assert [choice.label_cy for choice in question.choices.all()] == [
        "Ydw",
        "Ddim yn siŵr",
        "Nac ydw",
        "Gwell gen i beidio â dweud",
    ]


def test_the_survey_opens_only_with_a_safeguarding_lead_and_deputy(world):
    survey = survey_create(actor=actor_for(world.owner), council=world.council_a, year=2026)
    problems = builder_consultations.consultation_open(
        actor=actor_for(world.owner), consultation=survey.consultation
    )
    assert any("safeguarding" in problem for problem in problems)
    survey.consultation.refresh_from_db()
    assert survey.consultation.status == Consultation.Status.DRAFT
    builder_consultations.consultation_update(
        actor=actor_for(world.owner),
        consultation=survey.consultation,
        values={
            "safeguarding_lead": make_safeguarding_lead(world.council_a),
            "safeguarding_deputy": make_safeguarding_lead(world.council_a),
        },
    )
    assert (
        builder_consultations.consultation_open(
            actor=actor_for(world.owner), consultation=survey.consultation
        )
        == []
    )


def test_a_second_survey_for_the_year_is_refused_with_a_message(world, signed_in):
    client = signed_in(world.member)
    client.post(_new(world.council_a))
    response = client.post(_new(world.council_a), follow=True)
    assert WellbeingSurvey.objects.filter(council=world.council_a).count() == 1
    assert Consultation.objects.filter(council=world.council_a).count() == 1
    assert f"already has a well-being survey for {THIS_YEAR}" in response.content.decode()


def test_read_only_members_cannot_start_a_survey(world, signed_in):
    councillor = make_user(role="elected-member", council=world.council_a)
    client = signed_in(councillor)
    assert client.get(_new(world.council_a)).status_code == 403
    assert client.post(_new(world.council_a)).status_code == 403
    assert not WellbeingSurvey.objects.exists()
    page = client.get(_page(world.council_a)).content.decode()
    assert "Start the" not in page


def test_the_page_is_for_the_council_s_own_staff(world, signed_in):
    client = signed_in(world.member)
    assert client.get(_page(world.council_b)).status_code == 404
    assert client.post(_new(world.council_b)).status_code == 404
    assert client.get(_page(world.council_a)).status_code == 200


def test_the_page_shows_each_indicator_beside_last_year_with_the_chart(world, signed_in):
    last = make_wellbeing_survey(council=world.council_a, year=2025)
    answer_many(last, "trusted-adult", {"yes": 10, "no": 10})
    now = make_wellbeing_survey(council=world.council_a, year=2026)
    answer_many(now, "trusted-adult", {"yes": 12, "not-sure": 6, "no": 4})
    page = signed_in(world.member).get(_page(world.council_a) + "?year=2026").content.decode()
    assert "Has an adult they trust" in page
    assert "55%" in page
    assert "50%" in page
    assert "+5" in page
    assert 'role="img"' in page  # the chart, with the table beside it
    assert "Not shown: fewer than 10 children answered" in page
    assert "Not enough councils to compare" in page
    assert 'href="?year=2025"' in page


def test_a_council_without_a_survey_is_offered_one(world, signed_in):
    page = signed_in(world.member).get(_page(world.council_a)).content.decode()
    assert f"The council did not run the survey in {THIS_YEAR}" in page
    assert _new(world.council_a) in page


def test_the_page_comes_in_welsh(world, signed_in):
    make_wellbeing_survey(council=world.council_a, year=THIS_YEAR)
    client = signed_in(world.member)
    page = client.get(_page(world.council_a), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Mae ganddyn nhw oedolyn" in page
    assert "Dim arolwg yn" in page


def test_the_number_who_answered_is_rounded(world, signed_in):
    survey = make_wellbeing_survey(council=world.council_a, year=2026)
    answer_many(survey, "trusted-adult", {"yes": 11, "no": 1})
    page = signed_in(world.member).get(_page(world.council_a) + "?year=2026").content.decode()
    shown = page[page.index("Children and young people who answered") :][:300]
    assert "10 (rounded to the nearest 5)" in shown
    assert "12" not in shown
    assert "92%" not in page


def test_the_programme_team_does_not_see_a_council_s_page_or_start_its_survey(world, signed_in):
    client = signed_in(world.programme)
    assert client.get(_page(world.council_a)).status_code == 404
    assert client.get(_new(world.council_a)).status_code == 404
    assert client.post(_new(world.council_a)).status_code == 404
    assert not WellbeingSurvey.objects.exists()


def test_a_year_that_is_not_a_year_is_refused_with_a_message(world, signed_in):
    response = signed_in(world.member).get(_page(world.council_a) + "?year=abc", follow=True)
    assert response.redirect_chain[0][0] == _page(world.council_a)
    assert "The year is not valid" in response.content.decode()
