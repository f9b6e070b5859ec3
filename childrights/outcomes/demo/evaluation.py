"""A child-led evaluation of the demonstration council's latest self-assessment round: a closed
consultation with made-up answers from 36 children, close to the staff ratings for most
indicators and far from them for one, so the comparison page has something to show.

Every answer is invented. They go in through the same ``submit`` a child's answers do, with a
fixed pattern so each run makes the same demonstration.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from childrights.accounts.models import User
from childrights.councils.demo import demo_council
from childrights.framework.models import Indicator
from childrights.outcomes.evaluation import (
    DEFAULT_AGE_BANDS,
    SCALE,
    consultation_values,
    question_input,
    suggested_indicators,
)
from childrights.outcomes.models import ChildLedEvaluation, EvaluationQuestion, Round
from childrights.participation import tallies
from childrights.participation.demo import consultations_demo_load
from childrights.participation.models import Choice, Consultation, Question, Response
from childrights.participation.submission import Draft, submit

CHILDREN = 36
# Children's answers spread around the level they lean to: mostly on it, some a level either
# side (kept within the scale).
SPREAD = (0, 0, 0, -1, 1, 0, 0, -1, 0, 1, 0, 0)
# The indicator where children see things very differently from staff.
DISAGREE = "feedback"
# Every ninth child does not know about the indicator at this place in the list; every
# eleventh skips the question at the next place.
DONT_KNOW_EVERY, SKIP_EVERY = 9, 11
OPENED_ON = datetime.date(2026, 1, 19)
CLOSED_ON = datetime.date(2026, 2, 16)


def _lean(indicator: Indicator, staff_level: int | None) -> int:
    staff = 2 if staff_level is None else staff_level
    if indicator.slug != DISAGREE:
        return staff
    return 0 if staff >= 2 else len(SCALE) - 1


def _questions(consultation: Consultation, indicators: list[Indicator]) -> list[Question]:
    made = []
    for position, indicator in enumerate(indicators, start=1):
        values = question_input(indicator)
        question = Question.objects.create(
            consultation=consultation,
            position=position,
            kind=values.kind,
            text_en=values.text_en,
            text_cy=values.text_cy,
            required=values.required,
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=n, label_en=english, label_cy=welsh)
            for n, (english, welsh) in enumerate(
                zip(values.answers_en, values.answers_cy, strict=True), start=1
            )
        )
        made.append(question)
    return made


def _answers(
    number: int, questions: list[Question], leans: list[int]
) -> dict[str, dict[str, object]]:
    answers: dict[str, dict[str, object]] = {}
    for place, (question, lean) in enumerate(zip(questions, leans, strict=True)):
        choices = [choice.pk for choice in question.choices.all()]
        if (number + place) % SKIP_EVERY == 0:
            continue
        if (number + place) % DONT_KNOW_EVERY == 0:
            answers[str(question.pk)] = {"choices": [choices[len(SCALE)]]}
            continue
        offset = SPREAD[(number + 3 * place) % len(SPREAD)]
        level = min(len(SCALE) - 1, max(0, lean + offset))
        answers[str(question.pk)] = {"choices": [choices[level]]}
    return answers


@transaction.atomic
def evaluation_demo_load() -> str:
    council = demo_council()
    # The consultations demonstration loads only for a council with no consultation yet: make
    # sure it is there before this one is added.
    consultations_demo_load()
    latest = Round.objects.filter(council=council).order_by("-held_on", "-pk").first()
    if latest is None:
        return "no demonstration self-assessment round to evaluate"
    if ChildLedEvaluation.objects.filter(round=latest).exists():
        return "demonstration child-led evaluation already loaded"
    indicators = suggested_indicators()
    staff = dict(latest.ratings.values_list("indicator_id", "level"))
    today = timezone.localdate()
    values = consultation_values(council=council, age_bands=DEFAULT_AGE_BANDS, today=today)
    consultation = Consultation.objects.create(
        council=council,
        **values | {"opens_on": today, "closes_on": today},
        safeguarding_lead=User.objects.filter(email="safeguarding@northbrook.example").first(),
        safeguarding_deputy=User.objects.filter(
            email="deputy.safeguarding@northbrook.example"
        ).first(),
        status=Consultation.Status.OPEN,
        opened_at=timezone.now(),
    )
    evaluation = ChildLedEvaluation.objects.create(round=latest, consultation=consultation)
    questions = _questions(consultation, indicators)
    EvaluationQuestion.objects.bulk_create(
        EvaluationQuestion(evaluation=evaluation, indicator=indicator, question=question)
        for indicator, question in zip(indicators, questions, strict=True)
    )
    leans = [_lean(indicator, staff.get(indicator.pk)) for indicator in indicators]
    for number in range(CHILDREN):
        submit(
            consultation=consultation,
            draft=Draft(
                age_band=DEFAULT_AGE_BANDS[number % len(DEFAULT_AGE_BANDS)],
                answers=_answers(number, questions, leans),
            ),
            via_code=None,
        )
    tallies.fold(consultation)  # counted, so the comparison is ready to read
    # Move it into the weeks after the round, where it belongs, and close it.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=OPENED_ON,
        closes_on=CLOSED_ON,
        status=Consultation.Status.CLOSED,
        opened_at=timezone.make_aware(datetime.datetime.combine(OPENED_ON, datetime.time(9))),
        closed_at=timezone.make_aware(datetime.datetime.combine(CLOSED_ON, datetime.time(17))),
    )
    Response.objects.filter(consultation=consultation).update(
        created_at=timezone.make_aware(datetime.datetime.combine(CLOSED_ON, datetime.time(12)))
    )
    return (
        f"a demonstration child-led evaluation of {latest.name}: {len(questions)} questions, "
        f"{CHILDREN} made-up responses"
    )
