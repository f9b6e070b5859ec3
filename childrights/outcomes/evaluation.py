"""Child-led evaluation: a self-assessment round's descriptive indicators asked of children and
young people, in their own words, through an ordinary consultation, so that their answers stand
beside the staff ratings.

The consultation is made as a draft through the consultation builder's own services and opens
the usual way: a designated safeguarding lead and a deputy must be chosen first, as for any
consultation. Each indicator becomes one question with the same four answers, which stand for
the four staff levels in order, and an "I don't know" that stands for none.

Children's answers are read from the consultation's kept counts. Where too few children for
disclosure control (``core.disclosure.may_show``) gave one of the four answers to a question, none
of its figures are shown, although the page is for staff only: so few answers could point to the
children who gave them.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from childrights.core.actors import Actor
from childrights.core.audit import audit_record
from childrights.core.disclosure import may_show
from childrights.core.models import AuditEvent
from childrights.councils.models import Council, Nation
from childrights.framework.models import Indicator
from childrights.outcomes.models import ChildLedEvaluation, EvaluationQuestion, Level, Round
from childrights.participation import tallies
from childrights.participation.builder import consultations as builder_consultations
from childrights.participation.builder import questions as builder_questions
from childrights.participation.builder import rules as builder_rules
from childrights.participation.models import AgeBand, Choice, Consultation, Question

# The answers to every question, stored in both languages like any other answer: the first four
# stand for the staff levels, in order; the last for none of them.
SCALE: tuple[tuple[int, str, str], ...] = (
    (Level.NOT_STARTED, "Not at all", "Ddim o gwbl"),
    (Level.EMERGING, "A little", "Ychydig"),
    (Level.DEVELOPING, "Mostly", "Gan amlaf"),
    (Level.EMBEDDED, "Yes, always", "Bob amser"),
)
DONT_KNOW = ("I don't know", "Dydw i ddim yn gwybod")

# One indicator a principle that most children meet in their own lives: the form ticks these
# at first, seven questions in all.
SUGGESTED = {
    "dignity": "respectful-records",
    "best-interests": "child-views-included",
    "non-discrimination": "accessible-formats",
    "life-survival-and-development": "healthy-places",
    "participation": "feedback",
    "interdependence-and-indivisibility": "whole-council-lead",
    "transparency-and-accountability": "child-friendly-complaints",
}

DEFAULT_AGE_BANDS = (
    AgeBand.AGE_8_11,
    AgeBand.AGE_12_15,
    AgeBand.AGE_16_17,
    AgeBand.AGE_18_25,
)
OPEN_FOR = datetime.timedelta(days=28)

TITLE = (
    "How well does the council respect your rights?",
    "Pa mor dda mae'r cyngor yn parchu dy hawliau di?",
)
PURPOSE = (
    "Every year the council checks how well it respects the rights of children and young "
    "people. Staff have given their view. Now we want to hear yours. Tell us how things really "
    "are for you: there are no right or wrong answers, and you do not have to answer every "
    "question.",
    "Bob blwyddyn mae'r cyngor yn edrych ar ba mor dda mae'n parchu hawliau plant a phobl "
    "ifanc. Mae'r staff wedi rhoi eu barn nhw. Nawr rydyn ni eisiau clywed dy farn di. Dywed "
    "wrthym sut mae pethau go iawn i ti: does dim atebion cywir nac anghywir, a does dim rhaid "
    "i ti ateb pob cwestiwn.",
)
ABOUT = (
    "The council's self-assessment against the seven principles of children's rights",
    "Hunanasesiad y cyngor yn erbyn saith egwyddor hawliau plant",
)


class EvaluationRefused(Exception):
    """Nothing was made; ``message`` says why, for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- what to ask -----------------------------------------------------------------------------


def round_indicators() -> list[Indicator]:
    """The indicators a round rates: every one in use, principle by principle."""
    return list(
        Indicator.objects.filter(is_active=True)
        .select_related("principle")
        .order_by("principle__position", "position", "pk")
    )


def suggested_indicators() -> list[Indicator]:
    """One indicator a principle (the first in use where the suggested one is not)."""
    chosen: dict[int, Indicator] = {}
    for indicator in round_indicators():
        suggested = SUGGESTED.get(indicator.principle.slug) == indicator.slug
        if suggested or indicator.principle_id not in chosen:
            chosen[indicator.principle_id] = indicator
    return list(chosen.values())


def languages_for(council: Council) -> str:
    """Welsh councils ask in Welsh and English; every other council in English."""
    if council.nation == Nation.WALES:
        return Consultation.Languages.BOTH
    return Consultation.Languages.ENGLISH


def consultation_values(
    *, council: Council, age_bands: Sequence[str], today: datetime.date
) -> dict[str, Any]:
    """The consultation's details, in plain words; the safeguarding leads are left for the
    council to choose."""
    return {
        "title_en": TITLE[0],
        "title_cy": TITLE[1],
        "purpose_en": PURPOSE[0],
        "purpose_cy": PURPOSE[1],
        "about_en": ABOUT[0],
        "about_cy": ABOUT[1],
        "age_bands": [band for band in AgeBand.values if band in age_bands],
        "languages": languages_for(council),
        "opens_on": today,
        "closes_on": today + OPEN_FOR,
        "identified": False,
        "about_you": [],
    }


def question_input(indicator: Indicator) -> builder_rules.QuestionInput:
    """One indicator as a question to children: its question for children, or (where the
    programme team has written none) the indicator itself, for the council to reword."""
    return builder_rules.QuestionInput(
        kind=Question.Kind.SINGLE,
        text_en=indicator.text_children_en or indicator.text_en,
        text_cy=indicator.text_children_cy or indicator.text_cy,
        hint_en="",
        hint_cy="",
        required=False,
        answers_en=(*(english for _level, english, _welsh in SCALE), DONT_KNOW[0]),
        answers_cy=(*(welsh for _level, _english, welsh in SCALE), DONT_KNOW[1]),
    )


# --- the write -------------------------------------------------------------------------------


def already_asked() -> str:
    return _(
        "Children and young people have already been asked about this round. Each round has "
        "one child-led evaluation: change its questions on the consultation’s page while it is "
        "a draft."
    )


def _chosen(indicators: Iterable[Indicator] | None) -> list[Indicator]:
    if indicators is None:
        return round_indicators()
    wanted = {indicator.pk for indicator in indicators}
    found = [indicator for indicator in round_indicators() if indicator.pk in wanted]
    if len(found) != len(wanted):
        raise EvaluationRefused(
            _("An indicator that is no longer in use cannot be asked about: choose again")
        )
    return found


@transaction.atomic
def evaluation_create(
    *,
    actor: Actor,
    round: Round,
    indicators: Iterable[Indicator] | None = None,
    age_bands: Sequence[str] | None = None,
) -> ChildLedEvaluation:
    """Make a draft consultation that asks children about the indicators given (every
    indicator the round rates when none are given), linked to the round. Raises
    EvaluationRefused, and makes nothing, when the round has one already or the choice is
    empty."""
    locked = Round.objects.select_for_update().select_related("council").get(pk=round.pk)
    if ChildLedEvaluation.objects.filter(round=locked).exists():
        raise EvaluationRefused(already_asked())
    chosen = _chosen(indicators)
    if not chosen:
        raise EvaluationRefused(_("Choose at least one indicator to ask children about"))
    bands = list(DEFAULT_AGE_BANDS if age_bands is None else age_bands)
    if not bands:
        raise EvaluationRefused(_("Choose at least one age group to ask"))
    if any(band not in AgeBand.values for band in bands):
        raise EvaluationRefused(_("Choose age groups from the list"))
    consultation = builder_consultations.consultation_create(
        actor=actor,
        council=locked.council,
        values=consultation_values(
            council=locked.council, age_bands=bands, today=timezone.localdate()
        ),
    )
    evaluation = ChildLedEvaluation.objects.create(round=locked, consultation=consultation)
    for indicator in chosen:
        question = builder_questions.question_create(
            actor=actor, consultation=consultation, values=question_input(indicator)
        )
        EvaluationQuestion.objects.create(
            evaluation=evaluation, indicator=indicator, question=question
        )
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        obj=evaluation,
        council=locked.council,
        detail={
            "round": locked.pk,
            "consultation": consultation.pk,
            "indicators": [indicator.slug for indicator in chosen],
        },
    )
    return evaluation


# --- reads -----------------------------------------------------------------------------------


def evaluation_of(*, round: Round) -> ChildLedEvaluation | None:
    """The round's child-led evaluation, if it has one (the round is already the user's)."""
    return (
        ChildLedEvaluation.objects.select_related("consultation", "round__council")
        .filter(round=round)
        .first()
    )


@dataclass(frozen=True)
class AnswerCount:
    choice: Choice
    level: int | None  # the staff level the answer stands for; None for "I don't know"
    count: int
    share: float | None  # of the children who answered the question

    @property
    def level_label(self) -> str:
        return "" if self.level is None else str(Level(self.level).label)


@dataclass(frozen=True)
class ComparisonRow:
    """One indicator: the staff rating beside what children said."""

    indicator: Indicator
    question: Question
    staff_level: int | None  # None when staff have not rated it
    comparable: bool  # False when the question no longer has the four answers in order
    withheld: bool  # too few children to show gave one of the four answers
    answered: int | None  # children who answered, "I don't know" included
    children: int | None  # children who gave one of the four answers
    answers: list[AnswerCount]
    median: float | None
    mean: float | None

    @property
    def difference(self) -> float | None:
        """Children's median level less the staff level: below 0, children see it lower."""
        if self.median is None or self.staff_level is None:
            return None
        return self.median - self.staff_level

    @property
    def differs(self) -> bool:
        """Children's view is a whole level or more from the staff rating."""
        difference = self.difference
        return difference is not None and abs(difference) >= 1


def _median(counts: Sequence[int]) -> float | None:
    """The median level, ``counts[level]`` children giving each: halfway between two levels
    when the middle falls between them."""
    total = sum(counts)
    if not total:
        return None

    def nth(n: int) -> int:  # the level of the n-th answer, from 0, in order
        seen = 0
        for level, count in enumerate(counts):
            seen += count
            if n < seen:
                return level
        raise IndexError(n)

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2


def _row(
    link: EvaluationQuestion, staff_level: int | None, counts: tallies.Counts
) -> ComparisonRow:
    question = link.question
    choices = list(question.choices.all())
    # Answers stand for the staff levels by their place; if staff reworded, added or moved an
    # answer in the builder, the mapping no longer holds and the row is not compared.
    comparable = question.kind == Question.Kind.SINGLE and [
        choice.label_en for choice in choices[: len(SCALE)]
    ] == [english for _level, english, _welsh in SCALE]
    levels = [counts.count(question.pk, choice.pk) for choice in choices[: len(SCALE)]]
    children = sum(levels) if comparable else 0
    if not comparable or not may_show(children):
        return ComparisonRow(
            indicator=link.indicator,
            question=question,
            staff_level=staff_level,
            comparable=comparable,
            withheld=comparable,
            answered=None,
            children=None,
            answers=[],
            median=None,
            mean=None,
        )
    answered = counts.answered(question.pk)
    answers = [
        AnswerCount(
            choice=choice,
            level=position if position < len(SCALE) else None,
            count=count,
            share=count / answered if answered else None,
        )
        for position, choice in enumerate(choices)
        for count in [counts.count(question.pk, choice.pk)]
    ]
    return ComparisonRow(
        indicator=link.indicator,
        question=question,
        staff_level=staff_level,
        comparable=True,
        withheld=False,
        answered=answered,
        children=children,
        answers=answers,
        median=_median(levels),
        mean=sum(level * count for level, count in enumerate(levels)) / children,
    )


def comparison(*, round: Round) -> list[ComparisonRow]:
    """For each indicator children were asked about, principle by principle: the staff level
    beside children's answers (how many gave each, and what share), their median and mean
    level, how many answered, and whether they differ from staff by a whole level or more.
    Empty when children have not been asked."""
    evaluation = evaluation_of(round=round)
    if evaluation is None:
        return []
    links = list(
        evaluation.questions.select_related("indicator__principle", "question").prefetch_related(
            "question__choices"
        )
    )
    staff = dict(round.ratings.values_list("indicator_id", "level"))
    counts = tallies.counts(evaluation.consultation)
    return [_row(link, staff.get(link.indicator_id), counts) for link in links]
