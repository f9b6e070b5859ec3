"""Factories for consultations: one valid, open consultation with every kind of question."""

import datetime
from typing import Any

from django.utils import timezone

from childrights.accounts.models import User
from childrights.councils.models import Council
from childrights.participation.models import AccessCode, Choice, Consultation, Question
from childrights.participation.submission import Draft, Receipt, submit
from childrights.testing.factories import make_user

FACES = ["😞", "🙁", "😐", "🙂", "😀"]


def make_safeguarding_lead(council: Council, **overrides: Any) -> User:
    return make_user(role="safeguarding-lead", council=council, **overrides)


def make_consultation(
    *, council: Council, questions: bool = True, **overrides: Any
) -> Consultation:
    today = timezone.localdate()
    fields: dict[str, Any] = {
        "title_en": "Our parks",
        "title_cy": "Ein parciau",
        "purpose_en": "Tell us what you think of the parks near you.",
        "purpose_cy": "Dywed wrthym beth rwyt ti'n ei feddwl o'r parciau.",
        "age_bands": ["8-11", "12-15"],
        "languages": Consultation.Languages.BOTH,
        "opens_on": today - datetime.timedelta(days=1),
        "closes_on": today + datetime.timedelta(days=30),
        "status": Consultation.Status.OPEN,
        "about_you": ["gender", "care"],
    }
    fields.update(overrides)
    if "safeguarding_lead" not in fields:
        fields["safeguarding_lead"] = make_safeguarding_lead(council)
    if "safeguarding_deputy" not in fields:
        fields["safeguarding_deputy"] = make_safeguarding_lead(council)
    consultation = Consultation.objects.create(council=council, **fields)
    if questions:
        add_questions(consultation)
    return consultation


def add_questions(consultation: Consultation) -> dict[str, Question]:
    """One question of every kind, in the order a child meets them."""

    def question(kind: str, text: str, text_cy: str, choices: list[tuple[str, str]]) -> Question:
        made = Question.objects.create(
            consultation=consultation,
            position=consultation.questions.count() + 1,
            kind=kind,
            text_en=text,
            text_cy=text_cy,
        )
        for position, (label, label_cy) in enumerate(choices, start=1):
            Choice.objects.create(
                question=made,
                position=position,
                label_en=label,
                label_cy=label_cy,
                face=FACES[position - 1] if kind == Question.Kind.FACES else "",
            )
        return made

    return {
        "single": question(
            "single",
            "Which park do you go to most?",
            "Pa barc rwyt ti'n mynd iddo fwyaf?",
            [("Riverside", "Glan yr afon"), ("Hill Top", "Pen y bryn"), ("None", "Dim un")],
        ),
        "faces": question(
            "faces",
            "How do you feel about your park?",
            "Sut rwyt ti'n teimlo am dy barc?",
            [
                ("Very unhappy", "Anhapus iawn"),
                ("Unhappy", "Anhapus"),
                ("Not sure", "Ddim yn siŵr"),
                ("Happy", "Hapus"),
                ("Very happy", "Hapus iawn"),
            ],
        ),
        "multiple": question(
            "multiple",
            "What would make it better?",
            "Beth fyddai'n ei wneud yn well?",
            [("Swings", "Siglenni"), ("Toilets", "Toiledau"), ("Lights", "Goleuadau")],
        ),
        "yes_no": question(
            "yes_no",
            "Do you feel safe there?",
            "Wyt ti'n teimlo'n ddiogel yno?",
            [("Yes", "Ydw"), ("No", "Nac ydw"), ("Not sure", "Ddim yn siŵr")],
        ),
        "ranking": question(
            "ranking",
            "Put these in order, most important first",
            "Rho'r rhain mewn trefn, y pwysicaf yn gyntaf",
            [("Play", "Chwarae"), ("Sport", "Chwaraeon"), ("Quiet", "Tawelwch")],
        ),
        "text": question(
            "text",
            "Is there anything else you want to tell us?",
            "Oes unrhyw beth arall rwyt ti eisiau ei ddweud wrthym?",
            [],
        ),
    }


def make_access_code(*, consultation: Consultation, **overrides: Any) -> AccessCode:
    fields: dict[str, Any] = {"group_name": "Year 6, Hillside Primary"}
    fields.update(overrides)
    return AccessCode.objects.create(consultation=consultation, **fields)


def answers_for(consultation: Consultation, *, text: str = "", pick: int = 0) -> dict[str, Any]:
    """A complete set of answers: choice number ``pick`` wherever there is a choice."""
    answers: dict[str, Any] = {}
    for question in consultation.questions.prefetch_related("choices"):
        choices = [choice.pk for choice in question.choices.all()]
        if question.kind == Question.Kind.TEXT:
            if text:
                answers[str(question.pk)] = {"text": text}
        elif question.kind == Question.Kind.RANKING:
            answers[str(question.pk)] = {"choices": choices[pick:] + choices[:pick]}
        elif question.kind == Question.Kind.MULTIPLE:
            answers[str(question.pk)] = {"choices": choices[: pick + 1]}
        else:
            answers[str(question.pk)] = {"choices": [choices[pick % len(choices)]]}
    return answers


def make_response(
    *,
    consultation: Consultation,
    text: str = "",
    pick: int = 0,
    age_band: str = "8-11",
    profile: dict[str, str] | None = None,
    access_code: AccessCode | None = None,
) -> Receipt:
    draft = Draft(
        age_band=age_band,
        answers=answers_for(consultation, text=text, pick=pick),
        profile=profile or {},
        access_code_id=access_code.pk if access_code else None,
    )
    return submit(consultation=consultation, draft=draft, via_code=access_code)
