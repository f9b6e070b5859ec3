"""Factories for the yearly well-being survey: a council's survey of a year, opened the usual
way, and children's answers sent through the consultation engine's own ``submit``."""

from childrights.core.actors import Actor
from childrights.councils.models import Council
from childrights.parenting.models import WellbeingSurvey
from childrights.parenting.survey import survey_create
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.submission import Draft, submit
from childrights.testing.participation import make_safeguarding_lead


def make_wellbeing_survey(*, council: Council, year: int, opened: bool = True) -> WellbeingSurvey:
    """The council's survey of ``year``, made as staff make it; opened with a safeguarding lead
    and deputy unless ``opened`` is False."""
    survey = survey_create(actor=Actor(), council=council, year=year)
    if opened:
        builder_consultations.consultation_update(
            actor=Actor(),
            consultation=survey.consultation,
            values={
                "safeguarding_lead": make_safeguarding_lead(council),
                "safeguarding_deputy": make_safeguarding_lead(council),
            },
        )
        problems = builder_consultations.consultation_open(
            actor=Actor(), consultation=survey.consultation
        )
        assert not problems, problems
        survey.consultation.refresh_from_db()
    return survey


def answer_survey(
    survey: WellbeingSurvey, picks: dict[str, str], *, age_band: str = "12-15", text: str = ""
) -> None:
    """One child's answers: for each survey question slug, the key of the answer picked."""
    links = {link.slug: link for link in survey.questions.select_related("question")}
    answers: dict[str, dict[str, object]] = {}
    for slug, key in picks.items():
        link = links[slug]
        choices = [choice.pk for choice in link.question.choices.order_by("position", "pk")]
        keys = [answer_key for answer_key, _label in link.answers]
        answers[str(link.question_id)] = {"choices": [choices[keys.index(key)]]}
    if text:
        answers[str(links["anything-else"].question_id)] = {"text": text}
    submit(
        consultation=survey.consultation,
        draft=Draft(age_band=age_band, answers=answers),
        via_code=None,
    )


def answer_many(survey: WellbeingSurvey, slug: str, answers: dict[str, int]) -> None:
    """Children who each answer one question: ``{"yes": 8, "no": 2}`` is ten children."""
    for key, children in answers.items():
        for _ in range(children):
            answer_survey(survey, {slug: key})


def close_survey(survey: WellbeingSurvey) -> None:
    """Staff close the survey, as on the consultation's page."""
    builder_consultations.consultation_close(actor=Actor(), consultation=survey.consultation)
    survey.consultation.refresh_from_db()
