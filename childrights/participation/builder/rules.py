"""What the builder's writes allow and refuse: how many answers each kind of question takes
and the standard answers that compare across consultations, the fields that freeze at
opening, the refusals, the inputs the writes take, and the row locks each write starts with.
"""

from dataclasses import dataclass
from typing import Any

from childrights.accounts.models import User
from childrights.core.actors import Actor
from childrights.participation.models import Consultation, Question

# What a child can be asked: the number of answers each kind of question takes.
MIN_ANSWERS = 2
MAX_ANSWERS = {Question.Kind.SINGLE: 10, Question.Kind.MULTIPLE: 10, Question.Kind.RANKING: 6}
WRITTEN_ANSWERS = frozenset(MAX_ANSWERS)

# Faces and yes/no questions always offer the same answers, so they compare across
# consultations. These are stored as data in both languages, like any other answer.
STANDARD_ANSWERS: dict[str, tuple[tuple[str, str, str], ...]] = {
    Question.Kind.FACES: (
        ("Very unhappy", "Anhapus iawn", "😞"),
        ("Unhappy", "Anhapus", "🙁"),
        ("Neither happy nor unhappy", "Ddim yn hapus nac yn anhapus", "😐"),
        ("Happy", "Hapus", "🙂"),
        ("Very happy", "Hapus iawn", "😀"),
    ),
    Question.Kind.YES_NO: (
        ("Yes", "Ie", ""),
        ("No", "Na", ""),
        ("Not sure", "Ddim yn siŵr", ""),
    ),
}

# Fields that change what children are asked or what is kept about them.
FROZEN_WHEN_OPEN = ("age_bands", "languages", "about_you", "identified")
CONSULTATION_FIELDS = (
    "title_en",
    "title_cy",
    "purpose_en",
    "purpose_cy",
    "pilot",
    "about_en",
    "about_cy",
    "age_bands",
    "languages",
    "opens_on",
    "closes_on",
    "identified",
    "identified_reason",
    "safeguarding_lead",
    "safeguarding_deputy",
    "about_you",
    "responses_limit",
)
CODE_ATTEMPTS = 5


class NotADraft(Exception):
    """The change is refused: the consultation is no longer a draft."""


class ConsultationClosed(Exception):
    """The consultation has closed: no new access codes."""


class NotOpen(Exception):
    """Only an open consultation can be closed."""


@dataclass(frozen=True)
class QuestionInput:
    kind: str
    text_en: str
    text_cy: str
    hint_en: str
    hint_cy: str
    required: bool
    answers_en: tuple[str, ...] = ()
    answers_cy: tuple[str, ...] = ()


@dataclass(frozen=True)
class WordingInput:
    audience: str
    text_en: str
    text_cy: str
    hint_en: str
    hint_cy: str

    @property
    def is_empty(self) -> bool:
        return not any((self.text_en, self.text_cy, self.hint_en, self.hint_cy))


# --- helpers ------------------------------------------------------------------------------


def _same(given: Any, stored: Any) -> bool:
    """Equal values; lists (age bands, "about you" keys) compare whatever their order."""
    if isinstance(given, list | tuple) and isinstance(stored, list | tuple):
        return sorted(given) == sorted(stored)
    return bool(given == stored)


def _lock(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update().select_related("council").get(pk=consultation.pk)
    )


def _lock_draft(consultation: Consultation) -> Consultation:
    locked = _lock(consultation)
    if locked.status != Consultation.Status.DRAFT:
        raise NotADraft
    return locked


def _user(actor: Actor) -> User | None:
    return actor.person if isinstance(actor.person, User) else None
