"""The pages of one consultation in order: age, privacy, one per question, "about you", name and
the check page."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from childrights.participation import about_you, submission
from childrights.participation.about_you import AboutYou
from childrights.participation.models import AgeBand, Consultation, Question

PREFER_NOT_TO_SAY = about_you.PREFER_NOT_TO_SAY


@dataclass(frozen=True)
class Step:
    """One page of the journey. ``key`` is what the page's address carries (``?step=``)."""

    key: str
    kind: str  # "age", "privacy", "question", "about", "name" or "check"
    question: Question | None = None
    about: AboutYou | None = None
    number: int = 0
    of: int = 0


questions_of = submission.questions_of


def steps_for(consultation: Consultation, questions: list[Question]) -> list[Step]:
    asked_about = [
        about_you.BY_KEY[key] for key in consultation.about_you if key in about_you.BY_KEY
    ]
    steps = [Step("age", "age"), Step("privacy", "privacy")]
    steps += [
        Step(f"q-{question.pk}", "question", question=question, number=n, of=len(questions))
        for n, question in enumerate(questions, start=1)
    ]
    steps += [
        Step(f"about-{about.key}", "about", about=about, number=n, of=len(asked_about))
        for n, about in enumerate(asked_about, start=1)
    ]
    if consultation.identified:
        steps.append(Step("name", "name"))
    steps.append(Step("check", "check"))
    return steps


def age_bands_of(consultation: Consultation) -> list[tuple[str, str]]:
    """The consultation's own age bands, youngest first, then "prefer not to say"."""
    bands = [
        (value, str(label)) for value, label in AgeBand.choices if value in consultation.age_bands
    ]
    return [*bands, (PREFER_NOT_TO_SAY, _("Prefer not to say"))]


def privacy_notice(age_band: str) -> str:
    """Which privacy notice a child reads: the one for their age band, or the general one."""
    return age_band if age_band in AgeBand.values else "general"
