"""Reading a template's questions and checking answers against them.

Answer shapes, by question kind (what ``AssessmentVersion.answers[key]`` holds):

- text: a string, or ``{"en": str, "cy": str}`` when the template (or question) is bilingual
- choice: an option key
- yes_no: ``{"answer": "yes" | "no", "reasons": str}``
- date: ``"YYYY-MM-DD"``
- evidence: a list of ``{"kind": "quantitative" | "qualitative", "description": str,
  "link": str, "consultation_id": int | None}``
- groups: ``{"selected": [group keys], "other": str}``
- impacts: ``{row key: {"impact", "directness", "term", "explanation", "mitigation"}}`` where a
  row key is an article number ("12"), a principle slug, or a key of ``vocab.ROW_SETS``
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from childrights.assessments.models import Template
from childrights.assessments.vocab import DIRECTNESS, IMPACTS, TERMS
from childrights.core.language import field_text, pair_text
from childrights.core.problems import Problem
from childrights.framework.models import Article


@dataclass(frozen=True)
class Question:
    stage: str
    key: str
    kind: str
    definition: dict[str, Any]

    @property
    def required(self) -> bool:
        return bool(self.definition.get("required"))

    @property
    def rows(self) -> str:
        return str(self.definition.get("rows", ""))

    def label(self, language: str | None = None) -> str:
        """The question's words in ``language``, the page's when it is not given."""
        return pair_text(self.definition.get("label"), language=language).text

    def hint(self) -> str:
        """The question's hint in the page's language, "" when it has none."""
        return pair_text(self.definition.get("hint")).text


def questions(template: Template, stage: str | None = None) -> Iterator[Question]:
    for each in template.definition["stages"]:
        if stage is None or each["key"] == stage:
            for question in each.get("questions", []):
                yield Question(each["key"], question["key"], question["kind"], question)


def is_bilingual(template: Template, question: Question) -> bool:
    return bool(question.definition.get("bilingual", template.bilingual))


def is_empty(value: Any) -> bool:
    if value in (None, "", [], {}):
        return True
    if isinstance(value, dict) and set(value) <= {"en", "cy"}:
        return not any(str(text).strip() for text in value.values())
    if isinstance(value, dict) and "answer" in value:
        return not value.get("answer")
    if isinstance(value, dict) and "selected" in value:
        return not value.get("selected") and not str(value.get("other", "")).strip()
    return False


def answer_problems(template: Template, question: Question, value: Any) -> list[str]:
    """What is wrong with one answer (empty when it is right or, if optional, missing)."""
    label = question.label("en")
    if is_empty(value):
        return [_("Answer “%(question)s”") % {"question": label}] if question.required else []
    kind = question.kind
    if kind == "text":
        if is_bilingual(template, question):
            if not isinstance(value, dict) or not all(
                str(value.get(code, "")).strip() for code in ("en", "cy")
            ):
                return [_("Answer “%(question)s” in English and in Welsh") % {"question": label}]
        elif not isinstance(value, str):
            return [_("Answer “%(question)s”") % {"question": label}]
    elif kind == "choice":
        options = {option["key"] for option in question.definition.get("options", [])}
        if value not in options:
            return [_("Choose an answer to “%(question)s”") % {"question": label}]
    elif kind == "yes_no":
        if value.get("answer") not in {"yes", "no"}:
            return [_("Answer yes or no to “%(question)s”") % {"question": label}]
        if not str(value.get("reasons", "")).strip():
            return [_("Give your reasons for “%(question)s”") % {"question": label}]
    elif kind == "date":
        try:
            datetime.date.fromisoformat(str(value))
        except ValueError:
            return [_("Enter a real date for “%(question)s”") % {"question": label}]
    elif kind == "impacts":
        return impact_problems(question, value)
    return []


def impact_problems(question: Question, value: dict[str, Any]) -> list[str]:
    problems = []
    for row, cell in value.items():
        if cell.get("impact") not in IMPACTS:
            problems.append(_("Choose the impact for %(row)s") % {"row": row})
            continue
        if cell.get("impact") == "none":
            continue
        if cell.get("directness") not in DIRECTNESS or cell.get("term") not in TERMS:
            problems.append(
                _("Say whether the impact on %(row)s is direct or indirect, and its term")
                % {"row": row}
            )
        if not str(cell.get("explanation", "")).strip():
            problems.append(_("Explain the impact on %(row)s") % {"row": row})
    return problems


def unmitigated(template: Template, answers: dict[str, Any]) -> list[tuple[Question, str]]:
    """Every negative impact without a mitigation: (question, row key)."""
    found = []
    for question in questions(template):
        if question.kind != "impacts":
            continue
        for row, cell in (answers.get(question.key) or {}).items():
            if cell.get("impact") == "negative" and not str(cell.get("mitigation", "")).strip():
                found.append((question, row))
    return found


def full_assessment_needed(answers: dict[str, Any]) -> bool | None:
    """The screening's conclusion: True, False, or None when not yet answered."""
    answer = (answers.get("full_needed") or {}).get("answer")
    return None if answer not in {"yes", "no"} else answer == "yes"


def stage_problems(template: Template, stage: str, answers: dict[str, Any]) -> list[str]:
    return [
        problem
        for question in questions(template, stage)
        for problem in answer_problems(template, question, answers.get(question.key))
    ]


def sign_off_problems(
    template: Template, answers: dict[str, Any], *, stage_url: Callable[[str], str] | None = None
) -> list[str]:
    """Why a version cannot go to sign-off yet: the screening (and, when it concludes a full
    assessment is needed, the full assessment) complete, and every negative impact mitigated.
    With ``stage_url`` (a stage's editing page) each problem links to the question to answer."""

    def at(stage: str, anchor: str) -> str:
        return f"{stage_url(stage)}#{anchor}" if stage_url else ""

    stages = ["screening"] + (["full"] if full_assessment_needed(answers) else [])
    problems: list[str] = [
        Problem(problem, at(stage, f"q-{question.key}"))
        for stage in stages
        for question in questions(template, stage)
        for problem in answer_problems(template, question, answers.get(question.key))
    ]
    missing = unmitigated(template, answers)
    articles = {
        str(article.number): article
        for article in Article.objects.filter(
            number__in=[int(row) for _question, row in missing if row.isdigit()]
        )
    }
    for question, row in missing:
        article = articles.get(row)
        where = at("full", f"id_{question.key}__{row}__mitigation")
        if article is None:
            text = _("Add a mitigation for the negative impact on %(row)s (%(question)s)") % {
                "row": row,
                "question": question.label("en"),
            }
        else:
            text = _(
                "Add a mitigation for the negative impact on article %(number)s (%(title)s)"
            ) % {"number": article.number, "title": field_text(article, "title").text}
        problems.append(Problem(text, where))
    return problems
