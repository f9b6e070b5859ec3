"""The yearly well-being survey of children in care and care leavers: our own questions, kept as
versioned data (``data/wellbeing_survey.json``), each naming the UNCRC articles and corporate
parenting principles it evidences, worded for each age band in English and Welsh.

A council member who may edit starts the year's survey: it becomes an ordinary draft
consultation, made through the consultation builder's own services as the child-led evaluation
is (``outcomes.evaluation``), anonymous, asking every age band. Like any consultation it opens
only once the council has chosen its designated safeguarding lead and deputy, and children reach
it through group codes or the link; every answer, the free-text one included, is screened.
"""

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.language import is_welsh
from childrights.core.models import AuditEvent
from childrights.councils.models import Council
from childrights.outcomes.evaluation import languages_for
from childrights.parenting.models import WellbeingQuestion, WellbeingSurvey
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.builder import questions as builder_questions
from childrights.participation.builder import rules as builder_rules
from childrights.participation.models import AgeBand, Question

SURVEY_FILE = Path(__file__).resolve().parent / "data" / "wellbeing_survey.json"
OPEN_FOR = datetime.timedelta(days=42)


@dataclass(frozen=True)
class Answer:
    key: str
    en: str
    cy: str

    def label(self) -> str:
        return self.cy if is_welsh() else self.en


@dataclass(frozen=True)
class SurveyQuestion:
    slug: str
    kind: str
    articles: tuple[int, ...]
    principles: tuple[str, ...]
    wording: dict[str, dict[str, str]]  # age band -> language -> words
    answers: tuple[Answer, ...]

    def text(self, band: str | None = None) -> str:
        """The question in the active language, as the given age band (by default the core
        band, 12 to 15) is asked it."""
        words = self.wording[band or survey_definition().core_band]
        return words["cy" if is_welsh() else "en"]


@dataclass(frozen=True)
class SurveyDefinition:
    version: int
    core_band: str
    title: dict[str, str]
    purpose: dict[str, str]
    about: dict[str, str]
    questions: tuple[SurveyQuestion, ...]

    def question(self, slug: str) -> SurveyQuestion:
        found = next((question for question in self.questions if question.slug == slug), None)
        if found is None:
            raise KeyError(f"No well-being survey question {slug!r}")
        return found


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SURVEY_FILE.read_text(encoding="utf-8"))
    return data


@cache
def survey_definition() -> SurveyDefinition:
    """The survey's questions as the data file holds them now."""
    data = _data()
    return SurveyDefinition(
        version=int(data["version"]),
        core_band=str(data["core_band"]),
        title=data["title"],
        purpose=data["purpose"],
        about=data["about"],
        questions=tuple(
            SurveyQuestion(
                slug=row["slug"],
                kind=row["kind"],
                articles=tuple(row["articles"]),
                principles=tuple(row["principles"]),
                wording=row["wording"],
                answers=tuple(Answer(**answer) for answer in row["answers"]),
            )
            for row in data["questions"]
        ),
    )


# --- as a consultation -----------------------------------------------------------------------


def consultation_values(*, council: Council, today: datetime.date) -> dict[str, Any]:
    """The consultation's details: anonymous, every age band, Welsh and English in Wales; the
    safeguarding leads are left for the council to choose."""
    survey = survey_definition()
    return {
        "title_en": survey.title["en"],
        "title_cy": survey.title["cy"],
        "purpose_en": survey.purpose["en"],
        "purpose_cy": survey.purpose["cy"],
        "about_en": survey.about["en"],
        "about_cy": survey.about["cy"],
        "age_bands": list(AgeBand.values),
        "languages": languages_for(council),
        "opens_on": today,
        "closes_on": today + OPEN_FOR,
        "identified": False,
        "about_you": [],
    }


def question_input(question: SurveyQuestion) -> builder_rules.QuestionInput:
    """The question as the builder takes it, in the core band's words (faces questions take
    the builder's own standard answers, which the data repeats)."""
    core = question.wording[survey_definition().core_band]
    return builder_rules.QuestionInput(
        kind=question.kind,
        text_en=core["en"],
        text_cy=core["cy"],
        hint_en="",
        hint_cy="",
        required=False,
        answers_en=tuple(answer.en for answer in question.answers),
        answers_cy=tuple(answer.cy for answer in question.answers),
    )


def wording_inputs(question: SurveyQuestion) -> list[builder_rules.WordingInput]:
    """How each other age band is asked the question, where its words differ from the core."""
    core = question.wording[survey_definition().core_band]
    return [
        builder_rules.WordingInput(
            audience=band, text_en=words["en"], text_cy=words["cy"], hint_en="", hint_cy=""
        )
        for band, words in question.wording.items()
        if words != core
    ]


# --- the write -------------------------------------------------------------------------------


class SurveyRefused(Exception):
    """Nothing was made; ``message`` says why, for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def already_running(year: int) -> str:
    return _(
        "The council already has a well-being survey for %(year)s. Each year has one survey: "
        "change it on its consultation’s page while it is a draft."
    ) % {"year": year}


def survey_of(*, council: Council, year: int) -> WellbeingSurvey | None:
    """The council's survey of that year, if it has one (the council is already the user's)."""
    return (
        WellbeingSurvey.objects.select_related("consultation")
        .filter(council=council, year=year)
        .first()
    )


def surveys_of(*, council: Council) -> list[WellbeingSurvey]:
    """Every survey the council has run, latest first."""
    return list(
        WellbeingSurvey.objects.select_related("consultation")
        .filter(council=council)
        .order_by("-year")
    )


def survey_create(*, actor: Actor, council: Council, year: int) -> WellbeingSurvey:
    """Make the year's survey as a draft consultation of the council, with every question of
    the survey as it is now, each worded for each age band. Raises SurveyRefused, and makes
    nothing, when the council already has a survey for that year."""
    try:
        with transaction.atomic():
            return _create(actor=actor, council=council, year=year)
    except IntegrityError as error:  # a colleague made it at the same moment
        raise SurveyRefused(already_running(year)) from error


def _create(*, actor: Actor, council: Council, year: int) -> WellbeingSurvey:
    locked = Council.objects.select_for_update().get(pk=council.pk)
    if WellbeingSurvey.objects.filter(council=locked, year=year).exists():
        raise SurveyRefused(already_running(year))
    definition = survey_definition()
    consultation = builder_consultations.consultation_create(
        actor=actor,
        council=locked,
        values=consultation_values(council=locked, today=timezone.localdate()),
    )
    survey = WellbeingSurvey.objects.create(
        council=locked, year=year, version=definition.version, consultation=consultation
    )
    for asked in definition.questions:
        question = builder_questions.question_create(
            actor=actor, consultation=consultation, values=question_input(asked)
        )
        builder_questions.wordings_save(
            actor=actor, question=question, entries=wording_inputs(asked)
        )
        WellbeingQuestion.objects.create(
            survey=survey,
            slug=asked.slug,
            question=question,
            answers=_answers_as_asked(question, asked),
        )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=survey,
        council=locked,
        detail={"year": year, "version": definition.version, "consultation": consultation.pk},
    )
    return survey


def _answers_as_asked(question: Question, asked: SurveyQuestion) -> list[list[str]]:
    """[key, English label] of each of the question's answers as made, in order."""
    keys = {answer.en: answer.key for answer in asked.answers}
    return [
        [keys.get(choice.label_en, ""), choice.label_en]
        for choice in question.choices.order_by("position", "pk")
    ]
