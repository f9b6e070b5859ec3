"""The managed list of optional "about you" questions a consultation can ask.

Every question is optional, and "prefer not to say" is an answer like any other: it is listed
with the rest, in the same style, never hidden or last in smaller print. The keys are what is
stored, so wording can change (and be translated) without changing anyone's answers.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PREFER_NOT_TO_SAY = "prefer-not"


@dataclass(frozen=True)
class AboutYou:
    key: str
    question: Promise
    options: tuple[tuple[str, Promise], ...]

    def label(self, value: str) -> str:
        return str(dict(self.options).get(value, value))


def _with_prefer_not(*options: tuple[str, Promise]) -> tuple[tuple[str, Promise], ...]:
    return (*options, (PREFER_NOT_TO_SAY, _("Prefer not to say")))


YES_NO = (("yes", _("Yes")), ("no", _("No")), ("not-sure", _("Not sure")))

QUESTIONS: tuple[AboutYou, ...] = (
    AboutYou(
        "gender",
        _("Which of these describes you?"),
        _with_prefer_not(
            ("girl", _("Girl or young woman")),
            ("boy", _("Boy or young man")),
            ("another", _("I describe myself another way")),
        ),
    ),
    AboutYou(
        "ethnicity",
        _("What is your ethnic group?"),
        _with_prefer_not(
            ("white", _("White")),
            ("mixed", _("Mixed or multiple ethnic groups")),
            ("asian", _("Asian or Asian British")),
            ("black", _("Black, Black British, Caribbean or African")),
            ("other", _("Another ethnic group")),
        ),
    ),
    AboutYou(
        "disability",
        _("Do you have a disability or a long-term health condition?"),
        _with_prefer_not(*YES_NO),
    ),
    AboutYou(
        "care",
        _("Are you, or have you been, in care?"),
        _with_prefer_not(*YES_NO),
    ),
    AboutYou(
        "young_carer",
        _("Do you look after someone in your family who is ill, disabled or needs help?"),
        _with_prefer_not(*YES_NO),
    ),
    AboutYou(
        "first_language",
        _("What language do you speak most at home?"),
        _with_prefer_not(
            ("english", _("English")),
            ("welsh", _("Welsh")),
            ("english-welsh", _("English and Welsh")),
            ("other", _("Another language")),
        ),
    ),
    AboutYou(
        "area",
        _("Which part of the area do you live in?"),
        _with_prefer_not(
            ("north", _("North")),
            ("south", _("South")),
            ("east", _("East")),
            ("west", _("West")),
            ("centre", _("Town centre")),
            ("outside", _("Outside the area")),
        ),
    ),
)

BY_KEY = {question.key: question for question in QUESTIONS}


def choices() -> list[tuple[str, Promise]]:
    """For the consultation form: which "about you" questions to ask."""
    return [(question.key, question.question) for question in QUESTIONS]
