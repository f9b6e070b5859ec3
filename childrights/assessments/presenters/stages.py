"""A version's answers stage by stage (the screening, the full assessment, the review), in
the page's language: as lines of text for the staff's sign-off, version and closing pages, and
as the paragraphs, lists and tables of the public page and the PDF. Each answer is shown by
``presenters.answers``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from childrights.assessments import answers
from childrights.assessments.models import Assessment, AssessmentVersion, Review
from childrights.assessments.presenters.answers import (
    AnswerFormatter,
    AnswerShown,
    DocumentAnswer,
    RowNames,
    definition_text,
    document_answer,
)
from childrights.core.language import Text, pair_text


@dataclass(frozen=True)
class StageShown:
    key: str
    title: str
    answers: list[AnswerShown]


def review_answers(assessment: Assessment) -> list[AnswerShown]:
    """The review's answers so far, as lines of text: those given, in the order asked."""
    review = Review.objects.filter(assessment=assessment).first()
    if review is None:
        return []
    formatter = AnswerFormatter(assessment.template)
    return [
        AnswerShown(formatter.label(question.key), formatter.lines(question.key, value))
        for question in answers.questions(assessment.template, "review")
        if not answers.is_empty(value := review.answers.get(question.key))
    ]


def version_answers(version: AssessmentVersion, *, stages: Iterable[str] = ()) -> list[StageShown]:
    """The answers of a version by stage, as people read them. The full stage shows only when
    the screening found a full assessment needed or it has answers."""
    assessment = version.assessment
    formatter = AnswerFormatter(assessment.template)
    wanted = set(stages) or {"screening", "full"}
    shown = []
    for stage in assessment.template.definition["stages"]:
        key = stage["key"]
        if key not in wanted:
            continue
        keys = [question.key for question in answers.questions(assessment.template, key)]
        if (
            key == "full"
            and not answers.full_assessment_needed(version.answers)
            and all(answers.is_empty(version.answers.get(k)) for k in keys)
        ):
            continue
        shown.append(
            StageShown(
                key=key,
                title=pair_text(stage.get("title")).text,
                answers=[
                    AnswerShown(formatter.label(k), formatter.lines(k, version.answers.get(k)))
                    for k in keys
                ],
            )
        )
    return shown


@dataclass
class DocumentStage:
    key: str
    title: Text
    answers: list[DocumentAnswer]
    note: str = ""


def _document_stage(
    assessment: Assessment, key: str, values: dict[str, Any], names: RowNames
) -> DocumentStage | None:
    for stage in assessment.template.definition.get("stages", []):
        if stage.get("key") == key:
            return DocumentStage(
                key=key,
                title=definition_text(stage, "title"),
                answers=[
                    document_answer(question, values.get(question.key), names, assessment)
                    for question in answers.questions(assessment.template, key)
                ],
            )
    return None


def version_stages(version: AssessmentVersion) -> list[DocumentStage]:
    """Screening and full assessment, as answered in this version, in the active language."""
    assessment = version.assessment
    names = RowNames()
    values = version.answers or {}
    shown = []
    screening = _document_stage(assessment, "screening", values, names)
    if screening:
        shown.append(screening)
    full = _document_stage(assessment, "full", values, names)
    if (
        full
        and answers.full_assessment_needed(values) is False
        and not any(answer.answered for answer in full.answers)
    ):
        full.answers = []
        full.note = _("The screening found that a full assessment was not needed.")
    if full:
        shown.append(full)
    return shown


def completed_review(assessment: Assessment) -> tuple[Review, DocumentStage] | None:
    """The review after implementation, once it has been completed."""
    review = Review.objects.filter(assessment=assessment, completed_at__isnull=False).first()
    if review is None:
        return None
    stage = _document_stage(assessment, "review", review.answers or {}, RowNames())
    return (review, stage) if stage else None
