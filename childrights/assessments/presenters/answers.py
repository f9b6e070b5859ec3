"""Answers of an impact assessment as people read them, in the page's language.

``AnswerFormatter`` turns the stored answer of each of a template's question kinds (text,
choice, yes or no, date, evidence, groups of children and impacts) into lines of text, naming
the rows of an impacts table ("Article N: title", a principle or a strand). ``version_answers``
lays out a version's answers stage by stage for the sign-off and version pages; the workflow's
history and review, and the editor, use the formatter for single answers.
"""

import datetime
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from childrights.assessments import answers
from childrights.assessments.models import AssessmentVersion, Template
from childrights.assessments.vocab import (
    DIRECTNESS,
    EVIDENCE_KINDS,
    GROUPS,
    IMPACTS,
    ROW_SETS,
    TERMS,
)
from childrights.framework.models import Article, Principle


@dataclass(frozen=True)
class Line:
    """One line of an answer as people read it; ``lang`` when it is in a set language."""

    text: str
    lang: str = ""


@dataclass(frozen=True)
class AnswerShown:
    label: str
    lines: list[Line]


@dataclass(frozen=True)
class StageShown:
    key: str
    title: str
    answers: list[AnswerShown]


def _welsh() -> bool:
    return (get_language() or "").startswith("cy")


def _pick(texts: Any) -> str:
    if not isinstance(texts, Mapping):
        return str(texts or "")
    return str((texts.get("cy") if _welsh() else None) or texts.get("en") or "")


class AnswerFormatter:
    """Answers of one template as lines of text, in the page's language."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self._articles: dict[int, Article] | None = None
        self._principles: dict[str, Principle] | None = None
        self.questions = {question.key: question for question in answers.questions(template)}

    def label(self, key: str) -> str:
        question = self.questions.get(key)
        return question.label(get_language() or "en") if question else key

    def lines(self, key: str, value: Any) -> list[Line]:
        if answers.is_empty(value):
            return [Line(_("Not answered"))]
        question = self.questions.get(key)
        try:
            shown = self._lines(question, value) if question else None
        except (AttributeError, TypeError, ValueError):
            shown = None
        return shown or [Line(json.dumps(value, ensure_ascii=False))]

    def _lines(self, question: answers.Question, value: Any) -> list[Line]:
        kind = question.kind
        if kind == "text":
            if isinstance(value, Mapping):
                return [
                    Line(str(value[code]), code)
                    for code in ("en", "cy")
                    if str(value.get(code, "")).strip()
                ]
            return [Line(str(value))]
        if kind == "choice":
            for option in question.definition.get("options", []):
                if option.get("key") == value:
                    return [Line(_pick(option.get("label")) or str(value))]
            return [Line(str(value))]
        if kind == "yes_no":
            answer = {"yes": _("Yes"), "no": _("No")}.get(value.get("answer"), "")
            return [Line(answer), *([Line(value["reasons"])] if value.get("reasons") else [])]
        if kind == "date":
            return [Line(date_format(datetime.date.fromisoformat(str(value)), "j F Y"))]
        if kind == "evidence":
            return [self._evidence(item) for item in value]
        if kind == "groups":
            shown = [Line(self._group(key)) for key in value.get("selected", [])]
            other = str(value.get("other", "")).strip()
            return shown + ([Line(_("Other: %(groups)s") % {"groups": other})] if other else [])
        if kind == "impacts":
            return [
                line for row, cell in value.items() for line in self._impact(question, row, cell)
            ]
        return []

    def _evidence(self, item: Mapping[str, Any]) -> Line:
        kind = EVIDENCE_KINDS.get(str(item.get("kind")), "")
        text = f"{kind}: {item.get('description', '')}" if kind else str(item.get("description"))
        link = str(item.get("link") or "")
        return Line(f"{text} ({link})" if link else text)

    @staticmethod
    def _group(key: str) -> str:
        """A shipped group's name; a council's own groups are kept by their name."""
        return str(GROUPS[key]) if key in GROUPS else key

    def _impact(self, question: answers.Question, row: str, cell: Mapping[str, Any]) -> list[Line]:
        parts = [
            str(vocab[str(cell.get(name))])
            for name, vocab in (("impact", IMPACTS), ("directness", DIRECTNESS), ("term", TERMS))
            if str(cell.get(name)) in vocab
        ]
        shown = [Line(f"{self.row_label(question.rows, row)}: {', '.join(parts)}")]
        if str(cell.get("explanation", "")).strip():
            shown.append(Line(str(cell["explanation"])))
        if str(cell.get("mitigation", "")).strip():
            shown.append(Line(_("Mitigation: %(text)s") % {"text": cell["mitigation"]}))
        return shown

    def row_label(self, rows: str, key: str) -> str:
        if rows == "uncrc":
            if self._articles is None:
                self._articles = {article.number: article for article in Article.objects.all()}
            article = self._articles.get(int(key)) if str(key).isdigit() else None
            title = _pick({"en": article.title_en, "cy": article.title_cy}) if article else ""
            return (
                _("Article %(number)s: %(title)s") % {"number": key, "title": title}
                if title
                else _("Article %(number)s") % {"number": key}
            )
        if rows == "principles":
            if self._principles is None:
                self._principles = {p.slug: p for p in Principle.objects.all()}
            principle = self._principles.get(key)
            return _pick({"en": principle.name_en, "cy": principle.name_cy}) if principle else key
        return str(ROW_SETS.get(rows, {}).get(key, key))


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
                title=_pick(stage.get("title")),
                answers=[
                    AnswerShown(formatter.label(k), formatter.lines(k, version.answers.get(k)))
                    for k in keys
                ],
            )
        )
    return shown
