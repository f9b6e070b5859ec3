"""The language a child answers in and the words each child is asked in: easy-read or for their
age band, in the page's language alone; and their answers read back to them."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from childrights.core import language
from childrights.core.presenters import localised
from childrights.participation.models import Consultation, Question, Wording
from childrights.participation.submission import Draft

# --- language ----------------------------------------------------------------------------------


def answer_language() -> str:
    """The language the child is answering in, as a response records it ("en" or "cy"): the
    page's, which the consultation's languages and the child's choice have set."""
    return language.page_language()


def page_language(consultation: Consultation) -> str | None:
    """The one language a single-language consultation is shown in; None when the child may
    choose (the site's language switch decides)."""
    if consultation.languages == Consultation.Languages.WELSH:
        return "cy"
    if consultation.languages == Consultation.Languages.ENGLISH:
        return "en-gb"
    return None


# --- the words a child is asked in -------------------------------------------------------------


@dataclass(frozen=True)
class Asked:
    text: str
    hint: str


def _in_language(source: Any, field: str) -> str:
    """A wording's words in the child's language alone: none when it has none in it."""
    return str(getattr(source, f"{field}_{answer_language()}", "") or "")


def wording_for(question: Question, *, age_band: str, easy_read: bool) -> Asked:
    """Easy-read words if the child chose them and there are some, else the words for the
    child's age band, else the shared core. A wording with no text in the page's language is
    passed over rather than shown in the other language."""
    wordings = {wording.audience: wording for wording in question.wordings.all()}
    candidates: list[Any] = []
    if easy_read and Wording.EASY_READ in wordings:
        candidates.append(wordings[Wording.EASY_READ])
    if age_band in wordings:
        candidates.append(wordings[age_band])
    for candidate in candidates:
        if _in_language(candidate, "text"):
            return Asked(_in_language(candidate, "text"), _in_language(candidate, "hint"))
    return Asked(localised(question, "text"), localised(question, "hint"))


def offers_easy_read(questions: Iterable[Question]) -> bool:
    return any(
        wording.audience == Wording.EASY_READ
        for question in questions
        for wording in question.wordings.all()
    )


def answer_lines(question: Question, answer: dict[str, Any] | None) -> list[str]:
    """A child's answer as lines to read back to them on the check page (ranked: in order)."""
    if not answer:
        return []
    if question.kind == Question.Kind.TEXT:
        text = str(answer.get("text") or "")
        return [text] if text.strip() else []
    labels = {choice.pk: localised(choice, "label") for choice in question.choices.all()}
    return [labels[pk] for pk in answer.get("choices") or [] if pk in labels]


def drop_unknown_answers(draft: Draft, questions: list[Question]) -> None:
    """Forget answers to questions that are no longer in the consultation."""
    known = {str(question.pk) for question in questions}
    draft.answers = {key: value for key, value in draft.answers.items() if key in known}
