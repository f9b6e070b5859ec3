"""The survey and its indicators, as data, hold together: every question is worded for every age
band in both languages, every indicator names a question and answers it has, and every
principle named exists."""

from childrights.parenting import wellbeing
from childrights.parenting.principles import principles
from childrights.parenting.survey import survey_definition
from childrights.participation.builder.rules import STANDARD_ANSWERS
from childrights.participation.models import AgeBand, Question

PRINCIPLES = {item.slug for item in principles()}


def test_every_question_is_worded_for_every_age_band_in_english_and_welsh():
    survey = survey_definition()
    assert 10 <= len(survey.questions) <= 14
    for question in survey.questions:
        assert set(question.wording) == set(AgeBand.values), question.slug
        for words in question.wording.values():
            assert words["en"].strip(), question.slug
            assert words["cy"].strip(), question.slug
        assert set(question.principles) <= PRINCIPLES
        assert all(1 <= article <= 54 for article in question.articles)


def test_answers_are_closed_but_for_at_most_two_written_questions():
    survey = survey_definition()
    written = [question for question in survey.questions if question.kind == Question.Kind.TEXT]
    assert len(written) <= 2
    for question in survey.questions:
        if question.kind == Question.Kind.FACES:
            # The builder stores its own faces answers: the data says the same.
            assert [(a.en, a.cy) for a in question.answers] == [
                (en, cy) for en, cy, _face in STANDARD_ANSWERS[Question.Kind.FACES]
            ]
        elif question.kind != Question.Kind.TEXT:
            assert "rather-not-say" in [answer.key for answer in question.answers]


def test_every_indicator_counts_answers_its_question_has():
    survey = survey_definition()
    for indicator in wellbeing.indicators():
        keys = {answer.key for answer in survey.question(indicator.question).answers}
        assert set(indicator.counts) <= set(indicator.out_of) <= keys, indicator.slug
        assert set(indicator.principles) <= PRINCIPLES
        assert all(len(label) <= 18 for label in indicator.short.values())
        assert indicator.title["cy"]


def test_feeling_settled_is_asked_as_settled_in_welsh_too():
    """From 12 the English asks whether they feel "settled" (younger children: "at home"); the
    Welsh asks the same, not whether they feel at home ("gartrefol")."""
    question = survey_definition().question("settled-home")
    for band in ("12-15", "16-17", "18-25"):
        assert "settled" in question.wording[band]["en"]
        assert "sefydlog" in question.wording[band]["cy"]
        assert "gartrefol" not in question.wording[band]["cy"]
    settled = next(item for item in wellbeing.indicators() if item.slug == "settled-home")
    assert "sefydlog" in settled.title["cy"]
    assert len(settled.short["cy"]) <= 18
